/**
 * Formulación: create and change plans, reprogramación with a
 * justification, versions and their differences, and the validation report.
 * A plan is saved with warnings, never with errors; a write names the version
 * it started from (If-Match) so nobody overwrites anybody silently.
 */
import {
  api,
  bogotaDate,
  can,
  describeProblem,
  diffPlans,
  hasBlockingErrors,
  type Plan,
  type ValidationIssue,
  validatePlan,
  validatePlanRules,
} from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import {
  changePlanStatus,
  editPlan,
  publishPlan,
  reprogramPlan,
} from "../../plans/plan-lifecycle-service.ts";
import { getPlanVersion, listPlanVersions } from "../../plans/plan-revisions.ts";
import { getPlan, savePlan } from "../../plans/plans-repository.ts";
import { publicationSummaries } from "../../publicacion/publication-json.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { ifMatchVersion, requiredIfMatchVersion } from "../if-match.ts";
import { authorOf, codeTaken, lifecycleError } from "../plan-write-errors.ts";
import { etagOf, planResource } from "./plans-routes.ts";

export function formulationRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(api.createPlan.path, contractRoute(api.createPlan), async (request, reply) => {
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
    });

    app.put(
      api.updatePlan.path,
      contractRoute(api.updatePlan, planResource(db)),
      async (request) => {
        const expected = requiredIfMatchVersion(request, "v");
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
      api.reprogramPlan.path,
      contractRoute(api.reprogramPlan, planResource(db)),
      async (request) => {
        const expected = requiredIfMatchVersion(request, "v");
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
      api.setPlanStatus.path,
      contractRoute(api.setPlanStatus, planResource(db)),
      async (request, reply) => {
        const changed = await changePlanStatus(db, request.params.id, request.body.status, {
          // Optional here (older pages send none); a version named is checked.
          expectedVersion: ifMatchVersion(request, "v"),
          author: authorOf(request),
          now: now(),
        }).catch(lifecycleError);
        reply.header("etag", etagOf(changed.version));
        return { status: changed.status };
      },
    );

    app.post(
      api.publishPlan.path,
      contractRoute(api.publishPlan, planResource(db)),
      async (request, reply) => {
        const changed = await publishPlan(db, request.params.id, request.body.published, {
          expectedVersion: ifMatchVersion(request, "v"),
          author: authorOf(request),
          now: now(),
          license: request.body.license,
          licenseAct: request.body.licenseAct,
        }).catch(lifecycleError);
        reply.header("etag", etagOf(changed.version));
        const [publication] = changed.publication
          ? await publicationSummaries(db, [changed.publication.publication])
          : [];
        return { published: changed.published, publication: publication ?? null };
      },
    );

    app.get(
      api.listPlanVersions.path,
      contractRoute(api.listPlanVersions, planResource(db)),
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
