/** The matriz de formulación (docs/formats.md, "Matriz de formulación"). */
export * from "./matrix.ts";
export * from "./matrix-columns.ts";
export { flatRowsToPlan, planToFlatRows } from "./matrix-flat.ts";
export { flatHeader } from "./matrix-flat-columns.ts";
export {
  type DecimalSeparator,
  decimalPlaces,
  parseNumberText,
  plainDecimal,
  shiftDecimal,
  spanishNumber,
} from "./matrix-numbers.ts";
export type {
  FileCellProblem,
  MatrixReadOptions,
  MatrixReadResult,
  PlanPointer,
} from "./matrix-read-context.ts";
export { protectText, unprotectText } from "./matrix-text.ts";
export { matrixToPlan } from "./matrix-to-plan.ts";
export { planToMatrix } from "./plan-to-matrix.ts";
