/**
 * Where an issue is: the JSON path, the words that name the object in the
 * message ("Objetivo 3, indicador 78"), and the codes the UI filters by.
 */
import { join } from "../formats/json-fields.ts";
import type { Indicator, Objective } from "../plan/plan.ts";
import { severityOf, type ValidationCode } from "./rule-catalogue.ts";
import type { ValidationField, ValidationIssue } from "./validation-issue.ts";

export type Scope = {
  path: string;
  /** "" for the plan itself: its messages are whole sentences. */
  label: string;
  objectiveCode?: string;
  indicatorCode?: string;
};

export const PLAN_SCOPE: Scope = { path: "", label: "" };

/** Name of an object in a message; an empty code falls back to its position (1-based). */
function named(noun: string, code: unknown, index: number): string {
  return hasText(code) ? `${noun} ${code.trim()}` : `${noun} de la posición ${index + 1}`;
}

export function objectiveScope(objective: Objective, index: number): Scope {
  const scope: Scope = {
    path: join("objectives", index),
    label: named("Objetivo", objective.code, index),
  };
  if (hasText(objective.code)) scope.objectiveCode = objective.code;
  return scope;
}

export function indicatorScope(parent: Scope, indicator: Indicator, index: number): Scope {
  const scope: Scope = {
    ...parent,
    path: join(join(parent.path, "indicators"), index),
    label: `${parent.label}, ${named("indicador", indicator.code, index)}`,
  };
  if (hasText(indicator.code)) scope.indicatorCode = indicator.code;
  return scope;
}

export type IssuePlace = {
  /** Keys below the scope's path: ["targets", "2025"]. */
  at?: readonly (string | number)[];
  field?: ValidationField;
  /** Adds ", vigencia 2025" to the object's name and sets `year`. */
  year?: number;
};

export function issueAt(
  scope: Scope,
  code: ValidationCode,
  text: string,
  place: IssuePlace = {},
): ValidationIssue {
  let path = scope.path;
  for (const key of place.at ?? []) path = join(path, key);
  const label =
    place.year === undefined || scope.label === ""
      ? scope.label
      : `${scope.label}, vigencia ${place.year}`;
  const issue: ValidationIssue = {
    code,
    severity: severityOf(code),
    message: label === "" ? text : `${label}: ${text}`,
    path,
  };
  if (scope.objectiveCode !== undefined) issue.objectiveCode = scope.objectiveCode;
  if (scope.indicatorCode !== undefined) issue.indicatorCode = scope.indicatorCode;
  if (place.year !== undefined) issue.year = place.year;
  if (place.field !== undefined) issue.field = place.field;
  return issue;
}

/** Text that a person can read: a string with something besides spaces. */
export function hasText(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}
