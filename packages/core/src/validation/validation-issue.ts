/**
 * The shape of what the validation rules say about a plan: every
 * finding names the object, carries its JSON path so the editor can point at
 * the cell, and a severity that decides whether the plan can be saved.
 */
import type { ValidationCode } from "./rule-catalogue.ts";

/** `error` blocks saving the plan; `warning` informs and lets the planner decide. */
export type Severity = "error" | "warning";

/** The part of the object an issue is about (what an editor highlights). */
export type ValidationField =
  | "code"
  | "name"
  | "years"
  | "semaforo"
  | "objectives"
  | "indicators"
  | "weight"
  | "targets"
  | "total"
  | "baseline"
  | "goal"
  | "unit"
  | "reportingAreas"
  | "areaRule";

export type ValidationIssue = {
  /** Stable code from VALIDATION_RULES, e.g. "weights.sum-not-100". */
  code: ValidationCode;
  severity: Severity;
  /** Spanish, naming the object: "Objetivo 3, vigencia 2024: …". */
  message: string;
  /** JSON path in the plan ("objectives[2].indicators[0].targets.2025"; "" for the plan). */
  path: string;
  objectiveCode?: string;
  indicatorCode?: string;
  year?: number;
  field?: ValidationField;
};

export type IssueSummary = { error: number; warning: number; total: number };

export function hasBlockingErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.severity === "error");
}

export function summariseIssues(issues: readonly ValidationIssue[]): IssueSummary {
  let error = 0;
  let warning = 0;
  for (const issue of issues) {
    if (issue.severity === "error") error++;
    else warning++;
  }
  return { error, warning, total: error + warning };
}
