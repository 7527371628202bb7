/** Publications as the API shows them: to planeación with who published; to the public, without. */
import type { PublicationSummary, PublicPublication } from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import { actorNames } from "../seguimiento/corte-queries.ts";
import type { PublicationRecord } from "./publication-store.ts";

export async function publicationSummaries(
  db: Database,
  records: readonly PublicationRecord[],
): Promise<PublicationSummary[]> {
  const nameOf = await actorNames(
    db,
    records.map((r) => r.publishedBy),
  );
  return records.map((r) => ({
    id: r.id,
    planId: r.planId,
    number: r.number,
    kind: r.kind,
    corteId: r.corteId,
    periodEnd: r.periodEnd,
    publishedAt: r.publishedAt.toISOString(),
    publishedBy: nameOf(r.publishedBy),
    planVersion: r.planVersion,
    license: r.license,
    supersedes: r.supersedes,
  }));
}

export function publicPublication(record: PublicationRecord): PublicPublication {
  return {
    number: record.number,
    kind: record.kind,
    periodEnd: record.periodEnd,
    publishedAt: record.publishedAt.toISOString(),
    supersedes: record.supersedes,
    license: record.license,
  };
}
