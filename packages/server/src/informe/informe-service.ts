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
} from "@rumbo/core";
import { and, desc, eq, lte } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { reportVersions } from "../db/schema.ts";
import { resolveCompliance } from "../http/routes/compliance-routes.ts";
import { listPlanCortes } from "../seguimiento/corte-queries.ts";
import { corteNotFound } from "../seguimiento/corte-service.ts";
import { getDataQuality } from "../seguimiento/data-quality-service.ts";
import { SeguimientoRefusal } from "../seguimiento/report-store.ts";

export async function informeModel(
  db: Database,
  planId: number,
  query: { corte: number; knownAt?: string | undefined },
  now: Date,
): Promise<InformeModel> {
  const corte = (await listPlanCortes(db, planId)).find((c) => c.id === query.corte);
  if (!corte) throw corteNotFound(planId, query.corte);
  const knownAt = query.knownAt
    ? new Date(query.knownAt).toISOString()
    : (corte.closedAt?.toISOString() ?? null);
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
    dataQuality: quality.items,
  });
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
  if (knownAt) where.push(lte(reportVersions.recordedAt, new Date(knownAt)));
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
