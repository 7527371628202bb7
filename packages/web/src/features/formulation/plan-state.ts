/**
 * The history fields `GET /api/plans/:id` adds to the plan (version, status,
 * publication), read defensively: the plan page also renders plans served
 * without them.
 */
import type { PlanStatus } from "./formulation-api.ts";

export type PlanState = {
  version: number | null;
  currentVersion: number | null;
  status: PlanStatus | null;
  published: boolean | null;
};

export function planStateOf(plan: object): PlanState {
  const fields = plan as Record<string, unknown>;
  const version = typeof fields.version === "number" ? fields.version : null;
  return {
    version,
    currentVersion: typeof fields.currentVersion === "number" ? fields.currentVersion : version,
    status: fields.status === "formulacion" || fields.status === "vigente" ? fields.status : null,
    published: typeof fields.published === "boolean" ? fields.published : null,
  };
}

/** True when the page shows a version other than the one in force. */
export function isEarlierVersion(state: PlanState): boolean {
  return (
    state.version !== null &&
    state.currentVersion !== null &&
    state.version !== state.currentVersion
  );
}
