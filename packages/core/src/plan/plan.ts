import type { IndicatorFicha } from "./field-catalogue.ts";

/**
 * The plan model, in the shape of the public exchange format `rumbo.plan/v1`
 * (docs/formats.md §1). The domain keeps that shape so the importer, the
 * database, the API and the compliance engine all speak one language; the
 * optional fields beyond v1 are Rumbo's documented extensions.
 */

export const PLAN_FORMAT = "rumbo.plan/v1";

export const TRENDS = ["suma", "creciente", "constante", "decreciente"] as const;
export type Trend = (typeof TRENDS)[number];

export const FREQUENCIES = ["mensual", "trimestral", "anual"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const MEASURES = ["numero", "porcentaje", "indice", "razon"] as const;
/** Tipo de medida of the ficha técnica; `razon` is numerador / denominador. */
export type Measure = (typeof MEASURES)[number];

export const GOAL_TYPES = ["sectorial", "estrategica", "proyecto"] as const;
/** Kind of meta an indicator measures (meta sectorial, estratégica or de proyecto de inversión). */
export type GoalType = (typeof GOAL_TYPES)[number];

/** Semáforo thresholds as fractions (0.7 = 70 %). */
export type Semaforo = {
  rojo: number;
  amarillo: number;
  sobreejecucion: number;
};

export const DEFAULT_SEMAFORO: Semaforo = { rojo: 0.7, amarillo: 0.9, sobreejecucion: 1.25 };

/**
 * A weight in percent points: one number for every year, or one per year plus
 * the weight for the whole plan period (`total`, default: mean of the years).
 */
export type WeightPct = number | WeightPctByYear;
export type WeightPctByYear = { [year: string]: number | undefined; total?: number };

/** Programación: target per vigencia; `null` (or a missing year) is no programado (NP). */
export type Targets = { [year: string]: number | null | undefined };

export type Indicator = {
  code: string;
  name: string;
  /** Text of the meta the indicator measures, as the plan writes it. */
  goal?: string;
  trend: Trend;
  unit?: string;
  baseline?: number | null;
  weight: WeightPct;
  targets: Targets;
  total?: number | null;
  // Extensions beyond v1: the ficha técnica.
  /** `creciente` only: measure progress from the baseline, (A − B) / (T − B). */
  progress?: "from-baseline";
  goalType?: GoalType;
  goalCode?: string;
  baselineYear?: number | null;
  // The descriptive fields of the ficha (tipo de meta, fórmula, tipo de medida…)
  // come from the field catalogue, so a new one is declared once.
} & IndicatorFicha;

export type Objective = {
  code: string;
  name: string;
  weight?: WeightPct;
  indicators: Indicator[];
};

export type Plan = {
  format: typeof PLAN_FORMAT;
  code: string;
  name: string;
  years: number[];
  semaforo?: Semaforo;
  objectives: Objective[];
  // Extensions beyond v1.
  entity?: string;
  mission?: string;
  vision?: string;
  source?: string;
};

/**
 * formats.md §1: a year that is missing, `null`, or `0` for suma/creciente/
 * constante is no programado (NP); for decreciente a 0 target is a real target.
 */
export function isProgrammed(target: number | null | undefined, trend: Trend): target is number {
  if (target === null || target === undefined) return false;
  return target !== 0 || trend === "decreciente";
}
