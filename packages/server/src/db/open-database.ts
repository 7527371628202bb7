/**
 * One entry point to the database: embedded PGlite in a data directory by
 * default, a real PostgreSQL server when DATABASE_URL is set (ADR 0002).
 * Migrations are applied on open. Each engine's driver is imported when that
 * engine is opened: the server and the CLI load either PGlite or pg, never
 * both, and commands without a database load neither.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { serverPath } from "../package-root.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DatabaseConfig =
  | { engine: "pglite"; dataDir: string | null }
  | { engine: "postgres"; url: string };

export type DatabaseHandle = {
  db: Database;
  engine: "pglite" | "postgres";
  /** Where the data lives, for logs ("PGlite en ./data/pgdata", "PostgreSQL en host/db"). */
  description: string;
  close: () => Promise<void>;
  /** PostgreSQL's pool: connections open and idle, queries waiting for one (for /metrics). */
  poolStats?: () => { total: number; idle: number; waiting: number };
};

const MIGRATIONS = serverPath("drizzle");
// PGlite's default shared_buffers (128 MB) is sized for a server; an embedded
// single-office database needs far less, and each MB is resident memory.
const PGLITE_OPTIONS = { postgresqlconf: ["shared_buffers=32MB"] };
const CLOSE_WAIT_MS = 5_000;
const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

// Arbitrary constant: serialises the start-up work (migrations, then the first
// plan and accounts in first-start.ts) of several servers on one PostgreSQL database.
export const STARTUP_LOCK_KEY = 741_852_963;

export type OpenOptions = {
  /**
   * Told when an idle PostgreSQL connection fails (the server restarted, an
   * administrator ended the session). The pool drops that connection and opens
   * a new one on the next query; without a listener node-postgres would throw
   * and end the process. Default: one line on stderr.
   */
  onConnectionError?: (error: Error) => void;
};

export async function openDatabase(
  config: DatabaseConfig,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (config.engine === "postgres") {
    return openPostgres(config.url, options.onConnectionError ?? reportConnectionError);
  }
  return openPglite(config.dataDir);
}

export function reportConnectionError(error: Error): void {
  process.stderr.write(`Rumbo: se perdió una conexión con PostgreSQL: ${error.message}\n`);
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  const lock = dataDir === null ? null : await acquireDataDirLock(dataDir);
  const releaseOnExit = () => lock?.release();
  process.once("exit", releaseOnExit);
  try {
    const pgdata = dataDir === null ? undefined : join(dataDir, "pgdata");
    if (pgdata && !existsSync(join(pgdata, "PG_VERSION"))) {
      // First start: initdb in a worker thread. In the main thread its WASM
      // instance would keep ~400 MB resident for the life of the server
      // (docs/benchmarks.md, idle memory).
      await initPgliteCluster(pgdata);
    }
    const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
      import("@electric-sql/pglite"),
      import("drizzle-orm/pglite"),
      import("drizzle-orm/pglite/migrator"),
    ]);
    const client = await PGlite.create(pgdata, PGLITE_OPTIONS);
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS });
    return {
      db,
      engine: "pglite",
      description: dataDir === null ? "PGlite en memoria" : `PGlite en ${dataDir}`,
      close: async () => {
        await client.close();
        lock?.release();
        process.off("exit", releaseOnExit);
      },
    };
  } catch (error) {
    lock?.release();
    process.off("exit", releaseOnExit);
    throw error;
  }
}

async function initPgliteCluster(pgdata: string): Promise<void> {
  const worker = new Worker(serverPath("src/db/pglite-initdb.worker.mjs"), {
    workerData: { pgdata, options: PGLITE_OPTIONS },
  });
  await new Promise<void>((resolve, reject) => {
    let done = false;
    worker.once("message", () => {
      done = true;
    });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      done
        ? resolve()
        : reject(new Error(`No se pudo crear la base embebida en ${pgdata} (código ${code}).`)),
    );
  });
}

async function openPostgres(
  url: string,
  onConnectionError: (error: Error) => void,
): Promise<DatabaseHandle> {
  const [{ default: pg }, { drizzle: drizzleNodePg }, { migrate: migrateNodePg }] =
    await Promise.all([
      import("pg"),
      import("drizzle-orm/node-postgres"),
      import("drizzle-orm/node-postgres/migrator"),
    ]);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", onConnectionError);
  // pool.end() resolves once every connection has been asked to end, not when
  // their sockets are closed; close() waits for that, so nothing of this
  // handle is still talking to the server when it returns.
  let open = 0;
  let allClosed: (() => void) | null = null;
  pool.on("connect", () => {
    open += 1;
  });
  pool.on("remove", () => {
    open -= 1;
    if (open === 0) allClosed?.();
  });
  const end = async () => {
    const closed = new Promise<void>((resolve) => {
      allClosed = resolve;
    });
    await pool.end();
    // A socket that never reports its end must not hold a shutdown forever.
    if (open > 0) await Promise.race([closed, delay(CLOSE_WAIT_MS)]);
  };
  try {
    const db = drizzleNodePg(pool, { schema });
    const conn = await pool.connect();
    try {
      await conn.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
      await migrateNodePg(drizzleNodePg(conn, { schema }), { migrationsFolder: MIGRATIONS });
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]).catch(() => undefined);
      conn.release();
    }
    const u = new URL(url);
    return {
      db,
      engine: "postgres",
      description: `PostgreSQL en ${u.hostname}:${u.port || "5432"}${u.pathname}`,
      close: end,
      poolStats: () => ({
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
      }),
    };
  } catch (error) {
    await end().catch(() => undefined);
    throw error;
  }
}
