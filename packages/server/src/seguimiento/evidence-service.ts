/**
 * Soportes (ADR 0015): a file attached to a report is stored once by its
 * SHA-256 in `evidence_files` and listed in a new version of the report
 * (action `evidence`), in one transaction with its audit entry. The upload
 * obeys the same lock as any change of the report's content (core
 * `reportWriteLock`): an approved or enviado report, or one whose corte is
 * closed or not open yet, refuses it. Files are never deleted.
 */
import { createHash } from "node:crypto";
import { nextReportStatus, REPORT_LOCK_MESSAGES, type ReportStatus } from "@rumbo/core";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { evidenceFiles, reportVersions, type StoredEvidence } from "../db/schema.ts";
import {
  ALLOWED_EVIDENCE_TEXT,
  detectEvidenceType,
  EVIDENCE_MAX_BYTES,
  evidenceFileName,
} from "./evidence-type.ts";
import { writeReportAudit } from "./report-audit.ts";
import {
  canonicalPeriod,
  contentOf,
  loadIndicator,
  reportArea,
  reportPeriod,
} from "./report-context.ts";
import {
  appendReportVersion,
  beginReportWrite,
  type ReportKey,
  type ReportVersionRow,
  reportLockState,
  SeguimientoRefusal,
} from "./report-store.ts";

/** Most soportes one report keeps (files and links), as saveReport accepts. */
export const EVIDENCE_PER_REPORT = 50;

export type AttachEvidenceOptions = {
  key: ReportKey;
  actor: { userId: number | null; email: string | null };
  /** The version named in If-Match; undefined only for a report with no version yet. */
  expected: number | undefined;
  now: Date;
  ip?: string | null;
  bytes: Uint8Array;
  fileName: string;
};

function megabytes(size: number): string {
  return (size / (1024 * 1024)).toLocaleString("es-CO", { maximumFractionDigits: 1 });
}

export async function attachEvidence(
  db: Database,
  options: AttachEvidenceOptions,
): Promise<ReportVersionRow> {
  const { bytes } = options;
  const requested = { ...options.key, period: canonicalPeriod(options.key.period) };
  if (bytes.length === 0) throw new SeguimientoRefusal("EMPTY_FILE", "El archivo está vacío.");
  if (bytes.length > EVIDENCE_MAX_BYTES) {
    throw new SeguimientoRefusal(
      "EVIDENCE_TOO_LARGE",
      `El soporte «${options.fileName.slice(0, 60)}» pesa ${megabytes(bytes.length)} MB y el límite es ${megabytes(EVIDENCE_MAX_BYTES)} MB. No se guardó nada.`,
    );
  }
  const detected = await detectEvidenceType(bytes, options.fileName);
  if (!detected.ok) {
    throw new SeguimientoRefusal(
      "EVIDENCE_TYPE_NOT_ALLOWED",
      `El soporte «${options.fileName.slice(0, 60)}» es de tipo ${detected.detected} según su contenido, y solo se admiten ${ALLOWED_EVIDENCE_TEXT}. No se guardó nada.`,
    );
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const fileName = evidenceFileName(options.fileName, detected.type);
  return db.transaction(async (tx) => {
    // The share of one of the ficha's reporting areas, as the ficha spells it (as in beginWrite).
    const area = reportArea(await loadIndicator(tx, requested), requested.area);
    const key = { ...requested, area };
    const latest = await beginReportWrite(tx, key, options.expected);
    const context = await loadIndicator(tx, key);
    reportArea(context, key.area);
    const period = reportPeriod(context, key.period);
    const status = (latest?.status ?? null) as ReportStatus | null;
    const lock = await reportLockState(tx, key, period, status, options.now);
    if (lock.lock) throw new SeguimientoRefusal(lock.lock, REPORT_LOCK_MESSAGES[lock.lock]);
    const evidence = latest?.evidence ?? [];
    const twin = evidence.find((e) => e.kind === "file" && e.sha256 === sha256);
    if (twin?.kind === "file") {
      throw new SeguimientoRefusal(
        "EVIDENCE_DUPLICATE",
        `El archivo «${options.fileName.slice(0, 60)}» ya está adjunto a este reporte como «${twin.fileName}» (mismo contenido). No se agregó de nuevo.`,
        { sha256, fileName: twin.fileName },
      );
    }
    if (evidence.length >= EVIDENCE_PER_REPORT) {
      throw new SeguimientoRefusal(
        "VALIDATION_ERROR",
        `El reporte ya tiene ${EVIDENCE_PER_REPORT} soportes, el máximo: quite alguno antes de adjuntar otro.`,
      );
    }
    // The same bytes may already be stored for another report: the row is shared and kept.
    await tx
      .insert(evidenceFiles)
      .values({
        sha256,
        size: bytes.length,
        mediaType: detected.type.mediaType,
        bytes: Buffer.from(bytes),
        createdBy: options.actor.userId,
      })
      .onConflictDoNothing({ target: evidenceFiles.sha256 });
    const added: StoredEvidence = {
      kind: "file",
      sha256,
      fileName,
      addedAt: options.now.toISOString(),
      addedBy: options.actor.userId,
    };
    const written = await appendReportVersion(tx, {
      ...carriedState(latest),
      ...key,
      version: (latest?.version ?? 0) + 1,
      action: "evidence",
      // The lock let it through, so the report is new, a borrador or devuelto: it stays so.
      status: nextReportStatus(status, "save") ?? "borrador",
      evidence: [...evidence, added],
      comment: null,
      refersTo: null,
      selfApproval: false,
      source: "formulario",
      recordedBy: options.actor.userId,
    });
    await writeReportAudit(tx, {
      key,
      actor: options.actor,
      ip: options.ip ?? null,
      action: "evidence",
      before: latest ? contentOf(latest) : null,
      after: written,
    });
    return written;
  });
}

/** The report's content and workflow marks, carried unchanged into the next version. */
function carriedState(latest: ReportVersionRow | null) {
  if (!latest) return {};
  const { id: _id, recordedAt: _at, ...carried } = latest;
  return carried;
}

export type EvidenceFile = {
  sha256: string;
  mediaType: string;
  size: number;
  bytes: Buffer;
  fileName: string;
};

/**
 * A soporte of the plan: only a file some version of one of the plan's
 * reports lists (another plan's file answers as missing), with the name the
 * latest such version gave it.
 */
export async function findPlanEvidence(
  db: Database,
  planId: number,
  sha256: string,
): Promise<EvidenceFile | null> {
  const listing = JSON.stringify([{ kind: "file", sha256 }]);
  const [version] = await db
    .select({ evidence: reportVersions.evidence })
    .from(reportVersions)
    .where(
      and(eq(reportVersions.planId, planId), sql`${reportVersions.evidence} @> ${listing}::jsonb`),
    )
    .orderBy(sql`${reportVersions.recordedAt} desc`, sql`${reportVersions.id} desc`)
    .limit(1);
  if (!version) return null;
  const [file] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, sha256));
  if (!file) return null;
  const named = version.evidence.find((e) => e.kind === "file" && e.sha256 === sha256);
  return {
    sha256,
    mediaType: file.mediaType,
    size: file.size,
    bytes: file.bytes,
    fileName: named?.kind === "file" ? named.fileName : `soporte-${sha256.slice(0, 12)}`,
  };
}
