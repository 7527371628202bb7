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
import { and, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
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
  return officialActuals(plan, await countedVersionsAsKnown(db, planId, options));
}

/** A counted report version: the values the engine reads, and which version they are. */
export type CountedVersion = {
  id: number;
  indicator: string;
  period: string;
  area: string;
  version: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  recordedAt: Date;
};

/**
 * The latest version of each report known at `knownAt` whose status counts
 * for the basis, in byte order of (indicator, period, area): what
 * actualsAsKnown hands to officialActuals, and the versions an informe says
 * it used. Only of `indicators` when given: the compliance cache rereads the
 * few indicators whose reports changed (ADR 0018).
 */
export async function countedVersionsAsKnown(
  db: Database,
  planId: number,
  options: Pick<ActualsAsKnownOptions, "knownAt" | "basis"> & {
    indicators?: readonly string[];
  },
): Promise<CountedVersion[]> {
  const counted = new Set(REPORT_STATUSES.filter((s) => countsInCompliance(s, options.basis)));
  const where: SQL[] = [eq(reportVersions.planId, planId)];
  if (options.knownAt) where.push(lt(reportVersions.recordedAt, endOfMillisecond(options.knownAt)));
  if (options.indicators)
    where.push(inArray(reportVersions.indicatorCode, [...options.indicators]));
  // Every column descending, in the column's own collation: the database walks
  // the unique index (plan, indicator, period, area, version) backwards and
  // keeps the first row of each report, with no sort of the whole history
  // (docs/benchmarks.md: a sort in collation "C" took most of the answer's time).
  const latest = await db
    .selectDistinctOn([reportVersions.indicatorCode, reportVersions.period, reportVersions.area], {
      id: reportVersions.id,
      indicator: reportVersions.indicatorCode,
      period: reportVersions.period,
      area: reportVersions.area,
      version: reportVersions.version,
      status: reportVersions.status,
      value: reportVersions.value,
      numerator: reportVersions.numerator,
      denominator: reportVersions.denominator,
      recordedAt: reportVersions.recordedAt,
    })
    .from(reportVersions)
    .where(and(...where))
    .orderBy(
      desc(reportVersions.indicatorCode),
      desc(reportVersions.period),
      desc(reportVersions.area),
      desc(reportVersions.version),
    );
  // Byte order on every server, whatever its collation: 2024 < 2024-03 < 2024-Q1.
  return latest
    .filter((row) => counted.has(row.status as (typeof REPORT_STATUSES)[number]))
    .map(({ status: _status, ...row }) => row)
    .sort(
      (a, b) =>
        compareBytes(a.indicator, b.indicator) ||
        compareBytes(a.period, b.period) ||
        compareBytes(a.area, b.area),
    );
}

/** The first instant after the millisecond `at` names. */
export function endOfMillisecond(at: Date): Date {
  return new Date(Math.floor(at.getTime()) + 1);
}

/**
 * Order of the texts' UTF-8 bytes, as `collate "C"` sorts them, without
 * encoding them (this runs n·log n times on every compliance answer): UTF-8
 * byte order is code point order, which differs from UTF-16 order only where
 * a surrogate pair meets U+E000–U+FFFF, so the first differing unit is
 * compared by its code point.
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      return (a.codePointAt(i) ?? 0) < (b.codePointAt(i) ?? 0) ? -1 : 1;
    }
  }
  return a.length - b.length;
}
