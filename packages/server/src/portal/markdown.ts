/**
 * A minimal, safe Markdown-to-HTML for the methodology page: headings,
 * paragraphs, lists, tables, fenced code, inline code, emphasis and links.
 * Every piece of text is escaped first; only the tags this renderer writes
 * reach the page. Links to other files of the repository keep their text
 * only; http(s) links stay links.
 */
import { escapeHtml } from "./html.ts";

function inline(text: string): string {
  const codes: string[] = [];
  // Inline code first, so nothing inside it is read as emphasis or a link.
  let out = text.replace(/`([^`]+)`/g, (_m, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  // Backslash escapes (\*, \_): kept as literal characters, out of the emphasis rules.
  const literals: string[] = [];
  out = out.replace(/\\([\\`*_[\]|#])/g, (_m, c: string) => {
    literals.push(c);
    return `\uE001${literals.length - 1}\uE001`;
  });
  out = escapeHtml(out);
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) =>
    /^https?:\/\//.test(href) ? `<a href="${href}">${label}</a>` : label,
  );
  out = out.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
  out = out.replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>");
  out = out.replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, "$1<em>$2</em>");
  return out
    .replace(/\uE000(\d+)\uE000/g, (_m, i: string) => codes[Number(i)] ?? "")
    .replace(/\uE001(\d+)\uE001/g, (_m, i: string) => escapeHtml(literals[Number(i)] ?? ""));
}

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());
}

const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** The HTML of a Markdown text; the first heading level becomes `shift + 1` (the page has its own h1). */
export function markdownToHtml(markdown: string, shift = 1): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = /^```/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i] ?? "")) body.push(lines[i++] ?? "");
      i++;
      out.push(`<pre><code>${escapeHtml(body.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, (heading[1]?.length ?? 1) + shift);
      out.push(`<h${level}>${inline(heading[2] ?? "")}</h${level}>`);
      i++;
      continue;
    }
    if (line.trim().startsWith("|") && TABLE_RULE.test(lines[i + 1] ?? "")) {
      const head = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] ?? "").trim().startsWith("|"))
        rows.push(cells(lines[i++] ?? ""));
      out.push(
        `<div class="tabla"><table><thead><tr>${head.map((c) => `<th scope="col">${inline(c)}</th>`).join("")}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`)
          .join("")}</tbody></table></div>`,
      );
      continue;
    }
    const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2] ?? "");
      const items: string[] = [];
      while (i < lines.length) {
        const m = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(lines[i] ?? "");
        if (m) {
          items.push(m[3] ?? "");
          i++;
        } else if (/^\s{2,}\S/.test(lines[i] ?? "") && items.length > 0) {
          items[items.length - 1] += ` ${(lines[i] ?? "").trim()}`;
          i++;
        } else break;
      }
      const tag = ordered ? "ol" : "ul";
      out.push(`<${tag}>${items.map((t) => `<li>${inline(t)}</li>`).join("")}</${tag}>`);
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? "").trim() !== "" &&
      !/^(#{1,6}\s|```|\s*([-*]|\d+\.)\s)/.test(lines[i] ?? "") &&
      !((lines[i] ?? "").trim().startsWith("|") && TABLE_RULE.test(lines[i + 1] ?? ""))
    ) {
      para.push((lines[i++] ?? "").trim());
    }
    if (para.length === 0) {
      // A line no block claims (a lone "|" row): shown as text.
      para.push((lines[i++] ?? "").trim());
    }
    out.push(`<p>${inline(para.join(" "))}</p>`);
  }
  return out.join("\n");
}
