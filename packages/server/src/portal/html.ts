/**
 * A minimal HTML layer for the public portal: a tagged template that escapes
 * every interpolated value unless it is already `Html` (built by the same
 * template), so text from a plan or a report can never become markup.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

/** `html\`<p>${text}</p>\``: interpolations are escaped; arrays are joined; null/false/undefined vanish. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < parts.length; i++) out += render(parts[i] as Part) + (strings[i + 1] ?? "");
  return new Html(out);
}

/** Markup produced elsewhere and already safe (the Markdown renderer's output, JSON-LD). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** JSON inside `<script type="application/ld+json">`: `<` escaped so no text can close the element. */
export function jsonLd(value: unknown): Html {
  const json = JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
  return new Html(`<script type="application/ld+json">${json}</script>`);
}
