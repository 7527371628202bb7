/**
 * The tablero de seguimiento and "¿cómo se calculó?": both read the engine's
 * result for the same query as getCompliance, and add nothing but names,
 * weights, counters, alerts, ritmo and the explanation (compliance/explain.ts,
 * the same builder `rumbo explain` prints).
 */
import { z } from "zod";
import { CHANGE_DIRECTIONS } from "../compliance/corte-change.ts";
import type { PlanDashboard } from "../compliance/dashboard.ts";
import type { CellExplanation } from "../compliance/explain.ts";
import type { IndicatorSeries } from "../compliance/indicator-series.ts";
import type { InformeDiff } from "../compliance/informe-diff.ts";
import { TRENDS } from "../plan/plan.ts";
import { complianceQuerySchema } from "./compliance.ts";
import { defineEndpoint, GUARDED_ERRORS } from "./endpoint.ts";
import { planIdParams } from "./plans.ts";
import { int32Id } from "./primitives.ts";
import { complianceBasisQuery } from "./seguimiento.ts";

const status = z.enum(["verde", "amarillo", "rojo", "np", "sin_reporte", "pendiente"]);
const semaforo = z.enum(["verde", "amarillo", "rojo"]).nullable();
const at = z.union([z.number().int(), z.literal("period")]);
const thresholds = z.object({
  rojo: z.number(),
  amarillo: z.number(),
  sobreejecucion: z.number(),
});
const change = z
  .object({
    direction: z.enum(CHANGE_DIRECTIONS),
    previous: z.number().nullable(),
    previousStatus: status.nullable(),
    deltaPoints: z.number().nullable().describe("Ahora menos el corte anterior, en puntos"),
  })
  .describe("Cambio desde el corte anterior (sube, baja, igual o sin comparación)");
const closedCorte = z.object({ id: z.number().int(), periodEnd: z.string(), closedAt: z.string() });
const options = z.object({
  asOf: z.string().nullable(),
  missing: z.enum(["zero", "exclude"]),
  cap: z.number().nullable(),
});

/** `year=AAAA` (a vigencia) or `period=cuatrienio`: exactly one. */
const whenQuery = {
  year: z
    .string()
    .regex(/^\d{4}$/, "year debe ser un año AAAA")
    .optional()
    .describe("La vigencia (AAAA); o bien period=cuatrienio"),
  period: z
    .enum(["cuatrienio"], { error: "period solo puede ser cuatrienio" })
    .optional()
    .describe("cuatrienio: el periodo completo del plan en lugar de una vigencia"),
};

function exactlyOneWhen(query: { year?: string | undefined; period?: string | undefined }) {
  return (query.year === undefined) !== (query.period === undefined);
}
const WHEN_MESSAGE = "indique year=AAAA (una vigencia) o period=cuatrienio, uno de los dos";

export const explanationSchema = z.object({
  level: z.enum(["plan", "objective", "indicator"]),
  code: z.string().nullable(),
  name: z.string(),
  objective: z.string().nullable(),
  at,
  when: z.string(),
  status,
  statusLabel: z.string(),
  compliance: z.number().nullable(),
  semaforo,
  raw: z.number().nullable(),
  overExecution: z.boolean(),
  formula: z.string(),
  thresholds,
  options,
  values: z.array(z.object({ key: z.string(), label: z.string(), value: z.number().nullable() })),
  evaluatedWeight: z.number().nullable(),
  contributions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      weight: z.number(),
      share: z.number(),
      compliance: z.number(),
      contribution: z.number(),
    }),
  ),
  excluded: z.array(z.object({ code: z.string(), name: z.string(), status, reason: z.string() })),
  progress: z.number().nullable(),
  lines: z.array(z.string()).describe("La explicación tal como la imprime `rumbo explain`"),
});

const ritmoSchema = z.object({
  code: z.string(),
  year: z.number().int(),
  elapsed: z.number(),
  target: z.number(),
  expected: z.number().nullable(),
  expectedBasis: z.enum(["programacion-periodo", "linea-recta", "nivel"]),
  actual: z.number().nullable(),
  projectedYear: z.number().nullable(),
  projectedYearCompliance: z.number().nullable(),
  projectedPeriod: z.number().nullable(),
  projectedPeriodCompliance: z.number().nullable(),
  enRiesgo: z.boolean(),
  reason: z.string(),
});

const dashboardIndicator = z.object({
  code: z.string(),
  name: z.string(),
  objective: z.string(),
  unit: z.string().nullable(),
  trend: z.string(),
  weight: z.number(),
  share: z.number().nullable(),
  contribution: z.number().nullable(),
  status,
  target: z.number().nullable(),
  actual: z.number().nullable(),
  compliance: z.number().nullable(),
  raw: z.number().nullable(),
  semaforo,
  overExecution: z.boolean(),
  total: z.number().nullable(),
  progress: z.number().nullable(),
  ritmo: ritmoSchema.nullable(),
  change,
});

export const dashboardSchema = z.object({
  plan: z.object({ code: z.string(), name: z.string() }),
  at,
  years: z.array(z.number().int()),
  options,
  thresholds,
  status,
  compliance: z.number().nullable(),
  semaforo,
  progress: z.number().nullable(),
  counters: z.object({
    verde: z.number().int(),
    amarillo: z.number().int(),
    rojo: z.number().int(),
    sinReporte: z.number().int(),
    sobreEjecucion: z.number().int(),
    np: z.number().int(),
    pendiente: z.number().int(),
    enRiesgo: z.number().int(),
  }),
  objectives: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      weight: z.number(),
      share: z.number().nullable(),
      contribution: z.number().nullable(),
      status,
      compliance: z.number().nullable(),
      semaforo,
      progress: z.number().nullable(),
      change,
      indicators: z.array(dashboardIndicator),
    }),
  ),
  alerts: z.array(
    z.object({
      kind: z.enum(["rojo", "amarillo", "sin_reporte", "sobre_ejecucion", "en_riesgo"]),
      indicator: z.string(),
      name: z.string(),
      objective: z.string(),
      message: z.string(),
    }),
  ),
  ritmo: z
    .object({
      year: z.number().int(),
      asOf: z.string(),
      elapsed: z.number(),
      threshold: z.number(),
    })
    .nullable(),
  previousCorte: closedCorte
    .nullable()
    .describe(
      "El último corte cerrado antes de la fecha de corte, tal como se cerró; con él se mide el cambio",
    ),
  change,
});

const diffCell = z.object({
  status,
  statusLabel: z.string(),
  compliance: z.number().nullable(),
  actual: z.number().nullable(),
});
const versionRef = z.object({
  id: z.number().int(),
  version: z.number().int(),
  value: z.number().nullable(),
});

export const informeDiffSchema = z.object({
  plan: z.object({ code: z.string(), name: z.string() }),
  corte: z.object({ id: z.number().int(), periodEnd: z.string(), closedAt: z.string().nullable() }),
  year: z.number().int(),
  asOf: z.string(),
  before: z.object({ knownAt: z.string().nullable() }),
  after: z.object({ knownAt: z.string().nullable() }),
  cells: z
    .array(
      z.object({
        level: z.enum(["plan", "objective", "indicator"]),
        code: z.string().nullable(),
        name: z.string(),
        objective: z.string().nullable(),
        at,
        when: z.string(),
        before: diffCell.nullable(),
        after: diffCell.nullable(),
        change,
      }),
    )
    .describe(
      "Celdas (plan, objetivos, indicadores; cada vigencia hasta la del corte y el cuatrienio) que cambiaron",
    ),
  reports: z
    .array(
      z.object({
        indicator: z.string(),
        indicatorName: z.string(),
        period: z.string(),
        area: z.string(),
        before: versionRef.nullable(),
        after: versionRef.nullable(),
        valueChanged: z.boolean(),
        events: z.array(
          z.object({
            id: z.number().int(),
            indicator: z.string(),
            period: z.string(),
            area: z.string(),
            version: z.number().int(),
            action: z.string(),
            status: z.string(),
            value: z.number().nullable(),
            recordedAt: z.string(),
            by: z.string().nullable(),
            comment: z.string().nullable(),
          }),
        ),
        reopening: z
          .object({
            periodEnd: z.string(),
            indicators: z.array(z.string()),
            justification: z.string(),
            createdAt: z.string(),
            by: z.string().nullable(),
          })
          .nullable(),
        message: z.string(),
      }),
    )
    .describe("Reportes cuya versión contada cambió: antes → después, quién, cuándo y por qué"),
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

export const indicatorSeriesSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  trend: z.enum(TRENDS),
  asOf: z.string().nullable(),
  years: z.record(z.string(), indicatorYearCell),
  periods: z.array(
    z.object({
      period: z.string(),
      year: z.number().int(),
      end: z.string(),
      value: z.number(),
      counted: z.boolean().describe("El periodo terminó a la fecha de corte: el motor lo cuenta"),
      target: z.number().nullable(),
      cumulative: z.number().nullable(),
      cumulativeTarget: z.number().nullable(),
    }),
  ),
});

// The schemas describe exactly the core types the builders return.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const explanationMatches: Same<z.infer<typeof explanationSchema>, CellExplanation> = true;
const dashboardMatches: Same<z.infer<typeof dashboardSchema>, PlanDashboard> = true;
const informeDiffMatches: Same<z.infer<typeof informeDiffSchema>, InformeDiff> = true;
void informeDiffMatches;
const seriesMatches: Same<z.infer<typeof indicatorSeriesSchema>, IndicatorSeries> = true;
void seriesMatches;
void explanationMatches;
void dashboardMatches;

export const explainQuerySchema = complianceQuerySchema
  .extend({
    objective: z.string().max(50).optional().describe("Código del objetivo a explicar"),
    indicator: z.string().max(50).optional().describe("Código del indicador a explicar"),
    ...whenQuery,
  })
  .refine((query) => !(query.objective !== undefined && query.indicator !== undefined), {
    message: "indique objective o indicator, no ambos (sin ninguno se explica el plan)",
    path: ["objective"],
  })
  .refine(exactlyOneWhen, { message: WHEN_MESSAGE, path: ["year"] });

export const dashboardQuerySchema = complianceQuerySchema
  .extend(whenQuery)
  .refine(exactlyOneWhen, { message: WHEN_MESSAGE, path: ["year"] });

const explainCompliance = defineEndpoint({
  operationId: "explainCompliance",
  method: "GET",
  path: "/api/plans/:id/compliance/explain",
  tag: "cumplimiento",
  summary:
    "¿Cómo se calculó? La explicación de una celda (plan, objetivo o indicador; vigencia o cuatrienio): fórmula, valores, pesos renormalizados y lo excluido; dice lo mismo que `rumbo explain`",
  action: "compliance.read",
  params: planIdParams,
  querystring: explainQuerySchema,
  responses: { 200: explanationSchema },
  errorCodes: [
    ...GUARDED_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "VERSION_NOT_FOUND",
    "OBJECTIVE_NOT_FOUND",
    "INDICATOR_NOT_FOUND",
  ],
});

const getDashboard = defineEndpoint({
  operationId: "getDashboard",
  method: "GET",
  path: "/api/plans/:id/dashboard",
  tag: "cumplimiento",
  summary:
    "Tablero del plan para una vigencia o el cuatrienio: cumplimiento del plan, objetivos e indicadores con pesos y participación, contadores por semáforo, alertas y ritmo",
  action: "compliance.read",
  params: planIdParams,
  querystring: dashboardQuerySchema,
  responses: { 200: dashboardSchema },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "VERSION_NOT_FOUND"],
});

const getIndicatorSeries = defineEndpoint({
  operationId: "getIndicatorSeries",
  method: "GET",
  path: "/api/plans/:id/indicators/:code/series",
  tag: "cumplimiento",
  summary:
    "Programado vs ejecutado de un indicador por periodo reportado: cada valor que leyó el motor, si cuenta a la fecha de corte, la meta de su vigencia y, para suma, los acumulados; con las celdas del motor por vigencia",
  action: "compliance.read",
  params: planIdParams.extend({ code: z.string().max(50).describe("Código del indicador") }),
  querystring: complianceQuerySchema,
  responses: { 200: indicatorSeriesSchema },
  errorCodes: [
    ...GUARDED_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "VERSION_NOT_FOUND",
    "INDICATOR_NOT_FOUND",
  ],
});

export const INFORME_FORMATS = ["pdf", "xlsx", "csv"] as const;
export type InformeFormat = (typeof INFORME_FORMATS)[number];

export const INFORME_CONTENT_TYPES: Record<InformeFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

const getInforme = defineEndpoint({
  operationId: "getInforme",
  method: "GET",
  path: "/api/plans/:id/informe",
  tag: "cumplimiento",
  summary:
    "Informe de seguimiento de un corte (PDF, XLSX o CSV): portada, resumen con semáforos, una sección por objetivo con sus indicadores y el análisis de sus reportes aprobados, alertas y anexo de calidad del dato. Registra la fecha de corte, lo conocido a (knownAt; por omisión el cierre del corte) y las versiones de reporte usadas",
  action: "compliance.read",
  params: planIdParams,
  querystring: z.object({
    corte: int32Id("el id del corte"),
    format: z.enum(INFORME_FORMATS, { error: "use pdf, xlsx o csv" }).default("pdf"),
    knownAt: complianceBasisQuery.knownAt,
  }),
  responses: { 200: z.unknown().describe("El informe") },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "CORTE_NOT_FOUND"],
  produces: "file",
});

const diffInforme = defineEndpoint({
  operationId: "diffInforme",
  method: "GET",
  path: "/api/plans/:id/informe/diff",
  tag: "cumplimiento",
  summary:
    "¿Qué cambió desde este informe? El informe de un corte tal como se conocía en knownAt (por omisión, el cierre del corte) frente al de hoy: cada celda y cada reporte que cambió, antes → después, quién, cuándo y la justificación",
  action: "compliance.read",
  params: planIdParams,
  querystring: z.object({
    corte: int32Id("el id del corte"),
    knownAt: complianceBasisQuery.knownAt,
  }),
  responses: { 200: informeDiffSchema },
  errorCodes: [
    ...GUARDED_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "CORTE_NOT_FOUND",
    "VERSION_NOT_FOUND",
  ],
});

export const dashboardEndpoints = {
  explainCompliance,
  getDashboard,
  getIndicatorSeries,
  getInforme,
  diffInforme,
};
