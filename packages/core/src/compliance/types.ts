/**
 * The result of a calculation, in the shape of `rumbo.result/v1`
 * (formats.md §4), and the options of the calculation (§3).
 */
import type { MissingPolicy } from "../formats/options.ts";

export const RESULT_FORMAT = "rumbo.result/v1";

/** Which cell: the plan, one objective or one indicator (by code). */
export type CellTarget =
  | { level: "plan" }
  | { level: "objective"; code: string }
  | { level: "indicator"; code: string };

export type SemaforoColor = "verde" | "amarillo" | "rojo";
export type CellStatus = SemaforoColor | "np" | "sin_reporte" | "pendiente";

export type ComplianceOptions = {
  /** Fecha de corte `YYYY-MM-DD`, or `null` to evaluate every plan year (§3.2). */
  asOf: string | null;
  /** How `sin_reporte` counts (§3.5). */
  missing: MissingPolicy;
  /** Compliance cap as a fraction (1 = 100 %), `null` for none (§3.5). */
  cap: number | null;
};

export const DEFAULT_OPTIONS: ComplianceOptions = { asOf: null, missing: "zero", cap: 1 };

/** An indicator's cell for one vigencia (formats.md §4). */
export type IndicatorYearCell = {
  status: CellStatus;
  compliance: number | null;
  semaforo: SemaforoColor | null;
  /** Raw ratio r after rule 4's floor at 0; `null` without target or actual. */
  raw: number | null;
  target: number | null;
  actual: number | null;
  overExecution: boolean;
};

/** An indicator's cell for the plan period: `target` is T*, `actual` is A* (§3.8). */
export type IndicatorPeriodCell = IndicatorYearCell & {
  total: number | null;
  progress: number | null;
};

export type Contribution = {
  code: string;
  /** The child's share after renormalisation; shares sum to 1. */
  weight: number;
  compliance: number;
  /** weight × compliance; contributions sum to the cell's compliance. */
  contribution: number;
};

/** An objective's or the plan's cell for one vigencia (§3.6–3.7). */
export type RollupYearCell = {
  status: CellStatus;
  compliance: number | null;
  semaforo: SemaforoColor | null;
  contributions: Contribution[];
};

export type RollupPeriodCell = RollupYearCell & { progress: number | null };

export type IndicatorResult = {
  code: string;
  objective: string;
  years: Record<string, IndicatorYearCell>;
  period: IndicatorPeriodCell;
};

export type ObjectiveResult = {
  code: string;
  years: Record<string, RollupYearCell>;
  period: RollupPeriodCell;
};

export type ComplianceResult = {
  format: typeof RESULT_FORMAT;
  asOf: string | null;
  /** API extensions (ADR 0015): which report versions the answer used. */
  basis?: "approved" | "submitted";
  preview?: boolean;
  knownAt?: string | null;
  plan: { code: string; years: Record<string, RollupYearCell>; period: RollupPeriodCell };
  objectives: ObjectiveResult[];
  indicators: IndicatorResult[];
};
