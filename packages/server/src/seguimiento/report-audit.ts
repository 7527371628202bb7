/**
 * The audit entry of a report version, written in the version's transaction:
 * who, which report, and every field that changed, before → after (values,
 * each analysis text, explanations, soportes with their checksum, status and
 * comment). Ley 1581 de 2012: who did what.
 */
import { evidenceDelta, type ReportContent, reportChanges } from "@rumbo/core";
import { writeAudit } from "../audit/audit-repository.ts";
import type { Database } from "../db/open-database.ts";
import { contentOf } from "./report-context.ts";
import type { ReportKey, ReportVersionRow } from "./report-store.ts";

/** The audit action of each kind of report version (audit-description.ts words them). */
export const REPORT_AUDIT_ACTIONS = {
  save: "reporte-guardado",
  submit: "reporte-enviado",
  return: "reporte-devuelto",
  approve: "reporte-aprobado",
  unapprove: "reporte-aprobacion-retirada",
  evidence: "reporte-soportes",
} as const;

export function reportAuditResource(key: ReportKey): string {
  return `plan ${key.planId} / indicador ${key.indicatorCode} / periodo ${key.period}${key.area ? ` / área ${key.area}` : ""}`;
}

export async function writeReportAudit(
  tx: Database,
  entry: {
    key: ReportKey;
    actor: { userId: number | null; email: string | null };
    ip: string | null;
    action: string;
    before: ReportContent | null;
    after: ReportVersionRow;
  },
): Promise<void> {
  const after = contentOf(entry.after);
  const delta = evidenceDelta(entry.before?.evidence ?? [], after.evidence);
  const action =
    REPORT_AUDIT_ACTIONS[entry.action as keyof typeof REPORT_AUDIT_ACTIONS] ??
    `reporte-${entry.action}`;
  await writeAudit(tx, {
    userId: entry.actor.userId,
    actorEmail: entry.actor.email,
    action,
    resource: reportAuditResource(entry.key),
    outcome: "ok",
    ip: entry.ip,
    details: {
      version: entry.after.version,
      source: entry.after.source,
      changes: reportChanges(entry.before, after),
      ...(delta.added.length > 0 ? { evidenceAdded: delta.added } : {}),
      ...(delta.removed.length > 0 ? { evidenceRemoved: delta.removed } : {}),
    },
  });
}
