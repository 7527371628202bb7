/**
 * What the current person may do on a plan, decided by the same policy that
 * guards the routes, so the web shows only the buttons that will work and
 * never re-implements the rules.
 */
import { type Action, can } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/open-database.ts";
import { getPlan } from "../../plans/plans-repository.ts";
import { ApiError } from "../api-error.ts";
import { errorSchema } from "../error-schema.ts";
import { planIdParams, planResource } from "./plans-routes.ts";

const PLAN_ACTIONS = [
  "plan.edit",
  "plan.reprogram",
  "plan.publish",
  "corte.manage",
  "actuals.import",
  "report.review",
] as const satisfies readonly Action[];

const permissionsSchema = z.object({
  planId: z.number().int(),
  actions: z.record(z.enum(PLAN_ACTIONS), z.boolean()),
  /** Indicators whose avances this person may report. */
  reportableIndicators: z.array(z.string()),
});

export function permissionsRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/plans/:id/permissions",
      {
        config: { action: "plan.read", resource: planResource(db) },
        schema: {
          tags: ["cuentas"],
          summary: "Lo que quien consulta puede hacer en el plan (según la política de permisos)",
          params: planIdParams,
          response: {
            200: permissionsSchema,
            401: errorSchema,
            403: errorSchema,
            404: errorSchema,
          },
        },
      },
      async (request) => {
        const plan = await getPlan(db, request.params.id);
        // planResource already looked the plan up for the policy: reuse it.
        const planRes = request.resource;
        if (!plan || planRes.kind !== "plan")
          throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${request.params.id}.`);
        const { published } = planRes;
        const actions = Object.fromEntries(
          PLAN_ACTIONS.map((a) => [a, can(request.actor, a, planRes)]),
        ) as Record<(typeof PLAN_ACTIONS)[number], boolean>;
        const reportableIndicators = plan.objectives.flatMap((o) =>
          o.indicators
            .filter((i) =>
              can(request.actor, "report.submit", {
                kind: "indicator",
                planId: plan.id,
                objectiveCode: o.code,
                indicatorCode: i.code,
                responsibleArea: i.responsible ?? null,
                published,
              }),
            )
            .map((i) => i.code),
        );
        return { planId: plan.id, actions, reportableIndicators };
      },
    );
  };
}
