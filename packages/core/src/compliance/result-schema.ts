/**
 * zod contract of `rumbo.result/v1` (formats.md §4) as the API serves it;
 * shared by the server (OpenAPI, serialisation) and the web.
 */
import { z } from "zod";
import { RESULT_FORMAT } from "./types.ts";

const status = z.enum(["verde", "amarillo", "rojo", "np", "sin_reporte", "pendiente"]);
const semaforo = z.enum(["verde", "amarillo", "rojo"]).nullable();

const contribution = z.object({
  code: z.string(),
  weight: z.number(),
  compliance: z.number(),
  contribution: z.number(),
});

const indicatorYearCell = z.object({
  status,
  compliance: z.number().nullable(),
  semaforo,
  raw: z.number().nullable(),
  target: z.number().nullable(),
  actual: z.number().nullable(),
  overExecution: z.boolean(),
});

const rollupYearCell = z.object({
  status,
  compliance: z.number().nullable(),
  semaforo,
  contributions: z.array(contribution),
});

const rollupPeriodCell = rollupYearCell.extend({ progress: z.number().nullable() });

export const complianceResultSchema = z.object({
  format: z.literal(RESULT_FORMAT),
  asOf: z.string().nullable(),
  // Extensions of the API answer (formats.md allows optional fields; `rumbo
  // compute` leaves them out): which report versions the answer used (ADR 0015).
  basis: z
    .enum(["approved", "submitted"])
    .optional()
    .describe(
      "approved: cumplimiento oficial (solo reportes aprobados); submitted: vista previa que también cuenta los enviados sin aprobar",
    ),
  preview: z
    .boolean()
    .optional()
    .describe("true cuando la respuesta es una vista previa (basis=submitted), no el dato oficial"),
  knownAt: z
    .string()
    .nullable()
    .optional()
    .describe("Instante (ISO 8601, UTC) de lo que Rumbo sabía; null: lo que sabe ahora"),
  plan: z.object({
    code: z.string(),
    years: z.record(z.string(), rollupYearCell),
    period: rollupPeriodCell,
  }),
  objectives: z.array(
    z.object({
      code: z.string(),
      years: z.record(z.string(), rollupYearCell),
      period: rollupPeriodCell,
    }),
  ),
  indicators: z.array(
    z.object({
      code: z.string(),
      objective: z.string(),
      years: z.record(z.string(), indicatorYearCell),
      period: indicatorYearCell.extend({
        total: z.number().nullable(),
        progress: z.number().nullable(),
      }),
    }),
  ),
});
