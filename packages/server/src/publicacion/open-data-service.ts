/**
 * Datos abiertos for the public API (ADR 0016): a file of a published corte
 * (`downloadOpenData`) and the DCAT-AP catalogue of every public plan and
 * corte (`getPublicCatalog`). Both come from stored publications only; the
 * files of a publication are built once per process and site address.
 */
import { createHash } from "node:crypto";
import {
  type CatalogCorte,
  type CatalogPlan,
  type CatalogSettings,
  type CorteSnapshot,
  dcatCatalog,
  OPEN_DATA_FORMATS,
  type OpenDataFormat,
  type PlanSnapshot,
} from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import { buildOpenDataFiles, type OpenDataFile, type OpenDataFiles } from "./open-data-files.ts";
import { PerDatabaseCache } from "./per-database-cache.ts";
import { cortePublication, latestPerCorte, type Validators } from "./public-answers.ts";
import {
  type PublicationRecord,
  publicPlanIds,
  publicPlanPublications,
  readSnapshot,
} from "./publication-store.ts";

/** Bumped when the files' content changes for the same publication, so cached copies are not reused. */
const FILES_REVISION = "1";

/** The public addresses the files and the catalogue point to. */
export function openDataUrl(
  baseUrl: string,
  planId: number,
  periodEnd: string,
  number: number,
  format: OpenDataFormat,
): string {
  return `${baseUrl}/api/public/v1/plans/${planId}/open-data?corte=${periodEnd}&format=${format}&publication=${number}`;
}

export function publicCorteUrl(baseUrl: string, planId: number, periodEnd: string): string {
  return `${baseUrl}/publico/planes/${planId}/cortes/${periodEnd}`;
}

export function publicPlanUrl(baseUrl: string, planId: number): string {
  return `${baseUrl}/publico/planes/${planId}`;
}

/** The files of the most recently asked publications, per site address. */
const filesCache = new PerDatabaseCache<string, Promise<OpenDataFiles>>(32);

/** The files of a publication, built on first use and kept. */
function filesOf(db: Database, record: PublicationRecord, baseUrl: string): Promise<OpenDataFiles> {
  const key = `${record.id}|${baseUrl}`;
  const cached = filesCache.get(db, key);
  if (cached) return cached;
  const periodEnd = record.periodEnd ?? "";
  const building = readSnapshot(db, record.id).then((snapshot) =>
    buildOpenDataFiles(
      snapshot as CorteSnapshot,
      { number: record.number, publishedAt: record.publishedAt },
      {
        file: (format) => openDataUrl(baseUrl, record.planId, periodEnd, record.number, format),
        page: publicCorteUrl(baseUrl, record.planId, periodEnd),
      },
    ),
  );
  // A failed build is not kept: the next request tries again.
  building.catch(() => filesCache.delete(db, key));
  filesCache.set(db, key, building);
  return building;
}

export type PendingFile = Validators & { build: () => Promise<OpenDataFile> };

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

/** One open-data file of a published corte: its validators, and the file when the client has no fresh copy. */
export async function openDataFile(
  db: Database,
  baseUrl: string,
  planId: number,
  periodEnd: string,
  format: OpenDataFormat,
  number: number | undefined,
): Promise<PendingFile> {
  const { record } = await cortePublication(db, planId, periodEnd, number);
  const perSite = format === "datapackage" ? `-${shortHash(baseUrl)}` : "";
  return {
    etag: `"r${FILES_REVISION}-datos-${planId}-${record.number}-${format}${perSite}"`,
    lastModified: record.publishedAt,
    numbered: number !== undefined,
    build: async () => (await filesOf(db, record, baseUrl))[format],
  };
}

export type PendingCatalog = Validators & { build: () => Promise<unknown> };

/** The DCAT-AP catalogue of every public plan and the latest publication of each published corte. */
export async function publicCatalog(
  db: Database,
  baseUrl: string,
  settings: Omit<CatalogSettings, "baseUrl" | "entity"> & { entity: string | null },
): Promise<PendingCatalog> {
  const plans: { id: number; records: readonly PublicationRecord[] }[] = [];
  for (const id of await publicPlanIds(db)) {
    const records = await publicPlanPublications(db, id);
    if (records) plans.push({ id, records });
  }
  const all = plans.flatMap((p) => p.records);
  const tag = plans.map((p) => `${p.id}.${Math.max(...p.records.map((r) => r.number))}`).join("-");
  return {
    etag: `"r${FILES_REVISION}-catalogo-${tag || "vacio"}-${shortHash(JSON.stringify([baseUrl, settings]))}"`,
    lastModified:
      all.length > 0 ? new Date(Math.max(...all.map((r) => r.publishedAt.getTime()))) : new Date(0),
    numbered: false,
    build: async () => {
      const listed: CatalogPlan[] = [];
      for (const { id, records } of plans) {
        const planRecords = records.filter((r) => r.kind === "plan");
        const newestPlan = planRecords[0];
        const firstPlan = planRecords.at(-1);
        if (!newestPlan || !firstPlan) continue;
        const snapshot = (await readSnapshot(db, newestPlan.id)) as PlanSnapshot;
        const cortes: CatalogCorte[] = [];
        for (const record of latestPerCorte(records)) {
          const periodEnd = record.periodEnd ?? "";
          const files = await filesOf(db, record, baseUrl);
          cortes.push({
            snapshot: (await readSnapshot(db, record.id)) as CorteSnapshot,
            number: record.number,
            publishedAt: record.publishedAt.toISOString(),
            pageUrl: publicCorteUrl(baseUrl, id, periodEnd),
            distributions: OPEN_DATA_FORMATS.map((format) => ({
              format,
              url: openDataUrl(baseUrl, id, periodEnd, record.number, format),
              bytes: files[format].data.length,
              sha256: files[format].sha256,
            })),
          });
        }
        listed.push({
          planId: id,
          snapshot,
          publishedAt: firstPlan.publishedAt.toISOString(),
          updatedAt: new Date(
            Math.max(...records.map((r) => r.publishedAt.getTime())),
          ).toISOString(),
          pageUrl: publicPlanUrl(baseUrl, id),
          cortes,
        });
      }
      const entity =
        settings.entity ??
        listed.find((p) => p.snapshot.plan.entity)?.snapshot.plan.entity ??
        "Rumbo";
      return dcatCatalog({ ...settings, baseUrl, entity }, listed);
    },
  };
}
