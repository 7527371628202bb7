import { api } from "@rumbo/core";
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { DatabaseHandle } from "../../db/open-database.ts";
import { appliedSchemaVersion, latestKnownSchema } from "../../db/schema-version.ts";
import { contractRoute } from "../contract-route.ts";

export function healthRoutes(database: DatabaseHandle, version: string): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(api.getHealth.path, contractRoute(api.getHealth), async (_request, reply) => {
      let ok = true;
      try {
        await database.db.execute(sql`select 1`);
      } catch {
        ok = false;
      }
      const result = {
        status: ok ? "ok" : "error",
        database: { engine: database.engine, ok },
        version,
      } as const;
      return reply.status(ok ? 200 : 503).send(result);
    });

    app.get(api.getReady.path, contractRoute(api.getReady), async (request, reply) => {
      const expected = latestKnownSchema();
      const engine = database.engine;
      const notReady = (reason: string, dbOk: boolean, applied: string | null, error?: unknown) => {
        request.log.warn({ reason, err: error }, "no listo para atender");
        return reply.status(503).send({
          status: "not_ready",
          database: { engine, ok: dbOk },
          migrations: { applied, expected: expected.migration, ok: false },
          reason,
        });
      };
      try {
        await database.db.execute(sql`select 1`);
      } catch (error) {
        // The driver's message (hosts, users) goes to the log, not to a public answer.
        return notReady("la base de datos no responde", false, null, error);
      }
      let applied: Awaited<ReturnType<typeof appliedSchemaVersion>>;
      try {
        applied = await appliedSchemaVersion(database.db);
      } catch (error) {
        return notReady(
          "la base de datos no tiene el registro de migraciones de Rumbo (drizzle.__drizzle_migrations)",
          true,
          null,
          error,
        );
      }
      if (applied.createdAt !== expected.createdAt || applied.hash !== expected.hash) {
        const which =
          applied.createdAt > expected.createdAt
            ? `la base tiene una migración más nueva (${applied.migration}) que esta versión de Rumbo (${expected.migration}): otra instancia más reciente la migró`
            : `faltan migraciones: la base está en ${applied.migration} y esta versión de Rumbo espera ${expected.migration}`;
        return notReady(which, true, applied.migration);
      }
      return reply.status(200).send({
        status: "ready",
        database: { engine, ok: true },
        migrations: { applied: applied.migration, expected: expected.migration, ok: true },
      });
    });
  };
}
