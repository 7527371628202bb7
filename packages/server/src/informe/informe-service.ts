/**
 * The informe de seguimiento of a corte: the engine's result for the corte's
 * date (through resolveCompliance, the one compliance path), the approved
 * report versions known at `knownAt` with their analysis, and the
 * data-quality items of the corte, handed to core's `buildInforme`.
 * `knownAt` defaults to the corte's closing instant when it is closed, so a
 * closed corte's informe regenerates the same later.
 */
import {
  buildInforme,
  type InformeModel,
  type InformeReportVersion,
  informeCoversPeriod,
  informeYear,
  type UsedReportVersion,
} from "@rumbo/core";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { reportVersions } from "../db/schema.ts";
import { type ComputedCompliance, resolveCompliance } from "../http/routes/compliance-routes.ts";
import { countedVersionsAsKnown, endOfMillisecond } from "../seguimiento/actuals-as-known.ts";
import { type CorteWithReopenings, listPlanCortes } from "../seguimiento/corte-queries.ts";
import { corteNotFound } from "../seguimiento/corte-service.ts";
import { getDataQuality } from "../seguimiento/data-quality-service.ts";
import { SeguimientoRefusal } from "../seguimiento/report-store.ts";

export async function informeModel(
  db: Database,
  planId: number,
  query: { corte: number; knownAt?: string | undefined },
  now: Date,
): Promise<InformeModel> {
  const corte = await planCorte(db, planId, query.corte);
  const knownAt = query.knownAt
    ? new Date(query.knownAt).toISOString()
    : (corte.closedAt?.toISOString() ?? null);
  const { computed, versionsUsed, year } = await informeSide(db, planId, corte, knownAt);
  const reports = await approvedVersionsKnownAt(db, planId, knownAt);
  const quality = await getDataQuality(db, planId, corte.id, knownAt ? new Date(knownAt) : now);
  return buildInforme({
    ...computed,
    corte: {
      id: corte.id,
      periodEnd: corte.periodEnd,
      closedAt: corte.closedAt?.toISOString() ?? null,
    },
    generatedAt: now.toISOString(),
    knownAt,
    reports: reports.filter((r) => informeCoversPeriod(r.period, year, corte.periodEnd)),
    versionsUsed,
    dataQuality: quality.items,
  });
}

export async function planCorte(
  db: Database,
  planId: number,
  corteId: number,
): Promise<CorteWithReopenings> {
  const corte = (await listPlanCortes(db, planId)).find((c) => c.id === corteId);
  if (!corte) throw corteNotFound(planId, corteId);
  return corte;
}

/**
 * The informe's numbers as known at `knownAt` (null: everything stored): the
 * engine's result at the corte's date and the counted report versions it read
 * (the same query as the compliance answer, actuals-as-known.ts).
 */
export async function informeSide(
  db: Database,
  planId: number,
  corte: { periodEnd: string },
  knownAt: string | null,
): Promise<{ computed: ComputedCompliance; versionsUsed: UsedReportVersion[]; year: number }> {
  const computed = await resolveCompliance(db, planId, {
    asOf: corte.periodEnd,
    ...(knownAt ? { knownAt } : {}),
  });
  const year = informeYear(computed.plan, corte.periodEnd);
  if (year === null) {
    throw new SeguimientoRefusal(
      "VALIDATION_ERROR",
      `El corte al ${corte.periodEnd} no cae en una vigencia del plan (${computed.plan.years.join(", ")}).`,
    );
  }
  const counted = await countedVersionsAsKnown(db, planId, {
    basis: "approved",
    ...(knownAt ? { knownAt: new Date(knownAt) } : {}),
  });
  const versionsUsed = counted.map((v) => ({
    id: v.id,
    indicator: v.indicator,
    period: v.period,
    area: v.area,
    version: v.version,
    value: v.value,
    recordedAt: v.recordedAt.toISOString(),
  }));
  return { computed, versionsUsed, year };
}

/**
 * The latest version of each report of the whole indicator recorded up to
 * `knownAt` (all when null), kept when it is aprobado: the versions whose
 * values and analysis the informe uses.
 */
async function approvedVersionsKnownAt(
  db: Database,
  planId: number,
  knownAt: string | null,
): Promise<InformeReportVersion[]> {
  const where = [eq(reportVersions.planId, planId), eq(reportVersions.area, "")];
  // The whole millisecond knownAt names, as the compliance answer reads it (ADR 0015).
  if (knownAt) where.push(lt(reportVersions.recordedAt, endOfMillisecond(new Date(knownAt))));
  const rows = await db
    .selectDistinctOn([reportVersions.indicatorCode, reportVersions.period], {
      indicator: reportVersions.indicatorCode,
      period: reportVersions.period,
      version: reportVersions.version,
      status: reportVersions.status,
      achievements: reportVersions.achievements,
      difficulties: reportVersions.difficulties,
      actions: reportVersions.actions,
      benefits: reportVersions.benefits,
    })
    .from(reportVersions)
    .where(and(...where))
    .orderBy(reportVersions.indicatorCode, reportVersions.period, desc(reportVersions.version));
  return rows.flatMap(({ status, ...row }) => (status === "aprobado" ? [row] : []));
}
