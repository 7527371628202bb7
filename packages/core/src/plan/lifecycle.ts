/**
 * The plan's lifecycle as decisions (docs/decisions/0010-a-plan-state-changes.md):
 * which status change is allowed, what an edit may change en formulación and
 * en vigencia, and which version rules on a date. Pure: the server calls these
 * inside the transaction that holds the plan's lock, on the state it just
 * read, and the web calls the same functions to show what the server decided.
 */

import { validatePlanRules } from "../validation/validate-plan.ts";
import type { ValidationIssue } from "../validation/validation-issue.ts";
import { hasBlockingErrors } from "../validation/validation-issue.ts";
import type { Plan } from "./plan.ts";
import { diffPlans, type PlanChange, programmingChanges } from "./plan-diff.ts";
import type { PLAN_STATUSES } from "./plan-schema.ts";

/** `formulacion`: edited freely; `vigente`: in force, programación changes by reprogramación. */
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * What a version records. Content: creación, edición, reprogramación,
 * importación. State: puesta en vigencia, publicación and its withdrawal —
 * they keep the content of the version before and exist so that a write
 * started before them (If-Match) is caught, and so the history says when.
 */
export const PLAN_VERSION_KINDS = [
  "creacion",
  "edicion",
  "reprogramacion",
  "importacion",
  "puesta-en-vigencia",
  "publicacion",
  "retiro-publicacion",
] as const;
export type PlanVersionKind = (typeof PLAN_VERSION_KINDS)[number];

/** True for a version that records a change of state and keeps the content of the one before. */
export function keepsContent(kind: PlanVersionKind): boolean {
  return kind === "puesta-en-vigencia" || kind === "publicacion" || kind === "retiro-publicacion";
}

/** Why a change of the plan is refused; the API answers these codes as they are. */
export type PlanRefusal =
  | { code: "PLAN_IN_FORCE"; message: string }
  | { code: "VALIDATION_FAILED"; message: string; issues: ValidationIssue[] }
  | { code: "REPROGRAMACION_REQUIRED"; message: string; changes: PlanChange[] };

export type StatusDecision =
  | { outcome: "unchanged" }
  | { outcome: "allowed"; kind: PlanVersionKind }
  | { outcome: "refused"; refusal: PlanRefusal };

/**
 * formulación → vigencia when the analyst's rules find no error in the plan;
 * vigencia → formulación never (changes of a plan in force are reprogramaciones);
 * asking for the status the plan already has changes nothing.
 */
export function decideStatusChange(from: PlanStatus, to: PlanStatus, plan: Plan): StatusDecision {
  if (from === to) return { outcome: "unchanged" };
  if (from === "vigente") {
    return {
      outcome: "refused",
      refusal: {
        code: "PLAN_IN_FORCE",
        message:
          "Un plan en vigencia no vuelve a formulación; sus cambios se hacen por reprogramación.",
      },
    };
  }
  const issues = validatePlanRules(plan);
  if (hasBlockingErrors(issues)) {
    return {
      outcome: "refused",
      refusal: {
        code: "VALIDATION_FAILED",
        message: blockingMessage("El plan no se puso en vigencia", issues),
        issues,
      },
    };
  }
  return { outcome: "allowed", kind: "puesta-en-vigencia" };
}

/** Publishing or withdrawing: the same state again changes nothing. */
export function decidePublication(
  published: boolean,
  wanted: boolean,
): { outcome: "unchanged" } | { outcome: "allowed"; kind: PlanVersionKind } {
  if (published === wanted) return { outcome: "unchanged" };
  return { outcome: "allowed", kind: wanted ? "publicacion" : "retiro-publicacion" };
}

export type PlanChangeClass =
  | { kind: "none" }
  | { kind: "edit"; changes: PlanChange[] }
  | { kind: "reprogramacion-required"; changes: PlanChange[]; refusal: PlanRefusal };

/**
 * What a plain edit of `before` into `after` is: nothing (no new version), an
 * edit, or — for a plan in force whose programación (targets, totals, weights,
 * vigencias) changes — a reprogramación, which needs a justification and an act.
 */
export function classifyPlanChange(status: PlanStatus, before: Plan, after: Plan): PlanChangeClass {
  const changes = diffPlans(before, after);
  const kind = changeKindOf(status, changes);
  if (kind === "none") return { kind: "none" };
  if (kind === "edit") return { kind: "edit", changes };
  const programming = programmingChanges(changes);
  return {
    kind: "reprogramacion-required",
    changes: programming,
    refusal: {
      code: "REPROGRAMACION_REQUIRED",
      message:
        "El plan está en vigencia: los cambios de programación, totales o ponderaciones se hacen como reprogramación, con justificación y acta.",
      changes: programming,
    },
  };
}

/**
 * The one rule behind an edit and an import over a stored plan: no change is
 * nothing, a plan in force whose programación changes needs a reprogramación,
 * anything else is an edit.
 */
export function changeKindOf(
  status: PlanStatus,
  changes: readonly PlanChange[],
): PlanChangeClass["kind"] {
  if (changes.length === 0) return "none";
  if (status === "vigente" && programmingChanges(changes).length > 0) {
    return "reprogramacion-required";
  }
  return "edit";
}

/**
 * The version in force on a date (AAAA-MM-DD): the most recently saved one
 * whose `effectiveFrom` is on or before it (ADR 0005). Each version is built
 * on the one before, so a reprogramación dated back before an earlier edit
 * replaces that edit from its own date. `undefined` before the first version.
 */
export function versionInForceOn<V extends { version: number; effectiveFrom: string }>(
  versions: readonly V[],
  date: string,
): V | undefined {
  let found: V | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= date && (found === undefined || v.version > found.version)) found = v;
  }
  return found;
}

function blockingMessage(prefix: string, issues: readonly ValidationIssue[]): string {
  const blocking = issues.filter((i) => i.severity === "error");
  const noun = blocking.length === 1 ? "error" : "errores";
  return `${prefix}: ${blocking.length} ${noun}. ${blocking
    .slice(0, 3)
    .map((i) => i.message)
    .join(" ")}`;
}
