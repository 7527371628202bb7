import { api, type EndpointQuery, type EndpointResponse } from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { call } from "../../shared/api/api-client.ts";

export type Dashboard = EndpointResponse<typeof api.getDashboard>;
export type DashboardQuery = EndpointQuery<typeof api.getDashboard>;
export type Explanation = EndpointResponse<typeof api.explainCompliance>;
export type ExplainQuery = EndpointQuery<typeof api.explainCompliance>;
export type ComplianceQuery = EndpointQuery<typeof api.getCompliance>;
export type InformeDiff = EndpointResponse<typeof api.diffInforme>;

/** «¿Qué cambió desde este informe?»: the informe of a corte as known at `knownAt` against today's. */
export function useInformeDiff(planId: number, corteId: number, knownAt: string | undefined) {
  const query = { corte: corteId, ...(knownAt === undefined ? {} : { knownAt }) };
  return useQuery({
    queryKey: ["plans", planId, "informe-diff", query],
    queryFn: ({ signal }) => call(api.diffInforme, { params: { id: planId }, query, signal }),
  });
}
export type ComplianceAnswer = EndpointResponse<typeof api.getCompliance>;
export type IndicatorSeriesAnswer = EndpointResponse<typeof api.getIndicatorSeries>;

export function useDashboard(planId: number, query: DashboardQuery) {
  return useQuery({
    queryKey: ["plans", planId, "dashboard", query],
    queryFn: ({ signal }) => call(api.getDashboard, { params: { id: planId }, query, signal }),
  });
}

/** The explanation is asked for only when its panel opens. */
export function useExplanation(planId: number, query: ExplainQuery, enabled: boolean) {
  return useQuery({
    queryKey: ["plans", planId, "explain", query],
    queryFn: ({ signal }) => call(api.explainCompliance, { params: { id: planId }, query, signal }),
    enabled,
  });
}

export function useCompliance(planId: number, query: ComplianceQuery) {
  return useQuery({
    queryKey: ["plans", planId, "compliance", query],
    queryFn: ({ signal }) => call(api.getCompliance, { params: { id: planId }, query, signal }),
  });
}

export function useIndicatorSeries(planId: number, code: string, query: ComplianceQuery) {
  return useQuery({
    queryKey: ["plans", planId, "series", code, query],
    queryFn: ({ signal }) =>
      call(api.getIndicatorSeries, { params: { id: planId, code }, query, signal }),
  });
}
