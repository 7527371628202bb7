/**
 * Plan → matrix. Every choice of the plan file has one cell spelling, so
 * matrixToPlan(planToMatrix(plan)) is the same plan (docs/formats.md, "Matriz
 * de formulación"):
 * - weight: one number → only «Ponderación total»; per year → one cell per
 *   year, plus the total when the plan gives it (empty = mean of the years);
 * - targets: a number, empty (null = NP) or «NP» (year left out, also NP);
 * - total: empty (absent: derived from the trend), «NP» (null) or a number;
 * - baseline: empty (null) or «ND» (absent); baseline year: empty (absent) or «ND» (null);
 * - optional text: empty (absent) or the protected text ("" is a lone apostrophe).
 */
import {
  type FichaKey,
  type FieldOptions,
  INDICATOR_FICHA_FIELDS,
} from "../plan/field-catalogue.ts";
import type { Indicator, Objective, Plan, WeightPct } from "../plan/plan.ts";
import type { Cell, Matrix } from "./matrix.ts";
import {
  FROM_BASELINE_LABEL,
  INDICATOR_COLUMNS,
  INDICATOR_TRAILING_COLUMNS,
  type IndicatorColumnKey,
  ND_TOKEN,
  NP_TOKEN,
  OBJECTIVE_COLUMNS,
  PLAN_FIELDS,
  PLAN_SHEET_HEADER,
  type PlanFieldKey,
  TARGET_TOTAL_HEADER,
  TREND_LABELS,
  targetHeader,
  WEIGHT_TOTAL_HEADER,
  weightHeader,
} from "./matrix-columns.ts";
import { shiftDecimal } from "./matrix-numbers.ts";
import { protectText } from "./matrix-text.ts";

export function planToMatrix(plan: Plan): Matrix {
  return {
    sheets: {
      plan: planSheet(plan),
      objetivos: [
        objectivesHeader(plan.years),
        ...plan.objectives.map((o) => objectiveRow(o, plan.years)),
      ],
      indicadores: [
        indicatorsHeader(plan.years),
        ...plan.objectives.flatMap((o) =>
          o.indicators.map((i) => indicatorRow(o.code, i, plan.years)),
        ),
      ],
    },
  };
}

function text(value: string | undefined): Cell {
  return value === undefined ? null : protectText(value);
}

/** Values of the Plan sheet, by field (semáforo thresholds in percent points). */
export function planFieldCells(plan: Plan): Record<PlanFieldKey, Cell> {
  const semaforo = plan.semaforo;
  return {
    code: protectText(plan.code),
    name: protectText(plan.name),
    entity: text(plan.entity),
    yearFrom: plan.years[0] ?? null,
    yearTo: plan.years[plan.years.length - 1] ?? null,
    mission: text(plan.mission),
    vision: text(plan.vision),
    source: text(plan.source),
    rojo: semaforo === undefined ? null : shiftDecimal(semaforo.rojo, 2),
    amarillo: semaforo === undefined ? null : shiftDecimal(semaforo.amarillo, 2),
    sobreejecucion: semaforo === undefined ? null : shiftDecimal(semaforo.sobreejecucion, 2),
  };
}

function planSheet(plan: Plan): Cell[][] {
  const cells = planFieldCells(plan);
  return [[...PLAN_SHEET_HEADER], ...PLAN_FIELDS.map((field) => [field.label, cells[field.key]])];
}

export function objectivesHeader(years: readonly number[]): Cell[] {
  return [
    ...OBJECTIVE_COLUMNS.map((c) => c.label),
    WEIGHT_TOTAL_HEADER,
    ...years.map(weightHeader),
  ];
}

export function indicatorsHeader(years: readonly number[]): Cell[] {
  return [
    ...INDICATOR_COLUMNS.map((c) => c.label),
    ...years.map(targetHeader),
    TARGET_TOTAL_HEADER,
    ...years.map(weightHeader),
    WEIGHT_TOTAL_HEADER,
    ...INDICATOR_TRAILING_COLUMNS.map((c) => c.label),
  ];
}

/** [total, ...years]: a single number fills only the total (it applies to every year). */
export function weightCells(weight: WeightPct | undefined, years: readonly number[]): Cell[] {
  if (weight === undefined) return [null, ...years.map(() => null)];
  if (typeof weight === "number") return [weight, ...years.map(() => null)];
  return [weight.total ?? null, ...years.map((year) => weight[String(year)] ?? null)];
}

export function objectiveRow(objective: Objective, years: readonly number[]): Cell[] {
  return [
    protectText(objective.code),
    protectText(objective.name),
    ...weightCells(objective.weight, years),
  ];
}

/** A field of the ficha as its cell: the word of its list, or the protected text. */
function fichaCell(indicator: Indicator, key: FichaKey): Cell {
  const field = INDICATOR_FICHA_FIELDS.find((entry) => entry.key === key);
  const value = indicator[key];
  if (field === undefined || value === undefined) return null;
  if (field.kind === "enum") {
    const labels: Readonly<Record<string, string>> = (field.options as FieldOptions).labels;
    return labels[value] ?? value;
  }
  return protectText(value);
}

/** The cells of the columns before the programación, by column key. */
function leadingCell(objectiveCode: string, indicator: Indicator, key: IndicatorColumnKey): Cell {
  switch (key) {
    case "objective":
      return protectText(objectiveCode);
    case "code":
      return protectText(indicator.code);
    case "name":
      return protectText(indicator.name);
    case "goal":
      return text(indicator.goal);
    case "trend":
      return TREND_LABELS[indicator.trend];
    case "progress":
      return indicator.progress === "from-baseline" ? FROM_BASELINE_LABEL : null;
    case "unit":
      return text(indicator.unit);
    case "baseline":
      return indicator.baseline === undefined ? ND_TOKEN : indicator.baseline;
    case "baselineYear":
      return indicator.baselineYear === null ? ND_TOKEN : (indicator.baselineYear ?? null);
    default:
      return fichaCell(indicator, key);
  }
}

export function indicatorRow(
  objectiveCode: string,
  indicator: Indicator,
  years: readonly number[],
): Cell[] {
  const [weightTotal = null, ...weightYears] = weightCells(indicator.weight, years);
  return [
    ...INDICATOR_COLUMNS.map((column) => leadingCell(objectiveCode, indicator, column.key)),
    ...years.map((year) => {
      const target = indicator.targets[String(year)];
      return target === undefined ? NP_TOKEN : target;
    }),
    indicator.total === undefined ? null : indicator.total === null ? NP_TOKEN : indicator.total,
    ...weightYears,
    weightTotal,
    ...INDICATOR_TRAILING_COLUMNS.map((column) =>
      leadingCell(objectiveCode, indicator, column.key),
    ),
  ];
}
