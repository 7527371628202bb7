import { planListSchema, storedPlanSchema } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/open-database.ts";
import { getPlan, listPlans } from "../../plans/plans-repository.ts";
import { ApiError } from "../api-error.ts";
import { errorSchema } from "../error-schema.ts";

export const planIdParams = z.object({
  id: z.coerce
    .number({ error: "el id del plan debe ser un número" })
    .int("el id del plan debe ser un número entero")
    .positive("el id del plan debe ser positivo")
    .max(2_147_483_647, "el id del plan es demasiado grande"),
});

export function plansRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/plans",
      {
        schema: {
          tags: ["planes"],
          summary: "Planes registrados",
          response: { 200: planListSchema },
        },
      },
      async () => ({ plans: await listPlans(db) }),
    );

    app.get(
      "/api/plans/:id",
      {
        schema: {
          tags: ["planes"],
          summary: "Un plan con su árbol completo: objetivos, indicadores y programación",
          params: planIdParams,
          response: { 200: storedPlanSchema, 400: errorSchema, 404: errorSchema },
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
