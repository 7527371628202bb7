/**
 * A report as the API answers it (`reportSchema`): its latest version with
 * what the form needs beside it — the lock and the corte on this day, the
 * warnings of the current value (computed live, never stored), lateness and
 * the names of who did what — and its history with what each version changed.
 */
import {
  bogotaDate,
  explainedWarnings,
  indicatorAreasStatus,
  isLate,
  type REPORT_SOURCES,
  type REPORT_VERSION_ACTIONS,
  type ReportStatus,
  type ReportWarningCode,
  reportChanges,
  reportPeriodWarnings,
} from "@rumbo/core";
import { inArray } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { evidenceFiles, type StoredEvidence, users } from "../db/schema.ts";
import type { StoredPlan } from "../plans/plans-repository.ts";
import {
  approvedValues,
  areaShareStates,
  canonicalPeriod,
  contentOf,
  loadIndicator,
  reportArea,
  reportPeriod,
  reportVersionRows,
} from "./report-context.ts";
import {
  latestReportVersion,
  type ReportKey,
  type ReportVersionRow,
  reportLockState,
} from "./report-store.ts";

export type ActorName = { id: number | null; name: string };

type Names = (id: number | null) => ActorName | null;

/** Display names of the accounts that acted (a deleted account shows as null). */
async function namesOf(db: Database, ids: Array<number | null>): Promise<Names> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const rows =
    wanted.length === 0
      ? []
      : await db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, wanted));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return (id) => {
    if (id === null) return null;
    const name = byId.get(id);
    return name === undefined ? null : { id, name };
  };
}

function actorIds(rows: readonly ReportVersionRow[]): Array<number | null> {
  return rows.flatMap((r) => [
    r.recordedBy,
    r.submittedBy,
    r.firstSubmittedBy,
    r.reviewedBy,
    ...r.evidence.map((e) => e.addedBy),
  ]);
}

/** The soportes with their size and type (files) as `evidenceSchema` shows them. */
async function evidenceView(db: Database, rows: readonly ReportVersionRow[], names: Names) {
  const shas = [
    ...new Set(
      rows.flatMap((r) => r.evidence.flatMap((e) => (e.kind === "file" ? [e.sha256] : []))),
    ),
  ];
  const files =
    shas.length === 0
      ? []
      : await db
          .select({
            sha256: evidenceFiles.sha256,
            size: evidenceFiles.size,
            mediaType: evidenceFiles.mediaType,
          })
          .from(evidenceFiles)
          .where(inArray(evidenceFiles.sha256, shas));
  const meta = new Map(files.map((f) => [f.sha256, f]));
  return (evidence: readonly StoredEvidence[]) =>
    evidence.map((e) =>
      e.kind === "file"
        ? {
            kind: "file" as const,
            sha256: e.sha256,
            fileName: e.fileName,
            size: meta.get(e.sha256)?.size ?? 0,
            mediaType: meta.get(e.sha256)?.mediaType ?? "application/octet-stream",
            addedAt: e.addedAt,
            addedBy: names(e.addedBy),
          }
        : {
            kind: "link" as const,
            url: e.url,
            title: e.title,
            addedAt: e.addedAt,
            addedBy: names(e.addedBy),
          },
    );
}

function analysisOf(row: ReportVersionRow | null) {
  return {
    achievements: row?.achievements ?? "",
    difficulties: row?.difficulties ?? "",
    actions: row?.actions ?? "",
    benefits: row?.benefits ?? "",
  };
}

/**
 * The report of `key` as it stands on `now`: `row` when the caller just wrote
 * it, else its latest version; status null and version 0 when nothing was
 * reported for the period yet.
 */
export async function getReportView(
  db: Database,
  input: { key: ReportKey; now: Date; row?: ReportVersionRow | null; plan?: StoredPlan },
) {
  const asked = { ...input.key, period: canonicalPeriod(input.key.period) };
  const context = await loadIndicator(db, asked, input.plan);
  const key = { ...asked, area: reportArea(context, asked.area) };
  const period = reportPeriod(context, key.period);
  const row = input.row === undefined ? await latestReportVersion(db, key) : input.row;
  const status = (row?.status ?? null) as ReportStatus | null;
  const lock = await reportLockState(db, key, period, status, input.now);
  const names = await namesOf(db, row ? actorIds([row]) : []);
  const evidence = await evidenceView(db, row ? [row] : [], names);
  const explanations = (row?.explanations ?? {}) as Partial<Record<ReportWarningCode, string>>;
  const warnings =
    row?.value === null || row?.value === undefined
      ? []
      : explainedWarnings(
          reportPeriodWarnings({
            plan: context.plan,
            indicatorCode: key.indicatorCode,
            period,
            value: row.value,
            approved: await approvedValues(db, key),
          }),
          explanations,
        );
  const areas =
    key.area === ""
      ? null
      : indicatorAreasStatus(context.indicator, await areaShareStates(db, key));
  return {
    planId: key.planId,
    indicator: key.indicatorCode,
    period: key.period,
    area: key.area === "" ? null : key.area,
    status,
    version: row?.version ?? 0,
    value: row?.value ?? null,
    numerator: row?.numerator ?? null,
    denominator: row?.denominator ?? null,
    analysis: analysisOf(row),
    explanations,
    warnings,
    evidence: evidence(row?.evidence ?? []),
    returnComment: status === "devuelto" ? (row?.comment ?? null) : null,
    firstSubmittedBy: names(row?.firstSubmittedBy ?? null),
    firstSubmittedAt: row?.firstSubmittedAt?.toISOString() ?? null,
    submittedBy: names(row?.submittedBy ?? null),
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    reviewedBy: names(row?.reviewedBy ?? null),
    reviewedAt: row?.reviewedAt?.toISOString() ?? null,
    selfApproval: row?.selfApproval ?? false,
    // Lateness is the first submission's: a correction after a devolución is not late by itself.
    late:
      lock.corte !== null && row?.firstSubmittedAt
        ? isLate(lock.corte, bogotaDate(row.firstSubmittedAt))
        : false,
    lock: lock.lock,
    corte: lock.corte
      ? { id: lock.corte.id, periodEnd: lock.corte.periodEnd, state: lock.corteState }
      : null,
    recordedAt: row?.recordedAt.toISOString() ?? null,
    recordedBy: names(row?.recordedBy ?? null),
    ...(areas ? { areas } : {}),
  };
}

/** Every version of the report, oldest first, each with what changed from the one before. */
export async function getReportHistoryView(db: Database, input: { key: ReportKey }) {
  const asked = { ...input.key, period: canonicalPeriod(input.key.period) };
  const context = await loadIndicator(db, asked);
  const key = { ...asked, area: reportArea(context, asked.area) };
  reportPeriod(context, key.period);
  const rows = await reportVersionRows(db, key);
  const names = await namesOf(db, actorIds(rows));
  const evidence = await evidenceView(db, rows, names);
  return {
    versions: rows.map((row, i) => {
      const previous = i > 0 ? rows[i - 1] : undefined;
      return {
        version: row.version,
        action: row.action as (typeof REPORT_VERSION_ACTIONS)[number],
        status: row.status as ReportStatus,
        recordedAt: row.recordedAt.toISOString(),
        recordedBy: names(row.recordedBy),
        source: row.source as (typeof REPORT_SOURCES)[number],
        // A correction stored while devuelto carries the comment to keep it in view
        // (returnComment); the version's own comment is only the one its action wrote.
        comment: row.action === "return" || row.action === "unapprove" ? row.comment : null,
        selfApproval: row.selfApproval,
        refersTo: row.refersTo,
        value: row.value,
        numerator: row.numerator,
        denominator: row.denominator,
        analysis: analysisOf(row),
        evidence: evidence(row.evidence),
        changes: reportChanges(previous ? contentOf(previous) : null, contentOf(row)),
      };
    }),
  };
}
