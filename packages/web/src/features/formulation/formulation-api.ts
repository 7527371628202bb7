/**
 * The formulation API: create, edit and reprogram plans, their
 * versions, diffs, validation and exchange files. Every write goes through the
 * shared client, which adds the session's CSRF token; edits carry
 * `If-Match: "v<version>"` so nobody overwrites someone else's save.
 */
import type { Plan, PlanChange, PlanVersionKind } from "@rumbo/core";
import { useQuery } from "@tanstack/react-query";
import { ApiError, getJson, sendFile, sendJson } from "../../shared/api/api-client.ts";
import { planKeys } from "../plans/plans-api.ts";

export type PlanStatus = "formulacion" | "vigente";

/**
 * What a validation rule says about one place of the plan; `path` is a JSON
 * path into it. Wider than core's ValidationIssue: the server also answers
 * shape problems (code "format") and the editor adds its own ("local.*").
 */
export type ValidationIssue = {
  code: string;
  severity: "error" | "warning";
  message: string;
  /** "objectives[2].indicators[0].targets.2025"; "" for the plan as a whole. */
  path: string;
  objectiveCode?: string;
  indicatorCode?: string;
  year?: number;
  field?: string;
};

/** What changed between two versions; the server's diff is core's `diffPlans`. */
export type { PlanChange };

/** `GET /api/plans/:id`: the plan document plus its place in the history. */
export type PlanDocument = Plan & {
  id: number;
  /** The version shown (another one with `?version=N`). */
  version: number;
  /** The version in force; the server may omit it in older answers. */
  currentVersion?: number;
  status: PlanStatus;
  published: boolean;
};

/** Content (creación, edición, reprogramación, importación) or state (vigencia, publicación). */
export type VersionKind = PlanVersionKind;

export type PlanVersion = {
  version: number;
  kind: VersionKind;
  createdAt: string;
  /** Only for those who may see the accounts (Ley 1581 de 2012). */
  actorEmail: string | null;
  /** A person made it (even when not named) or the system did; older servers omit it. */
  actorKind?: "persona" | "sistema";
  justification: string | null;
  actReference: string | null;
  /** AAAA-MM-DD */
  effectiveFrom: string;
};

export type SaveResult = { version: number; warnings: ValidationIssue[] };
export type CreateResult = SaveResult & { id: number };
/** An import's warning also says where it is in the file ("hoja Indicadores, fila 7"). */
export type ImportWarning = ValidationIssue & { location?: string | null };
export type DryRunResult = { valid: true; action?: "crear"; warnings: ImportWarning[] };
/** What importing a matriz into a stored plan does (core's planUpdateActionOf). */
export type PlanUpdateAction = "editar" | "reprogramar" | "sin cambios";
/** `POST /api/plans/:id/import`: in a dry run `version` is the one compared against; else the one saved. */
export type PlanUpdateResult = {
  action: PlanUpdateAction;
  planId: number;
  version: number;
  changes: PlanChange[];
  warnings: ImportWarning[];
};
export type ImportResult = { id: number; version: number; warnings: ImportWarning[] };

export type ImportProblem = {
  sheet?: string;
  row?: number;
  column?: string;
  path?: string;
  message: string;
};

export type Reprogramacion = {
  justification: string;
  actReference: string;
  effectiveFrom?: string;
};

export type ValidationReport = {
  issues: ValidationIssue[];
  summary: { errors: number; warnings: number };
};

export const EXPORT_FORMATS = ["xlsx", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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
  return sendJson<CreateResult>("POST", "/api/plans", { plan });
}

export function updatePlan(planId: number, version: number, plan: Plan): Promise<SaveResult> {
  return sendJson<SaveResult>("PUT", `/api/plans/${planId}`, { plan }, ifMatch(version));
}

export function reprogramPlan(
  planId: number,
  version: number,
  plan: Plan,
  reprogramacion: Reprogramacion,
): Promise<SaveResult> {
  return sendJson<SaveResult>(
    "POST",
    `/api/plans/${planId}/reprogramaciones`,
    { plan, ...reprogramacion },
    ifMatch(version),
  );
}

/**
 * Status and publication are versions of the plan too: the request names the
 * version the person saw, so a change saved meanwhile is a VERSION_CONFLICT.
 */
function ifMatchOf(version: number | null): Record<string, string> {
  return version === null ? {} : ifMatch(version);
}

export function putInForce(planId: number, version: number | null): Promise<unknown> {
  return sendJson<unknown>(
    "POST",
    `/api/plans/${planId}/status`,
    { status: "vigente" },
    ifMatchOf(version),
  );
}

export function setPublished(
  planId: number,
  published: boolean,
  version: number | null,
): Promise<unknown> {
  return sendJson<unknown>(
    "POST",
    `/api/plans/${planId}/publish`,
    { published },
    ifMatchOf(version),
  );
}

/** `version`: an earlier version, as its page shows it; omitted, the current one. */
export function exportUrl(planId: number, format: ExportFormat, version?: number): string {
  const query = new URLSearchParams({ format });
  if (version !== undefined) query.set("version", String(version));
  return `/api/plans/${planId}/export?${query}`;
}

const IMPORT_TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  json: "application/json",
};

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
  const query = new URLSearchParams({ dryRun: String(dryRun), fileName: file.name });
  return sendFile(`/api/plans/import?${query}`, file, contentType);
}

/** Dry run of "Actualizar desde la matriz": what the import will do and every change. */
export function previewPlanUpdate(
  planId: number,
  file: File,
  contentType: string,
): Promise<PlanUpdateResult> {
  const query = new URLSearchParams({ dryRun: "true", fileName: file.name });
  return sendFile(`/api/plans/${planId}/import?${query}`, file, contentType);
}

/** Saves the file over the plan reviewed at `version`; a reprogramación carries its act. */
export function updatePlanFromFile(
  planId: number,
  file: File,
  contentType: string,
  version: number,
  reprogramacion: Reprogramacion | null,
): Promise<PlanUpdateResult> {
  const query = new URLSearchParams({ fileName: file.name, ...(reprogramacion ?? {}) });
  return sendFile(`/api/plans/${planId}/import?${query}`, file, contentType, ifMatch(version));
}

/** 409 PLAN_EXISTS: the file's plan is already stored; update it from its page instead. */
export function existingPlanOf(error: unknown): { planId: number; code: string } | null {
  if (!(error instanceof ApiError) || error.code !== "PLAN_EXISTS") return null;
  const details = isRecord(error.details) ? error.details : {};
  return typeof details.planId === "number"
    ? { planId: details.planId, code: typeof details.code === "string" ? details.code : "" }
    : null;
}

/** The plan as the editor needs it (the current version, with its status). */
export function usePlanDocument(planId: number) {
  return useQuery({
    queryKey: formulationKeys.document(planId),
    queryFn: ({ signal }) => getJson<PlanDocument>(`/api/plans/${planId}`, signal),
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
  return getJson<PlanDocument>(`/api/plans/${planId}?${new URLSearchParams({ at: date })}`);
}

export function usePlanVersions(planId: number, enabled = true) {
  return useQuery({
    queryKey: formulationKeys.versions(planId),
    queryFn: async ({ signal }) =>
      (await getJson<{ versions: PlanVersion[] }>(`/api/plans/${planId}/versions`, signal))
        .versions,
    enabled,
  });
}

export function usePlanDiff(planId: number, from: number, to: number, enabled: boolean) {
  return useQuery({
    queryKey: formulationKeys.diff(planId, from, to),
    queryFn: async ({ signal }) =>
      (
        await getJson<{ changes: PlanChange[] }>(
          `/api/plans/${planId}/diff?${new URLSearchParams({ from: String(from), to: String(to) })}`,
          signal,
        )
      ).changes,
    enabled,
  });
}

export function usePlanValidation(planId: number, enabled: boolean) {
  return useQuery({
    queryKey: formulationKeys.validation(planId),
    queryFn: ({ signal }) => getJson<ValidationReport>(`/api/plans/${planId}/validation`, signal),
    enabled,
  });
}

// Reading the `details` of the API's errors. They come from the server, so
// each shape is checked before use; anything else reads as "no details".

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isIssue(value: unknown): value is ValidationIssue {
  return (
    isRecord(value) &&
    typeof value.message === "string" &&
    typeof value.path === "string" &&
    (value.severity === "error" || value.severity === "warning")
  );
}

function isChange(value: unknown): value is PlanChange {
  return isRecord(value) && typeof value.message === "string" && typeof value.path === "string";
}

function detailsOf(error: unknown, code: string): unknown {
  return error instanceof ApiError && error.code === code ? error.details : undefined;
}

/** 422 VALIDATION_FAILED: the issues, errors and warnings. */
export function validationIssuesOf(error: unknown): ValidationIssue[] {
  const details = detailsOf(error, "VALIDATION_FAILED");
  return Array.isArray(details) ? details.filter(isIssue) : [];
}

export type VersionConflict = { currentVersion: number | null; changes: PlanChange[] };

/** 409 VERSION_CONFLICT: someone else saved first; what they changed. */
export function versionConflictOf(error: unknown): VersionConflict | null {
  if (!(error instanceof ApiError) || error.code !== "VERSION_CONFLICT") return null;
  const details = isRecord(error.details) ? error.details : {};
  return {
    currentVersion: typeof details.currentVersion === "number" ? details.currentVersion : null,
    changes: Array.isArray(details.changes) ? details.changes.filter(isChange) : [],
  };
}

/** 409 REPROGRAMACION_REQUIRED: the plan is in force and its programación changed. */
export function reprogramacionRequiredOf(error: unknown): PlanChange[] | null {
  if (!(error instanceof ApiError) || error.code !== "REPROGRAMACION_REQUIRED") return null;
  const details = isRecord(error.details) ? error.details : {};
  return Array.isArray(details.changes) ? details.changes.filter(isChange) : [];
}

function isImportProblem(value: unknown): value is ImportProblem {
  return isRecord(value) && typeof value.message === "string";
}

/** 422 IMPORT_FAILED: every problem found in the file. */
export function importProblemsOf(error: unknown): ImportProblem[] {
  const details = detailsOf(error, "IMPORT_FAILED");
  return Array.isArray(details) ? details.filter(isImportProblem) : [];
}
