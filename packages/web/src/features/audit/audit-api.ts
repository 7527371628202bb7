/** The audit log (Ley 1581 de 2012: who did what), administrador global only. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getJson } from "../../shared/api/api-client.ts";

export const OUTCOMES = ["ok", "denied", "failed"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One row of `GET /api/audit` (server: audit-routes.ts). */
export type AuditEntry = {
  id: number;
  at: string;
  userId: number | null;
  actorEmail: string | null;
  action: string;
  resource: string | null;
  outcome: Outcome;
  ip: string | null;
  details?: Record<string, unknown> | null;
};

/** The filters, named as the API's query parameters; an empty string is "any". */
export type AuditFilters = {
  desde: string;
  hasta: string;
  usuario: string;
  accion: string;
  resultado: "" | Outcome;
};

export const NO_FILTERS: AuditFilters = {
  desde: "",
  hasta: "",
  usuario: "",
  accion: "",
  resultado: "",
};

const FILTER_NAMES = ["desde", "hasta", "usuario", "accion", "resultado"] as const;

function isOutcome(value: string): value is Outcome {
  return OUTCOMES.some((o) => o === value);
}

/** The filters of a query string (`?desde=2026-01-01&resultado=denied`); unknown values are dropped. */
export function filtersFromSearch(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const resultado = params.get("resultado") ?? "";
  return {
    desde: params.get("desde") ?? "",
    hasta: params.get("hasta") ?? "",
    usuario: params.get("usuario") ?? "",
    accion: params.get("accion") ?? "",
    resultado: isOutcome(resultado) ? resultado : "",
  };
}

/** Only the filters in use, trimmed: the same string serves the page URL, the query and the CSV. */
export function filtersToSearch(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name].trim();
    if (value !== "") params.set(name, value);
  }
  return params.toString();
}

export function auditCsvUrl(filters: AuditFilters): string {
  const search = filtersToSearch(filters);
  return `/api/audit?${search === "" ? "" : `${search}&`}formato=csv`;
}

export function useAudit(filters: AuditFilters) {
  const search = filtersToSearch(filters);
  return useQuery({
    queryKey: ["audit", search] as const,
    queryFn: async ({ signal }) =>
      (
        await getJson<{ entries: AuditEntry[] }>(
          `/api/audit${search === "" ? "" : `?${search}`}`,
          signal,
        )
      ).entries,
    // The log grows with every action: always ask again when the page opens.
    staleTime: 0,
    // While new filters load, the previous entries stay on screen.
    placeholderData: keepPreviousData,
  });
}
