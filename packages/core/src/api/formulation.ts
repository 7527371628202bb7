/**
 * Formulación: create and change plans, reprogramación with a justification,
 * versions and their differences, and the validation report. A write names
 * the version it started from in `If-Match: "v<version>"`.
 */
import { z } from "zod";
import { PLAN_VERSION_KINDS } from "../plan/lifecycle.ts";
import { PLAN_STATUSES } from "../plan/plan-schema.ts";
import { LICENSE_IDS } from "../publicacion/license.ts";
import { defineEndpoint, GUARDED_ERRORS, WRITE_ERRORS } from "./endpoint.ts";
import { planIdParams } from "./plans.ts";
import { isoDateInRange, safeText, versionNumber } from "./primitives.ts";
import { publicationSummarySchema } from "./publicacion.ts";

/**
 * What a validation rule says about one place of the plan (validation/
 * validation-issue.ts), or a shape problem of the plan document (code "format").
 */
export const planIssueSchema = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  /** JSON path in the plan ("objectives[2].indicators[0].targets.2025"; "" for the plan). */
  path: z.string(),
  objectiveCode: z.string().optional(),
  indicatorCode: z.string().optional(),
  year: z.number().optional(),
  field: z.string().optional(),
});

/** One difference between two versions (plan/plan-diff.ts). */
export const planChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(["added", "removed", "changed"]),
  objectiveCode: z.string().optional(),
  indicatorCode: z.string().optional(),
  field: z.string().optional(),
  year: z.number().optional(),
  before: z.unknown(),
  after: z.unknown(),
  message: z.string(),
});

export const planVersionSchema = z.object({
  version: z.number().int(),
  kind: z.enum(PLAN_VERSION_KINDS),
  createdAt: z.string(),
  actorEmail: z
    .string()
    .nullable()
    .describe(
      "Solo para quien puede ver las cuentas, y para quien hizo el cambio (Ley 1581 de 2012)",
    ),
  actorKind: z
    .enum(["persona", "sistema"])
    .describe("Si la versión la hizo una persona (aunque no se diga quién) o el sistema"),
  justification: z.string().nullable(),
  actReference: z.string().nullable(),
  /** AAAA-MM-DD */
  effectiveFrom: z.string(),
});

export const savedPlanSchema = z.object({
  version: z.number().int(),
  warnings: z.array(planIssueSchema),
});

export const validationReportSchema = z.object({
  issues: z.array(planIssueSchema),
  summary: z.object({ errors: z.number().int(), warnings: z.number().int() }),
});

// `details` of the errors a client reads beyond the message.

/** 422 VALIDATION_FAILED: the issues, errors and warnings. */
export const validationFailedDetailsSchema = z.array(planIssueSchema);
/** 409 VERSION_CONFLICT: someone else saved first; what they changed since. */
export const versionConflictDetailsSchema = z.object({
  currentVersion: z.number().int(),
  changes: z.array(planChangeSchema),
});
/** 409 REPROGRAMACION_REQUIRED: the programación changes of a plan in force. */
export const reprogramacionRequiredDetailsSchema = z.object({
  changes: z.array(planChangeSchema),
});

export type PlanIssue = z.infer<typeof planIssueSchema>;
export type PlanVersion = z.infer<typeof planVersionSchema>;
export type SavedPlan = z.infer<typeof savedPlanSchema>;
export type ValidationReport = z.infer<typeof validationReportSchema>;

// The body's plan is checked by the format reader (every problem with its JSON
// path, in Spanish, and the bounds of shared/bounds.ts) and then by the
// analyst's rules (errors block), not by zod.
const planBody = z.object({
  plan: z
    .record(z.string(), z.unknown())
    .describe("El plan en la forma rumbo.plan/v1 (docs/formats.md §1)"),
});

const SAVE_ERRORS = [
  ...GUARDED_ERRORS,
  ...WRITE_ERRORS,
  "VALIDATION_ERROR",
  "VALIDATION_FAILED",
  "PLAN_CODE_TAKEN",
] as const;

/** A write on an existing plan: it must exist and name the version it started from. */
const EDIT_ERRORS = [
  ...SAVE_ERRORS,
  "PLAN_NOT_FOUND",
  "IF_MATCH_REQUIRED",
  "IF_MATCH_INVALID",
  "VERSION_CONFLICT",
] as const;

const createPlan = defineEndpoint({
  operationId: "createPlan",
  method: "POST",
  path: "/api/plans",
  tag: "formulación",
  summary: "Crear un plan (versión 1, en formulación)",
  action: "plan.create",
  body: planBody,
  responses: { 201: savedPlanSchema.extend({ id: z.number().int() }) },
  errorCodes: SAVE_ERRORS,
});

const updatePlan = defineEndpoint({
  operationId: "updatePlan",
  method: "PUT",
  path: "/api/plans/:id",
  tag: "formulación",
  summary:
    "Guardar cambios del plan (If-Match: la versión editada); en vigencia, la programación solo cambia por reprogramación",
  action: "plan.edit",
  params: planIdParams,
  body: planBody,
  responses: { 200: savedPlanSchema },
  errorCodes: [...EDIT_ERRORS, "REPROGRAMACION_REQUIRED"],
});

const reprogramPlan = defineEndpoint({
  operationId: "reprogramPlan",
  method: "POST",
  path: "/api/plans/:id/reprogramaciones",
  tag: "formulación",
  summary: "Reprogramar metas, totales o ponderaciones con justificación y acta (nueva versión)",
  action: "plan.reprogram",
  params: planIdParams,
  body: planBody.extend({
    justification: safeText(4000)
      .trim()
      .min(10, "explique la reprogramación (al menos 10 caracteres)"),
    actReference: safeText(300).trim().min(3, "indique el acta o acto que la aprueba"),
    effectiveFrom: isoDateInRange().optional(),
  }),
  responses: { 200: savedPlanSchema },
  errorCodes: EDIT_ERRORS,
});

const setPlanStatus = defineEndpoint({
  operationId: "setPlanStatus",
  method: "POST",
  path: "/api/plans/:id/status",
  tag: "formulación",
  summary: "Poner el plan en vigencia (desde entonces la programación cambia por reprogramación)",
  action: "plan.edit",
  params: planIdParams,
  body: z.object({ status: z.enum(PLAN_STATUSES) }),
  responses: { 200: z.object({ status: z.enum(PLAN_STATUSES) }) },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "PLAN_IN_FORCE",
    "VALIDATION_FAILED",
  ],
});

const publishPlan = defineEndpoint({
  operationId: "publishPlan",
  method: "POST",
  path: "/api/plans/:id/publish",
  tag: "formulación",
  summary:
    "Publicar (o retirar de la publicación) el plan: lo publicado es público (Ley 1712 de 2014)",
  action: "plan.publish",
  params: planIdParams,
  body: z.object({
    published: z.boolean(),
    license: z
      .enum(LICENSE_IDS, { error: "la licencia debe ser CC-BY-SA-4.0 o CC-BY-4.0" })
      .optional()
      .describe(
        "Licencia de los datos abiertos del plan; por omisión CC BY-SA 4.0 (o la ya adoptada)",
      ),
    licenseAct: safeText(300)
      .optional()
      .describe("El acto que adoptó la licencia («Resolución 123 de 2024»)"),
  }),
  responses: {
    200: z.object({
      published: z.boolean(),
      publication: publicationSummarySchema
        .nullable()
        .describe(
          "La publicación del plan vigente tras la solicitud (una nueva si el plan o su licencia cambiaron)",
        ),
    }),
  },
  errorCodes: [...GUARDED_ERRORS, ...WRITE_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND"],
});

const listPlanVersions = defineEndpoint({
  operationId: "listPlanVersions",
  method: "GET",
  path: "/api/plans/:id/versions",
  tag: "formulación",
  summary: "Versiones del plan: quién, cuándo, por qué y desde cuándo rige cada una",
  action: "plan.read",
  params: planIdParams,
  responses: { 200: z.object({ versions: z.array(planVersionSchema) }) },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND"],
});

const getPlanDiff = defineEndpoint({
  operationId: "getPlanDiff",
  method: "GET",
  path: "/api/plans/:id/diff",
  tag: "formulación",
  summary: "Qué cambió entre dos versiones del plan",
  action: "plan.read",
  params: planIdParams,
  querystring: z.object({
    from: versionNumber("la versión inicial"),
    to: versionNumber("la versión final"),
  }),
  responses: { 200: z.object({ changes: z.array(planChangeSchema) }) },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "VERSION_NOT_FOUND"],
});

const getPlanValidation = defineEndpoint({
  operationId: "getPlanValidation",
  method: "GET",
  path: "/api/plans/:id/validation",
  tag: "formulación",
  summary: "Revisión del plan como la haría un analista: errores que bloquean y advertencias",
  action: "plan.read",
  params: planIdParams,
  responses: { 200: validationReportSchema },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND"],
});

export const formulationEndpoints = {
  createPlan,
  updatePlan,
  reprogramPlan,
  setPlanStatus,
  publishPlan,
  listPlanVersions,
  getPlanDiff,
  getPlanValidation,
};
