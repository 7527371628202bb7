/**
 * `npm start`: configuration → database (migrated) → demo data when empty →
 * HTTP server; graceful shutdown on SIGTERM/SIGINT (finish requests, close
 * the database, release the data-directory lock).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { ConfigError, databaseConfigOf, loadConfig } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { type DatabaseHandle, openDatabase, reportConnectionError } from "./db/open-database.ts";
import { prepareFirstStart } from "./first-start.ts";
import { buildApp } from "./http/app.ts";
import { type CreatedAccount, formatCredentials } from "./users/bootstrap-accounts.ts";
import { VERSION } from "./version.ts";

const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

export async function startServer(
  env: NodeJS.ProcessEnv,
): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const config = loadConfig(env);
  // Until the app (and its logger) exists, a lost connection goes to stderr.
  let onConnectionError: ((error: Error) => void) | undefined;
  const database = await openDatabase(databaseConfigOf(config), {
    onConnectionError: (error) =>
      onConnectionError ? onConnectionError(error) : reportConnectionError(error),
  });
  try {
    const app = await buildApp({
      database,
      logger: { level: config.logLevel },
      webDist: WEB_DIST,
      version: VERSION,
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      metricsToken: config.metricsToken,
      openData: config.openData,
      portal: config.portal,
    });
    onConnectionError = (error) =>
      app.log.warn({ err: error }, "se perdió una conexión con PostgreSQL; el pool abre otra");
    const { demo, accounts } = await prepareFirstStart(database.db, { demo: config.demo });
    if (demo.loaded) {
      app.log.info(
        { planId: demo.planId, warnings: demo.warnings },
        "base de datos vacía: se cargó el plan sectorial de demostración",
      );
    }
    announceAccounts(database, config.dataDir, accounts);
    await app.listen({ port: config.port, host: config.host });
    app.log.info({ database: database.description }, `Rumbo ${VERSION} listo`);
    return { app, database };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * First start: the administrator (and the demo accounts) with passwords shown
 * once on the console; with the embedded database also written, readable only
 * by the owner, to RUMBO_DATA_DIR/credenciales-demo.txt.
 */
function announceAccounts(
  database: DatabaseHandle,
  dataDir: string,
  accounts: readonly CreatedAccount[],
): void {
  if (accounts.length === 0) return;
  const text = formatCredentials(accounts);
  process.stdout.write(`\n${text}\n`);
  if (database.engine === "pglite") {
    writeFileSync(join(dataDir, CREDENTIALS_FILE), text, { mode: 0o600 });
  }
}

export const CREDENTIALS_FILE = "credenciales-demo.txt";

/**
 * Graceful stop: the server stops accepting connections and answers 503 to
 * new requests on open ones, the requests in flight finish (with the
 * database still open), then the database closes and the data-directory lock
 * is released.
 */
export async function stopServer(running: {
  app: FastifyInstance;
  database: DatabaseHandle;
}): Promise<void> {
  try {
    await running.app.close();
  } finally {
    await running.database.close();
  }
}

/** Entry point of `npm start` (bin/rumbo-server.js). */
export async function runServer(): Promise<void> {
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer(process.env);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      process.stderr.write(`rumbo: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.app.log.info({ signal }, "deteniendo: se terminan las solicitudes en curso");
    await stopServer(running);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
