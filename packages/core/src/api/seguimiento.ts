/**
 * Seguimiento: cortes, reportes de avance with their analysis and soportes,
 * the review workflow, each report's history, the bulk load, the actuals
 * export and the data-quality report (ADR 0015). A report is addressed by
 * plan, indicator code and period (`2024`, `2024-Q3`, `2024-07`); a write
 * names the version it started from in `If-Match: "r<version>"` and answers
 * with the new `ETag`.
 */
import { z } from "zod";
import { LEVEL_SHARE_RULES } from "../seguimiento/area-shares.ts";
import { CORTE_STATES } from "../seguimiento/corte.ts";
import { DATA_QUALITY_KINDS } from "../seguimiento/data-quality.ts";
import { REPORT_WARNING_CODES } from "../seguimiento/report-warnings.ts";
import { REPORT_STATUSES } from "../seguimiento/report-workflow.ts";
import { defineEndpoint, GUARDED_ERRORS, WRITE_ERRORS } from "./endpoint.ts";
import { planIdParams } from "./plans.ts";
import { int32Id, isoDateInRange, safeText } from "./primitives.ts";

/** Longest analysis text (each of logros, dificultades, acciones, beneficios). */
export const REPORT_TEXT_MAX = 8000;
/** Longest comment of a devolución or justification of an un-approval or reopening. */
export const REVIEW_TEXT_MAX = 4000;

export const REPORT_LOCKS = ["CORTE_CLOSED", "NOT_OPEN_YET", "UNDER_REVIEW", "APPROVED"] as const;

/** How a report version came to be: the form or API, the bulk load, the command line, the demo or a migration. */
export const REPORT_SOURCES = ["formulario", "carga-masiva", "cli", "demo", "migracion"] as const;

/** The actions that make a report version. */
export const REPORT_VERSION_ACTIONS = [
  "save",
  "submit",
  "return",
  "approve",
  "unapprove",
  "evidence",
] as const;

const actorSchema = z
  .object({ id: z.number().int().nullable(), name: z.string() })
  .describe("Quien hizo la acción (nombre visible; el correo solo en la auditoría)");

export const corteSchema = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  periodEnd: z.string().describe("Último día del periodo que corta (AAAA-MM-DD)"),
  opensOn: z.string(),
  dueOn: z.string().describe("Fecha límite de reporte a tiempo"),
  closesOn: z.string().describe("Fecha prevista de cierre (el cierre es un acto explícito)"),
  state: z.enum(CORTE_STATES),
  closedAt: z.string().nullable(),
  closedBy: actorSchema.nullable(),
  /** Reopenings still in force (for named indicators, until a date). */
  reopenings: z.array(
    z.object({
      id: z.number().int(),
      indicators: z.array(z.string()),
      justification: z.string(),
      until: z.string(),
      createdAt: z.string(),
      createdBy: actorSchema.nullable(),
      active: z.boolean(),
    }),
  ),
  progress: z.object({
    due: z.number().int().describe("Reportes esperados en el corte"),
    received: z.number().int().describe("Enviados, devueltos o aprobados"),
    approved: z.number().int(),
    late: z.number().int().describe("Enviados después de la fecha límite"),
    returned: z.number().int(),
    pending: z.number().int().describe("Sin reporte o en borrador"),
  }),
});

export const analysisSchema = z.object({
  achievements: z.string().describe("Logros"),
  difficulties: z.string().describe("Retrasos y dificultades"),
  actions: z.string().describe("Soluciones / acciones de mejora"),
  benefits: z.string().describe("Beneficios a la ciudadanía"),
});

const analysisInput = z.object({
  achievements: safeText(REPORT_TEXT_MAX).optional(),
  difficulties: safeText(REPORT_TEXT_MAX).optional(),
  actions: safeText(REPORT_TEXT_MAX).optional(),
  benefits: safeText(REPORT_TEXT_MAX).optional(),
});

export const evidenceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("file"),
    sha256: z.string(),
    fileName: z.string(),
    size: z.number().int(),
    mediaType: z.string(),
    addedAt: z.string(),
    addedBy: actorSchema.nullable(),
  }),
  z.object({
    kind: z.literal("link"),
    url: z.string(),
    title: z.string(),
    addedAt: z.string(),
    addedBy: actorSchema.nullable(),
  }),
]);

export const reportWarningSchema = z.object({
  code: z.enum(REPORT_WARNING_CODES),
  message: z.string(),
  explained: z.boolean(),
});

const explanationsShape = {
  semaforo: safeText(REVIEW_TEXT_MAX).optional(),
  sobreejecucion: safeText(REVIEW_TEXT_MAX).optional(),
  atipico: safeText(REVIEW_TEXT_MAX).optional(),
};

/**
 * The areas of an indicator that several areas report (ficha `reportingAreas`):
 * each area's share for the period, which reported and which are pending, and
 * the value of the reported shares combined by the ficha's rule.
 */
export const indicatorAreasSchema = z.object({
  rule: z.enum(LEVEL_SHARE_RULES).describe("Regla de la ficha para un indicador de nivel"),
  shares: z.array(
    z.object({
      area: z.string(),
      status: z.enum(REPORT_STATUSES).nullable().describe("null: nada guardado"),
      value: z.number().nullable(),
    }),
  ),
  reported: z.array(z.string()).describe("Áreas que enviaron su parte (enviado o aprobado)"),
  pending: z.array(z.string()).describe("Áreas que aún no la envían"),
  value: z.number().nullable().describe("El valor del indicador con las partes reportadas"),
  partial: z.boolean().describe("true mientras falte alguna área: el total es parcial"),
});

/** A reporte de avance as it stands (its latest version), with what the form needs beside it. */
export const reportSchema = z.object({
  planId: z.number().int(),
  indicator: z.string(),
  period: z.string(),
  area: z.string().nullable().describe("Área que reporta su parte; null = el indicador completo"),
  status: z.enum(REPORT_STATUSES).nullable().describe("null: nada reportado todavía"),
  version: z.number().int().describe('0 cuando nada se ha reportado; ETag "r<version>"'),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  analysis: analysisSchema,
  explanations: z.object({
    semaforo: z.string().optional(),
    sobreejecucion: z.string().optional(),
    atipico: z.string().optional(),
  }),
  warnings: z.array(reportWarningSchema),
  evidence: z.array(evidenceSchema),
  returnComment: z.string().nullable().describe("Comentario de la última devolución"),
  firstSubmittedBy: actorSchema.nullable(),
  firstSubmittedAt: z.string().nullable(),
  submittedBy: actorSchema.nullable(),
  submittedAt: z.string().nullable(),
  reviewedBy: actorSchema.nullable(),
  reviewedAt: z.string().nullable(),
  selfApproval: z.boolean(),
  late: z.boolean().describe("Enviado después de la fecha límite del corte"),
  lock: z.enum(REPORT_LOCKS).nullable().describe("Por qué no se puede cambiar ahora"),
  corte: z
    .object({ id: z.number().int(), periodEnd: z.string(), state: z.enum(CORTE_STATES) })
    .nullable(),
  recordedAt: z.string().nullable(),
  recordedBy: actorSchema.nullable(),
  areas: indicatorAreasSchema
    .optional()
    .describe("Solo si varias áreas reportan el indicador: el estado de cada parte"),
});

/** One line of a list of reports (Mis indicadores, the review queue, a corte's progress). */
export const reportSummarySchema = reportSchema
  .pick({
    planId: true,
    indicator: true,
    period: true,
    area: true,
    status: true,
    version: true,
    value: true,
    returnComment: true,
    submittedAt: true,
    late: true,
    lock: true,
    areas: true,
  })
  .extend({
    indicatorName: z.string(),
    objectiveCode: z.string(),
    unit: z.string().nullable(),
    /** Target of the period's vigencia (null = NP). */
    target: z.number().nullable(),
    /** Value of the same indicator's previous period, when reported. */
    previousValue: z.number().nullable(),
    submittedBy: actorSchema.nullable(),
    overdue: z.boolean().describe("Sin enviar y pasada la fecha límite"),
    canReport: z.boolean().describe("Quien pregunta puede escribir este reporte"),
    canReview: z.boolean().describe("Quien pregunta puede revisarlo"),
  });

/** One version of a report, with what changed from the version before. */
export const reportVersionSchema = z.object({
  version: z.number().int(),
  action: z.enum(REPORT_VERSION_ACTIONS),
  status: z.enum(REPORT_STATUSES),
  recordedAt: z.string(),
  recordedBy: actorSchema.nullable(),
  source: z.enum(REPORT_SOURCES),
  comment: z.string().nullable().describe("Comentario de devolución o justificación"),
  selfApproval: z.boolean(),
  /** The version this one answers: the returned version a resubmission corrects, the version an approval approves. */
  refersTo: z.number().int().nullable(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  analysis: analysisSchema,
  evidence: z.array(evidenceSchema),
  changes: z.array(
    z.object({
      field: z.string().describe("value, achievements, …, evidence, status, comment"),
      label: z.string().describe("Nombre del campo en español"),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

export const reportParams = z.object({
  id: int32Id("el id del plan"),
  code: safeText(100).min(1, "indique el código del indicador"),
  period: safeText(20).min(4, "indique el periodo (AAAA, AAAA-Qn o AAAA-MM)"),
});

const areaQuery = z.object({
  area: safeText(300)
    .optional()
    .describe("Área que reporta su parte (indicadores con varias áreas)"),
});

const corteParams = z.object({
  id: int32Id("el id del plan"),
  corteId: int32Id("el id del corte"),
});

const REPORT_WRITE_ERRORS = [
  ...GUARDED_ERRORS,
  ...WRITE_ERRORS,
  "VALIDATION_ERROR",
  "PLAN_NOT_FOUND",
  "INDICATOR_NOT_FOUND",
  "REPORT_NOT_FOUND",
  "IF_MATCH_REQUIRED",
  "IF_MATCH_INVALID",
  "VERSION_CONFLICT",
  "CORTE_CLOSED",
  "NOT_OPEN_YET",
  "UNDER_REVIEW",
  "APPROVED",
  "INVALID_TRANSITION",
] as const;

const listCortes = defineEndpoint({
  operationId: "listCortes",
  method: "GET",
  path: "/api/plans/:id/cortes",
  tag: "seguimiento",
  summary:
    "Cortes del plan con su estado, reaperturas y avance (reportes esperados, recibidos, aprobados, tardíos)",
  action: "plan.read",
  params: planIdParams,
  responses: { 200: z.object({ cortes: z.array(corteSchema) }) },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND"],
});

const createCorte = defineEndpoint({
  operationId: "createCorte",
  method: "POST",
  path: "/api/plans/:id/cortes",
  tag: "seguimiento",
  summary:
    "Programar un corte: fin del periodo, apertura, fecha límite y cierre previsto (AAAA-MM-DD)",
  action: "corte.manage",
  params: planIdParams,
  body: z.object({
    periodEnd: isoDateInRange(),
    opensOn: isoDateInRange(),
    dueOn: isoDateInRange(),
    closesOn: isoDateInRange(),
  }),
  responses: { 201: corteSchema },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "CORTE_EXISTS",
  ],
});

const closeCorte = defineEndpoint({
  operationId: "closeCorte",
  method: "POST",
  path: "/api/plans/:id/cortes/:corteId/close",
  tag: "seguimiento",
  summary: "Cerrar el corte (acto explícito y auditado): desde ahora nadie cambia sus reportes",
  action: "corte.manage",
  params: corteParams,
  responses: { 200: corteSchema },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "CORTE_NOT_FOUND",
    "CORTE_ALREADY_CLOSED",
    "NOT_OPEN_YET",
  ],
});

const reopenCorte = defineEndpoint({
  operationId: "reopenCorte",
  method: "POST",
  path: "/api/plans/:id/cortes/:corteId/reopen",
  tag: "seguimiento",
  summary:
    "Reabrir un corte cerrado para indicadores nombrados, con justificación y fecha de vencimiento",
  action: "corte.manage",
  params: corteParams,
  body: z.object({
    justification: safeText(REVIEW_TEXT_MAX)
      .trim()
      .min(10, "explique la reapertura (al menos 10 caracteres)"),
    until: isoDateInRange(),
    indicators: z
      .array(safeText(100).min(1))
      .min(1, "nombre al menos un indicador")
      .max(1000, "a lo sumo 1000 indicadores por reapertura"),
  }),
  responses: { 200: corteSchema },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "CORTE_NOT_FOUND",
    "CORTE_NOT_CLOSED",
    "INDICATOR_NOT_FOUND",
  ],
});

const listReports = defineEndpoint({
  operationId: "listReports",
  method: "GET",
  path: "/api/plans/:id/reports",
  tag: "seguimiento",
  summary:
    "Reportes del plan, uno por indicador y periodo (también los pendientes de un corte): filtros por corte, estado, indicador y «mine» (lo que me toca reportar) o «review» (lo que me toca revisar)",
  action: "plan.read",
  params: planIdParams,
  querystring: z.object({
    corte: int32Id("el id del corte").optional(),
    status: z.enum([...REPORT_STATUSES, "pendiente"]).optional(),
    indicator: safeText(100).optional(),
    mine: z.enum(["true", "false"]).default("false"),
    review: z.enum(["true", "false"]).default("false"),
  }),
  responses: { 200: z.object({ reports: z.array(reportSummarySchema) }) },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "CORTE_NOT_FOUND"],
});

const getReport = defineEndpoint({
  operationId: "getReport",
  method: "GET",
  path: "/api/plans/:id/indicators/:code/reports/:period",
  tag: "seguimiento",
  summary:
    'Un reporte de avance (indicador × periodo) como está, con advertencias y soportes; status null si aún no se ha reportado. ETag "r<version>"',
  action: "plan.read",
  params: reportParams,
  querystring: areaQuery,
  responses: { 200: reportSchema },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "INDICATOR_NOT_FOUND"],
});

const saveReport = defineEndpoint({
  operationId: "saveReport",
  method: "PUT",
  path: "/api/plans/:id/indicators/:code/reports/:period",
  tag: "seguimiento",
  summary:
    "Guardar el borrador del reporte: valor (coma decimal admitida) o numerador y denominador, análisis, explicaciones de advertencias y enlaces; los soportes que falten de la lista se quitan. If-Match obligatorio salvo en el primer guardado",
  action: "report.submit",
  params: reportParams,
  querystring: areaQuery,
  body: z.object({
    value: z
      .union([z.number(), safeText(50)])
      .nullable()
      .optional(),
    numerator: z
      .union([z.number(), safeText(50)])
      .nullable()
      .optional(),
    denominator: z
      .union([z.number(), safeText(50)])
      .nullable()
      .optional(),
    analysis: analysisInput.optional(),
    explanations: z.object(explanationsShape).optional(),
    /** The evidence the report keeps: files already uploaded (by checksum) and links. */
    evidence: z
      .array(
        z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("file"), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
          z.object({
            kind: z.literal("link"),
            url: z
              .url({ protocol: /^https?$/, error: "el enlace debe ser una dirección http(s)" })
              .max(2000),
            title: safeText(300).optional(),
          }),
        ]),
      )
      .max(50, "a lo sumo 50 soportes por reporte")
      .optional(),
  }),
  responses: { 200: reportSchema },
  errorCodes: [...REPORT_WRITE_ERRORS, "REPORT_INVALID", "EVIDENCE_NOT_FOUND"],
});

const submitReport = defineEndpoint({
  operationId: "submitReport",
  method: "POST",
  path: "/api/plans/:id/indicators/:code/reports/:period/submit",
  tag: "seguimiento",
  summary:
    "Enviar el reporte a revisión; 422 WARNINGS_UNEXPLAINED si alguna advertencia (semáforo, sobre-ejecución, valor atípico) no está explicada",
  action: "report.submit",
  params: reportParams,
  querystring: areaQuery,
  responses: { 200: reportSchema },
  errorCodes: [...REPORT_WRITE_ERRORS, "REPORT_INVALID", "WARNINGS_UNEXPLAINED"],
});

const returnReport = defineEndpoint({
  operationId: "returnReport",
  method: "POST",
  path: "/api/plans/:id/indicators/:code/reports/:period/return",
  tag: "seguimiento",
  summary: "Devolver el reporte enviado con un comentario para quien reporta",
  action: "report.review",
  params: reportParams,
  querystring: areaQuery,
  body: z.object({
    comment: safeText(REVIEW_TEXT_MAX)
      .trim()
      .min(5, "escriba qué debe corregirse (al menos 5 caracteres)"),
  }),
  responses: { 200: reportSchema },
  errorCodes: REPORT_WRITE_ERRORS,
});

const approveReport = defineEndpoint({
  operationId: "approveReport",
  method: "POST",
  path: "/api/plans/:id/indicators/:code/reports/:period/approve",
  tag: "seguimiento",
  summary:
    "Aprobar la versión enviada (la del If-Match); solo los valores aprobados cuentan en el cumplimiento oficial",
  action: "report.review",
  params: reportParams,
  querystring: areaQuery,
  responses: { 200: reportSchema },
  errorCodes: [...REPORT_WRITE_ERRORS, "SELF_APPROVAL_NOT_ALLOWED"],
});

const unapproveReport = defineEndpoint({
  operationId: "unapproveReport",
  method: "POST",
  path: "/api/plans/:id/indicators/:code/reports/:period/unapprove",
  tag: "seguimiento",
  summary: "Quitar la aprobación (planeación, con justificación): el reporte vuelve a revisión",
  action: "report.review",
  params: reportParams,
  querystring: areaQuery,
  body: z.object({
    justification: safeText(REVIEW_TEXT_MAX)
      .trim()
      .min(10, "explique por qué se quita la aprobación (al menos 10 caracteres)"),
  }),
  responses: { 200: reportSchema },
  errorCodes: REPORT_WRITE_ERRORS,
});

const getReportHistory = defineEndpoint({
  operationId: "getReportHistory",
  method: "GET",
  path: "/api/plans/:id/indicators/:code/reports/:period/history",
  tag: "seguimiento",
  summary: "Todas las versiones del reporte: quién, cuándo, por qué y qué cambió",
  action: "plan.read",
  params: reportParams,
  querystring: areaQuery,
  responses: { 200: z.object({ versions: z.array(reportVersionSchema) }) },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "INDICATOR_NOT_FOUND"],
});

const uploadEvidence = defineEndpoint({
  operationId: "uploadEvidence",
  method: "POST",
  path: "/api/plans/:id/indicators/:code/reports/:period/evidence",
  tag: "seguimiento",
  summary:
    "Adjuntar un soporte (PDF, imagen, hoja de cálculo, documento; tipo comprobado por el contenido) al reporte editable; If-Match obligatorio salvo en un reporte nuevo",
  action: "report.submit",
  params: reportParams,
  querystring: areaQuery.extend({
    fileName: safeText(255).min(1, "indique el nombre del archivo"),
  }),
  responses: { 200: reportSchema },
  errorCodes: [
    ...REPORT_WRITE_ERRORS,
    "EMPTY_FILE",
    "EVIDENCE_TOO_LARGE",
    "EVIDENCE_TYPE_NOT_ALLOWED",
    "EVIDENCE_DUPLICATE",
    "BODY_TOO_LARGE",
  ],
  consumes: "file",
});

const getEvidence = defineEndpoint({
  operationId: "getEvidence",
  method: "GET",
  path: "/api/plans/:id/evidence/:sha256",
  tag: "seguimiento",
  summary: "Descargar un soporte del plan por su SHA-256",
  action: "plan.read",
  params: z.object({
    id: int32Id("el id del plan"),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "el soporte se nombra por su SHA-256 (64 hex)"),
  }),
  responses: { 200: z.unknown().describe("El archivo") },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "EVIDENCE_NOT_FOUND"],
  produces: "file",
});

const importRowResultSchema = z.object({
  indicator: z.string(),
  period: z.string(),
  area: z.string().nullable(),
  action: z.enum(["crear", "actualizar", "sin-cambios"]),
});

const importReports = defineEndpoint({
  operationId: "importReports",
  method: "POST",
  path: "/api/plans/:id/reports/import",
  tag: "seguimiento",
  summary:
    "Carga masiva de valores (y textos de análisis) de un corte desde CSV o XLSX: todo o nada, con errores por fila y columna; dryRun=true solo revisa. Crea versiones de reporte con las mismas reglas y auditoría que el formulario",
  action: "actuals.import",
  params: planIdParams,
  querystring: z.object({
    dryRun: z.enum(["true", "false"]).default("false"),
    fileName: safeText(255).optional(),
    submit: z
      .enum(["true", "false"])
      .default("false")
      .describe("true: además de guardar, enviar a revisión cada reporte cargado"),
  }),
  responses: {
    200: z.object({
      dryRun: z.boolean(),
      rows: z.array(importRowResultSchema),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
    }),
  },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "PLAN_NOT_FOUND",
    "EMPTY_FILE",
    "UNSUPPORTED_FILE",
    "IMPORT_FAILED",
    "FILE_TOO_COMPLEX",
    "BODY_TOO_LARGE",
  ],
  consumes: "file",
});

/** Which report versions a compliance answer uses (ADR 0015). */
export const complianceBasisQuery = {
  knownAt: z.iso
    .datetime({
      offset: true,
      error: "knownAt debe ser un instante ISO 8601 (2025-01-15T17:00:00-05:00)",
    })
    .optional()
    .describe(
      "Lo que Rumbo sabía en ese instante: versiones de reporte y de plan registradas hasta entonces",
    ),
  basis: z
    .enum(["approved", "submitted"], { error: "basis debe ser approved o submitted" })
    .default("approved")
    .describe("approved (oficial) o submitted (vista previa que incluye los enviados)"),
};

const exportActuals = defineEndpoint({
  operationId: "exportActuals",
  method: "GET",
  path: "/api/plans/:id/actuals",
  tag: "seguimiento",
  summary:
    "Los valores reportados que usa una respuesta de cumplimiento, en el CSV de formats.md §2: `rumbo compute` sobre este archivo da las mismas cifras",
  action: "compliance.read",
  params: planIdParams,
  querystring: z.object(complianceBasisQuery),
  responses: { 200: z.unknown().describe("CSV indicador,periodo,valor") },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND"],
  produces: "file",
});

const getDataQuality = defineEndpoint({
  operationId: "getDataQuality",
  method: "GET",
  path: "/api/plans/:id/data-quality",
  tag: "seguimiento",
  summary:
    "Calidad del dato: reportes tardíos y faltantes, sobre-ejecución sin explicar, valores atípicos y cambios retroactivos con su justificación",
  action: "plan.read",
  params: planIdParams,
  querystring: z.object({ corte: int32Id("el id del corte").optional() }),
  responses: {
    200: z.object({
      items: z.array(
        z.object({
          kind: z.enum(DATA_QUALITY_KINDS),
          indicator: z.string(),
          indicatorName: z.string(),
          period: z.string(),
          area: z.string().nullable(),
          message: z.string(),
          justification: z.string().nullable(),
          at: z.string().nullable(),
        }),
      ),
      counts: z.record(z.enum(DATA_QUALITY_KINDS), z.number().int()),
    }),
  },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR", "PLAN_NOT_FOUND", "CORTE_NOT_FOUND"],
});

export const seguimientoEndpoints = {
  listCortes,
  createCorte,
  closeCorte,
  reopenCorte,
  listReports,
  getReport,
  saveReport,
  submitReport,
  returnReport,
  approveReport,
  unapproveReport,
  getReportHistory,
  uploadEvidence,
  getEvidence,
  importReports,
  exportActuals,
  getDataQuality,
};
