import { api, describeAuditEntry } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { type AuditFilter, listAudit } from "../../audit/audit-repository.ts";
import type { Database } from "../../db/open-database.ts";
import { toCsv } from "../../files/csv-writer.ts";
import { contractRoute } from "../contract-route.ts";

const DEFAULT_LIMIT = 500;

export function auditRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(api.listAudit.path, contractRoute(api.listAudit), async (request, reply) => {
      const q = request.query;
      const filter: AuditFilter = {
        ...(q.desde ? { from: new Date(`${q.desde}T00:00:00-05:00`) } : {}),
        // Bogotá time (UTC−5, no daylight saving): "hasta" includes that whole
        // day, up to the first instant of the next one.
        ...(q.hasta ? { before: nextDayInBogota(q.hasta) } : {}),
        ...(q.usuario ? { actorEmail: q.usuario } : {}),
        ...(q.accion ? { action: q.accion } : {}),
        ...(q.resultado ? { outcome: q.resultado } : {}),
        ...(q.limite ? { limit: q.limite } : {}),
      };
      const limit = filter.limit ?? DEFAULT_LIMIT;
      // One more than asked tells whether the list was cut.
      const found = await listAudit(db, { ...filter, limit: limit + 1 });
      const truncated = found.length > limit;
      const entries = found.slice(0, limit);
      if (q.formato === "csv") {
        reply.header("content-type", "text/csv; charset=utf-8");
        reply.header("content-disposition", 'attachment; filename="auditoria-rumbo.csv"');
        return toCsv(
          [
            "id",
            "fecha",
            "usuario_id",
            "correo",
            "accion",
            "descripcion",
            "recurso",
            "resultado",
            "ip",
            "detalles",
          ],
          entries.map((e) => [
            e.id,
            e.at,
            e.userId,
            e.actorEmail,
            e.action,
            describeAuditEntry(e),
            e.resource,
            e.outcome,
            e.ip,
            e.details ? JSON.stringify(e.details) : "",
          ]),
        );
      }
      return { entries, truncated };
    });
  };
}

/** The first instant of the day after `day` (AAAA-MM-DD) in Bogotá. */
function nextDayInBogota(day: string): Date {
  return new Date(new Date(`${day}T00:00:00-05:00`).getTime() + 24 * 60 * 60 * 1000);
}
