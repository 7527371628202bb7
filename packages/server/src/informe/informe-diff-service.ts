/**
 * «¿Qué cambió desde este informe?» (diffInforme): the informe of a corte as
 * known at `knownAt` (by default the corte's closing, the informe presented)
 * and as known today, each through the same path as the informe
 * (informeSide), with the report versions recorded since and the reopenings
 * of the plan's cortes, handed to core's `buildInformeDiff`.
 */
import { buildInformeDiff, type InformeDiff, isoDay } from "@rumbo/core";
import { and, asc, eq, gte } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { reportVersions } from "../db/schema.ts";
import { endOfMillisecond } from "../seguimiento/actuals-as-known.ts";
import { actorNames, listPlanCortes } from "../seguimiento/corte-queries.ts";
import { corteNotFound } from "../seguimiento/corte-service.ts";
import { SeguimientoRefusal } from "../seguimiento/report-store.ts";
import { informeSide } from "./informe-service.ts";

export async function informeDiff(
  db: Database,
  planId: number,
  query: { corte: number; knownAt?: string | undefined },
): Promise<InformeDiff> {
  const cortes = await listPlanCortes(db, planId);
  const corte = cortes.find((c) => c.id === query.corte);
  if (!corte) throw corteNotFound(planId, query.corte);
  const knownAt = query.knownAt
    ? new Date(query.knownAt).toISOString()
    : (corte.closedAt?.toISOString() ?? null);
  if (knownAt === null) {
    const message = `el corte al ${isoDay(corte.periodEnd)} sigue abierto y su informe aún no se cerró: indique knownAt, el instante del informe con el que comparar`;
    throw new SeguimientoRefusal("VALIDATION_ERROR", `La solicitud no es válida: ${message}`, [
      { field: "knownAt", message },
    ]);
  }
  const before = await informeSide(db, planId, corte, knownAt);
  const after = await informeSide(db, planId, corte, null);
  // Everything recorded on the plan's reports after the earlier informe's instant.
  const since = await db
    .select({
      id: reportVersions.id,
      indicator: reportVersions.indicatorCode,
      period: reportVersions.period,
      area: reportVersions.area,
      version: reportVersions.version,
      action: reportVersions.action,
      status: reportVersions.status,
      value: reportVersions.value,
      recordedAt: reportVersions.recordedAt,
      recordedBy: reportVersions.recordedBy,
      comment: reportVersions.comment,
    })
    .from(reportVersions)
    .where(
      and(
        eq(reportVersions.planId, planId),
        gte(reportVersions.recordedAt, endOfMillisecond(new Date(knownAt))),
      ),
    )
    .orderBy(asc(reportVersions.id));
  const reopenings = cortes.flatMap((c) =>
    c.reopenings.map((r) => ({ periodEnd: c.periodEnd, reopening: r })),
  );
  const name = await actorNames(db, [
    ...since.map((v) => v.recordedBy),
    ...reopenings.map((r) => r.reopening.createdBy),
  ]);
  return buildInformeDiff({
    corte: {
      id: corte.id,
      periodEnd: corte.periodEnd,
      closedAt: corte.closedAt?.toISOString() ?? null,
    },
    before: {
      knownAt,
      plan: before.computed.plan,
      result: before.computed.result,
      versions: before.versionsUsed,
    },
    after: {
      knownAt: null,
      plan: after.computed.plan,
      result: after.computed.result,
      versions: after.versionsUsed,
    },
    events: since.map(({ recordedBy, recordedAt, ...v }) => ({
      ...v,
      recordedAt: recordedAt.toISOString(),
      by: name(recordedBy)?.name ?? null,
    })),
    reopenings: reopenings.map(({ periodEnd, reopening }) => ({
      periodEnd,
      indicators: [...reopening.indicatorCodes],
      justification: reopening.justification,
      createdAt: reopening.createdAt.toISOString(),
      by: name(reopening.createdBy)?.name ?? null,
    })),
  });
}
