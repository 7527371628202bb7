import { type Plan, type PlanSummary, planListSchema } from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { getJson } from "../../shared/api/api-client.ts";

/** One row of `GET /api/plans` (the contract shared with the server, in core). */
export type { PlanSummary };

/** `GET /api/plans/:id`: the plan in the rumbo.plan/v1 shape plus its id. */
export type PlanDetail = Plan & { id: number };

export const planKeys = {
  all: ["plans"] as const,
  detail: (planId: number) => ["plans", planId] as const,
};

export function usePlans() {
  return useQuery({
    queryKey: planKeys.all,
    queryFn: async ({ signal }) => {
      return planListSchema.parse(await getJson<unknown>("/api/plans", signal)).plans;
    },
  });
}

/** `version`: an earlier version of the plan (`?version=N`), read-only; null for the current one. */
export function usePlan(planId: number, version: number | null = null) {
  return useQuery({
    queryKey:
      version === null ? planKeys.detail(planId) : [...planKeys.detail(planId), "version", version],
    queryFn: ({ signal }) =>
      getJson<PlanDetail>(
        version === null ? `/api/plans/${planId}` : `/api/plans/${planId}?version=${version}`,
        signal,
      ),
  });
}
