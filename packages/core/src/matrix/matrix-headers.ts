/**
 * Header rows of the Objetivos and Indicadores sheets: columns are found by
 * name (any order, accents and case ignored, extra columns allowed), with one
 * «Programación AAAA» / «Ponderación AAAA» column per vigencia of the plan.
 */
import { type Cell, cellText, type SheetKey } from "./matrix.ts";
import {
  type FieldSpec,
  headerKey,
  TARGET_TOTAL_HEADER,
  targetHeader,
  WEIGHT_TOTAL_HEADER,
  weightHeader,
} from "./matrix-columns.ts";
import type { ReadContext } from "./matrix-read-context.ts";

export type SheetColumns<K extends string> = {
  fixed: Map<K, number>;
  targets: Map<number, number>;
  weights: Map<number, number>;
  targetTotal: number | undefined;
  weightTotal: number | undefined;
  /** Every column the reader uses, to tell an empty row. */
  used: number[];
};

const TARGET_YEAR = /^programacion (\d{4})$/;
const WEIGHT_YEAR = /^ponderacion (\d{4})$/;

export function resolveColumns<K extends string>(
  context: ReadContext,
  sheet: SheetKey,
  header: readonly Cell[],
  specs: readonly FieldSpec<K>[],
  withTargets: boolean,
): SheetColumns<K> {
  const columns: SheetColumns<K> = {
    fixed: new Map(),
    targets: new Map(),
    weights: new Map(),
    targetTotal: undefined,
    weightTotal: undefined,
    used: [],
  };
  const seen = new Map<string, number>();
  const byKey = new Map(specs.map((spec) => [headerKey(spec.label), spec.key]));
  header.forEach((cell, index) => {
    const key = headerKey(cellText(cell));
    if (key === "") return;
    const first = seen.get(key);
    if (first !== undefined) {
      context.at(
        { sheet, row: 0, column: index },
        `la columna ${context.describe({ sheet, row: 0, column: first }).column} ya tiene este nombre: cada columna aparece una sola vez`,
      );
      return;
    }
    seen.set(key, index);
    const fixed = byKey.get(key);
    const targetYear = TARGET_YEAR.exec(key)?.[1];
    const weightYear = WEIGHT_YEAR.exec(key)?.[1];
    if (fixed !== undefined) columns.fixed.set(fixed, index);
    else if (withTargets && targetYear !== undefined)
      columns.targets.set(Number(targetYear), index);
    else if (withTargets && key === headerKey(TARGET_TOTAL_HEADER)) columns.targetTotal = index;
    else if (weightYear !== undefined) columns.weights.set(Number(weightYear), index);
    else if (key === headerKey(WEIGHT_TOTAL_HEADER)) columns.weightTotal = index;
    else return;
    columns.used.push(index);
  });
  // An empty sheet is reported once, not once per column.
  if (header.length === 0 && context.matrix.sheets[sheet].length === 0) return columns;
  for (const spec of specs) {
    if (spec.required && !columns.fixed.has(spec.key)) missing(context, sheet, spec.label);
  }
  return columns;
}

function missing(context: ReadContext, sheet: SheetKey, label: string) {
  context.at(
    { sheet, row: 0, column: null },
    `falta la columna «${context.columnLabel(sheet, label)}»`,
  );
}

/**
 * The year columns must be the plan's vigencias: every year for the
 * programación; for the ponderación, every year or none (then the weight is
 * one number, in «Ponderación total»).
 */
export function checkYearColumns<K extends string>(
  context: ReadContext,
  sheet: SheetKey,
  columns: SheetColumns<K>,
  years: readonly number[],
  weightRequired: boolean,
): void {
  const range = `${years[0]}–${years[years.length - 1]}`;
  const extra = (byYear: Map<number, number>) => {
    for (const [year, column] of byYear) {
      if (!years.includes(year))
        context.at(
          { sheet, row: 0, column },
          `${year} no es una vigencia del plan (${range}, hoja «Plan»)`,
        );
    }
  };
  if (sheet === "indicadores") {
    extra(columns.targets);
    for (const year of years)
      if (!columns.targets.has(year)) missing(context, sheet, targetHeader(year));
  }
  extra(columns.weights);
  if (columns.weights.size > 0) {
    for (const year of years)
      if (!columns.weights.has(year)) missing(context, sheet, weightHeader(year));
  } else if (weightRequired && columns.weightTotal === undefined) {
    missing(context, sheet, WEIGHT_TOTAL_HEADER);
  }
}

/** The years of the «Programación AAAA» columns, when the Plan sheet gives none. */
export function yearsOfColumns(columns: SheetColumns<string>): number[] {
  return [...columns.targets.keys()].sort((a, b) => a - b);
}
