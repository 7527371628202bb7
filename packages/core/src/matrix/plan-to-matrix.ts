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
import type { Indicator, Objective, Plan, WeightPct } from "../plan/plan.ts";
import type { Cell, Matrix } from "./matrix.ts";
import {
  FREQUENCY_LABELS,
  FROM_BASELINE_LABEL,
  GOAL_TYPE_LABELS,
  INDICATOR_COLUMNS,
  INDICATOR_TRAILING_COLUMNS,
  MEASURE_LABELS,
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

export function indicatorRow(
  objectiveCode: string,
  indicator: Indicator,
  years: readonly number[],
): Cell[] {
  const [weightTotal = null, ...weightYears] = weightCells(indicator.weight, years);
  return [
    protectText(objectiveCode),
    protectText(indicator.code),
    protectText(indicator.name),
    indicator.goalType === undefined ? null : GOAL_TYPE_LABELS[indicator.goalType],
    text(indicator.goalCode),
    text(indicator.goal),
    TREND_LABELS[indicator.trend],
    indicator.progress === "from-baseline" ? FROM_BASELINE_LABEL : null,
    text(indicator.unit),
    indicator.baseline === undefined ? ND_TOKEN : indicator.baseline,
    indicator.baselineYear === null ? ND_TOKEN : (indicator.baselineYear ?? null),
    text(indicator.formula),
    indicator.frequency === undefined ? null : FREQUENCY_LABELS[indicator.frequency],
    text(indicator.source),
    text(indicator.responsible),
    ...years.map((year) => {
      const target = indicator.targets[String(year)];
      return target === undefined ? NP_TOKEN : target;
    }),
    indicator.total === undefined ? null : indicator.total === null ? NP_TOKEN : indicator.total,
    ...weightYears,
    weightTotal,
    indicator.measure === undefined ? null : MEASURE_LABELS[indicator.measure],
    text(indicator.numerator),
    text(indicator.denominator),
  ];
}
