/**
 * Formulación (issue 6): create and change plans, reprogramación with a
 * justification, versions and their differences, and the validation report.
 * A plan is saved with warnings, never with errors; a write names the version
 * it started from (If-Match) so nobody overwrites anybody silently.
 */
import {
  api,
  bogotaDate,
  diffPlans,
  hasBlockingErrors,
  INT32_MAX,
  type Plan,
  programmingChanges,
  type ValidationIssue,
  validatePlan,
  validatePlanRules,
} from "@rumbo/core";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import {
  getPlanMeta,
  getPlanVersion,
  listPlanVersions,
  type PlanMeta,
  replacePlan,
  setPlanStatus,
  VersionConflictError,
} from "../../plans/plan-revisions.ts";
import {
  getPlan,
  PlanCodeTakenError,
  savePlan,
  setPlanPublished,
  type VersionMeta,
} from "../../plans/plans-repository.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { planResource } from "./plans-routes.ts";

export function formulationRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(api.createPlan.path, contractRoute(api.createPlan), async (request, reply) => {
      const { plan, warnings } = checkPlan(request.body.plan);
      try {
        const id = await savePlan(db, plan, {
          version: versionMeta(request, "creacion"),
          at: now(),
        });
        return reply.status(201).send({ id, version: 1, warnings });
      } catch (error) {
        throw codeTaken(error);
      }
    });

    app.put(
      api.updatePlan.path,
      contractRoute(api.updatePlan, planResource(db)),
      async (request) => {
        const meta = await mustMeta(db, request.params.id);
        const expected = expectedVersion(request);
        const { plan, warnings } = checkPlan(request.body.plan);
        if (meta.status === "vigente") {
          const current = await getPlan(db, meta.id);
          const programming = current ? programmingChanges(diffPlans(current, plan)) : [];
          if (programming.length > 0) {
            throw new ApiError(
              409,
              "REPROGRAMACION_REQUIRED",
              "El plan está en vigencia: los cambios de programación, totales o ponderaciones se hacen como reprogramación, con justificación y acta.",
              { changes: programming },
            );
          }
        }
        const version = await save(meta, plan, expected, versionMeta(request, "edicion"));
        return { version, warnings };
      },
    );

    app.post(
      api.reprogramPlan.path,
      contractRoute(api.reprogramPlan, planResource(db)),
      async (request) => {
        const meta = await mustMeta(db, request.params.id);
        const expected = expectedVersion(request);
        const { plan, warnings } = checkPlan(request.body.plan);
        const version = await save(meta, plan, expected, {
          ...versionMeta(request, "reprogramacion"),
          justification: request.body.justification,
          actReference: request.body.actReference,
          effectiveFrom: request.body.effectiveFrom ?? bogotaDate(now()),
        });
        return { version, warnings };
      },
    );

    app.post(
      api.setPlanStatus.path,
      contractRoute(api.setPlanStatus, planResource(db)),
      async (request) => {
        const meta = await mustMeta(db, request.params.id);
        if (meta.status === "vigente" && request.body.status === "formulacion") {
          throw new ApiError(
            409,
            "PLAN_IN_FORCE",
            "Un plan en vigencia no vuelve a formulación; sus cambios se hacen por reprogramación.",
          );
        }
        if (request.body.status === "vigente") {
          const plan = await getPlan(db, meta.id);
          const issues = plan ? validatePlanRules(plan) : [];
          if (hasBlockingErrors(issues)) throw validationFailed(issues);
        }
        await setPlanStatus(db, meta.id, request.body.status);
        return { status: request.body.status };
      },
    );

    app.post(
      api.publishPlan.path,
      contractRoute(api.publishPlan, planResource(db)),
      async (request) => {
        const meta = await mustMeta(db, request.params.id);
        await setPlanPublished(db, meta.id, request.body.published);
        return { published: request.body.published };
      },
    );

    app.get(
      api.listPlanVersions.path,
      contractRoute(api.listPlanVersions, planResource(db)),
      async (request) => {
        const versions = await listPlanVersions(db, request.params.id);
        // Who changed a plan is personal data (Ley 1581): the public sees the act, not the person.
        const anonymous = request.actor.kind === "anonymous";
        return { versions: versions.map((v) => (anonymous ? { ...v, actorEmail: null } : v)) };
      },
    );

    app.get(
      api.getPlanDiff.path,
      contractRoute(api.getPlanDiff, planResource(db)),
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
      api.getPlanValidation.path,
      contractRoute(api.getPlanValidation, planResource(db)),
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

    async function save(
      meta: PlanMeta,
      plan: Plan,
      expected: number,
      version: VersionMeta,
    ): Promise<number> {
      try {
        return await replacePlan(db, meta.id, plan, expected, version, now());
      } catch (error) {
        if (error instanceof VersionConflictError) {
          const [base, current] = await Promise.all([
            getPlanVersion(db, meta.id, error.expectedVersion),
            getPlan(db, meta.id),
          ]);
          throw new ApiError(409, error.code, error.message, {
            currentVersion: error.currentVersion,
            changes: base && current ? diffPlans(base, current) : [],
          });
        }
        throw codeTaken(error);
      }
    }
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
        message: p.message,
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
  // A version beyond the integer column cannot be one the plan has.
  if (!m?.[1] || Number(m[1]) > INT32_MAX)
    throw new ApiError(
      400,
      "IF_MATCH_INVALID",
      `If-Match no válido: ${header} (se espera "v<versión>").`,
    );
  return Number(m[1]);
}

async function mustMeta(db: Database, id: number): Promise<PlanMeta> {
  const meta = await getPlanMeta(db, id);
  if (!meta) throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${id}.`);
  return meta;
}

function versionMeta(request: FastifyRequest, kind: VersionMeta["kind"]): VersionMeta {
  return { kind, userId: request.user?.id ?? null, actorEmail: request.user?.email ?? null };
}

function codeTaken(error: unknown): unknown {
  if (error instanceof PlanCodeTakenError) {
    return new ApiError(409, error.code, error.message, [
      { field: "code", message: error.message },
    ]);
  }
  return error;
}
