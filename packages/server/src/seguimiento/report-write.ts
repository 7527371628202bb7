/**
 * The machinery every report write shares, in its transaction: the start
 * (`beginReportWrite`: plan row lock, latest version, If-Match; then the
 * indicator, the period rules and the lock state), the transition and lock
 * refusals as core decides them, the next version carried forward from the
 * latest, and appending it with its audit entry. The report service's actions
 * (and the evidence upload, which adds versions of its own) are built on it.
 */
import {
  nextReportStatus,
  REPORT_LOCK_MESSAGES,
  type REPORT_SOURCES,
  REPORT_STATUS_LABELS,
  type ReportAction,
  type ReportContent,
  type ReportStatus,
} from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import type { StoredPlan } from "../plans/plans-repository.ts";
import { writeReportAudit } from "./report-audit.ts";
import {
  canonicalPeriod,
  loadIndicator,
  type ReportIndicator,
  reportArea,
  reportPeriod,
} from "./report-context.ts";
import {
  appendReportVersion,
  beginReportWrite,
  type NewReportVersion,
  type ReportKey,
  type ReportLockState,
  type ReportVersionRow,
  reportLockState,
  SeguimientoRefusal,
} from "./report-store.ts";

export type ReportSource = (typeof REPORT_SOURCES)[number];

/** The authenticated person who acts (null id and email: the system). */
export type ReportActor = { userId: number | null; email: string | null };

export type ReportWriteOptions = {
  key: ReportKey;
  actor: ReportActor;
  /** The version named in If-Match; undefined only for the first save of a report. */
  expected: number | undefined;
  source: ReportSource;
  now: Date;
  /** Client address for the audit, when the write comes over HTTP. */
  ip?: string | null;
  /** The plan as already read (a bulk load reads it once); default: read in the transaction. */
  plan?: StoredPlan;
};

/** A write under way: its transaction, its report, the latest version and what core needs to decide. */
export type ReportWrite = {
  tx: Database;
  key: ReportKey;
  latest: ReportVersionRow | null;
  context: ReportIndicator;
  lock: ReportLockState;
};

/**
 * The common start of every write: canonical period and area, lock and
 * If-Match, indicator, period rules, lock state. The area is read against the
 * ficha before the lock (to address the right report) and again after it.
 */
export async function beginWrite(tx: Database, options: ReportWriteOptions): Promise<ReportWrite> {
  const asked = { ...options.key, period: canonicalPeriod(options.key.period) };
  const area = reportArea(await loadIndicator(tx, asked, options.plan), asked.area);
  const key = { ...asked, area };
  const latest = await beginReportWrite(tx, key, options.expected);
  const context = await loadIndicator(tx, key, options.plan);
  reportArea(context, key.area);
  const period = reportPeriod(context, key.period);
  const status = (latest?.status ?? null) as ReportStatus | null;
  const lock = await reportLockState(tx, key, period, status, options.now);
  return { tx, key, latest, context, lock };
}

const ACTION_VERBS: Record<ReportAction, string> = {
  save: "guardar",
  submit: "enviar a revisión",
  return: "devolver",
  approve: "aprobar",
  unapprove: "quitar la aprobación de",
};

export function decideTransition(b: ReportWrite, action: ReportAction): ReportStatus {
  const status = (b.latest?.status ?? null) as ReportStatus | null;
  const next = nextReportStatus(status, action);
  if (next) return next;
  const what = `el reporte de ${b.key.indicatorCode} (${b.key.period})`;
  throw new SeguimientoRefusal(
    "INVALID_TRANSITION",
    status === null
      ? `No se puede ${ACTION_VERBS[action]} ${what}: todavía no tiene nada guardado.`
      : `No se puede ${ACTION_VERBS[action]} ${what}: su estado es «${REPORT_STATUS_LABELS[status]}».`,
    { status },
  );
}

/** The reporter's lock on the content (value, analysis, soportes, submission). */
export function refuseContentLock(b: ReportWrite): void {
  if (b.lock.lock) {
    throw new SeguimientoRefusal(b.lock.lock, REPORT_LOCK_MESSAGES[b.lock.lock], {
      lock: b.lock.lock,
    });
  }
}

/** Review acts on a closed corte need a reopening for the indicator. */
export function refuseClosedCorte(b: ReportWrite): void {
  if (b.lock.corteState === "cerrado" && !b.lock.reopened) {
    throw new SeguimientoRefusal("CORTE_CLOSED", REPORT_LOCK_MESSAGES.CORTE_CLOSED, {
      lock: "CORTE_CLOSED",
    });
  }
}

/** The row of the next version: the latest one carried forward, then the action's own fields. */
export function nextVersionRow(
  b: ReportWrite,
  options: ReportWriteOptions,
  action: NewReportVersion["action"],
  fields: Partial<NewReportVersion>,
): Omit<NewReportVersion, "id" | "recordedAt"> {
  const {
    id: _id,
    recordedAt: _at,
    ...carried
  } = b.latest ?? {
    id: 0,
    recordedAt: null,
    firstSubmittedBy: null,
    firstSubmittedAt: null,
    submittedBy: null,
    submittedAt: null,
    reviewedBy: null,
    reviewedAt: null,
  };
  return {
    ...carried,
    ...b.key,
    version: (b.latest?.version ?? 0) + 1,
    action,
    status: "borrador",
    comment: null,
    refersTo: null,
    selfApproval: false,
    source: options.source,
    recordedBy: options.actor.userId,
    ...fields,
  };
}

export async function appendVersion(
  b: ReportWrite,
  options: ReportWriteOptions,
  row: Omit<NewReportVersion, "id" | "recordedAt">,
  before: ReportContent | null,
): Promise<ReportVersionRow> {
  const written = await appendReportVersion(b.tx, row);
  await writeReportAudit(b.tx, {
    key: b.key,
    actor: options.actor,
    ip: options.ip ?? null,
    action: row.action,
    before,
    after: written,
  });
  return written;
}
