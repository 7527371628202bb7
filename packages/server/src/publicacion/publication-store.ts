/**
 * Reads of the `publications` table (ADR 0016). What the public may see is
 * decided here once: a plan is public when its row says published and it has
 * at least one plan publication; then its publications, and nothing else,
 * are readable. Snapshots never change once stored, so they are cached per
 * process by publication id.
 */
import {
  type CorteSnapshot,
  type LicenseId,
  type PublicationKind,
  type PublicationLicense,
  type PublicationSnapshot,
  publicationLicense,
} from "@rumbo/core";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { evidenceFiles, plans, publications } from "../db/schema.ts";
import { PerDatabaseCache } from "./per-database-cache.ts";

/** A publication without its snapshot. */
export type PublicationRecord = {
  id: number;
  planId: number;
  number: number;
  kind: PublicationKind;
  corteId: number | null;
  periodEnd: string | null;
  publishedAt: Date;
  publishedBy: number | null;
  planVersion: number;
  license: PublicationLicense;
  contentSha256: string;
  /** The number of the publication this one replaces, or null. */
  supersedes: number | null;
};

const RECORD_COLUMNS = {
  id: publications.id,
  planId: publications.planId,
  number: publications.number,
  kind: publications.kind,
  corteId: publications.corteId,
  periodEnd: publications.periodEnd,
  publishedAt: publications.publishedAt,
  publishedBy: publications.publishedBy,
  planVersion: publications.planVersion,
  license: publications.license,
  licenseAct: publications.licenseAct,
  contentSha256: publications.contentSha256,
  supersedesId: publications.supersedesId,
};

type RecordRow = {
  [K in keyof typeof RECORD_COLUMNS]: (typeof RECORD_COLUMNS)[K]["_"]["data"] | null;
};

function toRecords(rows: RecordRow[]): PublicationRecord[] {
  const numberOf = new Map(rows.map((r) => [r.id, r.number]));
  return rows.map((r) => ({
    id: r.id as number,
    planId: r.planId as number,
    number: r.number as number,
    kind: r.kind as PublicationKind,
    corteId: r.corteId,
    periodEnd: r.periodEnd,
    publishedAt: r.publishedAt as Date,
    publishedBy: r.publishedBy,
    planVersion: r.planVersion as number,
    license: publicationLicense(r.license as LicenseId, r.licenseAct),
    contentSha256: r.contentSha256 as string,
    supersedes: r.supersedesId === null ? null : (numberOf.get(r.supersedesId) ?? null),
  }));
}

/** Every publication of the plan, newest first (whether or not the plan is public now). */
export async function listPlanPublications(
  db: Database,
  planId: number,
): Promise<PublicationRecord[]> {
  const rows = await db
    .select(RECORD_COLUMNS)
    .from(publications)
    .where(eq(publications.planId, planId))
    .orderBy(desc(publications.number));
  return toRecords(rows);
}

/**
 * Whether the plan is published now and the number of its newest publication
 * (null without any): one row read by primary key and an index-only max over
 * `publications_plan_number`. Publications are only inserted, numbered under
 * the plan's lock, so an unchanged newest number means an unchanged list —
 * in every server process. Null when the plan does not exist.
 */
export async function publicationStamp(
  db: Database,
  planId: number,
): Promise<{ published: boolean; newest: number | null } | null> {
  // A plain statement, not the query builder: this runs on every public page view.
  const result = (await db.execute(
    sql`select "published", (select max("number") from "publications" where "plan_id" = ${planId}) as "newest" from "plans" where "id" = ${planId}`,
  )) as unknown as { rows: { published: boolean; newest: number | string | null }[] };
  const [row] = result.rows;
  if (!row) return null;
  return { published: row.published, newest: row.newest === null ? null : Number(row.newest) };
}

/** Per database, each plan's publication list with the newest number it was read at. */
const recordCache = new PerDatabaseCache<
  number,
  { newest: number; records: readonly PublicationRecord[] }
>(256);

/**
 * The plan's publications when the plan is public now (published, with a
 * plan publication), newest first; null otherwise — an unpublished or
 * withdrawn plan answers like a missing one. The stamp is read every time;
 * the list only when a publication was added since this process last read
 * it (the list returned is shared: frozen, never to be changed by a caller).
 */
export async function publicPlanPublications(
  db: Database,
  planId: number,
): Promise<readonly PublicationRecord[] | null> {
  const stamp = await publicationStamp(db, planId);
  if (!stamp?.published || stamp.newest === null) return null;
  const known = recordCache.get(db, planId);
  const records =
    known && known.newest === stamp.newest ? known.records : await readRecords(db, planId);
  return records.some((r) => r.kind === "plan") ? records : null;
}

async function readRecords(db: Database, planId: number): Promise<readonly PublicationRecord[]> {
  const records = Object.freeze(
    (await listPlanPublications(db, planId)).map((r) => Object.freeze(r)),
  );
  // Newest first: the first record's number is what the list was read at (a
  // publication added between the stamp and this read is in it already).
  const newest = records[0]?.number;
  if (newest !== undefined) recordCache.set(db, planId, { newest, records });
  return records;
}

/** The ids of every public plan, in id order. */
export async function publicPlanIds(db: Database): Promise<number[]> {
  const rows = await db
    .selectDistinct({ planId: publications.planId })
    .from(publications)
    .innerJoin(plans, and(eq(plans.id, publications.planId), eq(plans.published, true)))
    .where(eq(publications.kind, "plan"))
    .orderBy(publications.planId);
  return rows.map((r) => r.planId);
}

/** The most recently read snapshots by publication id. */
const snapshotCache = new PerDatabaseCache<number, PublicationSnapshot>(64);

/** The frozen snapshot of a publication (cached: a publication never changes). */
export async function readSnapshot(
  db: Database,
  publicationId: number,
): Promise<PublicationSnapshot> {
  const cached = snapshotCache.get(db, publicationId);
  if (cached) return cached;
  const [row] = await db
    .select({ snapshot: publications.snapshot })
    .from(publications)
    .where(eq(publications.id, publicationId));
  if (!row) throw new Error(`No existe la publicación ${publicationId}.`);
  const snapshot = (
    typeof row.snapshot === "string" ? JSON.parse(row.snapshot) : row.snapshot
  ) as PublicationSnapshot;
  snapshotCache.set(db, publicationId, snapshot);
  return snapshot;
}

/** The next number of a publication of the plan (call under the plan's lock). */
export async function nextPublicationNumber(tx: Database, planId: number): Promise<number> {
  const [row] = await tx
    .select({ last: sql<number | null>`max(${publications.number})` })
    .from(publications)
    .where(eq(publications.planId, planId));
  return Number(row?.last ?? 0) + 1;
}

/** A soporte as the portal serves it: the file, under the name its published report gave it. */
export type PublicEvidenceFile = {
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  bytes: Buffer;
};

/**
 * The file of a soporte the public may download: one listed in the approved
 * reports of a published corte (its snapshot) of a plan public now; null for
 * any other — of a draft, a returned or sent report, an unpublished corte or
 * a withdrawn plan. The snapshots' text narrows the search; the snapshot
 * itself decides.
 */
export async function publicEvidenceFile(
  db: Database,
  sha256: string,
): Promise<PublicEvidenceFile | null> {
  const candidates = await db
    .select({ id: publications.id, planId: publications.planId })
    .from(publications)
    .innerJoin(plans, and(eq(plans.id, publications.planId), eq(plans.published, true)))
    .where(
      and(
        eq(publications.kind, "corte"),
        sql`strpos(${publications.snapshot}::text, ${sha256}) > 0`,
      ),
    )
    .orderBy(desc(publications.id));
  for (const candidate of candidates) {
    if (!(await publicPlanPublications(db, candidate.planId))) continue;
    const snapshot = (await readSnapshot(db, candidate.id)) as CorteSnapshot;
    for (const report of snapshot.reports ?? []) {
      const listed = report.evidence.find((e) => e.kind === "file" && e.sha256 === sha256);
      if (listed?.kind !== "file") continue;
      const [file] = await db
        .select({
          mediaType: evidenceFiles.mediaType,
          size: evidenceFiles.size,
          bytes: evidenceFiles.bytes,
        })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.sha256, sha256));
      return file ? { sha256, fileName: listed.fileName, ...file } : null;
    }
  }
  return null;
}
