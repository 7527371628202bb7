import { api, PLAN_ACTIONS, type PlanAction, type PlanPermissions } from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { call } from "../../shared/api/api-client.ts";
import { planKeys } from "./plans-api.ts";

/**
 * `GET /api/plans/:id/permissions` (getPlanPermissions): what the person on
 * the session may do, decided by the server's policy. The web shows and hides
 * from this answer and never recomputes a permission.
 */
export { PLAN_ACTIONS, type PlanAction, type PlanPermissions };

/** `userId`: null for anonymous visitors, who get no query (the public page is unchanged). */
export function usePlanPermissions(planId: number, userId: number | null) {
  return useQuery({
    // Keyed by person: nothing answered for one account is shown to the next.
    queryKey: [...planKeys.detail(planId), "permissions", userId] as const,
    queryFn: ({ signal }) => call(api.getPlanPermissions, { params: { id: planId }, signal }),
    enabled: userId !== null,
  });
}
