/**
 * The línea base where a formula uses it (formats.md §3.4): `decreciente`
 * (B − A) / (B − T) and the `from-baseline` variant (A − B) / (T − B). Without
 * B, or with B = T, the ratio is undefined, so both block saving (formats.md §4
 * rejects them as bad input too). Elsewhere the baseline is optional.
 */
import { programmedTarget } from "../compliance/plan-rules.ts";
import { type Indicator, isProgrammed } from "../plan/plan.ts";
import { issueAt, type Scope } from "./scope.ts";
import type { ValidationIssue } from "./validation-issue.ts";
import { formatQuantity, periodOf } from "./wording.ts";

export function checkBaseline(
  scope: Scope,
  indicator: Indicator,
  years: readonly number[],
): ValidationIssue[] {
  const decreciente = indicator.trend === "decreciente";
  // The engine applies from-baseline whatever the trend; decreciente wins (formats.md §3.4).
  if (!decreciente && indicator.progress !== "from-baseline") return [];
  const formula = decreciente ? "(B − A) / (B − T)" : "(A − B) / (T − B)";
  const baseline = indicator.baseline;
  if (typeof baseline !== "number") {
    const why = decreciente
      ? "la tendencia decreciente necesita línea base"
      : "mide el avance desde la línea base (progress «from-baseline») y no tiene línea base";
    return [
      issueAt(scope, "baseline.missing", `${why}: el cumplimiento se calcula como ${formula}.`, {
        at: ["baseline"],
        field: "baseline",
      }),
    ];
  }
  const issues: ValidationIssue[] = [];
  const b = formatQuantity(baseline);
  for (const year of years) {
    if (programmedTarget(indicator, year) !== baseline) continue;
    issues.push(
      issueAt(
        scope,
        "baseline.equals-target",
        `la meta es igual a la línea base (B = T = ${b}): ${formula} divide por cero.`,
        { at: ["targets", String(year)], field: "targets", year },
      ),
    );
  }
  // Only a written total: a derived one is some year's target, reported above.
  const total = indicator.total;
  if (typeof total === "number" && isProgrammed(total, indicator.trend) && total === baseline) {
    issues.push(
      issueAt(
        scope,
        "baseline.equals-target",
        `la programación del ${periodOf(years)} es igual a la línea base (B = T = ${b}): ${formula} divide por cero.`,
        { at: ["total"], field: "total" },
      ),
    );
  }
  return issues;
}
