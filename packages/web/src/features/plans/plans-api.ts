import { api, type EndpointResponse, type PlanSummary } from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { call } from "../../shared/api/api-client.ts";

/** One row of `GET /api/plans` (the contract shared with the server, in core). */
export type { PlanSummary };

/** `GET /api/plans/:id` (getPlan): the plan document plus its place in the history. */
export type PlanDetail = EndpointResponse<typeof api.getPlan>;

export const planKeys = {
  all: ["plans"] as const,
  detail: (planId: number) => ["plans", planId] as const,
};

export function usePlans() {
  return useQuery({
    queryKey: planKeys.all,
    queryFn: async ({ signal }) => (await call(api.listPlans, { signal })).plans,
  });
}

/** `version`: an earlier version of the plan (`?version=N`), read-only; null for the current one. */
export function usePlan(planId: number, version: number | null = null) {
  return useQuery({
    queryKey:
      version === null ? planKeys.detail(planId) : [...planKeys.detail(planId), "version", version],
    queryFn: ({ signal }) =>
      call(api.getPlan, {
        params: { id: planId },
        query: version === null ? {} : { version },
        signal,
      }),
  });
}
