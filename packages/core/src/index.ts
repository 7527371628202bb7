export * from "./plan/plan.ts";
