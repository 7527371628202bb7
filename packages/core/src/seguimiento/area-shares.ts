/**
 * Several areas feeding one indicator: each area reports its own share of a
 * period and is reviewed on its own; the indicator's value for the period
 * combines the shares by the rule its ficha declares. Flows (`suma`) add the
 * shares; levels take the declared rule (sum, mean or weighted mean); a razón
 * adds numerators and denominators, never the mean of percentages. Shares are
 * combined per period, so a level reported 10 then 15 by one area and 7 by
 * another is 15 + 7 = 22 at the later period, never 10 + 15 + 7.
 */
import type { Trend } from "../plan/plan.ts";

export const LEVEL_SHARE_RULES = ["suma", "promedio", "ponderado"] as const;
export type LevelShareRule = (typeof LEVEL_SHARE_RULES)[number];

export type AreaShare = {
  area: string;
  value: number;
  /** `razon` only. */
  numerator?: number | null;
  denominator?: number | null;
};

export type CombinedShares = {
  /** The indicator's value for the period, or null when no area reported. */
  value: number | null;
  reported: string[];
  pending: string[];
  /** True while some expected area has not reported: the total is partial. */
  partial: boolean;
};

export type ShareRule = {
  trend: Trend;
  ratio: boolean;
  /** For a razón in percent, the combined terms are shown ×100. */
  percent: boolean;
  levelRule: LevelShareRule;
  /** Weight of each area for `ponderado` (any positive scale). */
  weights?: Readonly<Record<string, number>>;
};

export function combineAreaShares(
  rule: ShareRule,
  shares: readonly AreaShare[],
  expectedAreas: readonly string[],
): CombinedShares {
  const reported = shares.map((s) => s.area);
  const pending = expectedAreas.filter((a) => !reported.includes(a));
  const result = (value: number | null): CombinedShares => ({
    value,
    reported,
    pending,
    partial: pending.length > 0,
  });
  if (shares.length === 0) return result(null);
  if (rule.ratio) {
    const numerator = shares.reduce((s, a) => s + (a.numerator ?? 0), 0);
    const denominator = shares.reduce((s, a) => s + (a.denominator ?? 0), 0);
    if (denominator <= 0) return result(null);
    return result((numerator / denominator) * (rule.percent ? 100 : 1));
  }
  const sum = shares.reduce((s, a) => s + a.value, 0);
  if (rule.trend === "suma" || rule.levelRule === "suma") return result(sum);
  if (rule.levelRule === "promedio") return result(sum / shares.length);
  const weightOf = (area: string) => rule.weights?.[area] ?? 0;
  const totalWeight = shares.reduce((s, a) => s + weightOf(a.area), 0);
  if (totalWeight <= 0) return result(null);
  return result(shares.reduce((s, a) => s + a.value * weightOf(a.area), 0) / totalWeight);
}
