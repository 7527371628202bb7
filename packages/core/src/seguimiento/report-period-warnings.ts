/**
 * The warnings of a value reported for one indicator and period, read from
 * the same engine that computes compliance: the indicator's cell for the
 * period's vigencia as of the corte that collects the period (formats.md §3.2),
 * with the other periods' approved values of that vigencia beside it, and the
 * indicator's approved history for the outlier test.
 */
import { createEngine } from "../compliance/engine.ts";
import { formatPeriod, type Period, parsePeriod } from "../formats/period.ts";
import { DEFAULT_SEMAFORO, type Plan } from "../plan/plan.ts";
import { cortePeriodEnd } from "./corte.ts";
import {
  type ReportWarning,
  type ReportWarningCode,
  reportWarnings,
  unexplainedWarnings,
} from "./report-warnings.ts";

export type PeriodValue = { period: string; value: number };

/**
 * Warnings of `value` for `indicatorCode` in `period`. `approved`: the
 * indicator's approved values of other periods (this period's own is replaced
 * by `value`); values of another period kind are not comparable and are left out.
 */
export function reportPeriodWarnings(input: {
  plan: Plan;
  indicatorCode: string;
  period: Period;
  value: number;
  approved: readonly PeriodValue[];
}): ReportWarning[] {
  const own = formatPeriod(input.period);
  const others = input.approved.flatMap((a) => {
    const p = parsePeriod(a.period);
    return p && p.kind === input.period.kind && a.period !== own ? [{ ...a, parsed: p }] : [];
  });
  const engine = createEngine(onlyIndicator(input.plan, input.indicatorCode), {
    asOf: cortePeriodEnd(input.period),
    missing: "zero",
    cap: 1,
  });
  engine.setActuals([
    ...others
      .filter((o) => o.parsed.year === input.period.year)
      .map((o) => ({ indicator: input.indicatorCode, period: o.period, value: o.value })),
    { indicator: input.indicatorCode, period: own, value: input.value },
  ]);
  const cell = engine.indicatorCell(input.indicatorCode, input.period.year);
  return reportWarnings({
    semaforo: cell.semaforo,
    raw: cell.raw,
    thresholds: input.plan.semaforo ?? DEFAULT_SEMAFORO,
    value: input.value,
    history: others.map((o) => o.value),
  });
}

/**
 * The plan cut down to the one indicator: its cell depends on nothing else
 * (formats.md §3.1–3.5, 3.9), and a plan of 100,000 indicators is not
 * compiled for one report.
 */
function onlyIndicator(plan: Plan, code: string): Plan {
  for (const objective of plan.objectives) {
    const indicator = objective.indicators.find((i) => i.code === code);
    if (indicator) return { ...plan, objectives: [{ ...objective, indicators: [indicator] }] };
  }
  throw new RangeError(`indicador desconocido "${code}"`);
}

/** Each warning with whether the version holds an explanation of it. */
export function explainedWarnings(
  warnings: readonly ReportWarning[],
  explanations: Partial<Record<ReportWarningCode, string>>,
): Array<ReportWarning & { explained: boolean }> {
  return warnings.map((w) => ({
    ...w,
    explained: unexplainedWarnings([w], explanations[w.code]).length === 0,
  }));
}
