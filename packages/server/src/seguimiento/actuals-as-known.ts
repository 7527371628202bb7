/**
 * The reported values a compliance answer uses (ADR 0015): per report (plan,
 * indicator, period, area), the latest version recorded up to `knownAt` (or
 * the latest of all), counted only when its status counts for the basis
 * (core `countsInCompliance`). The official basis takes a report whose latest
 * known version is aprobado; one whose approval was withdrawn, or that was
 * resubmitted or returned, does not count until it is approved again — its
 * earlier approved value is no longer endorsed. Areas' shares combine per
 * indicator by the ficha (core `officialActuals`).
 */
import {
  type ActualValue,
  type ComplianceBasis,
  countsInCompliance,
  officialActuals,
  type Plan,
  REPORT_STATUSES,
} from "@rumbo/core";
import { and, asc, desc, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { reportVersions } from "../db/schema.ts";
import { getPlan } from "../plans/plans-repository.ts";

export type ActualsAsKnownOptions = {
  /**
   * What Rumbo knew at this instant; default: now (every version). The API
   * speaks milliseconds and the database records microseconds, so the whole
   * millisecond named counts (a corte's closing instant includes the closing).
   */
  knownAt?: Date;
  basis: ComplianceBasis;
  /** The plan whose indicators and fichas the values are for; default: the plan as it stands. */
  plan?: Plan;
};

export async function actualsAsKnown(
  db: Database,
  planId: number,
  options: ActualsAsKnownOptions,
): Promise<ActualValue[]> {
  const plan = options.plan ?? (await getPlan(db, planId));
  if (!plan) return [];
  const counted = REPORT_STATUSES.filter((s) => countsInCompliance(s, options.basis));
  const where: SQL[] = [eq(reportVersions.planId, planId)];
  if (options.knownAt) where.push(lt(reportVersions.recordedAt, endOfMillisecond(options.knownAt)));
  // Byte order (collate "C") on every server, whatever its collation: 2024 < 2024-03 < 2024-Q1.
  const code = sql`${reportVersions.indicatorCode} collate "C"`;
  const period = sql`${reportVersions.period} collate "C"`;
  const area = sql`${reportVersions.area} collate "C"`;
  const latest = db
    .selectDistinctOn([code, period, area], {
      indicator: sql<string>`${reportVersions.indicatorCode}`.as("indicator"),
      period: sql<string>`${reportVersions.period}`.as("period"),
      area: sql<string>`${reportVersions.area}`.as("area"),
      status: reportVersions.status,
      value: reportVersions.value,
      numerator: reportVersions.numerator,
      denominator: reportVersions.denominator,
    })
    .from(reportVersions)
    .where(and(...where))
    .orderBy(code, period, area, desc(reportVersions.version))
    .as("latest");
  const rows = await db
    .select({
      indicator: latest.indicator,
      period: latest.period,
      area: latest.area,
      value: latest.value,
      numerator: latest.numerator,
      denominator: latest.denominator,
    })
    .from(latest)
    .where(inArray(latest.status, counted))
    .orderBy(
      asc(sql`${latest.indicator} collate "C"`),
      asc(sql`${latest.period} collate "C"`),
      asc(sql`${latest.area} collate "C"`),
    );
  return officialActuals(plan, rows);
}

/** The first instant after the millisecond `at` names. */
export function endOfMillisecond(at: Date): Date {
  return new Date(Math.floor(at.getTime()) + 1);
}
