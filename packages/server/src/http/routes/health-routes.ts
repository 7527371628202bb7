import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DatabaseHandle } from "../../db/open-database.ts";

const healthSchema = z.object({
  status: z.enum(["ok", "error"]),
  database: z.object({ engine: z.enum(["pglite", "postgres"]), ok: z.boolean() }),
  version: z.string(),
});

export function healthRoutes(database: DatabaseHandle, version: string): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/health",
      {
        config: { action: "public" },
        schema: {
          tags: ["sistema"],
          summary: "Estado del servidor y de la base de datos",
          response: { 200: healthSchema, 503: healthSchema },
        },
      },
      async (_request, reply) => {
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
      },
    );
  };
}
