/**
 * What a workbook holds as a spreadsheet program would run or show it: the
 * formulas of its sheets (`<f>` elements) and every text of its cells
 * (shared strings and inline strings), read from the zip's XML — not through
 * exceljs, so a formula exceljs would hide cannot hide here.
 */
import { inflateEntry, readZipEntries } from "../files/zip-entries.ts";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? all;
  });
}

export function workbookTexts(bytes: Uint8Array): { formulas: string[]; texts: string[] } {
  const formulas: string[] = [];
  const texts: string[] = [];
  for (const entry of readZipEntries(bytes)) {
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    const shared = entry.name === "xl/sharedStrings.xml";
    if (!sheet && !shared) continue;
    const xml = inflateEntry(bytes, entry, 256 * 1024 * 1024).toString("utf8");
    if (sheet)
      for (const match of xml.matchAll(/<(?:\w+:)?f\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/g))
        formulas.push(unescapeXml(match[1] ?? ""));
    // One text per string item: rich text runs joined.
    for (const item of xml.matchAll(/<(?:\w+:)?(si|is)>([\s\S]*?)<\/(?:\w+:)?\1>/g)) {
      const runs = [
        ...(item[2] ?? "").matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g),
      ];
      texts.push(unescapeXml(runs.map((r) => r[1] ?? "").join("")));
    }
  }
  return { formulas, texts };
}
