/**
 * The storage of seguimiento shared by every path that reads or writes a
 * report (form and API, evidence upload, bulk load, command line, demo data):
 * the latest version of a report, appending a version, the corte that
 * collects a period and the lock core decides from it (ADR 0015). Writers call
 * these inside one transaction that first locks the plan row
 * (`lockPlanForReports`), so two writers of one report queue instead of racing.
 */
import {
  type ApiErrorCode,
  bogotaDate,
  type CorteState,
  cortePeriodEnd,
  corteState,
  type Period,
  type ReportLock,
  type ReportStatus,
  reportWriteLock,
} from "@rumbo/core";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { corteReopenings, cortes, plans, reportVersions } from "../db/schema.ts";

export type ReportKey = {
  planId: number;
  indicatorCode: string;
  /** formats.md §2 spelling: 2024, 2024-Q3, 2024-07. */
  period: string;
  /** '' for the whole indicator; an area's name for its share. */
  area: string;
};

export type ReportVersionRow = typeof reportVersions.$inferSelect;
export type NewReportVersion = typeof reportVersions.$inferInsert;
export type CorteRow = typeof cortes.$inferSelect;

/** Locks the plan row for the rest of the transaction: writers of its reports queue here. */
export async function lockPlanForReports(tx: Database, planId: number): Promise<boolean> {
  const rows = await tx
    .select({ id: plans.id })
    .from(plans)
    .where(eq(plans.id, planId))
    .for("update");
  return rows.length > 0;
}

/** The latest version of a report, or null when nothing was reported for it. */
export async function latestReportVersion(
  tx: Database,
  key: ReportKey,
): Promise<ReportVersionRow | null> {
  const rows = await tx
    .select()
    .from(reportVersions)
    .where(
      and(
        eq(reportVersions.planId, key.planId),
        eq(reportVersions.indicatorCode, key.indicatorCode),
        eq(reportVersions.period, key.period),
        eq(reportVersions.area, key.area),
      ),
    )
    .orderBy(desc(reportVersions.version))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Appends the next version of a report (the caller has checked the lock and
 * If-Match) and moves the plan's data_version on, in the same transaction:
 * the UPDATE holds the plan row until commit, so the numbers each plan's
 * versions get follow the order their transactions commit in, with no gap
 * (ADR 0018: what the cache of results reads changes since).
 */
export async function appendReportVersion(
  tx: Database,
  row: Omit<NewReportVersion, "id" | "recordedAt" | "dataVersion">,
): Promise<ReportVersionRow> {
  const [bumped] = await tx
    .update(plans)
    .set({ dataVersion: sql`${plans.dataVersion} + 1` })
    .where(eq(plans.id, row.planId))
    .returning({ dataVersion: plans.dataVersion });
  if (!bumped) throw new Error(`No existe el plan ${row.planId}.`);
  const [written] = await tx
    .insert(reportVersions)
    .values({ ...row, dataVersion: bumped.dataVersion })
    .returning();
  if (!written) throw new Error("No se pudo guardar la versión del reporte.");
  return written;
}

/** The corte that collects a period's reports (periodEnd of the quarter or year), if planeación created it. */
export async function corteForPeriod(
  tx: Database,
  planId: number,
  period: Period,
): Promise<CorteRow | null> {
  const rows = await tx
    .select()
    .from(cortes)
    .where(and(eq(cortes.planId, planId), eq(cortes.periodEnd, cortePeriodEnd(period))))
    .limit(1);
  return rows[0] ?? null;
}

/** Whether an unexpired reopening of the corte names the indicator (until is inclusive, in Bogotá's calendar). */
export async function isReopenedFor(
  tx: Database,
  corteId: number,
  indicatorCode: string,
  today: string,
): Promise<boolean> {
  const rows = await tx
    .select({ id: corteReopenings.id })
    .from(corteReopenings)
    .where(
      and(
        eq(corteReopenings.corteId, corteId),
        sql`${corteReopenings.until} >= ${today}`,
        sql`${corteReopenings.indicatorCodes} @> ${JSON.stringify([indicatorCode])}::jsonb`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export type ReportLockState = {
  corte: CorteRow | null;
  corteState: CorteState;
  reopened: boolean;
  /** Why the reporter may not change the report now (core's rule), or null. */
  lock: ReportLock | null;
};

/**
 * Core's lock of a report's content, from its status and its corte on `now`
 * (Bogotá's calendar day). A period with no corte yet is not open for reporting.
 */
export async function reportLockState(
  tx: Database,
  key: ReportKey,
  period: Period,
  status: ReportStatus | null,
  now: Date,
): Promise<ReportLockState> {
  const today = bogotaDate(now);
  const corte = await corteForPeriod(tx, key.planId, period);
  const state: CorteState = corte
    ? corteState({ opensOn: corte.opensOn, closedAt: corte.closedAt?.toISOString() ?? null }, today)
    : "programado";
  const reopened =
    corte !== null && state === "cerrado"
      ? await isReopenedFor(tx, corte.id, key.indicatorCode, today)
      : false;
  return {
    corte,
    corteState: state,
    reopened,
    lock: reportWriteLock({ status, corte: state, reopened }),
  };
}

/** `"r<version>"`: a report's ETag (plans use `"v<version>"`). */
export function reportEtag(version: number): string {
  return `"r${version}"`;
}

/**
 * A refusal of a seguimiento rule with its stable code (api/errors.ts): the
 * HTTP error handler answers it with the catalogue's status, and the command
 * line prints its message. Services throw it; they never speak HTTP.
 */
export class SeguimientoRefusal extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "SeguimientoRefusal";
  }
}

/**
 * The start of every write to a report, in its transaction: locks the plan
 * row, reads the report's latest version and checks `expected` (the If-Match
 * version) against it. A report that exists needs `expected`; a stale one is a
 * 409 VERSION_CONFLICT that changes nothing.
 */
export async function beginReportWrite(
  tx: Database,
  key: ReportKey,
  expected: number | undefined,
): Promise<ReportVersionRow | null> {
  if (!(await lockPlanForReports(tx, key.planId))) {
    throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${key.planId}.`);
  }
  const latest = await latestReportVersion(tx, key);
  const current = latest?.version ?? 0;
  if (expected === undefined && latest !== null) {
    throw new SeguimientoRefusal(
      "IF_MATCH_REQUIRED",
      `Falta el encabezado If-Match con la versión del reporte que editó (p. ej. "r${current}").`,
    );
  }
  if (expected !== undefined && expected !== current) {
    throw new SeguimientoRefusal(
      "VERSION_CONFLICT",
      `Otra persona cambió el reporte de ${key.indicatorCode} (${key.period}) mientras usted lo editaba: ahora va en la versión ${current} y usted partió de la ${expected}. Recargue para ver los cambios; lo que escribió no se ha perdido en su pantalla.`,
      { currentVersion: current },
    );
  }
  return latest;
}
