/**
 * Publicación (docs/decisions/0016-publicacion.md): planeación publishes a
 * plan and each closed corte; a publication freezes a snapshot
 * (publicacion/publication-snapshot.ts). The public read API
 * (`/api/public/v1/…`, GET and HEAD only, no account) answers from those
 * snapshots and from nothing else (Ley 1712 de 2014; MinTIC Res. 1519 de 2020).
 */
import { z } from "zod";
import { complianceResultSchema } from "../compliance/result-schema.ts";
import { PLAN_STATUSES, planSchema } from "../plan/plan-schema.ts";
import { LICENSE_IDS } from "../publicacion/license.ts";
import { OPEN_DATA_FORMATS } from "../publicacion/open-data-package.ts";
import {
  type CorteOverview,
  type CorteSnapshot,
  type PlanSnapshot,
  PUBLICATION_FORMAT,
  PUBLICATION_KINDS,
  type PublishedIndicator,
} from "../publicacion/publication-snapshot.ts";
import { explanationSchema } from "./dashboard.ts";
import { defineEndpoint, GUARDED_ERRORS, WRITE_ERRORS } from "./endpoint.ts";
import { planIdParams } from "./plans.ts";
import { int32Id } from "./primitives.ts";

const status = z.enum(["verde", "amarillo", "rojo", "np", "sin_reporte", "pendiente"]);
const semaforo = z.enum(["verde", "amarillo", "rojo"]).nullable();

export const licenseSchema = z.object({
  id: z.enum(LICENSE_IDS),
  name: z.string(),
  url: z.string(),
  act: z.string().nullable().describe("El acto que adoptó la licencia"),
});

const publishedEvidenceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("file"),
    sha256: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    size: z.number().int(),
  }),
  z.object({ kind: z.literal("link"), url: z.string(), title: z.string() }),
]);

const publishedReportSchema = z.object({
  indicator: z.string(),
  period: z.string(),
  area: z
    .string()
    .nullable()
    .describe("Dependencia que reportó su parte; null: el indicador entero"),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  analysis: z.object({
    achievements: z.string().describe("Logros"),
    difficulties: z.string().describe("Retrasos y dificultades"),
    actions: z.string().describe("Soluciones / acciones de mejora"),
    benefits: z.string().describe("Beneficios a la ciudadanía"),
  }),
  warningExplanations: z.record(z.string(), z.string()),
  approvedOn: z.string(),
  evidence: z.array(publishedEvidenceSchema),
});

const reprogramacionSchema = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  recordedOn: z.string(),
  justification: z.string().nullable(),
  act: z.string().nullable(),
});

const previousCellSchema = z.object({
  level: z.enum(["plan", "objective", "indicator"]),
  code: z.string().nullable(),
  vigencia: z.number().nullable(),
  cuatrienio: z.number().nullable(),
});

const previousCorteSchema = z.object({
  periodEnd: z.string(),
  vigencia: z.number().int(),
  number: z.number().int(),
  publishedAt: z.string(),
  cells: z.array(previousCellSchema),
});

const explanationSetSchema = z.object({
  plan: explanationSchema,
  objectives: z.array(explanationSchema),
  indicators: z.array(explanationSchema),
});

export const planSnapshotSchema = z.object({
  format: z.literal(PUBLICATION_FORMAT),
  kind: z.literal("plan"),
  plan: planSchema,
  planVersion: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  license: licenseSchema,
  reprogramaciones: z.array(reprogramacionSchema),
});

export const corteSnapshotSchema = z.object({
  format: z.literal(PUBLICATION_FORMAT),
  kind: z.literal("corte"),
  plan: planSchema,
  planVersion: z.number().int(),
  license: licenseSchema,
  corte: z.object({
    periodEnd: z.string(),
    opensOn: z.string(),
    dueOn: z.string(),
    closesOn: z.string(),
    closedOn: z.string(),
  }),
  vigencia: z.number().int(),
  options: z.object({
    asOf: z.string().nullable(),
    missing: z.enum(["zero", "exclude"]),
    cap: z.number().nullable(),
  }),
  actuals: z.array(z.object({ indicator: z.string(), period: z.string(), value: z.number() })),
  reports: z.array(publishedReportSchema),
  result: complianceResultSchema,
  explanations: z.object({ vigencia: explanationSetSchema, cuatrienio: explanationSetSchema }),
  previous: previousCorteSchema.nullable(),
  reprogramaciones: z.array(reprogramacionSchema),
});

const cellSummarySchema = z.object({
  status,
  compliance: z.number().nullable(),
  semaforo,
});
const periodSummarySchema = cellSummarySchema.extend({ progress: z.number().nullable() });

export const corteOverviewSchema = z.object({
  periodEnd: z.string(),
  vigencia: z.number().int(),
  plan: z.object({ vigencia: cellSummarySchema, cuatrienio: periodSummarySchema }),
  objectives: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      vigencia: cellSummarySchema,
      cuatrienio: periodSummarySchema,
      previous: previousCellSchema.nullable(),
    }),
  ),
  indicatorsWithoutReport: z.number().int(),
  indicatorCount: z.number().int(),
  previous: previousCorteSchema.nullable(),
});

const indicatorResultSchema = complianceResultSchema.shape.indicators.element;

export const publishedIndicatorSchema = z.object({
  objective: z.object({ code: z.string(), name: z.string() }),
  indicator: planSchema.shape.objectives.element.shape.indicators.element,
  result: indicatorResultSchema,
  reports: z.array(publishedReportSchema),
  explanations: z.object({ vigencia: explanationSchema, cuatrienio: explanationSchema }),
  previous: previousCellSchema.nullable(),
});

// The schemas describe exactly the core types the builders return.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const planSnapshotMatches: Same<z.infer<typeof planSnapshotSchema>, PlanSnapshot> = true;
const corteSnapshotMatches: Same<z.infer<typeof corteSnapshotSchema>, CorteSnapshot> = true;
const overviewMatches: Same<z.infer<typeof corteOverviewSchema>, CorteOverview> = true;
const indicatorMatches: Same<z.infer<typeof publishedIndicatorSchema>, PublishedIndicator> = true;
void planSnapshotMatches;
void corteSnapshotMatches;
void overviewMatches;
void indicatorMatches;

/** A publication as planeación sees it in the plan's list (who published it is shown only there). */
export const publicationSummarySchema = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  number: z.number().int().describe("Número de la publicación dentro del plan: 1, 2, 3…"),
  kind: z.enum(PUBLICATION_KINDS),
  corteId: z.number().int().nullable(),
  periodEnd: z.string().nullable().describe("Fecha de corte, en las publicaciones de un corte"),
  publishedAt: z.string(),
  publishedBy: z.object({ id: z.number().int().nullable(), name: z.string() }).nullable(),
  planVersion: z.number().int(),
  license: licenseSchema,
  supersedes: z
    .number()
    .int()
    .nullable()
    .describe("Número de la publicación anterior del mismo corte (o del plan) que esta reemplaza"),
});
export type PublicationSummary = z.infer<typeof publicationSummarySchema>;

/** A publication as the public API names it: no person. */
export const publicPublicationSchema = z.object({
  number: z.number().int(),
  kind: z.enum(PUBLICATION_KINDS),
  periodEnd: z.string().nullable(),
  publishedAt: z.string(),
  supersedes: z.number().int().nullable(),
  license: licenseSchema,
});
export type PublicPublication = z.infer<typeof publicPublicationSchema>;

const publishCorte = defineEndpoint({
  operationId: "publishCorte",
  method: "POST",
  path: "/api/plans/:id/cortes/:corteId/publish",
  tag: "publicación",
  summary:
    "Publicar un corte cerrado: congela sus reportes aprobados y su cumplimiento; publicarlo de nuevo tras una corrección crea una publicación nueva con fecha y número",
  action: "plan.publish",
  params: z.object({ id: int32Id("el id del plan"), corteId: int32Id("el id del corte") }),
  responses: {
    200: z.object({
      publication: publicationSummarySchema,
      created: z
        .boolean()
        .describe("false: nada cambió desde la última publicación del corte, que sigue vigente"),
    }),
  },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "CORTE_NOT_FOUND",
    "CORTE_NOT_CLOSED",
    "PLAN_NOT_PUBLISHED",
  ],
});

const listPublications = defineEndpoint({
  operationId: "listPublications",
  method: "GET",
  path: "/api/plans/:id/publications",
  tag: "publicación",
  summary: "Publicaciones del plan y de sus cortes, con fecha y número (la más reciente primero)",
  action: "plan.read",
  params: planIdParams,
  responses: { 200: z.object({ publications: z.array(publicationSummarySchema) }) },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND"],
});

const PUBLIC_ERRORS = ["VALIDATION_ERROR", "RATE_LIMITED"] as const;

export const PUBLIC_PAGE_SIZE_MAX = 100;

const pageQuery = z.object({
  page: z.coerce
    .number({ error: "page debe ser un número entero desde 1" })
    .int("page debe ser un número entero desde 1")
    .min(1, "page debe ser un número entero desde 1")
    .max(1_000_000, "page es demasiado grande")
    .default(1)
    .describe("Página, desde 1"),
  pageSize: z.coerce
    .number({ error: `pageSize debe ser un número entero de 1 a ${PUBLIC_PAGE_SIZE_MAX}` })
    .int(`pageSize debe ser un número entero de 1 a ${PUBLIC_PAGE_SIZE_MAX}`)
    .min(1, `pageSize debe ser un número entero de 1 a ${PUBLIC_PAGE_SIZE_MAX}`)
    .max(PUBLIC_PAGE_SIZE_MAX, `pageSize debe ser un número entero de 1 a ${PUBLIC_PAGE_SIZE_MAX}`)
    .default(20)
    .describe(`Planes por página (1 a ${PUBLIC_PAGE_SIZE_MAX})`),
});

const publicationQuery = z.object({
  publication: z.coerce
    .number({ error: "publication debe ser el número de una publicación" })
    .int("publication debe ser el número de una publicación")
    .min(1, "publication debe ser el número de una publicación")
    .max(2_147_483_647, "publication es demasiado grande")
    .optional()
    .describe("Número de una publicación anterior del corte; sin él, la más reciente"),
});

const periodEndParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "la fecha de corte debe ser AAAA-MM-DD")
  .describe("Fecha de corte AAAA-MM-DD (p. ej. 2024-12-31)");

const latestCorteSchema = z.object({
  publication: publicPublicationSchema,
  overview: corteOverviewSchema,
});

export const publicPlanSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  entity: z.string().nullable(),
  years: z.array(z.number().int()),
  license: licenseSchema,
  publishedAt: z.string().describe("Primera publicación del plan"),
  updatedAt: z.string().describe("Última publicación del plan o de uno de sus cortes"),
  latestCorte: z
    .object({
      periodEnd: z.string(),
      number: z.number().int(),
      publishedAt: z.string(),
      plan: z.object({ vigencia: cellSummarySchema, cuatrienio: periodSummarySchema }),
    })
    .nullable(),
});

const CURL = (path: string) =>
  `\n\nEjemplo:\n\n    curl -s https://rumbo.example.gov.co${path}\n\nSin cuenta; solo GET y HEAD. Respuestas con ETag, Last-Modified y Cache-Control: repita con If-None-Match para recibir 304.`;

const listPublicPlans = defineEndpoint({
  operationId: "listPublicPlans",
  method: "GET",
  path: "/api/public/v1/plans",
  tag: "datos públicos",
  summary: `Planes publicados, por páginas${CURL("/api/public/v1/plans?page=1&pageSize=20")}`,
  action: "public",
  querystring: pageQuery,
  responses: {
    200: z.object({
      items: z.array(publicPlanSummarySchema),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    }),
  },
  errorCodes: [...PUBLIC_ERRORS],
});

const getPublicPlan = defineEndpoint({
  operationId: "getPublicPlan",
  method: "GET",
  path: "/api/public/v1/plans/:id",
  tag: "datos públicos",
  summary: `Un plan publicado: el plan, su licencia, sus cortes publicados y el resumen del último${CURL("/api/public/v1/plans/1")}`,
  action: "public",
  params: planIdParams,
  responses: {
    200: z.object({
      id: z.number().int(),
      publication: publicPublicationSchema.describe("La publicación del plan que se muestra"),
      plan: planSchema,
      planVersion: z.number().int(),
      status: z.enum(PLAN_STATUSES),
      license: licenseSchema,
      reprogramaciones: z.array(reprogramacionSchema),
      publishedAt: z.string(),
      updatedAt: z.string(),
      cortes: z.array(
        z.object({
          periodEnd: z.string(),
          vigencia: z.number().int(),
          latest: publicPublicationSchema,
          publications: z.array(publicPublicationSchema),
        }),
      ),
      latestCorte: latestCorteSchema.nullable(),
      publications: z.array(publicPublicationSchema),
    }),
  },
  errorCodes: [...PUBLIC_ERRORS, "PLAN_NOT_FOUND"],
});

const getPublicCorte = defineEndpoint({
  operationId: "getPublicCorte",
  method: "GET",
  path: "/api/public/v1/plans/:id/cortes/:periodEnd",
  tag: "datos públicos",
  summary: `Un corte publicado tal como se publicó (rumbo.publication/v1): reportes aprobados, cumplimiento (rumbo.result/v1) y explicaciones${CURL("/api/public/v1/plans/1/cortes/2024-12-31")}`,
  action: "public",
  params: z.object({ id: int32Id("el id del plan"), periodEnd: periodEndParam }),
  querystring: publicationQuery,
  responses: {
    200: z.object({
      planId: z.number().int(),
      publication: publicPublicationSchema,
      latestNumber: z.number().int().describe("Número de la publicación más reciente del corte"),
      snapshot: corteSnapshotSchema,
      overview: corteOverviewSchema,
    }),
  },
  errorCodes: [...PUBLIC_ERRORS, "PLAN_NOT_FOUND", "PUBLICATION_NOT_FOUND"],
});

const getPublicIndicator = defineEndpoint({
  operationId: "getPublicIndicator",
  method: "GET",
  path: "/api/public/v1/plans/:id/cortes/:periodEnd/indicators/:code",
  tag: "datos públicos",
  summary: `Un indicador en un corte publicado: ficha técnica, programación, reportes aprobados con su análisis y soportes, y ¿cómo se calculó?${CURL("/api/public/v1/plans/1/cortes/2024-12-31/indicators/2307")}`,
  action: "public",
  params: z.object({
    id: int32Id("el id del plan"),
    periodEnd: periodEndParam,
    code: z.string().min(1).max(200).describe("Código del indicador (la meta)"),
  }),
  querystring: publicationQuery,
  responses: {
    200: z.object({
      planId: z.number().int(),
      publication: publicPublicationSchema,
      latestNumber: z.number().int(),
      periodEnd: z.string(),
      vigencia: z.number().int(),
      indicator: publishedIndicatorSchema,
    }),
  },
  errorCodes: [...PUBLIC_ERRORS, "PLAN_NOT_FOUND", "PUBLICATION_NOT_FOUND", "INDICATOR_NOT_FOUND"],
});

const getPublicCatalog = defineEndpoint({
  operationId: "getPublicCatalog",
  method: "GET",
  path: "/api/public/v1/catalog",
  tag: "datos públicos",
  summary: `Catálogo DCAT-AP (JSON-LD, application/ld+json) de los planes y cortes publicados: una serie por plan, un conjunto de datos por corte y una distribución por archivo con tipo, tamaño, SHA-256 y licencia, más los campos que pide datos.gov.co${CURL("/api/public/v1/catalog")}`,
  action: "public",
  responses: { 200: z.unknown().describe("El catálogo en JSON-LD") },
  errorCodes: [...PUBLIC_ERRORS],
  produces: "file",
});

const downloadOpenData = defineEndpoint({
  operationId: "downloadOpenData",
  method: "GET",
  path: "/api/public/v1/plans/:id/open-data",
  tag: "datos públicos",
  summary: `Datos abiertos de un corte publicado: csv (RFC 4180, UTF-8, coma, punto decimal), csv-excel (BOM, punto y coma, coma decimal), xlsx, json (rumbo.plan/v1, valores y rumbo.result/v1), zip (todo, con datapackage.json y la licencia) o datapackage (Table Schema y SHA-256 de cada archivo)${CURL("/api/public/v1/plans/1/open-data?corte=2024-12-31&format=csv")}`,
  action: "public",
  params: planIdParams,
  querystring: publicationQuery.extend({
    corte: periodEndParam.describe("Fecha de corte publicada AAAA-MM-DD"),
    format: z
      .enum(OPEN_DATA_FORMATS, {
        error: "format debe ser csv, csv-excel, xlsx, json, zip o datapackage",
      })
      .default("csv"),
  }),
  responses: { 200: z.unknown().describe("El archivo") },
  errorCodes: [...PUBLIC_ERRORS, "PLAN_NOT_FOUND", "PUBLICATION_NOT_FOUND"],
  produces: "file",
});

export const publicacionEndpoints = {
  publishCorte,
  listPublications,
  listPublicPlans,
  getPublicPlan,
  getPublicCorte,
  getPublicIndicator,
  getPublicCatalog,
  downloadOpenData,
};
