/**
 * The two engines every data-layer test runs on: embedded PGlite (in memory)
 * and a real PostgreSQL, each run in a database of its own that is dropped
 * afterwards so parallel and repeated runs never see each other's rows.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../db/open-database.ts";

export const TEST_PG_URL = process.env.RUMBO_TEST_PG_URL ?? "postgres://root@127.0.0.1:5432/test";

export type TestEngine = { name: "pglite" | "postgres"; open: () => Promise<DatabaseHandle> };

export const TEST_ENGINES: TestEngine[] = [
  { name: "pglite", open: () => openDatabase({ engine: "pglite", dataDir: null }) },
  { name: "postgres", open: openFreshPostgres },
];

/** A fresh database on the test server; closing the handle drops it. */
export async function openFreshPostgres(): Promise<DatabaseHandle> {
  const name = `rumbo_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  try {
    const handle = await openDatabase({ engine: "postgres", url: url.toString() });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  } catch (error) {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
}

/** One statement on the test server's `test` database, outside any handle's pool. */
export async function adminQuery<Row extends Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
