/**
 * Rules that read the plan itself: what counts as programmed, the period total
 * and the weights of a vigencia (formats.md §1). Shared by the plan reader and
 * the engine so both agree on every edge.
 */
import { type Indicator, isProgrammed, type WeightPct } from "../plan/plan.ts";

/** The programación of one year, or `null` when NP. */
export function programmedTarget(indicator: Indicator, year: number): number | null {
  const target = indicator.targets[String(year)];
  return isProgrammed(target, indicator.trend) ? target : null;
}

/**
 * Programación for the whole plan period, or `null` when NP (formats.md §1):
 * as written when present; otherwise `suma` → sum of the yearly targets,
 * other trends → target of the last programmed year.
 */
export function effectiveTotal(indicator: Indicator, years: readonly number[]): number | null {
  if (indicator.total !== undefined) {
    return isProgrammed(indicator.total, indicator.trend) ? indicator.total : null;
  }
  if (indicator.trend === "suma") {
    let sum = 0;
    for (const year of years) sum += programmedTarget(indicator, year) ?? 0;
    return isProgrammed(sum, "suma") ? sum : null;
  }
  for (let index = years.length - 1; index >= 0; index--) {
    const year = years[index];
    if (year === undefined) continue;
    const target = programmedTarget(indicator, year);
    if (target !== null) return target;
  }
  return null;
}

/** Weight of one vigencia in percent points (formats.md §1). */
export function weightOfYear(weight: WeightPct, year: number): number {
  if (typeof weight === "number") return weight;
  // The reader guarantees the object names every plan year (formats.md §1).
  return weight[String(year)] ?? 0;
}

/** Weight for the whole plan period: `total`, or the mean of the yearly weights (formats.md §1). */
export function weightOfPeriod(weight: WeightPct, years: readonly number[]): number {
  if (typeof weight === "number") return weight;
  if (weight.total !== undefined) return weight.total;
  if (years.length === 0) return 0;
  let sum = 0;
  for (const year of years) sum += weightOfYear(weight, year);
  return sum / years.length;
}
