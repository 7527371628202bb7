import { can, planListSchema, storedPlanSchema } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/open-database.ts";
import { getPlan, getPlanAccess, listPlans } from "../../plans/plans-repository.ts";
import type { ResourceResolver } from "../access-control.ts";
import { ApiError } from "../api-error.ts";
import { errorSchema } from "../error-schema.ts";

export const planIdParams = z.object({
  id: z.coerce
    .number({ error: "el id del plan debe ser un número" })
    .int("el id del plan debe ser un número entero")
    .positive("el id del plan debe ser positivo")
    .max(2_147_483_647, "el id del plan es demasiado grande"),
});

/** The plan named by `:id`, as the policy sees it; 404 when there is none. */
export function planResource(db: Database): ResourceResolver {
  return async (request) => {
    const id = (request.params as { id: number }).id;
    const access = await getPlanAccess(db, id);
    if (!access) throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${id}.`);
    return { kind: "plan", planId: access.id, published: access.published };
  };
}

export function plansRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/plans",
      {
        config: { action: "plan.list" },
        schema: {
          tags: ["planes"],
          summary: "Planes que quien consulta puede ver (el público: los publicados)",
          response: { 200: planListSchema },
        },
      },
      async (request) => ({
        plans: (await listPlans(db)).filter((p) =>
          can(request.actor, "plan.read", { kind: "plan", planId: p.id, published: p.published }),
        ),
      }),
    );

    app.get(
      "/api/plans/:id",
      {
        config: { action: "plan.read", resource: planResource(db) },
        schema: {
          tags: ["planes"],
          summary: "Un plan con su árbol completo: objetivos, indicadores y programación",
          params: planIdParams,
          response: {
            200: storedPlanSchema,
            400: errorSchema,
            401: errorSchema,
            403: errorSchema,
            404: errorSchema,
          },
        },
      },
      async (request) => {
        const plan = await getPlan(db, request.params.id);
        if (!plan)
          throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${request.params.id}.`);
        return plan;
      },
    );
  };
}
