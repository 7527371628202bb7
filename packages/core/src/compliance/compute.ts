/**
 * The simple entry point: one plan, its actuals and the options in, the whole
 * `rumbo.result/v1` out (formats.md §3–4).
 */
import type { ActualValue } from "../formats/actuals-csv.ts";
import type { Plan } from "../plan/plan.ts";
import { createEngine } from "./engine.ts";
import type { ComplianceOptions, ComplianceResult } from "./types.ts";

export function computeCompliance(
  plan: Plan,
  actuals: readonly ActualValue[],
  options: Partial<ComplianceOptions> = {},
): ComplianceResult {
  const engine = createEngine(plan, options);
  engine.setActuals(actuals);
  return engine.result();
}
