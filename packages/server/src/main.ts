/**
 * `npm start`: configuration → database (migrated) → demo data when empty →
 * HTTP server; graceful shutdown on SIGTERM/SIGINT (finish requests, close
 * the database, release the data-directory lock).
 */
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { ConfigError, databaseConfigOf, loadConfig } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { type DatabaseHandle, openDatabase } from "./db/open-database.ts";
import { loadDemoDataIfEmpty } from "./demo-data.ts";
import { buildApp } from "./http/app.ts";
import { VERSION } from "./version.ts";

const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

export async function startServer(
  env: NodeJS.ProcessEnv,
): Promise<{ app: FastifyInstance; database: DatabaseHandle }> {
  const config = loadConfig(env);
  const database = await openDatabase(databaseConfigOf(config));
  try {
    const app = await buildApp({
      database,
      logger: { level: config.logLevel },
      webDist: WEB_DIST,
      version: VERSION,
    });
    const demo = await loadDemoDataIfEmpty(database.db);
    if (demo.loaded) {
      app.log.info(
        { planId: demo.planId, warnings: demo.warnings },
        "base de datos vacía: se cargó el plan sectorial de demostración",
      );
    }
    await app.listen({ port: config.port, host: config.host });
    app.log.info({ database: database.description }, `Rumbo ${VERSION} listo`);
    return { app, database };
  } catch (error) {
    await database.close();
    throw error;
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
    try {
      await running.app.close();
    } finally {
      await running.database.close();
    }
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
