export * from "./api/index.ts";
export * from "./audit/audit-description.ts";
export { assertUnreachable } from "./auth/assert-unreachable.ts";
export * from "./auth/authorization-matrix.ts";
export * from "./auth/last-administrator.ts";
export * from "./auth/password-policy.ts";
export * from "./auth/policy.ts";
export * from "./auth/refusal.ts";
export * from "./auth/scope.ts";
export * from "./compliance/compute.ts";
export * from "./compliance/corte-change.ts";
export * from "./compliance/dashboard.ts";
export * from "./compliance/engine.ts";
export * from "./compliance/explain.ts";
export * from "./compliance/indicator-series.ts";
export * from "./compliance/informe.ts";
export * from "./compliance/informe-charts.ts";
export * from "./compliance/informe-diff.ts";
export * from "./compliance/plan-rules.ts";
export * from "./compliance/result-schema.ts";
export * from "./compliance/ritmo.ts";
export * from "./compliance/types.ts";
export * from "./format/numbers.ts";
export * from "./formats/actuals-csv.ts";
export type { PlanOutline } from "./formats/actuals-rows.ts";
export * from "./formats/options.ts";
export * from "./formats/period.ts";
export * from "./formats/plan-json.ts";
export * from "./formats/plan-place.ts";
export * from "./formats/problem.ts";
export * from "./formats/result-json.ts";
export * from "./matrix/index.ts";
export * from "./plan/field-catalogue.ts";
export * from "./plan/goal-label.ts";
export * from "./plan/labels.ts";
export * from "./plan/lifecycle.ts";
export * from "./plan/plan.ts";
export * from "./plan/plan-diff.ts";
export * from "./plan/plan-schema.ts";
export * from "./plan/plan-update.ts";
export * from "./plan/text-limits.ts";
export * from "./publicacion/license.ts";
export * from "./publicacion/open-data.ts";
export * from "./publicacion/open-data-package.ts";
export * from "./publicacion/publication-snapshot.ts";
export * from "./seed/seed-document.ts";
export * from "./seguimiento/area-shares.ts";
export * from "./seguimiento/corte.ts";
export * from "./seguimiento/corte-progress.ts";
export * from "./seguimiento/data-quality.ts";
export * from "./seguimiento/official-actuals.ts";
export * from "./seguimiento/report-changes.ts";
export * from "./seguimiento/report-import.ts";
export * from "./seguimiento/report-period-warnings.ts";
export * from "./seguimiento/report-value.ts";
export * from "./seguimiento/report-warnings.ts";
export * from "./seguimiento/report-workflow.ts";
export * from "./seguimiento/reporting-areas.ts";
export { bogotaDate } from "./shared/bogota-date.ts";
export * from "./shared/bounds.ts";
export { parseSpanishDecimal } from "./shared/decimal.ts";
export { semaforoInOrder } from "./validation/plan-checks.ts";
export * from "./validation/rule-catalogue.ts";
export * from "./validation/validate-plan.ts";
export * from "./validation/validation-issue.ts";
export {
  isHundredPct,
  WEIGHT_SUM_TOLERANCE,
  type WeightEntry,
  type WeightShare,
  type WeightShares,
  weightShares,
} from "./validation/weight-checks.ts";
