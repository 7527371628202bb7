/** The audit log (Ley 1581 de 2012: who did what, when and from where). */
import { z } from "zod";
import { defineEndpoint, GUARDED_ERRORS } from "./endpoint.ts";
import { isoDateInRange, safeText } from "./primitives.ts";

export const AUDIT_OUTCOMES = ["ok", "denied", "failed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const auditQuerySchema = z.object({
  desde: isoDateInRange().optional().describe("Desde esta fecha (AAAA-MM-DD, inclusive)"),
  hasta: isoDateInRange().optional().describe("Hasta esta fecha (AAAA-MM-DD, inclusive)"),
  usuario: safeText(320).optional().describe("Parte del correo de quien actuó"),
  accion: safeText(200).optional(),
  resultado: z.enum(AUDIT_OUTCOMES, { error: "use ok, denied o failed" }).optional(),
  limite: z.coerce.number().int().min(1).max(10_000).optional(),
  formato: z.enum(["json", "csv"], { error: "use json o csv" }).optional(),
});

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  resource: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** True when there are more entries than the limit (default 500): narrow the filter. */
  truncated: z.boolean(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;

const listAudit = defineEndpoint({
  operationId: "listAudit",
  method: "GET",
  path: "/api/audit",
  tag: "auditoría",
  summary: "Registro de auditoría filtrado; formato=csv para exportarlo",
  action: "audit.read",
  querystring: auditQuerySchema,
  // formato=csv answers the same entries as a CSV file (text).
  responses: { 200: z.union([auditPageSchema, z.string()]) },
  errorCodes: [...GUARDED_ERRORS, "VALIDATION_ERROR"],
});

export const auditEndpoints = { listAudit };
