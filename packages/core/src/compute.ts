/**
 * What `rumbo compute` and `rumbo explain` use of core — the readers of the
 * plan and actuals files, the engine and the explanation — without the API
 * contracts and their zod schemas: `import … from "@rumbo/core/compute"`
 * keeps zod and the rest of core off the command's start-up path
 * (docs/benchmarks.md, "Arranque compilado"). The same modules are exported
 * by the main entry (index.ts).
 */
export * from "./compliance/engine.ts";
export * from "./compliance/explain.ts";
export * from "./compliance/types.ts";
export * from "./formats/actuals-csv.ts";
export type { PlanOutline } from "./formats/actuals-rows.ts";
export * from "./formats/options.ts";
export * from "./formats/plan-json.ts";
export * from "./formats/problem.ts";
export type { Plan } from "./plan/plan.ts";
