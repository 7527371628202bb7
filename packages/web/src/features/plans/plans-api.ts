import type { Plan } from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { getJson } from "../../shared/api/api-client.ts";

/** One row of `GET /api/plans`. */
export type PlanSummary = {
  id: number;
  code: string;
  name: string;
  years: number[];
  entity?: string;
  objectiveCount: number;
  indicatorCount: number;
};

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
      const body = await getJson<{ plans: PlanSummary[] }>("/api/plans", signal);
      return body.plans;
    },
  });
}

export function usePlan(planId: number) {
  return useQuery({
    queryKey: planKeys.detail(planId),
    queryFn: ({ signal }) => getJson<PlanDetail>(`/api/plans/${planId}`, signal),
  });
}
