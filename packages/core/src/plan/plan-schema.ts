/**
 * zod contracts of the plan as the API serves it (the rumbo.plan/v1 shape plus
 * Rumbo's extensions). Shared by the server (validation, OpenAPI) and the web.
 * Detailed, path-by-path validation of uploaded plan files lives in the
 * format readers, which report every problem in Spanish.
 */
import { z } from "zod";
import {
  type FichaValue,
  INDICATOR_FICHA_FIELDS,
  type IndicatorFichaField,
} from "./field-catalogue.ts";
import { PLAN_FORMAT, TRENDS } from "./plan.ts";

type FichaShape = {
  [F in IndicatorFichaField as F["key"]]: z.ZodOptional<
    FichaValue<F> extends string ? z.ZodType<FichaValue<F>> : never
  >;
};

/** One optional property per field of the ficha in the catalogue: its closed list, or text. */
function fichaShape(): FichaShape {
  const shape: Record<string, z.ZodOptional<z.ZodType<string>>> = {};
  for (const field of INDICATOR_FICHA_FIELDS) {
    shape[field.key] = (
      field.kind === "enum" ? z.enum(field.options.values) : z.string()
    ).optional();
  }
  return shape as FichaShape;
}

export const weightPctSchema = z.union([z.number(), z.record(z.string(), z.number().optional())]);

export const indicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  goal: z.string().optional(),
  trend: z.enum(TRENDS),
  unit: z.string().optional(),
  baseline: z.number().nullable().optional(),
  weight: weightPctSchema,
  targets: z.record(z.string(), z.number().nullable().optional()),
  total: z.number().nullable().optional(),
  progress: z.literal("from-baseline").optional(),
  baselineYear: z.number().int().nullable().optional(),
  ...fichaShape(),
});

export const objectiveSchema = z.object({
  code: z.string(),
  name: z.string(),
  weight: weightPctSchema.optional(),
  indicators: z.array(indicatorSchema),
});

export const semaforoSchema = z.object({
  rojo: z.number(),
  amarillo: z.number(),
  sobreejecucion: z.number(),
});

export const planSchema = z.object({
  format: z.literal(PLAN_FORMAT),
  code: z.string(),
  name: z.string(),
  years: z.array(z.number().int()),
  semaforo: semaforoSchema.optional(),
  objectives: z.array(objectiveSchema),
  entity: z.string().optional(),
  mission: z.string().optional(),
  vision: z.string().optional(),
  source: z.string().optional(),
});

export const storedPlanSchema = planSchema.extend({ id: z.number().int() });

export const PLAN_STATUSES = ["formulacion", "vigente"] as const;

/** A plan as `GET /api/plans/:id` serves it: the document plus its place in the history. */
export const planDocumentSchema = storedPlanSchema.extend({
  /** The version shown (the current one unless `?version=` or `?at=` asked for another). */
  version: z.number().int(),
  currentVersion: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  published: z.boolean(),
});

export const planSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  entity: z.string().nullable(),
  years: z.array(z.number().int()),
  objectiveCount: z.number().int(),
  indicatorCount: z.number().int(),
  /** Public information (Ley 1712 de 2014): readable without an account. */
  published: z.boolean(),
});

export const planListSchema = z.object({ plans: z.array(planSummarySchema) });

export type PlanSummary = z.infer<typeof planSummarySchema>;
export type StoredPlan = z.infer<typeof storedPlanSchema>;
