/** The audit log (Ley 1581 de 2012: who did what), administrador global only. */
import { AUDIT_OUTCOMES, type AuditEntry, type AuditOutcome, api } from "@rumbo/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ApiError, CLIENT_ERROR_CODES, call, endpointUrl } from "../../shared/api/api-client.ts";

export const OUTCOMES = AUDIT_OUTCOMES;
export type Outcome = AuditOutcome;

/** One row of `GET /api/audit` (listAudit, core api/audit.ts). */
export type { AuditEntry };

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
  return endpointUrl(api.listAudit, { query: { ...queryOf(filters), formato: "csv" } });
}

/** The filters in use as listAudit's query (an empty filter is left out). */
function queryOf(filters: AuditFilters) {
  const query: Partial<Record<(typeof FILTER_NAMES)[number], string>> = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name].trim();
    if (value !== "") query[name] = value;
  }
  const { resultado, ...rest } = query;
  return { ...rest, ...(resultado && isOutcome(resultado) ? { resultado } : {}) };
}

export function useAudit(filters: AuditFilters) {
  const search = filtersToSearch(filters);
  return useQuery({
    queryKey: ["audit", search] as const,
    queryFn: async ({ signal }) => {
      const page = await call(api.listAudit, { query: queryOf(filters), signal });
      // Without formato=csv the answer is the JSON page, never the CSV text.
      if (typeof page === "string") {
        throw new ApiError(
          200,
          CLIENT_ERROR_CODES.badResponse,
          "El servidor envió el registro como CSV en lugar de JSON.",
        );
      }
      return page.entries;
    },
    // The log grows with every action: always ask again when the page opens.
    staleTime: 0,
    // While new filters load, the previous entries stay on screen.
    placeholderData: keepPreviousData,
  });
}
