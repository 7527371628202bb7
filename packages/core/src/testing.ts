/**
 * Test fixtures and data generators, for the tests of every package and the
 * benchmarks: `import { SEED_PLAN } from "@rumbo/core/testing"`. Kept out of
 * the public entry (index.ts) so the app never ships them.
 */
export { SEED_ACTUALS_2024_CSV } from "./compliance/fixtures/seed-actuals-2024.ts";
export { SEED_PLAN } from "./compliance/fixtures/seed-plan.ts";
export {
  type IndicatorSpec,
  type ObjectiveSpec,
  onePlan,
  testIndicator,
  testPlan,
  YEARS,
} from "./compliance/fixtures/test-plan.ts";
export {
  createRandom,
  generateWorkload,
  type Workload,
  type WorkloadOptions,
} from "./testing/workload.ts";
export {
  aBareIndicator,
  anIndicator,
  anObjective,
  aPlan,
  planWithIndicators,
} from "./validation/fixtures/clean-plan.ts";
