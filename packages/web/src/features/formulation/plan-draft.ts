/**
 * The plan as the editor holds it while the person types: every number is the
 * text of its input (so "70," can be typed on the way to "70,72"), and every
 * object keeps the one it was loaded from (`base`) so fields the editor does
 * not show survive a save unchanged.
 */
import {
  DEFAULT_SEMAFORO,
  type FichaKey,
  INDICATOR_FICHA_FIELDS,
  type Indicator,
  MAX_VIGENCIAS,
  type Objective,
  type Plan,
  roundHalfAwayFromZero,
  type Trend,
  type WeightPct,
} from "@rumbo/core";
import { formatDecimalInput, parseYearInput } from "./decimal-input.ts";

/**
 * The ficha's descriptive fields (core's field catalogue) as typed or chosen:
 * "" = not given; a closed list holds one of its values.
 */
export type FichaDraft = Record<FichaKey, string>;

export type IndicatorDraft = FichaDraft & {
  /** React key; never sent. */
  key: string;
  base: Indicator | null;
  code: string;
  name: string;
  goal: string;
  trend: Trend;
  /** Progress measured from the baseline (creciente only). */
  fromBaseline: boolean;
  unit: string;
  baseline: string;
  baselineYear: string;
  /** Programación per year ("" = NP). */
  targets: Record<string, string>;
  /** Programación for the plan period ("" = computed from the trend). */
  total: string;
  /** Weight per year in percent points. */
  weights: Record<string, string>;
  /** Weight for the plan period ("" = mean of the years). */
  weightTotal: string;
};

/** A weight as typed: one text per vigencia and one for the plan period ("" = mean of the years). */
export type WeightDraft = Pick<IndicatorDraft, "weights" | "weightTotal">;

export type ObjectiveDraft = {
  key: string;
  base: Objective | null;
  code: string;
  name: string;
  indicators: IndicatorDraft[];
  /** Weight of the objective in the plan per year, used when the plan weighs its objectives. */
  weights: Record<string, string>;
  /** Weight of the objective for the plan period ("" = mean of the years). */
  weightTotal: string;
};

/**
 * How the objectives weigh in the plan's compliance (formats.md §1, §3.7):
 * all the same (no `weight` on any objective) or each its own weight.
 */
export type ObjectiveWeighting = "equal" | "weighted";

/** Semáforo thresholds in percent points as typed ("70"), not fractions. */
export type SemaforoDraft = { rojo: string; amarillo: string; sobreejecucion: string };

export type PlanDraft = {
  base: Plan | null;
  code: string;
  name: string;
  entity: string;
  firstYear: string;
  lastYear: string;
  mission: string;
  vision: string;
  semaforo: SemaforoDraft;
  objectiveWeighting: ObjectiveWeighting;
  objectives: ObjectiveDraft[];
};

let lastKey = 0;

function newKey(prefix: string): string {
  lastKey += 1;
  return `${prefix}-${lastKey}`;
}

/**
 * Every vigencia from the first to the last typed, or null while either is
 * missing or not a year, or the last comes before the first. A span longer
 * than core's MAX_VIGENCIAS is returned too: core's rule `years.too-many` names it.
 */
export function typedYears(draft: Pick<PlanDraft, "firstYear" | "lastYear">): number[] | null {
  const first = parseYearInput(draft.firstYear);
  const last = parseYearInput(draft.lastYear);
  if (first === null || last === null || last < first) return null;
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** The vigencias the editor shows a column for: the typed ones, within core's MAX_VIGENCIAS. */
export function draftYears(draft: Pick<PlanDraft, "firstYear" | "lastYear">): number[] | null {
  const years = typedYears(draft);
  return years === null || years.length > MAX_VIGENCIAS ? null : years;
}

/** A fraction as percent points for the input: 0.7 → "70" (exact, not 70.00000000000001). */
function percentText(fraction: number): string {
  return formatDecimalInput(roundHalfAwayFromZero(fraction, 10, 2));
}

export function semaforoDraft(semaforo = DEFAULT_SEMAFORO): SemaforoDraft {
  return {
    rojo: percentText(semaforo.rojo),
    amarillo: percentText(semaforo.amarillo),
    sobreejecucion: percentText(semaforo.sobreejecucion),
  };
}

export function emptyPlanDraft(): PlanDraft {
  return {
    base: null,
    code: "",
    name: "",
    entity: "",
    firstYear: "",
    lastYear: "",
    mission: "",
    vision: "",
    semaforo: semaforoDraft(),
    objectiveWeighting: "equal",
    objectives: [],
  };
}

export function newObjectiveDraft(position: number): ObjectiveDraft {
  return {
    key: newKey("objetivo"),
    base: null,
    code: String(position),
    name: "",
    indicators: [],
    // Empty, also when the plan weighs its objectives: the planner decides its weight.
    weights: {},
    weightTotal: "",
  };
}

/** The ficha's fields of an indicator as the editor shows them ("" when the plan leaves one out). */
export function fichaDraft(indicator: Indicator | null): FichaDraft {
  const draft = {} as FichaDraft;
  for (const field of INDICATOR_FICHA_FIELDS) draft[field.key] = indicator?.[field.key] ?? "";
  return draft;
}

export function newIndicatorDraft(): IndicatorDraft {
  return {
    key: newKey("indicador"),
    base: null,
    code: "",
    name: "",
    goal: "",
    ...fichaDraft(null),
    trend: "suma",
    fromBaseline: false,
    unit: "",
    baseline: "",
    baselineYear: "",
    targets: {},
    total: "",
    weights: {},
    weightTotal: "",
  };
}

function weightTexts(weight: WeightPct | undefined, years: readonly number[]): WeightDraft {
  if (weight === undefined) return { weights: {}, weightTotal: "" };
  if (typeof weight === "number") {
    return {
      weights: Object.fromEntries(years.map((year) => [String(year), formatDecimalInput(weight)])),
      weightTotal: "",
    };
  }
  return {
    weights: Object.fromEntries(
      years.map((year) => [String(year), formatDecimalInput(weight[String(year)])]),
    ),
    weightTotal: formatDecimalInput(weight.total),
  };
}

function indicatorDraft(indicator: Indicator, years: readonly number[]): IndicatorDraft {
  return {
    key: newKey("indicador"),
    base: indicator,
    code: indicator.code,
    name: indicator.name,
    goal: indicator.goal ?? "",
    ...fichaDraft(indicator),
    trend: indicator.trend,
    fromBaseline: indicator.progress === "from-baseline",
    unit: indicator.unit ?? "",
    baseline: formatDecimalInput(indicator.baseline),
    baselineYear:
      indicator.baselineYear === null || indicator.baselineYear === undefined
        ? ""
        : String(indicator.baselineYear),
    targets: Object.fromEntries(
      years.map((year) => [String(year), formatDecimalInput(indicator.targets[String(year)])]),
    ),
    total: formatDecimalInput(indicator.total),
    ...weightTexts(indicator.weight, years),
  };
}

/** The editor's starting point for an existing plan. */
export function draftFromPlan(plan: Plan): PlanDraft {
  const first = plan.years[0];
  const last = plan.years.at(-1);
  return {
    base: plan,
    code: plan.code,
    name: plan.name,
    entity: plan.entity ?? "",
    firstYear: first === undefined ? "" : String(first),
    lastYear: last === undefined ? "" : String(last),
    mission: plan.mission ?? "",
    vision: plan.vision ?? "",
    semaforo: semaforoDraft(plan.semaforo),
    // Partial weights (formats.md §1 forbids them) open weighted too: the rows without one show empty.
    objectiveWeighting: plan.objectives.some((objective) => objective.weight !== undefined)
      ? "weighted"
      : "equal",
    objectives: plan.objectives.map((objective) => ({
      key: newKey("objetivo"),
      base: objective,
      code: objective.code,
      name: objective.name,
      indicators: objective.indicators.map((indicator) => indicatorDraft(indicator, plan.years)),
      ...weightTexts(objective.weight, plan.years),
    })),
  };
}
