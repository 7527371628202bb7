/**
 * Units that do not fit the values. "15%" is written 15 with unit % (formats.md
 * §1), so a % indicator over 100 or entirely at or below 1 usually means a
 * typo or a fraction (0,15) where a percentage was meant.
 */
import { programmedTarget } from "../compliance/plan-rules.ts";
import { type Indicator, isProgrammed } from "../plan/plan.ts";
import { issueAt, type Scope } from "./scope.ts";
import type { ValidationIssue } from "./validation-issue.ts";
import { formatQuantity, periodOf } from "./wording.ts";

/** "%" as the seed writes it, or the word a planner may type instead. */
export function isPercentUnit(unit: string | undefined): boolean {
  if (typeof unit !== "string") return false;
  const text = unit.trim().toLowerCase();
  return text === "%" || text === "porcentaje";
}

export function checkUnits(
  scope: Scope,
  indicator: Indicator,
  years: readonly number[],
): ValidationIssue[] {
  if (!isPercentUnit(indicator.unit)) return [];
  const issues: ValidationIssue[] = [];
  const values: number[] = [];
  for (const year of years) {
    const target = programmedTarget(indicator, year);
    if (target === null) continue;
    values.push(target);
    if (target > 100) {
      issues.push(
        issueAt(
          scope,
          "unit.percent-over-100",
          `la unidad es % y la meta es ${formatQuantity(target)} %, más de 100 %.`,
          { at: ["targets", String(year)], field: "targets", year },
        ),
      );
    }
  }
  const total = indicator.total;
  if (typeof total === "number" && isProgrammed(total, indicator.trend)) {
    values.push(total);
    if (total > 100) {
      issues.push(
        issueAt(
          scope,
          "unit.percent-over-100",
          `la unidad es % y la programación del ${periodOf(years)} es ${formatQuantity(total)} %, más de 100 %.`,
          { at: ["total"], field: "total" },
        ),
      );
    }
  }
  if (values.length === 0) return issues;
  // A baseline of 35 % next to targets of 0,4 is a mix, not a fraction plan.
  if (typeof indicator.baseline === "number") values.push(indicator.baseline);
  const largest = Math.max(...values);
  if (largest <= 1 && largest > 0) {
    const shown = formatQuantity(largest);
    issues.push(
      issueAt(
        scope,
        "unit.percent-as-fraction",
        `la unidad es % pero todos sus valores son 1 o menos (el mayor es ${shown}): ¿fracción en lugar de porcentaje? ${shown} se lee como ${shown} %, no como ${formatQuantity(largest * 100)} %.`,
        { at: ["unit"], field: "unit" },
      ),
    );
  }
  return issues;
}
