/**
 * Formulación: create and change plans, reprogramación with a
 * justification, versions and their differences, and the validation report.
 * A plan is saved with warnings, never with errors; a write names the version
 * it started from (If-Match) so nobody overwrites anybody silently.
 */
import {
  assertUnreachable,
  bogotaDate,
  can,
  describeProblem,
  diffPlans,
  hasBlockingErrors,
  PLAN_STATUSES,
  PLAN_VERSION_KINDS,
  type Plan,
  type ValidationIssue,
  validatePlan,
  validatePlanRules,
} from "@rumbo/core";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/open-database.ts";
import {
  type Author,
  changePlanStatus,
  editPlan,
  PlanChangeRefusedError,
  PlanNotFoundError,
  PlanVersionConflictError,
  publishPlan,
  reprogramPlan,
} from "../../plans/plan-lifecycle-service.ts";
import { getPlanVersion, listPlanVersions } from "../../plans/plan-revisions.ts";
import { getPlan, PlanCodeTakenError, savePlan } from "../../plans/plans-repository.ts";
import { ApiError } from "../api-error.ts";
import { errorSchema } from "../error-schema.ts";
import { etagOf, planIdParams, planResource } from "./plans-routes.ts";

const issueSchema = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  path: z.string(),
  objectiveCode: z.string().optional(),
  indicatorCode: z.string().optional(),
  year: z.number().optional(),
  field: z.string().optional(),
});

export const changeSchema = z.object({
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

const savedSchema = z.object({ version: z.number().int(), warnings: z.array(issueSchema) });
const errors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
  428: errorSchema,
};

// The body's plan is checked by the format reader (every problem with its JSON
// path, in Spanish) and then by the analyst's rules (errors block), not by zod.
const planBody = z.object({
  plan: z
    .record(z.string(), z.unknown())
    .describe("El plan en la forma rumbo.plan/v1 (docs/formats.md §1)"),
});

const reprogramBody = planBody.extend({
  justification: z
    .string()
    .trim()
    .min(10, "explique la reprogramación (al menos 10 caracteres)")
    .max(4000),
  actReference: z.string().trim().min(3, "indique el acta o acto que la aprueba").max(300),
  effectiveFrom: z.iso.date({ error: "la fecha debe ser AAAA-MM-DD" }).optional(),
});

export function formulationRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/plans",
      {
        config: { action: "plan.create" },
        schema: {
          tags: ["formulación"],
          summary: "Crear un plan (versión 1, en formulación)",
          body: planBody,
          response: { 201: savedSchema.extend({ id: z.number().int() }), ...errors },
        },
      },
      async (request, reply) => {
        const { plan, warnings } = checkPlan(request.body.plan);
        try {
          const id = await savePlan(db, plan, {
            version: { kind: "creacion", ...authorOf(request) },
            at: now(),
          });
          return reply.status(201).send({ id, version: 1, warnings });
        } catch (error) {
          throw codeTaken(error);
        }
      },
    );

    app.put(
      "/api/plans/:id",
      {
        config: { action: "plan.edit", resource: planResource(db) },
        schema: {
          tags: ["formulación"],
          summary:
            "Guardar cambios del plan (If-Match: la versión editada); en vigencia, la programación solo cambia por reprogramación",
          params: planIdParams,
          body: planBody,
          response: { 200: savedSchema, ...errors },
        },
      },
      async (request) => {
        const expected = expectedVersion(request);
        const { plan, warnings } = checkPlan(request.body.plan);
        const saved = await editPlan(db, request.params.id, plan, {
          expectedVersion: expected,
          author: authorOf(request),
          now: now(),
        }).catch(lifecycleError);
        return { version: saved.version, warnings };
      },
    );

    app.post(
      "/api/plans/:id/reprogramaciones",
      {
        config: { action: "plan.reprogram", resource: planResource(db) },
        schema: {
          tags: ["formulación"],
          summary:
            "Reprogramar metas, totales o ponderaciones con justificación y acta (nueva versión)",
          params: planIdParams,
          body: reprogramBody,
          response: { 200: savedSchema, ...errors },
        },
      },
      async (request) => {
        const expected = expectedVersion(request);
        const { plan, warnings } = checkPlan(request.body.plan);
        const saved = await reprogramPlan(
          db,
          request.params.id,
          plan,
          {
            justification: request.body.justification,
            actReference: request.body.actReference,
            effectiveFrom: request.body.effectiveFrom ?? bogotaDate(now()),
          },
          { expectedVersion: expected, author: authorOf(request), now: now() },
        ).catch(lifecycleError);
        return { version: saved.version, warnings };
      },
    );

    app.post(
      "/api/plans/:id/status",
      {
        config: { action: "plan.edit", resource: planResource(db) },
        schema: {
          tags: ["formulación"],
          summary:
            "Poner el plan en vigencia (desde entonces la programación cambia por reprogramación)",
          params: planIdParams,
          body: z.object({ status: z.enum(PLAN_STATUSES) }),
          response: { 200: z.object({ status: z.enum(PLAN_STATUSES) }), ...errors },
        },
      },
      async (request, reply) => {
        const changed = await changePlanStatus(db, request.params.id, request.body.status, {
          expectedVersion: optionalExpectedVersion(request),
          author: authorOf(request),
          now: now(),
        }).catch(lifecycleError);
        reply.header("etag", etagOf(changed.version));
        return { status: changed.status };
      },
    );

    app.post(
      "/api/plans/:id/publish",
      {
        config: { action: "plan.publish", resource: planResource(db) },
        schema: {
          tags: ["formulación"],
          summary:
            "Publicar (o retirar de la publicación) el plan: lo publicado es público (Ley 1712 de 2014)",
          params: planIdParams,
          body: z.object({ published: z.boolean() }),
          response: { 200: z.object({ published: z.boolean() }), ...errors },
        },
      },
      async (request, reply) => {
        const changed = await publishPlan(db, request.params.id, request.body.published, {
          expectedVersion: optionalExpectedVersion(request),
          author: authorOf(request),
          now: now(),
        }).catch(lifecycleError);
        reply.header("etag", etagOf(changed.version));
        return { published: changed.published };
      },
    );

    app.get(
      "/api/plans/:id/versions",
      {
        config: { action: "plan.read", resource: planResource(db) },
        schema: {
          tags: ["formulación"],
          summary: "Versiones del plan: quién, cuándo, por qué y desde cuándo rige cada una",
          params: planIdParams,
          response: {
            200: z.object({
              versions: z.array(
                z.object({
                  version: z.number().int(),
                  kind: z.enum(PLAN_VERSION_KINDS),
                  createdAt: z.string(),
                  actorEmail: z
                    .string()
                    .nullable()
                    .describe("Solo para quien puede ver las cuentas (Ley 1581 de 2012)"),
                  actorKind: z
                    .enum(["persona", "sistema"])
                    .describe(
                      "Si la versión la hizo una persona (aunque no se diga quién) o el sistema",
                    ),
                  justification: z.string().nullable(),
                  actReference: z.string().nullable(),
                  effectiveFrom: z.string(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const versions = await listPlanVersions(db, request.params.id);
        // Who changed a plan is personal data (Ley 1581 de 2012): only those who
        // may see the accounts see the person (and each person their own
        // changes); everyone sees the act, and that a person (not the system)
        // made the change.
        const seesAccounts = can(request.actor, "user.read", { kind: "system" });
        const ownEmail = request.user?.email ?? null;
        return {
          // Every save by a person records their address (the CLI its user); only the demo data has none.
          versions: versions.map((v) => ({
            ...v,
            actorEmail: seesAccounts || v.actorEmail === ownEmail ? v.actorEmail : null,
            actorKind: v.actorEmail !== null ? ("persona" as const) : ("sistema" as const),
          })),
        };
      },
    );

    app.get(
      "/api/plans/:id/diff",
      {
        config: { action: "plan.read", resource: planResource(db) },
        schema: {
          tags: ["formulación"],
          summary: "Qué cambió entre dos versiones del plan",
          params: planIdParams,
          querystring: z.object({
            from: z.coerce.number({ error: "indique la versión inicial" }).int().positive(),
            to: z.coerce.number({ error: "indique la versión final" }).int().positive(),
          }),
          response: { 200: z.object({ changes: z.array(changeSchema) }), ...errors },
        },
      },
      async (request) => {
        const { id } = request.params;
        const [before, after] = await Promise.all([
          getPlanVersion(db, id, request.query.from),
          getPlanVersion(db, id, request.query.to),
        ]);
        if (!before)
          throw new ApiError(
            404,
            "VERSION_NOT_FOUND",
            `El plan ${id} no tiene versión ${request.query.from}.`,
          );
        if (!after)
          throw new ApiError(
            404,
            "VERSION_NOT_FOUND",
            `El plan ${id} no tiene versión ${request.query.to}.`,
          );
        return { changes: diffPlans(before, after) };
      },
    );

    app.get(
      "/api/plans/:id/validation",
      {
        config: { action: "plan.read", resource: planResource(db) },
        schema: {
          tags: ["formulación"],
          summary:
            "Revisión del plan como la haría un analista: errores que bloquean y advertencias",
          params: planIdParams,
          response: {
            200: z.object({
              issues: z.array(issueSchema),
              summary: z.object({ errors: z.number().int(), warnings: z.number().int() }),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const plan = await getPlan(db, request.params.id);
        if (!plan)
          throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${request.params.id}.`);
        const issues = validatePlanRules(plan);
        return {
          issues,
          summary: {
            errors: issues.filter((i) => i.severity === "error").length,
            warnings: issues.filter((i) => i.severity === "warning").length,
          },
        };
      },
    );
  };
}

/** Shape problems and the analyst's errors block the save; warnings travel with the answer. */
export function checkPlan(value: unknown): { plan: Plan; warnings: ValidationIssue[] } {
  const read = validatePlan({ format: "rumbo.plan/v1", ...(value as object) }, "plan");
  if (!read.ok) {
    throw validationFailed(
      read.problems.map((p) => ({
        code: "format",
        severity: "error" as const,
        // People read the place in their words; the JSON path stays for the editor.
        message: describeProblem(p),
        path: p.path ?? "",
      })),
    );
  }
  const issues = validatePlanRules(read.plan);
  if (hasBlockingErrors(issues)) throw validationFailed(issues);
  return { plan: read.plan, warnings: issues };
}

/** A validation rule's issue, or a shape problem of the plan document (code "format"). */
type PlanIssue = Omit<ValidationIssue, "code"> & { code: string };

function validationFailed(issues: readonly PlanIssue[]): ApiError {
  const blocking = issues.filter((i) => i.severity === "error");
  return new ApiError(
    422,
    "VALIDATION_FAILED",
    `El plan no se guardó: ${blocking.length} ${blocking.length === 1 ? "error" : "errores"}. ${blocking
      .slice(0, 3)
      .map((i) => i.message)
      .join(" ")}`,
    issues,
  );
}

function expectedVersion(request: FastifyRequest): number {
  const header = request.headers["if-match"];
  if (typeof header !== "string" || header === "") {
    throw new ApiError(
      428,
      "IF_MATCH_REQUIRED",
      'Falta el encabezado If-Match con la versión que editó (p. ej. "v3").',
    );
  }
  const m = header.match(/^(?:W\/)?"v(\d+)"$/);
  if (!m?.[1])
    throw new ApiError(
      400,
      "IF_MATCH_INVALID",
      `If-Match no válido: ${header} (se espera "v<versión>").`,
    );
  return Number(m[1]);
}

/** Status and publication accept a request without If-Match (older pages); one that names a version is checked. */
function optionalExpectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers["if-match"];
  return header === undefined || header === "" ? undefined : expectedVersion(request);
}

function authorOf(request: FastifyRequest): Author {
  return { userId: request.user?.id ?? null, actorEmail: request.user?.email ?? null };
}

/** The lifecycle service's refusals, in the API's words and codes. */
function lifecycleError(error: unknown): never {
  if (error instanceof PlanNotFoundError) throw new ApiError(404, error.code, error.message);
  if (error instanceof PlanVersionConflictError) {
    throw new ApiError(409, error.code, error.message, {
      currentVersion: error.currentVersion,
      changes: error.changes,
    });
  }
  if (error instanceof PlanChangeRefusedError) {
    const refusal = error.refusal;
    switch (refusal.code) {
      case "PLAN_IN_FORCE":
        throw new ApiError(409, refusal.code, refusal.message);
      case "REPROGRAMACION_REQUIRED":
        throw new ApiError(409, refusal.code, refusal.message, { changes: refusal.changes });
      case "VALIDATION_FAILED":
        throw new ApiError(422, refusal.code, refusal.message, refusal.issues);
      default:
        return assertUnreachable(refusal);
    }
  }
  throw codeTaken(error);
}

function codeTaken(error: unknown): unknown {
  if (error instanceof PlanCodeTakenError) {
    return new ApiError(409, error.code, error.message, [
      { field: "code", message: error.message },
    ]);
  }
  return error;
}
