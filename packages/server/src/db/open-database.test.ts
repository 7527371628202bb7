import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { adminQuery, TEST_PG_URL } from "../testing/test-databases.ts";
import { type DatabaseHandle, openDatabase } from "./open-database.ts";

// What happens to the server's connections to a real PostgreSQL when the
// database server ends them (a restart, an administrator) and when Rumbo stops.
describe("conexiones a PostgreSQL", () => {
  let name: string;
  let handle: DatabaseHandle | null = null;

  async function openOnFreshDatabase(onConnectionError?: (error: Error) => void) {
    name = `rumbo_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${name}`;
    handle = await openDatabase({ engine: "postgres", url: url.toString() }, { onConnectionError });
    return handle;
  }

  async function backendsOf(database: string): Promise<number[]> {
    const rows = await adminQuery<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1",
      [database],
    );
    return rows.map((r) => r.pid);
  }

  afterEach(async () => {
    await handle?.close();
    handle = null;
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("si el administrador de PostgreSQL corta una conexión inactiva, Rumbo lo registra y la siguiente consulta funciona", async () => {
    const lost: Error[] = [];
    const { db } = await openOnFreshDatabase((error) => lost.push(error));
    await db.execute(sql`SELECT 1`);
    const pids = await backendsOf(name);
    expect(pids.length).toBeGreaterThan(0);
    await adminQuery("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
    await expect.poll(() => lost.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(lost[0]?.message).toMatch(/terminat/i);
    const result = (await db.execute(sql`SELECT 41 + 1 AS n`)) as unknown as {
      rows: { n: number }[];
    };
    expect(result.rows[0]?.n).toBe(42);
  });

  it("al cerrar, no queda ninguna conexión abierta con la base", async () => {
    const { db } = await openOnFreshDatabase();
    // Several connections at once, so the pool holds more than one.
    await Promise.all(Array.from({ length: 5 }, () => db.execute(sql`SELECT pg_sleep(0.05)`)));
    expect((await backendsOf(name)).length).toBeGreaterThan(1);
    await handle?.close();
    handle = null;
    // The server process of a closed connection leaves pg_stat_activity a moment later.
    await expect.poll(() => backendsOf(name), { timeout: 5_000 }).toEqual([]);
  });
});
