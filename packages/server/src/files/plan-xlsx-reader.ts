/**
 * Reading a matriz de formulación workbook: each sheet becomes the cells the
 * planner sees (numbers, texts), then matrixToPlan reads them. What a
 * spreadsheet can hold but the matrix cannot — dates, booleans, error values,
 * formulas without a saved result, merged cells — is reported on its cell,
 * never guessed. Rich text and hyperlinks are read as their text; a formula
 * with a saved result is read as that result; a number formatted as a
 * percentage in Excel (0,15 shown as 15 %) is read as what it shows, 15.
 */

import {
  type Cell,
  type CellRef,
  columnLetter,
  type FileCellProblem,
  type Matrix,
  type MatrixReadResult,
  matrixToPlan,
  normalizeLabel,
  SHEET_KEYS,
  SHEET_NAMES,
  type SheetKey,
  shiftDecimal,
  spanishNumber,
} from "@rumbo/core";
import type ExcelJS from "exceljs";
import { tooLongCell, UPLOAD_LIMITS, workbookLimitProblems } from "./upload-limits.ts";

type SheetRead = { cells: Cell[][]; problems: FileCellProblem[] };

export async function readPlanWorkbook(
  bytes: Uint8Array,
  fileName: string,
): Promise<MatrixReadResult> {
  // Sizes first, from the zip's directory: exceljs inflates everything at once.
  const limitProblems = workbookLimitProblems(bytes);
  if (limitProblems.length > 0) return { ok: false, problems: limitProblems };
  // exceljs is large: loaded by the commands and requests that read a workbook, not at start.
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; a copy gives one of exactly the file.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    return {
      ok: false,
      problems: [
        {
          sheet: "",
          row: 0,
          column: "",
          message: `${fileName} no se pudo abrir como libro de Excel (.xlsx): ¿es un archivo .xls antiguo, está dañado o protegido con contraseña?`,
        },
      ],
    };
  }
  const names = workbook.worksheets.map((sheet) => sheet.name);
  const sheets: Partial<Record<SheetKey, SheetRead>> = {};
  const missing: string[] = [];
  for (const key of SHEET_KEYS) {
    const wanted = normalizeLabel(SHEET_NAMES[key]);
    const sheet = workbook.worksheets.find((s) => normalizeLabel(s.name) === wanted);
    if (sheet === undefined) missing.push(SHEET_NAMES[key]);
    else sheets[key] = readSheet(sheet, key, excel.ValueType.Merge);
  }
  const { plan, objetivos, indicadores } = sheets;
  const fileProblems = SHEET_KEYS.flatMap((key) => sheets[key]?.problems ?? []);
  if (plan === undefined || objetivos === undefined || indicadores === undefined) {
    const found = names.map((name) => `«${name}»`).join(", ");
    const sheetProblems = missing.map((name) => ({
      sheet: "",
      row: 0,
      column: "",
      message: `No se encontró la hoja «${name}» (hojas del libro: ${found || "ninguna"})`,
    }));
    // The cells of the sheets that exist are still checked, to report every problem at once.
    const partial: Matrix = {
      sheets: {
        plan: plan?.cells ?? [],
        objetivos: objetivos?.cells ?? [],
        indicadores: indicadores?.cells ?? [],
      },
    };
    const cellProblems = fileProblems.map((problem) => ({
      ...describeRef(partial, problem.ref),
      message: problem.message,
    }));
    return { ok: false, problems: [...sheetProblems, ...cellProblems] };
  }
  const matrix: Matrix = {
    sheets: { plan: plan.cells, objetivos: objetivos.cells, indicadores: indicadores.cells },
  };
  return matrixToPlan(matrix, { fileProblems });
}

function describeRef(matrix: Matrix, ref: CellRef) {
  const header = matrix.sheets[ref.sheet][0] ?? [];
  const title = ref.column === null ? "" : String(header[ref.column] ?? "");
  const letter = ref.column === null ? "" : columnLetter(ref.column);
  return {
    sheet: SHEET_NAMES[ref.sheet],
    row: ref.row + 1,
    column: ref.column === null ? "" : title === "" ? `(${letter})` : `«${title}» (${letter})`,
  };
}

function readSheet(
  sheet: ExcelJS.Worksheet,
  key: SheetKey,
  mergeType: ExcelJS.ValueType,
): SheetRead {
  const cells: Cell[][] = [];
  const problems: FileCellProblem[] = [];
  const merges = new Map<string, { master: CellRef; covers: CellRef[]; last: CellRef }>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      const ref: CellRef = { sheet: key, row: rowNumber - 1, column: columnNumber - 1 };
      if (cell.isMerged) {
        const master = cell.master;
        const found = merges.get(master.address) ?? {
          master: { sheet: key, row: Number(master.row) - 1, column: Number(master.col) - 1 },
          covers: [],
          last: ref,
        };
        merges.set(master.address, found);
        if (cell.type === mergeType) {
          found.covers.push(ref);
          found.last = ref;
          return;
        }
      }
      const read = cellValue(cell);
      if (typeof read === "object" && read !== null) problems.push({ ref, message: read.problem });
      else if (typeof read === "string" && read.length > UPLOAD_LIMITS.maxCellChars)
        problems.push({ ref, message: tooLongCell(read) });
      else values[columnNumber - 1] = read;
    });
    cells[rowNumber - 1] = Array.from(values, (value) => value ?? null);
  });
  for (const { master, covers, last } of merges.values()) {
    const range = `${columnLetter(master.column ?? 0)}${master.row + 1}:${columnLetter(last.column ?? 0)}${last.row + 1}`;
    problems.push({
      ref: master,
      covers,
      message: `celdas combinadas (${range}): sepárelas y escriba el valor en cada celda`,
    });
  }
  return { cells: Array.from(cells, (row) => row ?? []), problems };
}

export type Read = Cell | { problem: string };

/** The value a cell shows, or why it cannot be one. */
export function cellValue(cell: ExcelJS.Cell): Read {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return shownNumber(value, cell.numFmt);
  if (typeof value === "string") return value;
  if (typeof value === "boolean")
    return {
      problem: `${value ? "VERDADERO" : "FALSO"} no es un valor de la matriz: escriba un número o un texto`,
    };
  if (value instanceof Date) return dateProblem(value);
  if ("error" in value) return { problem: `la celda tiene el error ${value.error}` };
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return hyperlinkText(value.text);
  const formula = "sharedFormula" in value ? value.sharedFormula : value.formula;
  const result = value.result;
  if (result === undefined || result === null)
    return {
      problem: `la celda tiene la fórmula «=${formula}» sin resultado guardado: ábrala y guárdela en Excel, o escriba el valor`,
    };
  if (typeof result === "number") return shownNumber(result, cell.numFmt);
  if (typeof result === "string") return result;
  if (typeof result === "boolean")
    return {
      problem: `la fórmula «=${formula}» da ${result ? "VERDADERO" : "FALSO"}, que no es un valor de la matriz`,
    };
  if (result instanceof Date) return dateProblem(result);
  return { problem: `la fórmula «=${formula}» da el error ${result.error}` };
}

function hyperlinkText(text: unknown): Read {
  if (typeof text === "string") return text;
  if (
    typeof text === "object" &&
    text !== null &&
    "richText" in text &&
    Array.isArray(text.richText)
  )
    return text.richText.map((run: { text?: unknown }) => String(run.text ?? "")).join("");
  return null;
}

function dateProblem(date: Date): Read {
  const shown = `${String(date.getUTCDate()).padStart(2, "0")}/${String(date.getUTCMonth() + 1).padStart(2, "0")}/${date.getUTCFullYear()}`;
  return {
    problem: `«${shown}» es una fecha; la matriz no usa fechas: escriba el número, o el texto con un apóstrofo delante`,
  };
}

/** A number formatted as a percentage shows ×100 with "%": read it as the planner sees it. */
function shownNumber(value: number, numFmt: string | undefined): Cell {
  if (numFmt === undefined || !isPercentFormat(numFmt)) return value;
  return `${spanishNumber(shiftDecimal(value, 2))}%`;
}

function isPercentFormat(numFmt: string): boolean {
  return numFmt.replace(/"[^"]*"|\\./g, "").includes("%");
}
