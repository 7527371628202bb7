/**
 * Weights (ponderaciones) in percent points: their values, and whether they add
 * up to 100 inside an objective (per vigencia and for the period) and across
 * objectives. They need not add up (formats.md §1: rollups renormalise,
 * §3.6), so a wrong sum is a warning; the planner decides.
 */
import { programmedTarget, weightOfPeriod, weightOfYear } from "../compliance/plan-rules.ts";
import type { Indicator, Objective, Plan, WeightPct } from "../plan/plan.ts";
import { hasText, issueAt, PLAN_SCOPE, type Scope } from "./scope.ts";
import type { ValidationIssue } from "./validation-issue.ts";
import { formatDistinct, formatQuantity, listInSpanish, periodOf } from "./wording.ts";

/**
 * Two weight sums closer than this (in percent points) are equal: float sums
 * of a few dozen weights drift by ~1e-13; a planner's error is ≥ 0,001.
 */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

function sameWeight(a: number, b: number): boolean {
  return Math.abs(a - b) <= WEIGHT_SUM_TOLERANCE;
}

/** Whether weights adding up to `sumPct` make 100 % (within WEIGHT_SUM_TOLERANCE). */
export function isHundredPct(sumPct: number): boolean {
  return sameWeight(sumPct, 100);
}

/** One weight of a column of weights: its value (null = not written) and whether it counts. */
export type WeightEntry = { weightPct: number | null; programmed: boolean };

export type WeightShare = WeightEntry & {
  /** weight / Σ weights of the programmed entries, in percent points; null when NP or nothing weighs. */
  sharePct: number | null;
};

export type WeightShares = {
  /** Σ of the weights as written, programmed or not. */
  sumPct: number;
  sumIsHundred: boolean;
  /** Σ of the weights of the programmed entries: the base of the shares. */
  programmedSumPct: number;
  shares: WeightShare[];
};

/**
 * The weights of one vigencia (or the period) and each one's share once they
 * are renormalised over the programmed entries (formats.md §3.6, §3.7: an NP
 * indicator or objective takes no share that year).
 */
export function weightShares(entries: readonly WeightEntry[]): WeightShares {
  let sumPct = 0;
  let programmedSumPct = 0;
  for (const entry of entries) {
    sumPct += entry.weightPct ?? 0;
    if (entry.programmed) programmedSumPct += entry.weightPct ?? 0;
  }
  return {
    sumPct,
    sumIsHundred: isHundredPct(sumPct),
    programmedSumPct,
    shares: entries.map((entry) => ({
      ...entry,
      sharePct:
        entry.programmed && entry.weightPct !== null && programmedSumPct > 0
          ? (entry.weightPct / programmedSumPct) * 100
          : null,
    })),
  };
}

/** An indicator that weighs in a vigencia where it is not programmed. */
export type UnprogrammedWeight = { indicator: Indicator; weightPct: number };

/** One vigencia whose programmed indicators' weights do not add up to 100. */
export type YearWeightGap = {
  year: number;
  sumPct: number;
  /** NP indicators with weight > 0: the reason the sum falls short, when there is one. */
  unprogrammed: UnprogrammedWeight[];
};

/**
 * Vigencias where the weights of the programmed indicators of an objective do
 * not add up to 100 (formats.md §3.6: the objective-year renormalises over
 * them). A vigencia with nothing programmed is NP for the objective, not a gap.
 */
export function yearWeightGaps(objective: Objective, years: readonly number[]): YearWeightGap[] {
  const gaps: YearWeightGap[] = [];
  for (const year of years) {
    let sumPct = 0;
    let programmed = false;
    const unprogrammed: UnprogrammedWeight[] = [];
    for (const indicator of objective.indicators) {
      const weightPct = weightOfYear(indicator.weight, year);
      if (programmedTarget(indicator, year) !== null) {
        programmed = true;
        sumPct += weightPct;
      } else if (weightPct > 0) {
        unprogrammed.push({ indicator, weightPct });
      }
    }
    if (programmed && !isHundredPct(sumPct)) gaps.push({ year, sumPct, unprogrammed });
  }
  return gaps;
}

/** Σ of the indicators' weights for the whole period (`total`, or the mean of the years). */
export function periodWeightSum(objective: Objective, years: readonly number[]): number {
  let sumPct = 0;
  for (const indicator of objective.indicators) sumPct += weightOfPeriod(indicator.weight, years);
  return sumPct;
}

const pct = (value: number) => `${formatQuantity(value)} %`;

function codeOf(indicator: Indicator): string {
  return hasText(indicator.code) ? indicator.code.trim() : "sin código";
}

/** `weights.sum-not-100` (per vigencia) and `weights.period-sum-not-100` of one objective. */
export function checkIndicatorWeightSums(
  objective: Objective,
  scope: Scope,
  years: readonly number[],
): ValidationIssue[] {
  if (objective.indicators.length === 0) return [];
  const issues: ValidationIssue[] = [];
  const periodSum = periodWeightSum(objective, years);
  const plain = objective.indicators.every((indicator) => typeof indicator.weight === "number");
  if (!isHundredPct(periodSum)) {
    const [sum] = formatDistinct(periodSum, 100);
    const which = plain
      ? "las ponderaciones de sus indicadores"
      : `las ponderaciones de sus indicadores para el ${periodOf(years)} (total)`;
    issues.push(
      issueAt(scope, "weights.period-sum-not-100", `${which} suman ${sum} %, no 100 %.`, {
        field: "weight",
      }),
    );
  }
  for (const gap of yearWeightGaps(objective, years)) {
    // Every weighted indicator programmed and the same sum as the period: the
    // period warning above already says it; repeating it per vigencia is noise.
    if (gap.unprogrammed.length === 0 && sameWeight(gap.sumPct, periodSum)) continue;
    const [sum] = formatDistinct(gap.sumPct, 100);
    const named = gap.unprogrammed.map(
      (item) => `${codeOf(item.indicator)} (pondera ${pct(item.weightPct)})`,
    );
    const missing =
      named.length === 0
        ? ""
        : named.length === 1
          ? `: no está programado el indicador ${named[0]}`
          : `: no están programados los indicadores ${listInSpanish(named)}`;
    issues.push(
      issueAt(
        scope,
        "weights.sum-not-100",
        `las ponderaciones de los indicadores programados suman ${sum} %, no 100 %${missing}; el cumplimiento se renormaliza sobre los programados.`,
        { field: "weight", year: gap.year },
      ),
    );
  }
  return issues;
}

/**
 * `objective-weights.sum-not-100`: objective weights are optional and given for
 * all objectives or none (formats.md §1); when given, they should add up to 100.
 */
export function checkObjectiveWeightSums(plan: Plan, years: readonly number[]): ValidationIssue[] {
  const weights: WeightPct[] = [];
  for (const objective of plan.objectives) {
    // Partial weights are `objective-weights.partial`; their sum means nothing.
    if (objective.weight === undefined) return [];
    weights.push(objective.weight);
  }
  if (weights.length === 0) return [];
  const issues: ValidationIssue[] = [];
  const periodSum = weights.reduce<number>((sum, weight) => sum + weightOfPeriod(weight, years), 0);
  const plain = weights.every((weight) => typeof weight === "number");
  if (!isHundredPct(periodSum)) {
    const [sum] = formatDistinct(periodSum, 100);
    const which = plain ? "" : ` para el ${periodOf(years)} (total)`;
    issues.push(
      issueAt(
        PLAN_SCOPE,
        "objective-weights.sum-not-100",
        `Las ponderaciones de los objetivos${which} suman ${sum} %, no 100 %; el cumplimiento del plan se renormaliza sobre ellas.`,
        { at: ["objectives"], field: "weight" },
      ),
    );
  }
  for (const year of years) {
    const yearSum = weights.reduce<number>((sum, weight) => sum + weightOfYear(weight, year), 0);
    // A vigencia with the period's sum adds nothing to the warning above.
    if (isHundredPct(yearSum) || sameWeight(yearSum, periodSum)) continue;
    const [sum] = formatDistinct(yearSum, 100);
    issues.push(
      issueAt(
        PLAN_SCOPE,
        "objective-weights.sum-not-100",
        `Vigencia ${year}: las ponderaciones de los objetivos suman ${sum} %, no 100 %; el cumplimiento del plan se renormaliza sobre ellas.`,
        { at: ["objectives"], field: "weight", year },
      ),
    );
  }
  return issues;
}

/**
 * Values of one weight (indicator or objective): ≥ 0, at most 100, and, when
 * given per vigencia, naming exactly the plan's years (formats.md §1; an
 * unnamed year weighs 0 and the plan would not read back as rumbo.plan/v1).
 */
export function checkWeightValues(
  scope: Scope,
  weight: WeightPct | undefined,
  years: readonly number[],
): ValidationIssue[] {
  if (weight === undefined) return [];
  if (typeof weight === "number") return checkWeightNumber(scope, weight, ["weight"], "");
  const issues: ValidationIssue[] = [];
  const yearKeys = new Set(years.map(String));
  for (const year of years) {
    const value = weight[String(year)];
    if (typeof value !== "number") {
      issues.push(
        issueAt(
          scope,
          "weight.year-missing",
          "la ponderación por vigencia no nombra esta vigencia; se tomaría como 0 %.",
          { at: ["weight", String(year)], field: "weight", year },
        ),
      );
    } else {
      issues.push(...checkWeightNumber(scope, value, ["weight", String(year)], "", year));
    }
  }
  if (typeof weight.total === "number") {
    const of = ` del ${periodOf(years)} (total)`;
    issues.push(...checkWeightNumber(scope, weight.total, ["weight", "total"], of));
  }
  for (const key of Object.keys(weight)) {
    if (key === "total" || yearKeys.has(key) || weight[key] === undefined) continue;
    issues.push(
      outsidePlan(scope, "weight.year-outside-plan", "weight", key, years, "una ponderación"),
    );
  }
  return issues;
}

function checkWeightNumber(
  scope: Scope,
  value: number,
  at: readonly string[],
  of: string,
  year?: number,
): ValidationIssue[] {
  const place = { at, field: "weight", year } as const;
  if (value < 0) {
    return [
      issueAt(
        scope,
        "weight.negative",
        `la ponderación${of} es ${pct(value)}; una ponderación no puede ser negativa.`,
        place,
      ),
    ];
  }
  if (value > 100) {
    return [
      issueAt(
        scope,
        "weight.above-100",
        `la ponderación${of} es ${pct(value)}, más de 100 %.`,
        place,
      ),
    ];
  }
  return [];
}

/** A key of `targets` or `weight` that is not a plan year: names the year when it is one. */
export function outsidePlan(
  scope: Scope,
  code: "weight.year-outside-plan" | "targets.year-outside-plan",
  field: "weight" | "targets",
  key: string,
  years: readonly number[],
  what: string,
): ValidationIssue {
  const planYears =
    years.length === 0 ? "el plan no tiene vigencias" : `vigencias: ${years.join(", ")}`;
  const year = /^\d{4}$/.test(key) ? Number(key) : undefined;
  if (year !== undefined) {
    return issueAt(
      scope,
      code,
      `hay ${what} para un año que no es vigencia del plan (${planYears}).`,
      { at: [field, key], field, year },
    );
  }
  return issueAt(
    scope,
    code,
    `hay ${what} en «${key}», que no es una vigencia del plan (${planYears}).`,
    { at: [field, key], field },
  );
}
