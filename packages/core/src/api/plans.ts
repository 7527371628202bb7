/** Plans as registered: the list and one plan's full tree, now or as it stood. */
import { z } from "zod";
import { planDocumentSchema, planListSchema } from "../plan/plan-schema.ts";
import { defineEndpoint, GUARDED_ERRORS } from "./endpoint.ts";
import { int32Id, isoDateInRange, versionNumber } from "./primitives.ts";

/** `:id` of every route under /api/plans/:id. */
export const planIdParams = z.object({ id: int32Id("el id del plan") });

const listPlans = defineEndpoint({
  operationId: "listPlans",
  method: "GET",
  path: "/api/plans",
  tag: "planes",
  summary: "Planes que quien consulta puede ver (el público: los publicados)",
  action: "plan.list",
  responses: { 200: planListSchema },
  errorCodes: [],
});

const getPlan = defineEndpoint({
  operationId: "getPlan",
  method: "GET",
  path: "/api/plans/:id",
  tag: "planes",
  summary:
    "Un plan con su árbol completo; ?version=N o ?at=AAAA-MM-DD lo dan como estaba (ETag: la versión vigente)",
  action: "plan.read",
  params: planIdParams,
  querystring: z.object({
    version: versionNumber().optional(),
    at: isoDateInRange().optional(),
  }),
  responses: { 200: planDocumentSchema },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "VERSION_NOT_FOUND"],
});

export const plansEndpoints = { listPlans, getPlan };
