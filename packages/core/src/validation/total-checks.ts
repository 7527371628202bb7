/**
 * The programación of an indicator: its yearly targets and its period total
 * against the trend (formats.md §1). The detectors are shared with the seed
 * importer's checks, which word the same findings for a document's lines.
 */
import {
  effectiveTotal,
  programmedTarget,
  weightOfPeriod,
  weightOfYear,
} from "../compliance/plan-rules.ts";
import { type Indicator, isProgrammed } from "../plan/plan.ts";
import { issueAt, type Scope } from "./scope.ts";
import type { ValidationIssue } from "./validation-issue.ts";
import { outsidePlan } from "./weight-checks.ts";
import { formatDistinct, formatQuantity, periodOf } from "./wording.ts";

/** The plan years where the indicator is programmed (formats.md §1), in plan order. */
export function programmedYears(indicator: Indicator, years: readonly number[]): number[] {
  return years.filter((year) => programmedTarget(indicator, year) !== null);
}

/** The total the trend implies, ignoring the written one: suma → Σ years, others → last programmed year. */
export function trendTotal(indicator: Indicator, years: readonly number[]): number | null {
  return effectiveTotal({ ...indicator, total: undefined }, years);
}

export type TotalTrendMismatch = { written: number; implied: number; lastYear: number | null };

/** A written, programmed total that is not what the trend implies. */
export function totalTrendMismatch(
  indicator: Indicator,
  years: readonly number[],
): TotalTrendMismatch | null {
  const written = indicator.total;
  if (written === undefined || !isProgrammed(written, indicator.trend)) return null;
  const implied = trendTotal(indicator, years);
  if (implied === null) return null;
  // Relative tolerance: Σ of decimals like 0,25 × 4 drifts in the last bits.
  if (Math.abs(written - implied) <= 1e-9 * Math.max(1, Math.abs(implied))) return null;
  return { written, implied, lastYear: programmedYears(indicator, years).at(-1) ?? null };
}

/**
 * A total written as `null` or 0 (not decreciente) while some year is
 * programmed: the period is NP (formats.md §1), whatever the years say.
 * `implied` is what the trend would give had the total been left out.
 */
export function totalLeftUnprogrammed(
  indicator: Indicator,
  years: readonly number[],
): { implied: number | null } | null {
  if (indicator.total === undefined || isProgrammed(indicator.total, indicator.trend)) return null;
  if (programmedYears(indicator, years).length === 0) return null;
  return { implied: trendTotal(indicator, years) };
}

/** `targets.*`: keys outside the plan, negative targets, and 0 read as NP. */
export function checkTargets(
  scope: Scope,
  indicator: Indicator,
  years: readonly number[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const yearKeys = new Set(years.map(String));
  for (const key of Object.keys(indicator.targets)) {
    const target = indicator.targets[key];
    // A null outside the plan programs nothing; only a number was meant as a meta.
    if (yearKeys.has(key) || typeof target !== "number") continue;
    issues.push(
      outsidePlan(
        scope,
        "targets.year-outside-plan",
        "targets",
        key,
        years,
        `una meta (${formatQuantity(target)})`,
      ),
    );
  }
  for (const year of years) {
    const target = indicator.targets[String(year)];
    if (typeof target !== "number") continue;
    const place = { at: ["targets", String(year)], field: "targets", year } as const;
    if (target < 0) {
      issues.push(
        issueAt(
          scope,
          "targets.negative",
          `la meta es ${formatQuantity(target)}; una meta no puede ser negativa.`,
          place,
        ),
      );
    } else if (!isProgrammed(target, indicator.trend)) {
      issues.push(
        issueAt(
          scope,
          "targets.zero-read-as-np",
          "la programación es 0; se lee como no programado (NP), no como meta 0.",
          place,
        ),
      );
    }
  }
  return issues;
}

/** `targets.negative` on the total, `total.not-programmed`, `total.trend-mismatch`. */
export function checkTotal(
  scope: Scope,
  indicator: Indicator,
  years: readonly number[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const period = `la programación del ${periodOf(years)}`;
  const place = { at: ["total"], field: "total" } as const;
  const total = indicator.total;
  if (typeof total === "number" && total < 0) {
    issues.push(
      issueAt(
        scope,
        "targets.negative",
        `${period} es ${formatQuantity(total)}; no puede ser negativa.`,
        place,
      ),
    );
  }
  const unprogrammed = totalLeftUnprogrammed(indicator, years);
  if (unprogrammed !== null) {
    const written = typeof total === "number" ? `es ${formatQuantity(total)}` : "está vacía";
    const would =
      unprogrammed.implied === null
        ? ""
        : `; con tendencia ${indicator.trend} sería ${formatQuantity(unprogrammed.implied)}`;
    issues.push(
      issueAt(
        scope,
        "total.not-programmed",
        `${period} ${written} aunque hay vigencias programadas: el periodo queda no programado (NP)${would}.`,
        place,
      ),
    );
  }
  const mismatch = totalTrendMismatch(indicator, years);
  if (mismatch !== null) {
    const [written, implied] = formatDistinct(mismatch.written, mismatch.implied);
    const rule =
      indicator.trend === "suma"
        ? "debe ser la suma de las vigencias programadas"
        : `debe ser la meta de la última vigencia programada${mismatch.lastYear === null ? "" : ` (${mismatch.lastYear})`}`;
    issues.push(
      issueAt(
        scope,
        "total.trend-mismatch",
        `${period} es ${written}, pero con tendencia ${indicator.trend} ${rule}, ${implied}.`,
        place,
      ),
    );
  }
  return issues;
}

/**
 * `indicator.never-programmed`: a weight > 0 that never counts, because no
 * vigencia is programmed. Weight 0 and never programmed is a reported-only
 * indicator; weight > 0 in a vigencia where it is NP is normal (renormalised).
 */
export function checkNeverProgrammed(
  scope: Scope,
  indicator: Indicator,
  years: readonly number[],
): ValidationIssue[] {
  // Without vigencias nothing can be programmed: years.empty says it once.
  if (years.length === 0 || programmedYears(indicator, years).length > 0) return [];
  let maxWeight = weightOfPeriod(indicator.weight, years);
  for (const year of years) maxWeight = Math.max(maxWeight, weightOfYear(indicator.weight, year));
  if (!(maxWeight > 0)) return [];
  const weighs =
    typeof indicator.weight === "number"
      ? `pondera ${formatQuantity(maxWeight)} %`
      : `pondera hasta ${formatQuantity(maxWeight)} %`;
  return [
    issueAt(
      scope,
      "indicator.never-programmed",
      `${weighs} pero no está programado en ninguna vigencia; no se mide ni aporta al cumplimiento del objetivo.`,
      { at: ["targets"], field: "targets" },
    ),
  ];
}
