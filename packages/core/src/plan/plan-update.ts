/**
 * What saving a new content over a stored plan means: nothing, an edit, or a
 * reprogramación. A plan in formulación takes any change as an edit; a plan en
 * vigencia changes its programación (targets, totals, weights, vigencias) only
 * by a reprogramación with justification and acta, and its texts by an edit.
 * The import of a matriz into an existing plan and its dry run ask this same
 * question, so the answer shown before saving is the one the save applies.
 */
import { type PlanChange, programmingChanges } from "./plan-diff.ts";
import type { PLAN_STATUSES } from "./plan-schema.ts";

export type PlanLifecycleStatus = (typeof PLAN_STATUSES)[number];

/** "crear" is the answer for a file whose plan code is not stored yet. */
export const PLAN_UPDATE_ACTIONS = ["crear", "editar", "reprogramar", "sin cambios"] as const;
export type PlanUpdateAction = (typeof PLAN_UPDATE_ACTIONS)[number];

export function planUpdateActionOf(
  status: PlanLifecycleStatus,
  changes: readonly PlanChange[],
): Exclude<PlanUpdateAction, "crear"> {
  if (changes.length === 0) return "sin cambios";
  if (status === "vigente" && programmingChanges(changes).length > 0) return "reprogramar";
  return "editar";
}
