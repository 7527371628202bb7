/**
 * Which migration a database stands at, and which one this Rumbo expects:
 * drizzle records each applied migration by its journal timestamp and the
 * SHA-256 of its SQL; the tag (0007_seguimiento) is for people. A backup
 * carries it in its header; /api/ready compares the database with the code.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { serverPath } from "../package-root.ts";
import type { Database } from "./open-database.ts";

export type SchemaVersion = { migration: string; createdAt: number; hash: string };

type JournalEntry = { idx: number; when: number; tag: string };

/** The migrations this Rumbo carries (drizzle/meta/_journal.json), oldest first. */
let journalEntries: JournalEntry[] | null = null;

export function knownMigrations(): JournalEntry[] {
  if (journalEntries) return journalEntries;
  const journal = JSON.parse(readFileSync(serverPath("drizzle/meta/_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  journalEntries = [...journal.entries].sort((a, b) => a.when - b.when);
  return journalEntries;
}

/** The last migration applied to the database, as drizzle recorded it. */
export async function appliedSchemaVersion(db: Pick<Database, "execute">): Promise<SchemaVersion> {
  const result = (await db.execute(
    sql`SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations
        ORDER BY created_at DESC LIMIT 1`,
  )) as unknown as { rows: { hash: string; created_at: string }[] };
  const [last] = result.rows;
  if (!last) throw new Error("La base de datos no tiene migraciones aplicadas.");
  const createdAt = Number(last.created_at);
  const tag =
    knownMigrations().find((m) => m.when === createdAt)?.tag ?? `desconocida-${createdAt}`;
  return { migration: tag, createdAt, hash: last.hash };
}

let latest: SchemaVersion | null = null;

/** The newest migration this Rumbo carries, with the hash drizzle records for it. */
export function latestKnownSchema(): SchemaVersion {
  if (latest) return latest;
  const last = knownMigrations().at(-1);
  if (!last) throw new Error("Rumbo no tiene migraciones.");
  const file = readFileSync(serverPath("drizzle", `${last.tag}.sql`), "utf8");
  latest = {
    migration: last.tag,
    createdAt: last.when,
    hash: createHash("sha256").update(file).digest("hex"),
  };
  return latest;
}
