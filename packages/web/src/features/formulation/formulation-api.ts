/**
 * The formulation API: create, edit and reprogram plans, their
 * versions, diffs, validation and exchange files. Every write goes through the
 * shared client, which adds the session's CSRF token; edits carry
 * `If-Match: "v<version>"` so nobody overwrites someone else's save.
 */
import {
  api,
  type EndpointBody,
  type EndpointResponse,
  type ImportIssue,
  type ImportProblem,
  importFailedDetailsSchema,
  PLAN_FILE_CONTENT_TYPES,
  PLAN_FILE_FORMATS,
  type Plan,
  type PlanChange,
  type PlanFileFormat,
  type PlanIssue,
  type PlanVersion,
  type PlanVersionKind,
  reprogramacionRequiredDetailsSchema,
  type ValidationReport,
  validationFailedDetailsSchema,
  versionConflictDetailsSchema,
} from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { call, endpointUrl, isCallError } from "../../shared/api/api-client.ts";
import { type PlanDetail, planKeys } from "../plans/plans-api.ts";

/**
 * What a validation rule says about one place of the plan; `path` is a JSON
 * path into it. Wider than core's ValidationIssue: the server also answers
 * shape problems (code "format") and the editor adds its own ("local.*").
 */
export type ValidationIssue = PlanIssue;

/** What changed between two versions; the server's diff is core's `diffPlans`. */
export type { ImportProblem, PlanChange, PlanVersion, ValidationReport };
/** Content (creación, edición, reprogramación, importación) or state (vigencia, publicación). */
export type VersionKind = PlanVersionKind;

/** `GET /api/plans/:id`: the plan document plus its place in the history. */
export type PlanDocument = PlanDetail;
export type PlanStatus = PlanDetail["status"];

export type SaveResult = EndpointResponse<typeof api.updatePlan>;
export type CreateResult = EndpointResponse<typeof api.createPlan>;
/** An import's warning also says where it is in the file ("hoja Indicadores, fila 7"). */
export type ImportWarning = ImportIssue;
type ImportAnswer = EndpointResponse<typeof api.importPlan>;
export type DryRunResult = Extract<ImportAnswer, { valid: true }>;
export type ImportResult = Extract<ImportAnswer, { id: number }>;
/** `POST /api/plans/:id/import`: in a dry run `version` is the one compared against; else the one saved. */
export type PlanUpdateResult = EndpointResponse<typeof api.updatePlanFromFile>;
export type PlanUpdateAction = PlanUpdateResult["action"];

export type Reprogramacion = Omit<EndpointBody<typeof api.reprogramPlan>, "plan">;

export const EXPORT_FORMATS = PLAN_FILE_FORMATS;
export type ExportFormat = PlanFileFormat;

export const formulationKeys = {
  versions: (planId: number) => [...planKeys.detail(planId), "versions"] as const,
  diff: (planId: number, from: number, to: number) =>
    [...planKeys.detail(planId), "diff", from, to] as const,
  validation: (planId: number) => [...planKeys.detail(planId), "validation"] as const,
  document: (planId: number) => [...planKeys.detail(planId), "document"] as const,
};

/** The precondition of an edit: the version the person started from. */
export function ifMatch(version: number): Record<string, string> {
  return { "If-Match": `"v${version}"` };
}

export function createPlan(plan: Plan): Promise<CreateResult> {
  return call(api.createPlan, { body: { plan } });
}

export function updatePlan(planId: number, version: number, plan: Plan): Promise<SaveResult> {
  return call(api.updatePlan, {
    params: { id: planId },
    body: { plan },
    headers: ifMatch(version),
  });
}

export function reprogramPlan(
  planId: number,
  version: number,
  plan: Plan,
  reprogramacion: Reprogramacion,
): Promise<SaveResult> {
  return call(api.reprogramPlan, {
    params: { id: planId },
    body: { plan, ...reprogramacion },
    headers: ifMatch(version),
  });
}

/**
 * Status and publication are versions of the plan too: the request names the
 * version the person saw, so a change saved meanwhile is a VERSION_CONFLICT.
 */
function ifMatchOf(version: number | null): Record<string, string> {
  return version === null ? {} : ifMatch(version);
}

export function putInForce(planId: number, version: number | null): Promise<unknown> {
  return call(api.setPlanStatus, {
    params: { id: planId },
    body: { status: "vigente" },
    headers: ifMatchOf(version),
  });
}

export function setPublished(
  planId: number,
  published: boolean,
  version: number | null,
): Promise<unknown> {
  return call(api.publishPlan, {
    params: { id: planId },
    body: { published },
    headers: ifMatchOf(version),
  });
}

/** `version`: an earlier version, as its page shows it; omitted, the current one. */
export function exportUrl(planId: number, format: ExportFormat, version?: number): string {
  return endpointUrl(api.exportPlan, {
    params: { id: planId },
    query: version === undefined ? { format } : { format, version },
  });
}

const IMPORT_TYPES: Record<string, string> = PLAN_FILE_CONTENT_TYPES;

/** The content type the import expects for a file name, or null for other files. */
export function importContentType(fileName: string): string | null {
  const extension = fileName.split(".").at(-1)?.toLowerCase() ?? "";
  return IMPORT_TYPES[extension] ?? null;
}

/** `fileName` lets the server name the file in its messages. */
export function importPlan(file: File, contentType: string, dryRun: true): Promise<DryRunResult>;
export function importPlan(file: File, contentType: string, dryRun: false): Promise<ImportResult>;
export function importPlan(
  file: File,
  contentType: string,
  dryRun: boolean,
): Promise<DryRunResult | ImportResult> {
  return call(api.importPlan, {
    query: { dryRun: dryRun ? "true" : "false", fileName: file.name },
    file: { data: file, contentType },
  });
}

/** Dry run of "Actualizar desde la matriz": what the import will do and every change. */
export function previewPlanUpdate(
  planId: number,
  file: File,
  contentType: string,
): Promise<PlanUpdateResult> {
  return call(api.updatePlanFromFile, {
    params: { id: planId },
    query: { dryRun: "true", fileName: file.name },
    file: { data: file, contentType },
  });
}

/** Saves the file over the plan reviewed at `version`; a reprogramación carries its act. */
export function updatePlanFromFile(
  planId: number,
  file: File,
  contentType: string,
  version: number,
  reprogramacion: Reprogramacion | null,
): Promise<PlanUpdateResult> {
  return call(api.updatePlanFromFile, {
    params: { id: planId },
    query: { fileName: file.name, ...(reprogramacion ?? {}) },
    file: { data: file, contentType },
    headers: ifMatch(version),
  });
}

/** 409 PLAN_EXISTS: the file's plan is already stored; update it from its page instead. */
export function existingPlanOf(error: unknown): { planId: number; code: string } | null {
  if (!isCallError(error, api.importPlan) || error.code !== "PLAN_EXISTS") return null;
  const details = error.details as { planId?: unknown; code?: unknown } | null;
  return typeof details?.planId === "number"
    ? { planId: details.planId, code: typeof details.code === "string" ? details.code : "" }
    : null;
}

/** The plan as the editor needs it (the current version, with its status). */
export function usePlanDocument(planId: number) {
  return useQuery({
    queryKey: formulationKeys.document(planId),
    queryFn: ({ signal }) => call(api.getPlan, { params: { id: planId }, signal }),
    // The editor starts from what the server has now, not from a cached copy:
    // its form keeps the version it opened with for If-Match, so a copy left
    // from an earlier visit (before the plan was put in force, say) must not
    // be shown first and refreshed under it.
    staleTime: 0,
    gcTime: 0,
  });
}

/**
 * `GET /api/plans/:id?at=AAAA-MM-DD`: the plan as it stood on that date (the
 * server's rule: the latest version whose effective date is on or before it).
 * Before the first version: 404 VERSION_NOT_FOUND.
 */
export function getPlanAt(planId: number, date: string): Promise<PlanDocument> {
  return call(api.getPlan, { params: { id: planId }, query: { at: date } });
}

export function usePlanVersions(planId: number, enabled = true) {
  return useQuery({
    queryKey: formulationKeys.versions(planId),
    queryFn: async ({ signal }) =>
      (await call(api.listPlanVersions, { params: { id: planId }, signal })).versions,
    enabled,
  });
}

export function usePlanDiff(planId: number, from: number, to: number, enabled: boolean) {
  return useQuery({
    queryKey: formulationKeys.diff(planId, from, to),
    queryFn: async ({ signal }) =>
      (await call(api.getPlanDiff, { params: { id: planId }, query: { from, to }, signal }))
        .changes,
    enabled,
  });
}

export function usePlanValidation(planId: number, enabled: boolean) {
  return useQuery({
    queryKey: formulationKeys.validation(planId),
    queryFn: ({ signal }) => call(api.getPlanValidation, { params: { id: planId }, signal }),
    enabled,
  });
}

// Reading the `details` of the API's errors with the contracts' schemas
// (core api/formulation.ts); anything else reads as "no details".

/** 422 VALIDATION_FAILED of a save (create, edit, reprogramación, status): the issues. */
export function validationIssuesOf(error: unknown): ValidationIssue[] {
  const saved =
    isCallError(error, api.createPlan) ||
    isCallError(error, api.updatePlan) ||
    isCallError(error, api.reprogramPlan) ||
    isCallError(error, api.setPlanStatus);
  if (!saved || error.code !== "VALIDATION_FAILED") return [];
  return validationFailedDetailsSchema.safeParse(error.details).data ?? [];
}

export type VersionConflict = { currentVersion: number | null; changes: PlanChange[] };

/** 409 VERSION_CONFLICT: someone else saved first; what they changed. */
export function versionConflictOf(error: unknown): VersionConflict | null {
  const edit =
    isCallError(error, api.updatePlan) ||
    isCallError(error, api.reprogramPlan) ||
    isCallError(error, api.updatePlanFromFile);
  if (!edit || error.code !== "VERSION_CONFLICT") return null;
  const details = versionConflictDetailsSchema.safeParse(error.details).data;
  return { currentVersion: details?.currentVersion ?? null, changes: details?.changes ?? [] };
}

/** 409 REPROGRAMACION_REQUIRED: the plan is in force and its programación changed. */
export function reprogramacionRequiredOf(error: unknown): PlanChange[] | null {
  if (!isCallError(error, api.updatePlan) || error.code !== "REPROGRAMACION_REQUIRED") return null;
  return reprogramacionRequiredDetailsSchema.safeParse(error.details).data?.changes ?? [];
}

/** 422 IMPORT_FAILED: every problem found in the file. */
export function importProblemsOf(error: unknown): ImportProblem[] {
  if (!isCallError(error, api.importPlan) || error.code !== "IMPORT_FAILED") return [];
  return importFailedDetailsSchema.safeParse(error.details).data ?? [];
}
