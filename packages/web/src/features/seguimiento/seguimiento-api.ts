/**
 * Seguimiento through core's contracts (api/seguimiento.ts): cortes, reports,
 * the review workflow and each report's history. A write names the version it
 * started from in `If-Match: "r<version>"`; the answer is the report as it now
 * stands, with the warnings the server computed for it.
 */
import {
  api,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
  REPORT_WARNING_CODES,
} from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { ApiError, call, endpointUrl, fieldProblems } from "../../shared/api/api-client.ts";
import { planKeys } from "../plans/plans-api.ts";

export type Corte = EndpointResponse<typeof api.listCortes>["cortes"][number];
export type Report = EndpointResponse<typeof api.getReport>;
export type ReportSummary = EndpointResponse<typeof api.listReports>["reports"][number];
export type ReportVersion = EndpointResponse<typeof api.getReportHistory>["versions"][number];
export type Evidence = Report["evidence"][number];
export type ReportWarning = Report["warnings"][number];
export type ReportsQuery = Partial<EndpointQuery<typeof api.listReports>>;

/** Which report: plan, indicator code, period and, for a share, the area. */
export type ReportAddress = {
  planId: number;
  indicatorCode: string;
  period: string;
  area: string | null;
};

export const seguimientoKeys = {
  cortes: (planId: number) => [...planKeys.detail(planId), "cortes"] as const,
  reports: (planId: number) => [...planKeys.detail(planId), "reports"] as const,
  reportList: (planId: number, query: ReportsQuery) =>
    [...seguimientoKeys.reports(planId), "list", query] as const,
  report: (address: ReportAddress) =>
    [
      ...seguimientoKeys.reports(address.planId),
      "one",
      address.indicatorCode,
      address.period,
      address.area ?? "",
    ] as const,
  history: (address: ReportAddress) => [...seguimientoKeys.report(address), "history"] as const,
};

/** The precondition of a write on a report; none for a report never saved (version 0). */
export function reportIfMatch(version: number): Record<string, string> {
  return version === 0 ? {} : { "If-Match": `"r${version}"` };
}

function reportParams(address: ReportAddress) {
  return { id: address.planId, code: address.indicatorCode, period: address.period };
}

function areaQuery(address: ReportAddress): { area?: string } {
  return address.area === null ? {} : { area: address.area };
}

export function useCortes(planId: number, enabled = true) {
  return useQuery({
    queryKey: seguimientoKeys.cortes(planId),
    queryFn: async ({ signal }) =>
      (await call(api.listCortes, { params: { id: planId }, signal })).cortes,
    enabled,
  });
}

export function useReports(planId: number, query: ReportsQuery, enabled = true) {
  return useQuery({
    queryKey: seguimientoKeys.reportList(planId, query),
    queryFn: async ({ signal }) =>
      (await call(api.listReports, { params: { id: planId }, query, signal })).reports,
    enabled,
  });
}

export function useReport(address: ReportAddress) {
  return useQuery({
    queryKey: seguimientoKeys.report(address),
    queryFn: ({ signal }) =>
      call(api.getReport, {
        params: reportParams(address),
        query: areaQuery(address),
        signal,
      }),
  });
}

export function useReportHistory(address: ReportAddress) {
  return useQuery({
    queryKey: seguimientoKeys.history(address),
    queryFn: async ({ signal }) =>
      (
        await call(api.getReportHistory, {
          params: reportParams(address),
          query: areaQuery(address),
          signal,
        })
      ).versions,
  });
}

export type SaveReportBody = EndpointBody<typeof api.saveReport>;

export function saveReport(
  address: ReportAddress,
  version: number,
  body: SaveReportBody,
): Promise<Report> {
  return call(api.saveReport, {
    params: reportParams(address),
    query: areaQuery(address),
    body,
    headers: reportIfMatch(version),
  });
}

export function submitReport(address: ReportAddress, version: number): Promise<Report> {
  return call(api.submitReport, {
    params: reportParams(address),
    query: areaQuery(address),
    headers: reportIfMatch(version),
  });
}

export function uploadEvidence(address: ReportAddress, version: number, file: File) {
  return call(api.uploadEvidence, {
    params: reportParams(address),
    query: { ...areaQuery(address), fileName: file.name },
    file: { data: file, contentType: file.type === "" ? "application/octet-stream" : file.type },
    headers: reportIfMatch(version),
  });
}

export function approveReport(address: ReportAddress, version: number): Promise<Report> {
  return call(api.approveReport, {
    params: reportParams(address),
    query: areaQuery(address),
    headers: reportIfMatch(version),
  });
}

export function returnReport(
  address: ReportAddress,
  version: number,
  comment: string,
): Promise<Report> {
  return call(api.returnReport, {
    params: reportParams(address),
    query: areaQuery(address),
    body: { comment },
    headers: reportIfMatch(version),
  });
}

/** The informe de seguimiento of a corte as a file (getInforme). */
export function informeUrl(
  planId: number,
  corteId: number,
  format: "pdf" | "xlsx" | "csv",
  knownAt?: string | undefined,
): string {
  return endpointUrl(api.getInforme, {
    params: { id: planId },
    query: { corte: corteId, format, ...(knownAt === undefined ? {} : { knownAt }) },
  });
}

/** The download of an uploaded soporte (getEvidence). */
export function evidenceUrl(planId: number, sha256: string): string {
  return endpointUrl(api.getEvidence, { params: { id: planId, sha256 } });
}

/** The report's address as a list line names it. */
export function addressOf(report: {
  planId: number;
  indicator: string;
  period: string;
  area: string | null;
}): ReportAddress {
  return {
    planId: report.planId,
    indicatorCode: report.indicator,
    period: report.period,
    area: report.area,
  };
}

/** Fields of the report form a refusal may name. */
export const REPORT_FIELDS = [
  "value",
  "numerator",
  "denominator",
  "achievements",
  "difficulties",
  "actions",
  "benefits",
  ...REPORT_WARNING_CODES,
  "evidence",
  "comment",
  "justification",
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

const FIELD_SET: ReadonlySet<string> = new Set(REPORT_FIELDS);

/**
 * The field a problem names: `value`, `analysis.achievements`,
 * `explanations.semaforo` or a warning's `code` all land on the form's own
 * field; anything else stays general.
 */
function fieldOf(name: string): ReportField | null {
  const segments = name.split(/[.[\]]/).filter(Boolean);
  const known = segments.find((segment) => FIELD_SET.has(segment));
  return (known as ReportField | undefined) ?? null;
}

export type PlacedProblems = {
  byField: Partial<Record<ReportField, string>>;
  /** Problems that name no field of the form. */
  general: string[];
};

/**
 * The Spanish messages of a refusal, by field: `details` as field problems
 * (`[{ field, message }]`) or, for WARNINGS_UNEXPLAINED, as the warnings
 * still unexplained (`[{ code, message }]`).
 */
export function placeProblems(error: unknown): PlacedProblems {
  const placed: PlacedProblems = { byField: {}, general: [] };
  const add = (name: string, message: string) => {
    const field = fieldOf(name);
    if (field === null) placed.general.push(message);
    else placed.byField[field] = placed.byField[field] ?? message;
  };
  for (const problem of fieldProblems(error)) add(problem.field, problem.message);
  if (error instanceof ApiError && Array.isArray(error.details)) {
    for (const detail of error.details as unknown[]) {
      if (typeof detail !== "object" || detail === null) continue;
      const { code, message, field } = detail as Record<string, unknown>;
      if (typeof field === "string") continue;
      if (typeof code === "string" && typeof message === "string") add(code, message);
    }
  }
  return placed;
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === "VERSION_CONFLICT";
}

export type NewCorte = EndpointBody<typeof api.createCorte>;
export type Reopening = EndpointBody<typeof api.reopenCorte>;

export function createCorte(planId: number, corte: NewCorte): Promise<Corte> {
  return call(api.createCorte, { params: { id: planId }, body: corte });
}

export function closeCorte(planId: number, corteId: number): Promise<Corte> {
  return call(api.closeCorte, { params: { id: planId, corteId } });
}

export function reopenCorte(planId: number, corteId: number, reopening: Reopening): Promise<Corte> {
  return call(api.reopenCorte, { params: { id: planId, corteId }, body: reopening });
}

export function unapproveReport(
  address: ReportAddress,
  version: number,
  justification: string,
): Promise<Report> {
  return call(api.unapproveReport, {
    params: reportParams(address),
    query: areaQuery(address),
    body: { justification },
    headers: reportIfMatch(version),
  });
}
