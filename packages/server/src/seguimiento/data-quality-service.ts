/**
 * The data-quality report of a plan (ADR 0015): loads the cortes, the
 * latest version of every report and the versions recorded after a corte
 * closed, and lets core's `dataQualityItems` decide what to flag.
 */
import {
  bogotaDate,
  type DataQualityItem,
  type DataQualityKind,
  dataQualityCounts,
  dataQualityItems,
} from "@rumbo/core";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { reportVersions } from "../db/schema.ts";
import { getPlan } from "../plans/plans-repository.ts";
import { latestVersions, listPlanCortes, statusOf } from "./corte-queries.ts";
import { corteNotFound, planNotFound } from "./corte-service.ts";

export async function getDataQuality(
  db: Database,
  planId: number,
  corteId: number | undefined,
  now: Date,
): Promise<{ items: DataQualityItem[]; counts: Record<DataQualityKind, number> }> {
  const plan = await getPlan(db, planId);
  if (!plan) throw planNotFound(planId);
  const all = await listPlanCortes(db, planId);
  const chosen = corteId === undefined ? all : all.filter((c) => c.id === corteId);
  if (corteId !== undefined && chosen.length === 0) throw corteNotFound(planId, corteId);
  // The indicator's earlier periods are its history for outliers: read every period.
  const latest = [...(await latestVersions(db, planId)).values()];
  const closings = chosen.flatMap((c) => (c.closedAt ? [c.closedAt] : []));
  const firstClosing = closings.sort((a, b) => a.getTime() - b.getTime())[0];
  const versions = firstClosing
    ? await db
        .select({
          indicator: reportVersions.indicatorCode,
          period: reportVersions.period,
          version: reportVersions.version,
          action: reportVersions.action,
          recordedAt: reportVersions.recordedAt,
        })
        .from(reportVersions)
        .where(
          and(
            eq(reportVersions.planId, planId),
            eq(reportVersions.area, ""),
            gt(reportVersions.recordedAt, firstClosing),
          ),
        )
        .orderBy(asc(reportVersions.recordedAt), asc(reportVersions.id))
    : [];
  const items = dataQualityItems({
    plan,
    cortes: chosen.map((c) => ({
      periodEnd: c.periodEnd,
      dueOn: c.dueOn,
      closedAt: c.closedAt?.toISOString() ?? null,
      reopenings: c.reopenings.map((r) => ({
        indicators: r.indicatorCodes,
        justification: r.justification,
        createdAt: r.createdAt.toISOString(),
      })),
    })),
    latest: latest.flatMap((row) => {
      const status = statusOf(row);
      return status === null
        ? []
        : [
            {
              indicator: row.indicatorCode,
              period: row.period,
              status,
              value: row.value,
              explanations: row.explanations,
              firstSubmittedAt: row.firstSubmittedAt?.toISOString() ?? null,
            },
          ];
    }),
    versions: versions.map((v) => ({ ...v, recordedAt: v.recordedAt.toISOString() })),
    today: bogotaDate(now),
  });
  return { items, counts: dataQualityCounts(items) };
}
