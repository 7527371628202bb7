/**
 * Weight cells (percent points, formats.md §1): «Ponderación total» alone is
 * one weight for every year; one cell per year is a per-year weight, with the
 * total as the weight for the whole period (empty = mean of the years).
 */
import type { WeightPct, WeightPctByYear } from "../plan/plan.ts";
import { type Cell, isEmptyCell, type SheetKey } from "./matrix.ts";
import type { SheetColumns } from "./matrix-headers.ts";
import { type ReadContext, readNumber } from "./matrix-read-context.ts";

/** The weight, undefined when the row gives none; "invalid" when a problem was recorded. */
export function readWeightCells(
  context: ReadContext,
  sheet: SheetKey,
  row: number,
  cells: readonly Cell[],
  columns: SheetColumns<string>,
  years: readonly number[],
  required: boolean,
): WeightPct | undefined | "invalid" {
  const options = { negative: "la ponderación no puede ser negativa" };
  const totalColumn = columns.weightTotal;
  const total =
    totalColumn === undefined
      ? null
      : readNumber(context, { sheet, row, column: totalColumn }, cells[totalColumn], options);
  let invalid = total === undefined;
  const byYear: WeightPctByYear = {};
  const emptyYears: number[] = [];
  let firstEmpty: number | undefined;
  for (const year of years) {
    const column = columns.weights.get(year);
    if (column === undefined) continue;
    const cell = cells[column];
    if (isEmptyCell(cell)) {
      emptyYears.push(year);
      firstEmpty ??= column;
      continue;
    }
    const value = readNumber(context, { sheet, row, column }, cell, options);
    if (value === undefined || value === null) invalid = true;
    else byYear[String(year)] = value;
  }
  const givenYears = Object.keys(byYear).length;
  if (emptyYears.length > 0 && (givenYears > 0 || invalid) && firstEmpty !== undefined) {
    if (givenYears > 0) {
      context.at(
        { sheet, row, column: firstEmpty },
        `falta la ponderación de ${listYears(emptyYears)}: si se pondera por año, se llenan todos los años (o solo la total, que vale para todos)`,
      );
    }
    return "invalid";
  }
  if (invalid) return "invalid";
  if (givenYears === 0) {
    if (total !== null && total !== undefined) return total;
    if (required) {
      context.at(
        { sheet, row, column: totalColumn ?? columns.weights.get(years[0] ?? 0) ?? null },
        "falta la ponderación: escriba la total (un peso para todos los años) o una por año",
      );
      return "invalid";
    }
    return undefined;
  }
  if (total !== null && total !== undefined) byYear.total = total;
  return byYear;
}

function listYears(years: readonly number[]): string {
  if (years.length === 1) return String(years[0]);
  return `${years.slice(0, -1).join(", ")} y ${years.at(-1)}`;
}
