/**
 * A plan compiled once into flat typed arrays, so a full recompute is a few
 * tight loops and an incremental one touches a single indicator → objective →
 * plan path. Index `i * years + y` addresses indicator i in year index y.
 */
import { DEFAULT_SEMAFORO, type Plan, type Semaforo, type Trend } from "../plan/plan.ts";
import { effectiveTotal, programmedTarget, weightOfPeriod, weightOfYear } from "./plan-rules.ts";

/** Trend codes in typed arrays. */
export const SUMA = 0;
export const CRECIENTE = 1;
export const CONSTANTE = 2;
export const DECRECIENTE = 3;

const TREND_CODE: Record<Trend, number> = {
  suma: SUMA,
  creciente: CRECIENTE,
  constante: CONSTANTE,
  decreciente: DECRECIENTE,
};

export type CompiledPlan = {
  plan: Plan;
  years: readonly number[];
  yearCount: number;
  indicatorCount: number;
  objectiveCount: number;
  indicatorCodes: readonly string[];
  indicatorIndex: ReadonlyMap<string, number>;
  objectiveCodes: readonly string[];
  objectiveIndex: ReadonlyMap<string, number>;
  /** Objective of each indicator. */
  objectiveOf: Uint32Array;
  /** Indicators of objective o are [objectiveStart[o], objectiveStart[o + 1]) in plan order. */
  objectiveStart: Uint32Array;
  trend: Uint8Array;
  /** 1 when the indicator measures (A − B)/(T − B) (`progress: "from-baseline"`). */
  fromBaseline: Uint8Array;
  /** NaN when the indicator has no baseline. */
  baseline: Float64Array;
  /** Programmed target per indicator-year; NaN is NP (formats.md §1). */
  target: Float64Array;
  /** Weight in percent points per indicator-year. */
  weight: Float64Array;
  periodWeight: Float64Array;
  /** Period total; NaN is NP (formats.md §1). */
  total: Float64Array;
  objectiveWeight: Float64Array;
  objectivePeriodWeight: Float64Array;
  semaforo: Semaforo;
  /** The thresholds as compared (see `semaforoCuts`). */
  cuts: Semaforo;
};

/**
 * Binary floating point cannot hold most decimal fractions: weights 36 and 4
 * scaled by any factor, or 33,33 + 33,33 + 33,34, give 0,8999999999999999
 * where the exact result is 0,9 — shown as "90,00 %" and, compared naively,
 * amarillo. A compliance within SEMAFORO_TOLERANCE of a threshold counts as
 * reaching it (and a raw ratio must pass `sobreejecucion` by more than it);
 * no real result differs from a threshold by less than a trillionth.
 */
export const SEMAFORO_TOLERANCE = 1e-12;

export function semaforoCuts(semaforo: Semaforo): Semaforo {
  return {
    rojo: semaforo.rojo - SEMAFORO_TOLERANCE,
    amarillo: semaforo.amarillo - SEMAFORO_TOLERANCE,
    sobreejecucion: semaforo.sobreejecucion + SEMAFORO_TOLERANCE,
  };
}

/** Compiles a plan already validated by `validatePlan`. */
export function compilePlan(plan: Plan): CompiledPlan {
  const years = plan.years;
  const yearCount = years.length;
  const objectiveCount = plan.objectives.length;
  let indicatorCount = 0;
  for (const objective of plan.objectives) indicatorCount += objective.indicators.length;

  const compiled: CompiledPlan = {
    plan,
    years,
    yearCount,
    indicatorCount,
    objectiveCount,
    indicatorCodes: [],
    indicatorIndex: new Map(),
    objectiveCodes: plan.objectives.map((objective) => objective.code),
    objectiveIndex: new Map(plan.objectives.map((objective, index) => [objective.code, index])),
    objectiveOf: new Uint32Array(indicatorCount),
    objectiveStart: new Uint32Array(objectiveCount + 1),
    trend: new Uint8Array(indicatorCount),
    fromBaseline: new Uint8Array(indicatorCount),
    baseline: new Float64Array(indicatorCount),
    target: new Float64Array(indicatorCount * yearCount),
    weight: new Float64Array(indicatorCount * yearCount),
    periodWeight: new Float64Array(indicatorCount),
    total: new Float64Array(indicatorCount),
    objectiveWeight: new Float64Array(objectiveCount * yearCount),
    objectivePeriodWeight: new Float64Array(objectiveCount),
    semaforo: plan.semaforo ?? DEFAULT_SEMAFORO,
    cuts: semaforoCuts(plan.semaforo ?? DEFAULT_SEMAFORO),
  };
  const codes: string[] = [];
  const indicatorIndex = new Map<string, number>();
  let i = 0;
  plan.objectives.forEach((objective, o) => {
    compiled.objectiveStart[o] = i;
    for (let y = 0; y < yearCount; y++) {
      // formats.md §1: without objective weights all objectives weigh the same.
      compiled.objectiveWeight[o * yearCount + y] =
        objective.weight === undefined ? 1 : weightOfYear(objective.weight, years[y] ?? 0);
    }
    compiled.objectivePeriodWeight[o] =
      objective.weight === undefined ? 1 : weightOfPeriod(objective.weight, years);
    for (const indicator of objective.indicators) {
      codes.push(indicator.code);
      indicatorIndex.set(indicator.code, i);
      compiled.objectiveOf[i] = o;
      compiled.trend[i] = TREND_CODE[indicator.trend];
      compiled.fromBaseline[i] = indicator.progress === "from-baseline" ? 1 : 0;
      compiled.baseline[i] = indicator.baseline ?? Number.NaN;
      for (let y = 0; y < yearCount; y++) {
        const year = years[y] ?? 0;
        compiled.target[i * yearCount + y] = programmedTarget(indicator, year) ?? Number.NaN;
        compiled.weight[i * yearCount + y] = weightOfYear(indicator.weight, year);
      }
      compiled.periodWeight[i] = weightOfPeriod(indicator.weight, years);
      compiled.total[i] = effectiveTotal(indicator, years) ?? Number.NaN;
      i++;
    }
  });
  compiled.objectiveStart[objectiveCount] = i;
  compiled.indicatorCodes = codes;
  compiled.indicatorIndex = indicatorIndex;
  return compiled;
}
