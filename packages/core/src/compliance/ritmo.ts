/**
 * Ritmo y proyección (docs/methodology.md §11): for the vigencia of the fecha
 * de corte, where each indicator should be by now, where it is, and where it
 * ends — the year and the cuatrienio — if it keeps its pace. An indicator whose
 * projection ends below the amarillo threshold is **en riesgo**.
 *
 * Pure: it reads the plan and the engine's result computed with the same
 * `asOf`; it never recomputes an actual.
 */
import { formatRatioAsPercent } from "../format/numbers.ts";
import { DEFAULT_SEMAFORO, type Indicator, type Plan } from "../plan/plan.ts";
import { SEMAFORO_TOLERANCE } from "./compiled-plan.ts";
import { effectiveTotal, programmedTarget } from "./plan-rules.ts";
import type { ComplianceOptions, ComplianceResult } from "./types.ts";

/** Programación per sub-annual period (`2024-Q2`, `2024-05`) of one indicator. */
export type PeriodTargets = Readonly<Record<string, number>>;

export type RitmoInput = {
  plan: Plan;
  /** The engine's result computed with `options` (and so with `options.asOf`). */
  result: ComplianceResult;
  options: ComplianceOptions;
  /** Period programming by indicator code, when the plan has one. */
  periodTargets?: Readonly<Record<string, PeriodTargets>>;
};

/** How the expected value by the corte was obtained. */
export type ExpectedBasis = "programacion-periodo" | "linea-recta" | "nivel";

export type IndicatorRitmo = {
  code: string;
  year: number;
  /** Fraction of the vigencia elapsed at the corte (days, 1 on 31 December). */
  elapsed: number;
  /** The vigencia's target T. */
  target: number;
  /** Where it should be by the corte; null when the level is due only at year end. */
  expected: number | null;
  expectedBasis: ExpectedBasis;
  /** The engine's actual A of the vigencia at the corte; null without report. */
  actual: number | null;
  /** Projected value at 31 December if the pace holds; null without report. */
  projectedYear: number | null;
  /** Compliance of the projected value (rules 4–5); null without report. */
  projectedYearCompliance: number | null;
  /** Projected cumulative value at the cuatrienio's end (suma); null for levels. */
  projectedPeriod: number | null;
  /** Projected compliance against the cuatrienio total; null without total or report. */
  projectedPeriodCompliance: number | null;
  enRiesgo: boolean;
  /** Why it is (or is not) en riesgo, in the planner's words. */
  reason: string;
};

export type PlanRitmo = {
  year: number;
  asOf: string;
  elapsed: number;
  /** Threshold below which a projection is en riesgo (the plan's amarillo). */
  threshold: number;
  indicators: IndicatorRitmo[];
};

const DAY = 86_400_000;

function utc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Fraction of `year` elapsed at the end of day `asOf` (0 before, 1 on or after 31 December). */
export function elapsedFraction(year: number, asOf: string): number {
  const start = utc(`${year}-01-01`);
  const end = utc(`${year + 1}-01-01`);
  const day = utc(asOf) + DAY;
  if (day <= start) return 0;
  if (day >= end) return 1;
  return (day - start) / (end - start);
}

/** Last day of a period `AAAA`, `AAAA-Qn` or `AAAA-MM`, as AAAA-MM-DD. */
function periodEnd(period: string): string | null {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  let year: number;
  let lastMonth: number;
  if (quarter) {
    year = Number(quarter[1]);
    lastMonth = Number(quarter[2]) * 3;
  } else if (month) {
    year = Number(month[1]);
    lastMonth = Number(month[2]);
  } else if (/^\d{4}$/.test(period)) {
    year = Number(period);
    lastMonth = 12;
  } else return null;
  const last = new Date(Date.UTC(year, lastMonth, 0));
  return last.toISOString().slice(0, 10);
}

/** Rule 4 on an indicator's own numbers: the ratio floored at 0. */
export function ratioOf(indicator: Indicator, actual: number, target: number): number {
  const b = indicator.baseline ?? Number.NaN;
  let ratio: number;
  if (indicator.trend === "decreciente") ratio = (b - actual) / (b - target);
  else if (indicator.progress === "from-baseline") ratio = (actual - b) / (target - b);
  else ratio = actual / target;
  return Number.isNaN(ratio) ? 0 : Math.max(ratio, 0);
}

function capped(ratio: number, cap: number | null): number {
  return cap === null ? ratio : Math.min(ratio, cap);
}

/** Expected value by the corte from period programming, or null if none ended yet. */
function expectedFromPeriods(
  indicator: Indicator,
  targets: PeriodTargets,
  year: number,
  asOf: string,
): number | null {
  const ended = Object.entries(targets)
    .filter(([period]) => period.startsWith(`${year}-`))
    .map(([period, value]) => ({ end: periodEnd(period), value }))
    .filter((item): item is { end: string; value: number } => item.end !== null && item.end <= asOf)
    .sort((a, b) => a.end.localeCompare(b.end));
  if (ended.length === 0) return indicator.trend === "suma" ? 0 : null;
  if (indicator.trend === "suma") return ended.reduce((sum, item) => sum + item.value, 0);
  return ended[ended.length - 1]?.value ?? null;
}

/**
 * Ritmo of every indicator programmed in the corte's vigencia, or null when the
 * corte is not inside a plan year (no corte, or before or after the plan).
 */
export function computeRitmo(input: RitmoInput): PlanRitmo | null {
  const { plan, result, options } = input;
  const asOf = options.asOf;
  if (asOf === null) return null;
  const year = Number(asOf.slice(0, 4));
  if (!plan.years.includes(year)) return null;
  const threshold = (plan.semaforo ?? DEFAULT_SEMAFORO).amarillo;
  const cut = threshold - SEMAFORO_TOLERANCE;
  const elapsed = elapsedFraction(year, asOf);
  const indicators: IndicatorRitmo[] = [];
  for (const objective of plan.objectives) {
    for (const indicator of objective.indicators) {
      const target = programmedTarget(indicator, year);
      const row = result.indicators.find((item) => item.code === indicator.code);
      const cell = row?.years[String(year)];
      if (target === null || row === undefined || cell === undefined) continue;
      const suma = indicator.trend === "suma";
      const periods = input.periodTargets?.[indicator.code];
      const hasPeriods =
        periods !== undefined && Object.keys(periods).some((p) => p.startsWith(`${year}-`));
      const expectedBasis: ExpectedBasis = hasPeriods
        ? "programacion-periodo"
        : suma
          ? "linea-recta"
          : "nivel";
      const expected = hasPeriods
        ? expectedFromPeriods(indicator, periods, year, asOf)
        : suma
          ? target * elapsed
          : null;
      const actual = cell.actual;
      let projectedYear: number | null = null;
      if (actual !== null) {
        if (!suma) projectedYear = actual;
        else if (expected !== null && expected > 0) projectedYear = (actual * target) / expected;
        else projectedYear = actual >= target ? actual : null;
      }
      const yearRatio = projectedYear === null ? null : ratioOf(indicator, projectedYear, target);
      const projectedYearCompliance = yearRatio === null ? null : capped(yearRatio, options.cap);
      const total = effectiveTotal(indicator, plan.years);
      let projectedPeriod: number | null = null;
      let projectedPeriodCompliance: number | null = null;
      if (projectedYear !== null && yearRatio !== null && total !== null) {
        if (suma) {
          let past = 0;
          let future = 0;
          for (const other of plan.years) {
            if (other < year) past += row.years[String(other)]?.actual ?? 0;
            if (other > year) future += programmedTarget(indicator, other) ?? 0;
          }
          // The pace of this vigencia (projected against its target) carries on.
          projectedPeriod = past + projectedYear + (projectedYear / target) * future;
          projectedPeriodCompliance = capped(
            ratioOf(indicator, projectedPeriod, total),
            options.cap,
          );
        } else {
          // A level keeps the share of its target it reaches this vigencia.
          projectedPeriodCompliance = projectedYearCompliance;
        }
      }
      const below = (value: number | null) => value !== null && value < cut;
      const enRiesgo = below(projectedYearCompliance) || below(projectedPeriodCompliance);
      let reason: string;
      if (actual === null) reason = "Sin reporte a la fecha de corte: no hay ritmo que proyectar.";
      else if (projectedYear === null)
        reason = "Aún no se esperaba avance a la fecha de corte: no hay ritmo que proyectar.";
      else if (below(projectedYearCompliance))
        reason = `A este ritmo termina la vigencia en ${formatRatioAsPercent(projectedYearCompliance ?? 0)}, por debajo del umbral amarillo (${formatRatioAsPercent(threshold)}).`;
      else if (below(projectedPeriodCompliance))
        reason = `A este ritmo termina el cuatrienio en ${formatRatioAsPercent(projectedPeriodCompliance ?? 0)}, por debajo del umbral amarillo (${formatRatioAsPercent(threshold)}).`;
      else reason = "A este ritmo alcanza el umbral amarillo en la vigencia y en el cuatrienio.";
      indicators.push({
        code: indicator.code,
        year,
        elapsed,
        target,
        expected,
        expectedBasis,
        actual,
        projectedYear,
        projectedYearCompliance,
        projectedPeriod,
        projectedPeriodCompliance,
        enRiesgo,
        reason,
      });
    }
  }
  return { year, asOf, elapsed, threshold, indicators };
}
