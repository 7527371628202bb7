/**
 * Columns of the flat matrix (one CSV, one row per indicator): the plan's
 * fields, then the objective's, then the indicator's, each named so that no
 * two columns share a name ("Código del plan", "Código del objetivo"…).
 */
import type { SheetKey } from "./matrix.ts";
import {
  ALL_INDICATOR_COLUMNS,
  headerKey,
  INDICATOR_COLUMNS,
  INDICATOR_TRAILING_COLUMNS,
  PLAN_FIELDS,
  type PlanFieldKey,
  TARGET_TOTAL_HEADER,
  targetHeader,
  WEIGHT_TOTAL_HEADER,
  weightHeader,
} from "./matrix-columns.ts";

const PLAN_FLAT_LABELS: Partial<Record<PlanFieldKey, string>> = {
  code: "Código del plan",
  name: "Nombre del plan",
  source: "Fuente del plan",
};

export function planFlatLabel(key: PlanFieldKey): string {
  return PLAN_FLAT_LABELS[key] ?? PLAN_FIELDS.find((field) => field.key === key)?.label ?? key;
}

export const OBJECTIVE_CODE_FLAT = "Código del objetivo";
export const OBJECTIVE_NAME_FLAT = "Nombre del objetivo";
export const OBJECTIVE_WEIGHT_TOTAL_FLAT = "Ponderación del objetivo total (%)";

export function objectiveWeightFlat(year: number): string {
  return `Ponderación del objetivo ${year} (%)`;
}

const INDICATOR_FLAT_LABELS: Record<string, string> = {
  Código: "Código del indicador",
  Nombre: "Nombre del indicador",
};

/** The CSV name of a column of the Objetivos or Indicadores sheet. */
export function flatLabelOf(sheet: SheetKey, label: string): string {
  const key = headerKey(label);
  if (sheet === "objetivos") {
    if (key === "codigo") return OBJECTIVE_CODE_FLAT;
    if (key === "nombre") return OBJECTIVE_NAME_FLAT;
    if (key === headerKey(WEIGHT_TOTAL_HEADER)) return OBJECTIVE_WEIGHT_TOTAL_FLAT;
    const year = /^ponderacion (\d{4})$/.exec(key)?.[1];
    return year === undefined ? label : objectiveWeightFlat(Number(year));
  }
  if (sheet === "indicadores" && key === "objetivo") return OBJECTIVE_CODE_FLAT;
  return INDICATOR_FLAT_LABELS[label] ?? label;
}

/** The flat header for a plan's years. */
export function flatHeader(years: readonly number[]): string[] {
  return [
    ...PLAN_FIELDS.map((field) => planFlatLabel(field.key)),
    OBJECTIVE_CODE_FLAT,
    OBJECTIVE_NAME_FLAT,
    OBJECTIVE_WEIGHT_TOTAL_FLAT,
    ...years.map(objectiveWeightFlat),
    ...INDICATOR_COLUMNS.slice(1).map((column) => flatLabelOf("indicadores", column.label)),
    ...years.map(targetHeader),
    TARGET_TOTAL_HEADER,
    ...years.map(weightHeader),
    WEIGHT_TOTAL_HEADER,
    ...INDICATOR_TRAILING_COLUMNS.map((column) => flatLabelOf("indicadores", column.label)),
  ];
}

/** Where a flat column goes: a Plan field, or a column of the Objetivos or Indicadores sheet. */
export type FlatTarget =
  | { sheet: "plan"; key: PlanFieldKey }
  | { sheet: "objetivos" | "indicadores"; label: string };

/** The sheet column a CSV header names; undefined for a column the matrix does not use. */
export function flatTargetOf(header: string): FlatTarget | undefined {
  const key = headerKey(header);
  if (key === "") return undefined;
  for (const field of PLAN_FIELDS) {
    if (headerKey(planFlatLabel(field.key)) === key) return { sheet: "plan", key: field.key };
  }
  if (key === headerKey(OBJECTIVE_CODE_FLAT)) return { sheet: "objetivos", label: "Código" };
  if (key === headerKey(OBJECTIVE_NAME_FLAT)) return { sheet: "objetivos", label: "Nombre" };
  if (key === headerKey(OBJECTIVE_WEIGHT_TOTAL_FLAT))
    return { sheet: "objetivos", label: WEIGHT_TOTAL_HEADER };
  const objectiveYear = /^ponderacion del objetivo (\d{4})$/.exec(key)?.[1];
  if (objectiveYear !== undefined)
    return { sheet: "objetivos", label: weightHeader(Number(objectiveYear)) };
  for (const column of ALL_INDICATOR_COLUMNS.slice(1)) {
    const flat = flatLabelOf("indicadores", column.label);
    if (headerKey(flat) === key) return { sheet: "indicadores", label: column.label };
  }
  if (/^(programacion|ponderacion) (\d{4}|total)$/.test(key))
    return { sheet: "indicadores", label: header };
  return undefined;
}
