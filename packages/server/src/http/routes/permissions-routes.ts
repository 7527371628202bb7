/**
 * What the current person may do on a plan, decided by the same policy that
 * guards the routes, so the web shows only the buttons that will work and
 * never re-implements the rules.
 */
import { api, can, PLAN_ACTIONS, type PlanAction } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { getPlan } from "../../plans/plans-repository.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { planResource } from "./plans-routes.ts";

export function permissionsRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      api.getPlanPermissions.path,
      contractRoute(api.getPlanPermissions, planResource(db)),
      async (request) => {
        const plan = await getPlan(db, request.params.id);
        // planResource already looked the plan up for the policy: reuse it.
        const planRes = request.resource;
        if (!plan || planRes.kind !== "plan")
          throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${request.params.id}.`);
        const { published } = planRes;
        const actions = Object.fromEntries(
          PLAN_ACTIONS.map((a) => [a, can(request.actor, a, planRes)]),
        ) as Record<PlanAction, boolean>;
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
