export * from "./plan/plan.ts";
export * from "./seed/seed-document.ts";
export { parseSpanishDecimal } from "./shared/decimal.ts";
export * from "./plan/plan-schema.ts";
