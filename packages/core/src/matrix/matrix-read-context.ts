/**
 * What the matrix readers share: the problems found so far (by cell), how a
 * cell is named in a message, and the readers of one cell (text, number,
 * year, list). Every reader records its problem and goes on, so the importer
 * reports every problem of the file (formats.md §4).
 */

import type { Plan } from "../plan/plan.ts";
import { isSaneYear, YEAR_MAX, YEAR_MIN } from "../shared/bounds.ts";
import {
  type Cell,
  type CellRef,
  cellText,
  describeCell,
  isEmptyCell,
  type Matrix,
  type MatrixLocation,
  type MatrixProblem,
  SHEET_KEYS,
  type SheetKey,
} from "./matrix.ts";
import { findLabelled, normalizeLabel } from "./matrix-columns.ts";
import { type DecimalSeparator, parseNumberText, spanishNumber } from "./matrix-numbers.ts";
import { unprotectText } from "./matrix-text.ts";

/** Something in the plan to find in the matrix: a JSON path or codes (validation issues). */
export type PlanPointer =
  | string
  | {
      path?: string;
      objectiveCode?: string;
      indicatorCode?: string;
      year?: number;
      field?: string;
    };

export type MatrixReadResult =
  | { ok: true; plan: Plan; locate: (pointer: PlanPointer) => MatrixLocation | null }
  | { ok: false; problems: MatrixProblem[] };

export type MatrixReadOptions = {
  /** Decimal separator of numbers written as text: "," (default) or "." (a `,` CSV). */
  decimal?: DecimalSeparator;
  /** How a cell is named in problems; default: sheet, row + 1, «header» (letter). */
  describe?: (ref: CellRef) => MatrixLocation;
  /** How a column is named in a "falta la columna" message (a flat CSV names them differently). */
  columnLabel?: (sheet: SheetKey, label: string) => string;
  /**
   * Problems the file reader found in cells it could not turn into a value
   * (a date, a formula without result, merged cells…). They are reported
   * with the others, and the cells they cover are not reported again.
   */
  fileProblems?: readonly FileCellProblem[];
};

export type FileCellProblem = { ref: CellRef; message: string; covers?: readonly CellRef[] };

const refKey = (ref: CellRef) => `${ref.sheet}:${ref.row}:${ref.column ?? ""}`;

type Found = { ref: CellRef; message: string };

export type ReadContext = {
  matrix: Matrix;
  decimal: DecimalSeparator;
  describe: (ref: CellRef) => MatrixLocation;
  columnLabel: (sheet: SheetKey, label: string) => string;
  found: Found[];
  at(ref: CellRef, message: string): void;
  /** Rows with a problem ("plan:3"), so later checks do not repeat them. */
  rowsWithProblems: Set<string>;
};

export function createReadContext(matrix: Matrix, options: MatrixReadOptions): ReadContext {
  const found: Found[] = [];
  const rowsWithProblems = new Set<string>();
  const reported = new Set<string>();
  for (const problem of options.fileProblems ?? []) {
    found.push({ ref: problem.ref, message: problem.message });
    rowsWithProblems.add(`${problem.ref.sheet}:${problem.ref.row}`);
    for (const ref of [problem.ref, ...(problem.covers ?? [])]) reported.add(refKey(ref));
  }
  return {
    matrix,
    decimal: options.decimal ?? ",",
    describe: options.describe ?? defaultDescribe(matrix),
    columnLabel: options.columnLabel ?? ((_sheet, label) => label),
    found,
    rowsWithProblems,
    at(ref, message) {
      rowsWithProblems.add(`${ref.sheet}:${ref.row}`);
      if (!reported.has(refKey(ref))) found.push({ ref, message });
    },
  };
}

export function defaultDescribe(matrix: Matrix): (ref: CellRef) => MatrixLocation {
  return (ref) => describeCell(matrix, ref);
}

/** Problems in reading order: sheet, row, column. */
export function sortedProblems(context: ReadContext): MatrixProblem[] {
  const order = (sheet: SheetKey) => SHEET_KEYS.indexOf(sheet);
  return [...context.found]
    .sort(
      (a, b) =>
        order(a.ref.sheet) - order(b.ref.sheet) ||
        a.ref.row - b.ref.row ||
        (a.ref.column ?? -1) - (b.ref.column ?? -1),
    )
    .map(({ ref, message }) => ({ ...context.describe(ref), message }));
}

/** How a cell reads in a message: «cuarenta». */
export function shown(cell: Cell): string {
  return `«${cellText(cell).trim()}»`;
}

/** Text of a cell: undefined when empty; a number typed in a text column is read as its digits. */
export function readText(cell: Cell | undefined): string | undefined {
  if (cell === undefined || cell === null || isEmptyCell(cell)) return undefined;
  return typeof cell === "number" ? String(cell) : unprotectText(cell);
}

export function requiredText(
  context: ReadContext,
  ref: CellRef,
  cell: Cell | undefined,
  what: string,
): string | undefined {
  const value = readText(cell);
  if (value === undefined) context.at(ref, `falta ${what}`);
  else if (value.trim() === "") context.at(ref, `${what} está vacío`);
  return value;
}

/** A token cell such as «NP» or «ND», any case, with or without points or slash. */
export function isToken(cell: Cell | undefined, token: string): boolean {
  if (typeof cell !== "string") return false;
  const squeezed = normalizeLabel(unprotectText(cell)).replace(/[./\s]/g, "");
  return squeezed === token.toLowerCase();
}

/** A number cell: the number, null when empty, undefined when it is not a number (recorded). */
export function readNumber(
  context: ReadContext,
  ref: CellRef,
  cell: Cell | undefined,
  /** `negative`: the message when the number must be ≥ 0 ("la ponderación no puede ser negativa"). */
  options: { negative?: string } = {},
): number | null | undefined {
  if (cell === undefined || cell === null || isEmptyCell(cell)) return null;
  let value: number;
  if (typeof cell === "number") value = cell;
  else {
    const parsed = parseNumberText(unprotectText(cell), context.decimal);
    if (parsed === null) {
      context.at(ref, `${shown(cell)} no es un número`);
      return undefined;
    }
    value = parsed.value;
  }
  if (options.negative !== undefined && value < 0) {
    context.at(ref, `${options.negative} (${spanishNumber(value)})`);
    return undefined;
  }
  return value;
}

/** A year in the sane range (shared/bounds.ts); null when empty, undefined when wrong (recorded). */
export function readYear(
  context: ReadContext,
  ref: CellRef,
  cell: Cell | undefined,
): number | null | undefined {
  if (cell === undefined || cell === null || isEmptyCell(cell)) return null;
  const value =
    typeof cell === "number" ? cell : parseNumberText(unprotectText(cell), context.decimal)?.value;
  if (value === undefined || !isSaneYear(value)) {
    context.at(ref, `${shown(cell)} no es un año entre ${YEAR_MIN} y ${YEAR_MAX} (p. ej. 2024)`);
    return undefined;
  }
  return value;
}

/** A list cell (tendencia, tipo de meta…): its value, undefined when empty or wrong. */
export function readListed<T extends string>(
  context: ReadContext,
  ref: CellRef,
  cell: Cell | undefined,
  labels: Record<T, string>,
  what: string,
): T | undefined {
  const text = readText(cell);
  if (text === undefined) return undefined;
  const found = findLabelled(labels, text);
  if (found === undefined) {
    const allowed = Object.values<string>(labels);
    context.at(
      ref,
      `«${text}» no es una opción de ${what} (se espera ${allowed.slice(0, -1).join(", ")} o ${allowed.at(-1)})`,
    );
  }
  return found;
}
