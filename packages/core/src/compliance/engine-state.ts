/**
 * The engine's numbers in flat typed arrays and the kernels that compute them
 * (formats.md §3). NaN stands for "no value" (no actual, NP target, null
 * compliance); statuses are small integer codes. Every kernel recomputes one
 * cell from its inputs, so an incremental update runs exactly the same code as
 * a full recompute and gives bit-identical numbers.
 */
import { parseCalendarDate } from "../formats/options.ts";
import { daysInMonth } from "../formats/period.ts";
import { type CompiledPlan, DECRECIENTE, SUMA } from "./compiled-plan.ts";
import type { ComplianceOptions } from "./types.ts";

export const VERDE = 0;
export const AMARILLO = 1;
export const ROJO = 2;
export const NP = 3;
export const SIN_REPORTE = 4;
export const PENDIENTE = 5;

/** Granularity of the rows of one indicator-year (formats.md §2). */
export const NONE = 0;
export const ANNUAL = 1;
export const QUARTERLY = 2;
export const MONTHLY = 3;

/** Sub-period slots per indicator-year: 12 months (quarters use 4, a year 1). */
export const SLOTS = 12;

export type EngineState = {
  compiled: CompiledPlan;
  /** Cap as a fraction; Infinity for `--cap none` (§3.5). */
  cap: number;
  missingZero: boolean;
  /** Years with index < evaluatedYears are evaluated; the rest are pendiente (§3.2). */
  evaluatedYears: number;
  /** Months of each year that have ended on or before the corte (12 = whole year). */
  monthsCounted: Uint8Array;
  values: Float64Array;
  granularity: Uint8Array;
  reportedCount: Uint8Array;
  actual: Float64Array;
  raw: Float64Array;
  compliance: Float64Array;
  status: Uint8Array;
  periodActual: Float64Array;
  periodTarget: Float64Array;
  periodRaw: Float64Array;
  periodCompliance: Float64Array;
  periodProgress: Float64Array;
  periodStatus: Uint8Array;
  objectiveCompliance: Float64Array;
  objectiveStatus: Uint8Array;
  objectiveWeightSum: Float64Array;
  objectivePeriodCompliance: Float64Array;
  objectivePeriodStatus: Uint8Array;
  objectivePeriodWeightSum: Float64Array;
  objectivePeriodProgress: Float64Array;
  planCompliance: Float64Array;
  planStatus: Uint8Array;
  planWeightSum: Float64Array;
  /** [compliance, status, weight sum, progress] of the plan period. */
  planPeriod: Float64Array;
};

export function createState(compiled: CompiledPlan, options: ComplianceOptions): EngineState {
  const { indicatorCount: n, objectiveCount: m, yearCount: years } = compiled;
  const cells = n * years;
  const { evaluatedYears, monthsCounted } = cutOff(compiled.years, options.asOf);
  const nan = (length: number) => new Float64Array(length).fill(Number.NaN);
  return {
    compiled,
    cap: options.cap === null ? Number.POSITIVE_INFINITY : options.cap,
    missingZero: options.missing === "zero",
    evaluatedYears,
    monthsCounted,
    values: nan(cells * SLOTS),
    granularity: new Uint8Array(cells),
    reportedCount: new Uint8Array(cells),
    actual: nan(cells),
    raw: nan(cells),
    compliance: nan(cells),
    status: new Uint8Array(cells),
    periodActual: nan(n),
    periodTarget: nan(n),
    periodRaw: nan(n),
    periodCompliance: nan(n),
    periodProgress: nan(n),
    periodStatus: new Uint8Array(n),
    objectiveCompliance: nan(m * years),
    objectiveStatus: new Uint8Array(m * years),
    objectiveWeightSum: new Float64Array(m * years),
    objectivePeriodCompliance: nan(m),
    objectivePeriodStatus: new Uint8Array(m),
    objectivePeriodWeightSum: new Float64Array(m),
    objectivePeriodProgress: nan(m),
    planCompliance: nan(years),
    planStatus: new Uint8Array(years),
    planWeightSum: new Float64Array(years),
    planPeriod: nan(4),
  };
}

/**
 * formats.md §3.2: years after the corte's year are pendiente; in the corte's
 * year only periods ending on or before it count (a month counts when the
 * corte is on or after its last day; an annual row needs 31 December).
 */
function cutOff(years: readonly number[], asOf: string | null) {
  const monthsCounted = new Uint8Array(years.length).fill(12);
  if (asOf === null) return { evaluatedYears: years.length, monthsCounted };
  const date = parseCalendarDate(asOf);
  if (date === null) throw new Error(`fecha de corte inválida "${asOf}" (se espera AAAA-MM-DD)`);
  let evaluatedYears = 0;
  years.forEach((year, y) => {
    if (year < date.year) evaluatedYears = y + 1;
    else if (year === date.year) {
      evaluatedYears = y + 1;
      const monthEnded = date.day === daysInMonth(date.year, date.month) ? 1 : 0;
      monthsCounted[y] = date.month - 1 + monthEnded;
    } else monthsCounted[y] = 0;
  });
  return { evaluatedYears, monthsCounted };
}

export function semaforoCode(state: EngineState, compliance: number): number {
  const { rojo, amarillo } = state.compiled.cuts;
  if (compliance < rojo) return ROJO;
  return compliance < amarillo ? AMARILLO : VERDE;
}

/** formats.md §3.4: raw ratio of an actual to a target, floored at 0. */
export function rawRatio(state: EngineState, i: number, actual: number, target: number): number {
  const { trend, baseline, fromBaseline } = state.compiled;
  let ratio: number;
  if (trend[i] === DECRECIENTE) {
    const b = baseline[i] ?? Number.NaN;
    ratio = (b - actual) / (b - target);
  } else if (fromBaseline[i] === 1) {
    // Rumbo's variant for creciente: progress from the baseline, (A − B)/(T − B).
    const b = baseline[i] ?? Number.NaN;
    ratio = (actual - b) / (target - b);
  } else {
    ratio = actual / target;
  }
  // `ratio > 0` also turns −0 into 0.
  return Math.max(ratio, 0);
}

/**
 * formats.md §3.1: the annual row when there is one; otherwise the counted
 * sub-annual rows: `suma` → their sum, other trends → the value of the period
 * that ends last.
 */
export function yearActual(state: EngineState, i: number, y: number): number {
  const years = state.compiled.yearCount;
  const cell = i * years + y;
  const kind = state.granularity[cell];
  if (kind === NONE) return Number.NaN;
  const months = state.monthsCounted[y] ?? 0;
  const base = cell * SLOTS;
  const values = state.values;
  if (kind === ANNUAL) return months === 12 ? (values[base] ?? Number.NaN) : Number.NaN;
  const counted = kind === QUARTERLY ? (months / 3) | 0 : months;
  let result = Number.NaN;
  if (state.compiled.trend[i] === SUMA) {
    for (let slot = 0; slot < counted; slot++) {
      const value = values[base + slot] ?? Number.NaN;
      if (!Number.isNaN(value)) result = !Number.isNaN(result) ? result + value : value;
    }
  } else {
    for (let slot = counted - 1; slot >= 0; slot--) {
      const value = values[base + slot] ?? Number.NaN;
      if (!Number.isNaN(value)) return value;
    }
  }
  return result;
}

/** formats.md §3.3–3.5 for one indicator-year. */
export function computeIndicatorYear(state: EngineState, i: number, y: number): void {
  const cell = i * state.compiled.yearCount + y;
  const actual = yearActual(state, i, y);
  const target = state.compiled.target[cell] ?? Number.NaN;
  state.actual[cell] = actual;
  if (Number.isNaN(target)) {
    state.status[cell] = NP;
    state.raw[cell] = Number.NaN;
    state.compliance[cell] = Number.NaN;
  } else if (y >= state.evaluatedYears) {
    state.status[cell] = PENDIENTE;
    state.raw[cell] = Number.NaN;
    state.compliance[cell] = Number.NaN;
  } else if (Number.isNaN(actual)) {
    state.status[cell] = SIN_REPORTE;
    state.raw[cell] = Number.NaN;
    state.compliance[cell] = state.missingZero ? 0 : Number.NaN;
  } else {
    const raw = rawRatio(state, i, actual, target);
    const compliance = Math.min(raw, state.cap);
    state.raw[cell] = raw;
    state.compliance[cell] = compliance;
    state.status[cell] = semaforoCode(state, compliance);
  }
}

/** formats.md §3.8 for one indicator: A*, T*, compliance and progress. */
export function computeIndicatorPeriod(state: EngineState, i: number): void {
  const { yearCount, target, trend, total } = state.compiled;
  const suma = trend[i] === SUMA;
  let actualToDate = Number.NaN;
  let targetToDate = Number.NaN;
  for (let y = 0; y < state.evaluatedYears; y++) {
    const cell = i * yearCount + y;
    const actual = state.actual[cell] ?? Number.NaN;
    if (!Number.isNaN(actual)) {
      actualToDate = suma && !Number.isNaN(actualToDate) ? actualToDate + actual : actual;
    }
    const due = target[cell] ?? Number.NaN;
    if (!Number.isNaN(due))
      targetToDate = suma && !Number.isNaN(targetToDate) ? targetToDate + due : due;
  }
  state.periodActual[i] = actualToDate;
  state.periodTarget[i] = targetToDate;
  if (Number.isNaN(targetToDate)) {
    state.periodStatus[i] = NP;
    state.periodRaw[i] = Number.NaN;
    state.periodCompliance[i] = Number.NaN;
  } else if (Number.isNaN(actualToDate)) {
    state.periodStatus[i] = SIN_REPORTE;
    state.periodRaw[i] = Number.NaN;
    state.periodCompliance[i] = state.missingZero ? 0 : Number.NaN;
  } else {
    const raw = rawRatio(state, i, actualToDate, targetToDate);
    const compliance = Math.min(raw, state.cap);
    state.periodRaw[i] = raw;
    state.periodCompliance[i] = compliance;
    state.periodStatus[i] = semaforoCode(state, compliance);
  }
  const periodTotal = total[i] ?? Number.NaN;
  if (Number.isNaN(periodTotal)) state.periodProgress[i] = Number.NaN;
  else if (Number.isNaN(actualToDate)) state.periodProgress[i] = 0;
  else {
    const progress = rawRatio(state, i, actualToDate, periodTotal);
    state.periodProgress[i] = Math.min(progress, state.cap);
  }
}
