/** Compliance of a plan (docs/formats.md §3), as rumbo.result/v1. */
import { z } from "zod";
import { complianceResultSchema } from "../compliance/result-schema.ts";
import { defineEndpoint, GUARDED_ERRORS } from "./endpoint.ts";
import { planIdParams } from "./plans.ts";
import { isoDateInRange } from "./primitives.ts";
import { complianceBasisQuery } from "./seguimiento.ts";

// asOf, missing and cap are read by the same option parsers as `rumbo compute`
// (formats/options.ts), so both give the same messages.
export const complianceQuerySchema = z.object({
  asOf: z
    .string()
    .optional()
    .describe("Fecha de corte AAAA-MM-DD; sin ella se evalúan todas las vigencias"),
  missing: z
    .string()
    .optional()
    .describe("zero (por omisión) o exclude: cómo cuenta un indicador sin reporte"),
  cap: z
    .string()
    .optional()
    .describe("none para no limitar el cumplimiento al 100 %, o un tope decimal (1.25)"),
  planAt: isoDateInRange()
    .optional()
    .describe(
      "Calcular contra el plan vigente en esa fecha (antes de reprogramaciones posteriores)",
    ),
  ...complianceBasisQuery,
});

const getCompliance = defineEndpoint({
  operationId: "getCompliance",
  method: "GET",
  path: "/api/plans/:id/compliance",
  tag: "cumplimiento",
  summary: "Cumplimiento del plan por vigencia y cuatrienio (rumbo.result/v1), con contribuciones",
  action: "compliance.read",
  params: planIdParams,
  querystring: complianceQuerySchema,
  responses: { 200: complianceResultSchema },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "VERSION_NOT_FOUND"],
});

export const complianceEndpoints = { getCompliance };
