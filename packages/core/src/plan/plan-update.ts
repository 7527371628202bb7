/**
 * What saving a new content over a stored plan means: nothing, an edit, or a
 * reprogramación. A plan in formulación takes any change as an edit; a plan en
 * vigencia changes its programación (targets, totals, weights, vigencias) only
 * by a reprogramación with justification and acta, and its texts by an edit.
 * The import of a matriz into an existing plan and its dry run ask this same
 * question, so the answer shown before saving is the one the save applies.
 */
import { changeKindOf, type PlanStatus } from "./lifecycle.ts";
import type { PlanChange } from "./plan-diff.ts";

/** "crear" is the answer for a file whose plan code is not stored yet. */
export const PLAN_UPDATE_ACTIONS = ["crear", "editar", "reprogramar", "sin cambios"] as const;
export type PlanUpdateAction = (typeof PLAN_UPDATE_ACTIONS)[number];

const ACTION_OF_KIND = {
  none: "sin cambios",
  edit: "editar",
  "reprogramacion-required": "reprogramar",
} as const satisfies Record<ReturnType<typeof changeKindOf>, Exclude<PlanUpdateAction, "crear">>;

export function planUpdateActionOf(
  status: PlanStatus,
  changes: readonly PlanChange[],
): Exclude<PlanUpdateAction, "crear"> {
  return ACTION_OF_KIND[changeKindOf(status, changes)];
}
