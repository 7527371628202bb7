/**
 * The plan as a file (Ley 1712 de 2014: open formats): the matriz de
 * formulación (.xlsx), its flat .csv or rumbo.plan/v1 (.json), both ways.
 * Import is all or nothing.
 */
import { z } from "zod";
import type { PlanUpdateAction } from "../plan/plan-update.ts";
import { defineEndpoint, GUARDED_ERRORS, WRITE_ERRORS } from "./endpoint.ts";
import { planChangeSchema, planIssueSchema } from "./formulation.ts";
import { planIdParams } from "./plans.ts";
import { isoDateInRange, safeText, versionNumber } from "./primitives.ts";

export const PLAN_FILE_FORMATS = ["xlsx", "csv", "json"] as const;
export type PlanFileFormat = (typeof PLAN_FILE_FORMATS)[number];

/** The content type of each file format, for downloads and uploads alike. */
export const PLAN_FILE_CONTENT_TYPES: Record<PlanFileFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  json: "application/json",
};

/** An import's warning also says where it is in the file ("hoja Indicadores, fila 7"). */
export const importIssueSchema = planIssueSchema
  .pick({ code: true, severity: true, message: true, path: true })
  .extend({ location: z.string().nullable() });

/** 422 IMPORT_FAILED: every problem found in the file, with sheet, row and column in the message. */
export const importFailedDetailsSchema = z.array(
  z.object({
    message: z.string(),
    /** The plan's JSON path, for problems of the validation rules. */
    path: z.string().optional(),
    /** Where in the file, when the reader tells it apart from the message. */
    sheet: z.string().optional(),
    row: z.number().int().optional(),
    column: z.string().optional(),
  }),
);

export type ImportProblem = z.infer<typeof importFailedDetailsSchema>[number];

export type ImportIssue = z.infer<typeof importIssueSchema>;

const exportPlan = defineEndpoint({
  operationId: "exportPlan",
  method: "GET",
  path: "/api/plans/:id/export",
  tag: "formulación",
  summary:
    "Descargar el plan: matriz de formulación (xlsx), CSV o rumbo.plan/v1 (json); ?version=N da esa versión",
  action: "plan.read",
  params: planIdParams,
  querystring: z.object({
    format: z.enum(PLAN_FILE_FORMATS, { error: "use xlsx, csv o json" }).default("xlsx"),
    version: versionNumber("la versión").optional(),
  }),
  // The file's bytes (Fastify sends a Buffer as is, without serialising it).
  responses: { 200: z.unknown().describe("El archivo") },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "VERSION_NOT_FOUND"],
  produces: "file",
});

const importPlan = defineEndpoint({
  operationId: "importPlan",
  method: "POST",
  path: "/api/plans/import",
  tag: "formulación",
  summary:
    "Importar un plan nuevo (xlsx, csv o json) — todo o nada; dryRun=true solo revisa. Si el código ya existe: 409 PLAN_EXISTS con el id (use POST /api/plans/:id/import)",
  action: "plan.create",
  querystring: z.object({
    dryRun: z.enum(["true", "false"]).default("false"),
    fileName: safeText(255).optional(),
  }),
  responses: {
    200: z.object({
      valid: z.literal(true),
      action: z.literal("crear"),
      warnings: z.array(importIssueSchema),
      omittedWarnings: z.number().int().optional(),
    }),
    201: z.object({
      id: z.number().int(),
      version: z.number().int(),
      warnings: z.array(importIssueSchema),
      omittedWarnings: z.number().int().optional(),
    }),
  },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "EMPTY_FILE",
    "UNSUPPORTED_FILE",
    "BODY_TOO_LARGE",
    "IMPORT_FAILED",
    "PLAN_EXISTS",
    "FILE_TOO_COMPLEX",
    "PLAN_CODE_TAKEN",
  ],
  consumes: "file",
});

const updatePlanFromFile = defineEndpoint({
  operationId: "updatePlanFromFile",
  method: "POST",
  path: "/api/plans/:id/import",
  tag: "formulación",
  summary:
    "Actualizar un plan desde su matriz editada (xlsx, csv o json): dryRun=true dice qué hará (editar, reprogramar o sin cambios) y lista los cambios; sin dryRun guarda con If-Match y, si reprograma, con justificación y acta",
  action: "plan.edit",
  params: planIdParams,
  querystring: z.object({
    dryRun: z.enum(["true", "false"]).default("false"),
    fileName: safeText(255).optional(),
    justification: safeText(4000)
      .trim()
      .min(10, "explique la reprogramación (al menos 10 caracteres)")
      .optional(),
    actReference: safeText(300).trim().min(3, "indique el acta o acto que la aprueba").optional(),
    effectiveFrom: isoDateInRange().optional(),
  }),
  responses: {
    200: z.object({
      action: z.enum(["editar", "reprogramar", "sin cambios"] satisfies PlanUpdateAction[]),
      planId: z.number().int(),
      /** Dry run: the version compared against; import: the version saved (unchanged for "sin cambios"). */
      version: z.number().int(),
      changes: z.array(planChangeSchema),
      warnings: z.array(importIssueSchema),
      omittedWarnings: z.number().int().optional(),
    }),
  },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "EMPTY_FILE",
    "UNSUPPORTED_FILE",
    "BODY_TOO_LARGE",
    "IMPORT_FAILED",
    "PLAN_CODE_MISMATCH",
    "REPROGRAMACION_REQUIRED",
    "VERSION_CONFLICT",
    "IF_MATCH_REQUIRED",
    "IF_MATCH_INVALID",
    "FILE_TOO_COMPLEX",
  ],
  consumes: "file",
});

export const planFilesEndpoints = { exportPlan, importPlan, updatePlanFromFile };
