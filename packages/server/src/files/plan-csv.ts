/**
 * The matriz de formulación as one flat CSV (planToFlatRows): one row per
 * indicator, with the plan's and the objective's columns repeated. Written as
 * a Spanish Excel saves it — `;` between fields, decimal comma, UTF-8 with
 * BOM, CRLF — and read with `;` or `,` (detected from the header; a `,` file
 * has decimal points). Texts come protected against formula injection from
 * the matrix; csvCell quotes them and would guard them again.
 */
import type { MatrixProblem, Plan } from "@rumbo/core";
import {
  type Cell,
  flatRowsToPlan,
  type MatrixReadResult,
  plainDecimal,
  planToFlatRows,
} from "@rumbo/core";
import { CsvError, parse } from "csv-parse/sync";
import { csvCell } from "./csv-writer.ts";
import { decodeSpreadsheetText } from "./text-bytes.ts";
import { cellLimitProblems, csvLineLimitProblems } from "./upload-limits.ts";

export function writePlanCsv(plan: Plan): string {
  const lines = planToFlatRows(plan).map((row) => row.map(csvField).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A number with decimal comma and no exponent (1e-7 → 0,0000001): exact, and what Excel reads. */
function csvField(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return plainDecimal(cell).replace(".", ",");
  return csvCell(cell);
}

/** The text of a CSV's bytes: UTF-16, UTF-8 or Windows-1252 (text-bytes.ts). */
export function decodeCsvBytes(bytes: Uint8Array): string {
  return decodeSpreadsheetText(bytes);
}

/** `;` when the header line has more semicolons than commas (outside quotes). */
export function detectSeparator(text: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ";") semicolons++;
    else if (!quoted && char === ",") commas++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * The records of a CSV text, each line one record (blank lines kept), with
 * the separator it uses; or the problems that refuse it: too many lines
 * (counted before parsing), quotes that do not close, too many or too long
 * cells. `subject` starts the quote message («matriz.csv »; "" for none).
 * Shared by the plan matriz and the bulk load of reports.
 */
export function parseCsvRecords(
  text: string,
  subject: string,
):
  | { ok: true; records: string[][]; separator: "," | ";" }
  | { ok: false; problems: MatrixProblem[] } {
  // Rows are counted before parsing: a file of a million lines is refused unread.
  const lineProblems = csvLineLimitProblems(text);
  if (lineProblems.length > 0) return { ok: false, problems: lineProblems };
  const separator = detectSeparator(text.replace(/^\uFEFF/, ""));
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: separator,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" ? error.lines : 0;
    const why =
      error.code === "CSV_QUOTE_NOT_CLOSED"
        ? "unas comillas se abren y no se cierran"
        : "las comillas de un campo están mal puestas";
    return {
      ok: false,
      problems: [
        {
          sheet: "",
          row: 0,
          column: "",
          message: `${subject}no es un CSV válido cerca de la línea ${line}: ${why}`,
        },
      ],
    };
  }
  const cellProblems = cellLimitProblems(records);
  if (cellProblems.length > 0) return { ok: false, problems: cellProblems };
  return { ok: true, records, separator };
}

export function readPlanCsv(input: Uint8Array | string, fileName: string): MatrixReadResult {
  const text = typeof input === "string" ? input : decodeCsvBytes(input);
  const parsed = parseCsvRecords(text, `${fileName} `);
  if (!parsed.ok) return parsed;
  const { records, separator } = parsed;
  // Rows as the spreadsheet shows them: one record per row, blank lines included.
  const rows: Cell[][] = records.map((record) =>
    record.map((field) => (field === "" ? null : field)),
  );
  return flatRowsToPlan(rows, { decimal: separator === ";" ? "," : "." });
}
