/**
 * What the current person may do on a plan, decided by the same policy that
 * guards the routes, so the web shows only the buttons that will work.
 */
import { z } from "zod";
import type { Action } from "../auth/policy.ts";
import { defineEndpoint, GUARDED_ERRORS } from "./endpoint.ts";
import { planIdParams } from "./plans.ts";

export const PLAN_ACTIONS = [
  "plan.edit",
  "plan.reprogram",
  "plan.publish",
  "corte.manage",
  "actuals.import",
  "report.review",
] as const satisfies readonly Action[];
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export const planPermissionsSchema = z.object({
  planId: z.number().int(),
  actions: z.record(z.enum(PLAN_ACTIONS), z.boolean()),
  /** Indicators whose avances this person may report. */
  reportableIndicators: z.array(z.string()),
});

export type PlanPermissions = z.infer<typeof planPermissionsSchema>;

const getPlanPermissions = defineEndpoint({
  operationId: "getPlanPermissions",
  method: "GET",
  path: "/api/plans/:id/permissions",
  tag: "cuentas",
  summary: "Lo que quien consulta puede hacer en el plan (según la política de permisos)",
  action: "plan.read",
  params: planIdParams,
  responses: { 200: planPermissionsSchema },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND"],
});

export const permissionsEndpoints = { getPlanPermissions };
