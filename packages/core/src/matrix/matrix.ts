/**
 * The "matriz de formulación": the plan as the tables a planning office keeps
 * in a spreadsheet (sheets Plan, Objetivos and Indicadores). Cells hold what
 * the planner sees: numbers as numbers, text protected against formula
 * injection (matrix-text.ts), NP as an empty cell. docs/formats.md, "Matriz de
 * formulación", documents the layout.
 */

export type Cell = string | number | null;

export type Matrix = {
  sheets: { plan: Cell[][]; objetivos: Cell[][]; indicadores: Cell[][] };
};

export type SheetKey = keyof Matrix["sheets"];

export const SHEET_KEYS: readonly SheetKey[] = ["plan", "objetivos", "indicadores"];

/** Sheet names as the workbook shows them. */
export const SHEET_NAMES: Record<SheetKey, string> = {
  plan: "Plan",
  objetivos: "Objetivos",
  indicadores: "Indicadores",
};

/** A cell of the matrix by 0-based indices; `column: null` is the whole row. */
export type CellRef = { sheet: SheetKey; row: number; column: number | null };

/**
 * Where a problem is, as the planner finds it: the sheet name, the row number
 * the spreadsheet shows (1-based; 0 = the whole sheet or file) and the column
 * as «header» (letter); "" when the problem is about a whole row.
 */
export type MatrixLocation = { sheet: string; row: number; column: string };

export type MatrixProblem = MatrixLocation & { message: string };

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let letters = "";
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** «Programación 2025» (H), or just (H) when the column has no header. */
export function describeColumn(header: string, index: number): string {
  const letter = columnLetter(index);
  return header.trim() === "" ? `(${letter})` : `«${header}» (${letter})`;
}

/** `Indicadores, fila 7, columna «Programación 2025» (H): «cuarenta» no es un número`. */
export function formatMatrixProblem(problem: MatrixProblem): string {
  const parts: string[] = [];
  if (problem.sheet !== "") parts.push(problem.sheet);
  if (problem.row > 0) parts.push(`fila ${problem.row}`);
  if (problem.column !== "") parts.push(`columna ${problem.column}`);
  return parts.length === 0 ? problem.message : `${parts.join(", ")}: ${problem.message}`;
}

/** The default name of a cell: the sheet, the spreadsheet's row number, «header» (letter). */
export function describeCell(matrix: Matrix, ref: CellRef): MatrixLocation {
  const header = matrix.sheets[ref.sheet][0] ?? [];
  return {
    sheet: SHEET_NAMES[ref.sheet],
    row: ref.row + 1,
    column: ref.column === null ? "" : describeColumn(cellText(header[ref.column]), ref.column),
  };
}

/** How a header or label cell reads as text (headers may be typed as numbers). */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  return String(cell);
}

/** A cell with nothing in it: null, "" or only spaces. */
export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}
