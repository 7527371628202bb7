import { useQuery } from "@tanstack/react-query";
import { getJson } from "../../shared/api/api-client.ts";
import { planKeys } from "./plans-api.ts";

/** The plan actions the server reports on (permissions-routes.ts). */
export const PLAN_ACTIONS = [
  "plan.edit",
  "plan.reprogram",
  "plan.publish",
  "corte.manage",
  "actuals.import",
  "report.review",
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/**
 * `GET /api/plans/:id/permissions`: what the person on the session may do,
 * decided by the server's policy. The web shows and hides from this answer
 * and never recomputes a permission.
 */
export type PlanPermissions = {
  planId: number;
  actions: Partial<Record<PlanAction, boolean>>;
  /** Codes of the indicators whose avances this person may report. */
  reportableIndicators: string[];
};

/** `userId`: null for anonymous visitors, who get no query (the public page is unchanged). */
export function usePlanPermissions(planId: number, userId: number | null) {
  return useQuery({
    // Keyed by person: nothing answered for one account is shown to the next.
    queryKey: [...planKeys.detail(planId), "permissions", userId] as const,
    queryFn: ({ signal }) => getJson<PlanPermissions>(`/api/plans/${planId}/permissions`, signal),
    enabled: userId !== null,
  });
}
