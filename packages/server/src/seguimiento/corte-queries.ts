/**
 * Reads shared by the corte, report-list and data-quality services: the
 * cortes of a plan with their reopenings, the latest version of many reports
 * in one query, and the visible names of the people who acted.
 */
import {
  bogotaDate,
  type CorteState,
  corteState,
  isReopeningActive,
  REPORT_STATUSES,
  type ReportStatus,
} from "@rumbo/core";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { corteReopenings, cortes, reportVersions, users } from "../db/schema.ts";
import type { CorteRow, ReportVersionRow } from "./report-store.ts";

export type ReopeningRow = typeof corteReopenings.$inferSelect;
export type CorteWithReopenings = CorteRow & { reopenings: ReopeningRow[] };
export type ActorRef = { id: number | null; name: string };

/** The plan's cortes in calendar order, each with its reopenings (oldest first). */
export async function listPlanCortes(db: Database, planId: number): Promise<CorteWithReopenings[]> {
  const rows = await db
    .select()
    .from(cortes)
    .where(eq(cortes.planId, planId))
    .orderBy(asc(cortes.periodEnd));
  if (rows.length === 0) return [];
  const reopenings = await db
    .select()
    .from(corteReopenings)
    .where(
      inArray(
        corteReopenings.corteId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(corteReopenings.id));
  return rows.map((row) => ({
    ...row,
    reopenings: reopenings.filter((r) => r.corteId === row.id),
  }));
}

export function stateOf(corte: CorteRow, today: string): CorteState {
  return corteState(
    { opensOn: corte.opensOn, closedAt: corte.closedAt?.toISOString() ?? null },
    today,
  );
}

/** Whether a reopening of the corte in force today names the indicator. */
export function reopenedFor(corte: CorteWithReopenings, code: string, today: string): boolean {
  return corte.reopenings.some(
    (r) => isReopeningActive(r, today) && r.indicatorCodes.includes(code),
  );
}

/**
 * The latest version of every report of the whole indicator (area '') of the
 * plan, for the given periods (all periods when omitted): one query, the last
 * version per (indicator, period) by DISTINCT ON, which PGlite and
 * PostgreSQL both run. With `areaShares`, also the shares of indicators
 * several areas report, keyed by `reportKey(code, period, area)`.
 */
export async function latestVersions(
  db: Database,
  planId: number,
  periods?: readonly string[],
  options: { areaShares?: boolean } = {},
): Promise<Map<string, ReportVersionRow>> {
  if (periods !== undefined && periods.length === 0) return new Map();
  const where = [eq(reportVersions.planId, planId)];
  if (!options.areaShares) where.push(eq(reportVersions.area, ""));
  if (periods !== undefined) where.push(inArray(reportVersions.period, [...new Set(periods)]));
  const rows = await db
    .selectDistinctOn([reportVersions.indicatorCode, reportVersions.period, reportVersions.area])
    .from(reportVersions)
    .where(and(...where))
    .orderBy(
      reportVersions.indicatorCode,
      reportVersions.period,
      reportVersions.area,
      desc(reportVersions.version),
    );
  return new Map(rows.map((r) => [reportKey(r.indicatorCode, r.period, r.area), r]));
}

/** The comment of the latest devolución of each report (every area) of these periods, in one query. */
export async function latestReturnComments(
  db: Database,
  planId: number,
  periods: readonly string[],
): Promise<Map<string, string | null>> {
  if (periods.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([reportVersions.indicatorCode, reportVersions.period, reportVersions.area], {
      indicatorCode: reportVersions.indicatorCode,
      period: reportVersions.period,
      area: reportVersions.area,
      comment: reportVersions.comment,
    })
    .from(reportVersions)
    .where(
      and(
        eq(reportVersions.planId, planId),
        eq(reportVersions.action, "return"),
        inArray(reportVersions.period, [...new Set(periods)]),
      ),
    )
    .orderBy(
      reportVersions.indicatorCode,
      reportVersions.period,
      reportVersions.area,
      desc(reportVersions.version),
    );
  return new Map(rows.map((r) => [reportKey(r.indicatorCode, r.period, r.area), r.comment]));
}

/** The key of one report in these maps; area '' is the whole indicator. */
export function reportKey(indicatorCode: string, period: string, area = ""): string {
  return `${indicatorCode}\u0000${period}\u0000${area}`;
}

/** A stored status as core's type (a row never holds anything else; anything unknown reads as borrador). */
export function statusOf(row: ReportVersionRow | undefined): ReportStatus | null {
  if (!row) return null;
  return (REPORT_STATUSES as readonly string[]).includes(row.status)
    ? (row.status as ReportStatus)
    : "borrador";
}

/** The Bogotá day a report was first sent, or null. */
export function firstSubmittedOn(row: ReportVersionRow | undefined): string | null {
  return row?.firstSubmittedAt ? bogotaDate(row.firstSubmittedAt) : null;
}

/** Visible names of the people with these ids (the email stays in the audit). */
export async function actorNames(
  db: Database,
  ids: readonly (number | null | undefined)[],
): Promise<(id: number | null | undefined) => ActorRef | null> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === "number"))];
  const rows =
    wanted.length === 0
      ? []
      : await db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, wanted));
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (id) => (typeof id === "number" ? { id, name: names.get(id) ?? `Usuario ${id}` } : null);
}
