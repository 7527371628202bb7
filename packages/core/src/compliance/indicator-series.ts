/**
 * Programado vs ejecutado of one indicator per reported period (issue 12 §3):
 * each value the engine read for it (the approved reports of the query), in
 * period order, whether it counts at the corte (formats.md §3.2: a period
 * counts once it ended by the corte), the target of its vigencia and, for
 * `suma`, the value accumulated over the cuatrienio. Pure: the year cells are
 * the engine's; the accumulation is the engine's own rule (suma adds the
 * counted periods, formats.md §3.1), so at the last counted period it equals
 * the engine's cuatrienio A*.
 */
import type { ActualValue } from "../formats/actuals-csv.ts";
import { daysInMonth, formatPeriod, parsePeriod } from "../formats/period.ts";
import type { Plan, Trend } from "../plan/plan.ts";
import type { ComplianceOptions, ComplianceResult, IndicatorYearCell } from "./types.ts";

export type IndicatorPeriodPoint = {
  /** `2024`, `2024-Q1` or `2024-03`. */
  period: string;
  year: number;
  /** Last day of the period, AAAA-MM-DD. */
  end: string;
  value: number;
  /** The period ended by the corte, so the engine counts it. */
  counted: boolean;
  /** The target of its vigencia; null when not programmed (NP). */
  target: number | null;
  /** `suma`: counted values added up over the cuatrienio through this period; null otherwise or when not counted. */
  cumulative: number | null;
  /** `suma`: the targets of the vigencias through this period's, added up (NP counts 0); null otherwise. */
  cumulativeTarget: number | null;
};

export type IndicatorSeries = {
  code: string;
  name: string;
  unit: string | null;
  trend: Trend;
  asOf: string | null;
  /** The engine's cells of each vigencia. */
  years: Record<string, IndicatorYearCell>;
  periods: IndicatorPeriodPoint[];
};

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function endOf(
  text: string,
): { year: number; end: string; order: number; canonical: string } | null {
  const period = parsePeriod(text);
  if (period === null) return null;
  const month =
    period.kind === "year" ? 12 : period.kind === "quarter" ? period.index * 3 : period.index;
  return {
    year: period.year,
    end: `${period.year}-${pad(month)}-${pad(daysInMonth(period.year, month))}`,
    // A year's row sorts after its sub-annual rows.
    order: period.year * 100 + (period.kind === "year" ? 99 : month),
    canonical: formatPeriod(period),
  };
}

/** The series of indicator `code`, read from the inputs and result of one compliance query. */
export function buildIndicatorSeries(
  input: {
    plan: Plan;
    result: ComplianceResult;
    options: ComplianceOptions;
    actuals: readonly ActualValue[];
  },
  code: string,
): IndicatorSeries | null {
  const indicator = input.plan.objectives
    .flatMap((objective) => objective.indicators)
    .find((item) => item.code === code);
  const row = input.result.indicators.find((item) => item.code === code);
  if (indicator === undefined || row === undefined) return null;
  const asOf = input.options.asOf;
  const points = input.actuals
    .filter((actual) => actual.indicator === code)
    .flatMap((actual) => {
      const when = endOf(actual.period);
      if (when === null || !input.plan.years.includes(when.year)) return [];
      return [{ ...when, value: actual.value }];
    })
    .sort((a, b) => a.order - b.order);
  let total = 0;
  const targetThrough = (year: number) =>
    input.plan.years
      .filter((item) => item <= year)
      .reduce((sum, item) => {
        const cell = row.years[String(item)];
        return sum + (cell?.status === "np" ? 0 : (cell?.target ?? 0));
      }, 0);
  const periods = points.map((point): IndicatorPeriodPoint => {
    const counted = asOf === null || point.end <= asOf;
    const cell = row.years[String(point.year)];
    if (indicator.trend === "suma" && counted) total += point.value;
    return {
      period: point.canonical,
      year: point.year,
      end: point.end,
      value: point.value,
      counted,
      target: cell?.status === "np" ? null : (cell?.target ?? null),
      cumulative: indicator.trend === "suma" && counted ? total : null,
      cumulativeTarget: indicator.trend === "suma" ? targetThrough(point.year) : null,
    };
  });
  return {
    code,
    name: indicator.name,
    unit: indicator.unit ?? null,
    trend: indicator.trend,
    asOf,
    years: row.years,
    periods,
  };
}
