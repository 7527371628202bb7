/**
 * The soportes a saved report keeps: files already uploaded (named by their
 * SHA-256) and links. A soporte the report already had keeps who added it and
 * when; one missing from the list is removed from the new version (the file's
 * bytes stay in `evidence_files` for ever, ADR 0015).
 */
import { inArray } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { evidenceFiles, type StoredEvidence } from "../db/schema.ts";
import { reportVersionRows } from "./report-context.ts";
import { type ReportKey, SeguimientoRefusal } from "./report-store.ts";

export type EvidenceInput =
  | { kind: "file"; sha256: string }
  | { kind: "link"; url: string; title?: string | undefined };

export async function resolveEvidence(
  tx: Database,
  key: ReportKey,
  input: readonly EvidenceInput[],
  previous: readonly StoredEvidence[],
  options: { actor: { userId: number | null }; now: Date },
): Promise<StoredEvidence[]> {
  const addedAt = options.now.toISOString();
  const addedBy = options.actor.userId;
  const newFiles = input.flatMap((e) =>
    e.kind === "file" && !previous.some((p) => p.kind === "file" && p.sha256 === e.sha256)
      ? [e.sha256]
      : [],
  );
  const names = new Map<string, string>();
  if (newFiles.length > 0) {
    const stored = await tx
      .select({ sha256: evidenceFiles.sha256 })
      .from(evidenceFiles)
      .where(inArray(evidenceFiles.sha256, newFiles));
    const missing = newFiles.filter((sha) => !stored.some((s) => s.sha256 === sha));
    if (missing.length > 0) {
      throw new SeguimientoRefusal(
        "EVIDENCE_NOT_FOUND",
        `El soporte ${missing[0]?.slice(0, 12)}… no está cargado en Rumbo: súbalo de nuevo.`,
        missing.map((sha) => ({
          field: "evidence",
          message: `No hay un archivo con SHA-256 ${sha}.`,
        })),
      );
    }
    // A file removed earlier and listed again keeps the name it had in this report.
    for (const row of await reportVersionRows(tx, key)) {
      for (const e of row.evidence) if (e.kind === "file") names.set(e.sha256, e.fileName);
    }
  }
  const kept: StoredEvidence[] = [];
  const seen = new Set<string>();
  for (const item of input) {
    const id = item.kind === "file" ? `file:${item.sha256}` : `link:${item.url}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (item.kind === "file") {
      const had = previous.find((p) => p.kind === "file" && p.sha256 === item.sha256);
      kept.push(
        had ?? {
          kind: "file",
          sha256: item.sha256,
          fileName: names.get(item.sha256) ?? `soporte-${item.sha256.slice(0, 12)}`,
          addedAt,
          addedBy,
        },
      );
    } else {
      const had = previous.find((p) => p.kind === "link" && p.url === item.url);
      const title = item.title?.trim() || (had?.kind === "link" ? had.title : "") || item.url;
      kept.push(
        had?.kind === "link"
          ? { ...had, title }
          : { kind: "link", url: item.url, title, addedAt, addedBy },
      );
    }
  }
  return kept;
}
