import { api } from "@rumbo/core";
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { DatabaseHandle } from "../../db/open-database.ts";
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
  };
}
