/**
 * The file of a bulk load of reportes de avance (CSV or XLSX) read into rows:
 * the bytes as a spreadsheet shows them (the same decoding, limits and cell
 * reading as a plan file: text-bytes.ts, upload-limits.ts,
 * plan-xlsx-reader.ts), then core's reader of the columns. Plain data in and
 * out, so the worker thread of plan-file-worker-pool.ts can answer it.
 */
import {
  type Cell,
  columnLetter,
  formatReportImportProblem,
  normalizeLabel,
  type ReportImportRow,
  readReportImportRows,
} from "@rumbo/core";
import { decodeCsvBytes, parseCsvRecords } from "./plan-csv.ts";
import { cellValue } from "./plan-xlsx-reader.ts";
import {
  boundProblems,
  tooLongCell,
  UPLOAD_LIMITS,
  workbookLimitProblems,
} from "./upload-limits.ts";

export const REPORT_FILE_FORMATS = ["csv", "xlsx"] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

export type ReportFileRead =
  | { ok: true; rows: ReportImportRow[]; skipped: number }
  /** At most UPLOAD_LIMITS.maxProblems lines, each bounded; `omitted` counts the rest. */
  | { ok: false; problems: string[]; omitted: number };

type Located = { row: number; column: string; message: string };
type Cells = { ok: true; cells: Cell[][]; decimal: "," | "." } | { ok: false; problems: Located[] };

export async function readReportFile(
  bytes: Uint8Array,
  fileName: string,
  format: ReportFileFormat,
): Promise<ReportFileRead> {
  const read = format === "xlsx" ? await workbookCells(bytes, fileName) : csvCells(bytes);
  if (!read.ok) {
    return failed(
      read.problems.map((p) =>
        p.row === 0
          ? `${fileName}: ${p.message}`
          : `${fileName}: fila ${p.row}${p.column ? `, columna ${p.column}` : ""}: ${p.message}`,
      ),
    );
  }
  const rows = readReportImportRows(read.cells, { decimal: read.decimal });
  if (!rows.ok) return failed(rows.problems.map((p) => formatReportImportProblem(fileName, p)));
  return rows;
}

function failed(lines: readonly string[]): ReportFileRead {
  const { shown, omitted } = boundProblems(lines);
  return { ok: false, problems: shown, omitted };
}

/** `;` with decimal comma as a Spanish Excel saves it, or `,` with decimal point (formats.md §2). */
function csvCells(bytes: Uint8Array): Cells {
  const text = decodeCsvBytes(bytes);
  const parsed = parseCsvRecords(text, "");
  if (!parsed.ok) return parsed;
  const { records, separator } = parsed;
  return {
    ok: true,
    cells: records.map((record) => record.map((field) => (field === "" ? null : field))),
    decimal: separator === ";" ? "," : ".",
  };
}

/** The sheet named «Reportes» or «Avances», else the first one. */
async function workbookCells(bytes: Uint8Array, fileName: string): Promise<Cells> {
  const limits = workbookLimitProblems(bytes);
  if (limits.length > 0) return { ok: false, problems: limits };
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    return {
      ok: false,
      problems: [
        {
          row: 0,
          column: "",
          message: `${fileName} no se pudo abrir como libro de Excel (.xlsx): ¿es un archivo .xls antiguo, está dañado o protegido con contraseña?`,
        },
      ],
    };
  }
  const sheet =
    workbook.worksheets.find((s) => ["reportes", "avances"].includes(normalizeLabel(s.name))) ??
    workbook.worksheets[0];
  if (sheet === undefined) {
    return { ok: false, problems: [{ row: 0, column: "", message: "el libro no tiene hojas." }] };
  }
  const cells: Cell[][] = [];
  const problems: Located[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      const read = cellValue(cell);
      const where = { row: rowNumber, column: `(${columnLetter(columnNumber - 1)})` };
      if (typeof read === "object" && read !== null) {
        problems.push({ ...where, message: read.problem });
      } else if (typeof read === "string" && read.length > UPLOAD_LIMITS.maxCellChars) {
        problems.push({ ...where, message: tooLongCell(read) });
      } else values[columnNumber - 1] = read;
    });
    cells[rowNumber - 1] = Array.from(values, (value) => value ?? null);
  });
  if (problems.length > 0) return { ok: false, problems };
  // An XLSX number is a number: its decimal separator is the spreadsheet's display, not the file's.
  return { ok: true, cells: Array.from(cells, (row) => row ?? []), decimal: "," };
}
