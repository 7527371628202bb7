/**
 * The matriz de formulación as one flat CSV (planToFlatRows): one row per
 * indicator, with the plan's and the objective's columns repeated. Written as
 * a Spanish Excel saves it — `;` between fields, decimal comma, UTF-8 with
 * BOM, CRLF — and read with `;` or `,` (detected from the header; a `,` file
 * has decimal points). Texts come protected against formula injection from
 * the matrix; csvCell quotes them and would guard them again.
 */
import type { Plan } from "@rumbo/core";
import {
  type Cell,
  flatRowsToPlan,
  type MatrixReadResult,
  plainDecimal,
  planToFlatRows,
} from "@rumbo/core";
import { CsvError, parse } from "csv-parse/sync";
import { csvCell } from "./csv-writer.ts";

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

/**
 * UTF-8, or Windows-1252 when the bytes are not UTF-8: a Spanish Excel saves
 * "CSV (delimitado por comas)" in the Windows code page, and its accents must
 * not turn into question marks.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
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

export function readPlanCsv(input: Uint8Array | string, fileName: string): MatrixReadResult {
  const text = typeof input === "string" ? input : decodeCsvBytes(input);
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
          message: `${fileName} no es un CSV válido cerca de la línea ${line}: ${why}`,
        },
      ],
    };
  }
  // Rows as the spreadsheet shows them: one record per row, blank lines included.
  const rows: Cell[][] = records.map((record) =>
    record.map((field) => (field === "" ? null : field)),
  );
  return flatRowsToPlan(rows, { decimal: separator === ";" ? "," : "." });
}
