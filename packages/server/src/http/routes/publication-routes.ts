/** Publishing a closed corte and the plan's list of publications (ADR 0016). */
import { api } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { publicationSummaries } from "../../publicacion/publication-json.ts";
import { publishCorte } from "../../publicacion/publication-service.ts";
import { listPlanPublications } from "../../publicacion/publication-store.ts";
import { contractRoute } from "../contract-route.ts";
import { planResource } from "./plans-routes.ts";

export function publicationRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      api.publishCorte.path,
      contractRoute(api.publishCorte, planResource(db)),
      async (request) => {
        const outcome = await publishCorte(db, request.params.id, request.params.corteId, {
          userId: request.user?.id ?? null,
          now: now(),
        });
        const [publication] = await publicationSummaries(db, [outcome.publication]);
        if (!publication) throw new Error("la publicación recién guardada no se leyó");
        return { publication, created: outcome.created };
      },
    );

    app.get(
      api.listPublications.path,
      contractRoute(api.listPublications, planResource(db)),
      async (request) => ({
        publications: await publicationSummaries(
          db,
          await listPlanPublications(db, request.params.id),
        ),
      }),
    );
  };
}
