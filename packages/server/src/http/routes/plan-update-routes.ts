/**
 * Updating a stored plan from its edited matriz (xlsx, csv or json): the dry
 * run answers what the import will do (crear is for new plans; here editar,
 * reprogramar or sin cambios) with every change against the current version,
 * and the import saves exactly that through the plan lifecycle service: an
 * edit, or en vigencia a reprogramación with its justification and acta when
 * the programación changed, audited once in the same transaction (a dry run
 * or a file without changes stores nothing and is not a write). The body is the file's own bytes, as in the
 * import of a new plan (read in the file worker), so the justification, the
 * acta and the effective date travel in the query string.
 */
import {
  api,
  bogotaDate,
  can,
  diffPlans,
  planUpdateActionOf,
  programmingChanges,
} from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import {
  editPlan,
  MATRIZ_UPDATE_AUDIT_ACTIONS,
  reprogramPlan,
} from "../../plans/plan-lifecycle-service.ts";
import { getPlanState } from "../../plans/plan-revisions.ts";
import { getPlan } from "../../plans/plans-repository.ts";
import { audit, describeResource } from "../access-control.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { requiredIfMatchVersion } from "../if-match.ts";
import { authorOf, lifecycleError } from "../plan-write-errors.ts";
import { readUploadedPlan, uploadFormatOf } from "../uploaded-plan.ts";
import { planResource } from "./plans-routes.ts";

export function planUpdateRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      api.updatePlanFromFile.path,
      auditedByService(contractRoute(api.updatePlanFromFile, planResource(db))),
      async (request) => {
        const { id } = request.params;
        const state = await getPlanState(db, id);
        const current = state ? await getPlan(db, id) : null;
        if (!state || !current) {
          throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${id}.`);
        }
        const format = uploadFormatOf(request.headers["content-type"]);
        const fileName = request.query.fileName ?? `plan.${format}`;
        const dryRun = request.query.dryRun === "true";
        // Checked before reading the file: a stale editor learns it at once.
        const expectedVersion = dryRun ? undefined : requiredIfMatchVersion(request, "v");
        const { plan, warnings, omittedWarnings } = await readUploadedPlan(
          request.body,
          fileName,
          format,
        );
        if (plan.code !== current.code) {
          throw new ApiError(
            422,
            "PLAN_CODE_MISMATCH",
            `${fileName} es la matriz del plan ${plan.code}, no del plan ${current.code}. No se guardó nada.`,
            [{ field: "code", message: `El código del plan en el archivo es ${plan.code}.` }],
          );
        }
        const { id: _id, ...stored } = current;
        const changes = diffPlans(stored, plan);
        const action = planUpdateActionOf(state.status, changes);
        const answer = { action, planId: id, changes, warnings, omittedWarnings };
        if (expectedVersion === undefined || action === "sin cambios") {
          return { ...answer, version: state.version };
        }
        // The action was decided on the state read above; the service locks the
        // plan and checks If-Match on the locked row, so a change that landed
        // since (a status, another save) is a VERSION_CONFLICT, never a write
        // decided on a state that no longer holds.
        const options = {
          expectedVersion,
          author: authorOf(request),
          now: now(),
          audit: {
            action: MATRIZ_UPDATE_AUDIT_ACTIONS[action],
            ip: request.ip,
            details: { code: plan.code, file: fileName },
          },
        };
        if (action === "editar") {
          const saved = await editPlan(db, id, plan, options).catch(lifecycleError);
          return { ...answer, version: saved.version };
        }
        if (!can(request.actor, "plan.reprogram", request.resource)) {
          // Refused here, not by the access hook: recorded as its refusals are.
          await audit(
            db,
            request,
            "denegado:plan.reprogram",
            describeResource(request.resource),
            "denied",
          );
          throw new ApiError(
            403,
            "FORBIDDEN",
            "El plan está en vigencia y la matriz cambia su programación: su cuenta no puede reprogramarlo.",
          );
        }
        const { justification, actReference, effectiveFrom } = request.query;
        if (justification === undefined || actReference === undefined) {
          throw new ApiError(
            409,
            "REPROGRAMACION_REQUIRED",
            "El plan está en vigencia y la matriz cambia metas, totales o ponderaciones: se guarda como reprogramación, con justificación y acta.",
            { changes: programmingChanges(changes) },
          );
        }
        const saved = await reprogramPlan(
          db,
          id,
          plan,
          { justification, actReference, effectiveFrom: effectiveFrom ?? bogotaDate(now()) },
          options,
        ).catch(lifecycleError);
        return { ...answer, version: saved.version };
      },
    );
  };
}

/** A save the lifecycle service audits in its own transaction (one entry per real change, none for a dry run or no change). */
function auditedByService<T extends { config: object }>(options: T): T {
  return { ...options, config: { ...options.config, auditsItself: true } };
}
