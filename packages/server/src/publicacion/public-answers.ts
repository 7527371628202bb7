/**
 * The answers of the public read API (ADR 0016), built from stored
 * publications only: the plan's records decide what exists, the frozen
 * snapshots give the content. Each answer comes with the validator a client
 * revalidates with (ETag from the publications it is made of, Last-Modified
 * from their dates), so a 304 costs one small query and no snapshot.
 */
import {
  type CorteSnapshot,
  corteOverview,
  type PlanSnapshot,
  publishedIndicator,
} from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import { SeguimientoRefusal } from "../seguimiento/report-store.ts";
import { publicPublication } from "./publication-json.ts";
import {
  type PublicationRecord,
  publicPlanIds,
  publicPlanPublications,
  readSnapshot,
} from "./publication-store.ts";

/** Bumped when the shape of a public answer changes, so cached copies are not reused. */
const ANSWER_REVISION = "1";

/**
 * `numbered`: a publication asked by its number, whose content never changes
 * (only `latestNumber` moves when a newer one appears, and the ETag with it).
 */
export type Validators = { etag: string; lastModified: Date; numbered: boolean };

/** An answer not yet built: its validators, and how to build it when the client has no fresh copy. */
export type PublicAnswer = Validators & { build: () => Promise<unknown> };

function planNotFound(planId: number): SeguimientoRefusal {
  return new SeguimientoRefusal(
    "PLAN_NOT_FOUND",
    `No hay un plan publicado con el número ${planId}.`,
  );
}

function shown(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function latestDate(records: readonly PublicationRecord[]): Date {
  return new Date(Math.max(...records.map((r) => r.publishedAt.getTime())));
}

/** The newest publication of each published corte, in calendar order. */
export function latestPerCorte(records: readonly PublicationRecord[]): PublicationRecord[] {
  const latest = new Map<string, PublicationRecord>();
  for (const r of records) {
    if (r.kind !== "corte" || r.periodEnd === null) continue;
    const known = latest.get(r.periodEnd);
    if (!known || r.number > known.number) latest.set(r.periodEnd, r);
  }
  return [...latest.values()].sort((a, b) => (a.periodEnd ?? "").localeCompare(b.periodEnd ?? ""));
}

function planPublication(records: readonly PublicationRecord[]): PublicationRecord {
  const found = records.filter((r) => r.kind === "plan").sort((a, b) => b.number - a.number)[0];
  if (!found) throw new Error("un plan público tiene al menos una publicación del plan");
  return found;
}

function firstDate(records: readonly PublicationRecord[], kind: "plan"): string {
  const first = records.filter((r) => r.kind === kind).sort((a, b) => a.number - b.number)[0];
  return (first ?? planPublication(records)).publishedAt.toISOString();
}

export async function publicPlansAnswer(
  db: Database,
  page: number,
  pageSize: number,
): Promise<PublicAnswer> {
  const ids = await publicPlanIds(db);
  const onPage = ids.slice((page - 1) * pageSize, page * pageSize);
  const plans: { id: number; records: readonly PublicationRecord[] }[] = [];
  for (const id of onPage) {
    const records = await publicPlanPublications(db, id);
    if (records) plans.push({ id, records });
  }
  const tag = plans.map((p) => `${p.id}.${Math.max(...p.records.map((r) => r.number))}`).join("-");
  const all = plans.flatMap((p) => p.records);
  return {
    etag: `"r${ANSWER_REVISION}-planes-${ids.length}-${page}-${pageSize}-${tag}"`,
    lastModified: all.length > 0 ? latestDate(all) : new Date(0),
    numbered: false,
    build: async () => ({
      items: await Promise.all(
        plans.map(async ({ id, records }) => {
          const planRecord = planPublication(records);
          const snapshot = (await readSnapshot(db, planRecord.id)) as PlanSnapshot;
          const lastCorte = latestPerCorte(records).at(-1);
          const overview = lastCorte
            ? corteOverview((await readSnapshot(db, lastCorte.id)) as CorteSnapshot)
            : null;
          return {
            id,
            code: snapshot.plan.code,
            name: snapshot.plan.name,
            entity: snapshot.plan.entity ?? null,
            years: snapshot.plan.years,
            license: snapshot.license,
            publishedAt: firstDate(records, "plan"),
            updatedAt: latestDate(records).toISOString(),
            latestCorte:
              lastCorte && overview
                ? {
                    periodEnd: overview.periodEnd,
                    number: lastCorte.number,
                    publishedAt: lastCorte.publishedAt.toISOString(),
                    plan: overview.plan,
                  }
                : null,
          };
        }),
      ),
      page,
      pageSize,
      total: ids.length,
    }),
  };
}

export async function publicPlanAnswer(db: Database, planId: number): Promise<PublicAnswer> {
  const records = await publicPlanPublications(db, planId);
  if (!records) throw planNotFound(planId);
  const newest = Math.max(...records.map((r) => r.number));
  return {
    etag: `"r${ANSWER_REVISION}-plan-${planId}-${newest}"`,
    lastModified: latestDate(records),
    numbered: false,
    build: async () => {
      const planRecord = planPublication(records);
      const snapshot = (await readSnapshot(db, planRecord.id)) as PlanSnapshot;
      const cortes = latestPerCorte(records);
      const lastCorte = cortes.at(-1);
      return {
        id: planId,
        publication: publicPublication(planRecord),
        plan: snapshot.plan,
        planVersion: snapshot.planVersion,
        status: snapshot.status,
        license: snapshot.license,
        reprogramaciones: snapshot.reprogramaciones,
        publishedAt: firstDate(records, "plan"),
        updatedAt: latestDate(records).toISOString(),
        cortes: cortes.map((latest) => ({
          periodEnd: latest.periodEnd ?? "",
          vigencia: Number((latest.periodEnd ?? "").slice(0, 4)),
          latest: publicPublication(latest),
          publications: records
            .filter((r) => r.kind === "corte" && r.periodEnd === latest.periodEnd)
            .map(publicPublication),
        })),
        latestCorte: lastCorte
          ? {
              publication: publicPublication(lastCorte),
              overview: corteOverview((await readSnapshot(db, lastCorte.id)) as CorteSnapshot),
            }
          : null,
        publications: records.map(publicPublication),
      };
    },
  };
}

/** The publication of a corte the request names (`publication`), or its newest. */
export async function cortePublication(
  db: Database,
  planId: number,
  periodEnd: string,
  number: number | undefined,
): Promise<{ record: PublicationRecord; latestNumber: number }> {
  const records = await publicPlanPublications(db, planId);
  if (!records) throw planNotFound(planId);
  const ofCorte = records.filter((r) => r.kind === "corte" && r.periodEnd === periodEnd);
  const latest = ofCorte[0];
  if (!latest) {
    throw new SeguimientoRefusal(
      "PUBLICATION_NOT_FOUND",
      `El corte del ${shown(periodEnd)} del plan ${planId} no está publicado.`,
    );
  }
  const record = number === undefined ? latest : ofCorte.find((r) => r.number === number);
  if (!record) {
    throw new SeguimientoRefusal(
      "PUBLICATION_NOT_FOUND",
      `La publicación ${number} no es del corte del ${shown(periodEnd)} del plan ${planId}; sus publicaciones son ${ofCorte.map((r) => r.number).join(", ")}.`,
    );
  }
  return { record, latestNumber: latest.number };
}

export async function publicCorteAnswer(
  db: Database,
  planId: number,
  periodEnd: string,
  number: number | undefined,
): Promise<PublicAnswer> {
  const { record, latestNumber } = await cortePublication(db, planId, periodEnd, number);
  return {
    etag: `"r${ANSWER_REVISION}-corte-${planId}-${record.number}-${latestNumber}"`,
    lastModified: record.publishedAt,
    numbered: number !== undefined,
    build: async () => {
      const snapshot = (await readSnapshot(db, record.id)) as CorteSnapshot;
      return {
        planId,
        publication: publicPublication(record),
        latestNumber,
        snapshot,
        overview: corteOverview(snapshot),
      };
    },
  };
}

export async function publicIndicatorAnswer(
  db: Database,
  planId: number,
  periodEnd: string,
  code: string,
  number: number | undefined,
): Promise<PublicAnswer> {
  const { record, latestNumber } = await cortePublication(db, planId, periodEnd, number);
  const snapshot = (await readSnapshot(db, record.id)) as CorteSnapshot;
  const indicator = publishedIndicator(snapshot, code);
  if (!indicator) {
    throw new SeguimientoRefusal(
      "INDICATOR_NOT_FOUND",
      `El plan ${planId} no tiene el indicador ${code.slice(0, 60)} en el corte publicado del ${shown(periodEnd)}.`,
    );
  }
  return {
    etag: `"r${ANSWER_REVISION}-indicador-${planId}-${record.number}-${latestNumber}-${encodeURIComponent(code)}"`,
    lastModified: record.publishedAt,
    numbered: number !== undefined,
    build: async () => ({
      planId,
      publication: publicPublication(record),
      latestNumber,
      periodEnd: snapshot.corte.periodEnd,
      vigencia: snapshot.vigencia,
      indicator,
    }),
  };
}
