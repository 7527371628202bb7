/**
 * Cortes de seguimiento, the list of reports of a corte and the data-quality
 * report (api/seguimiento.ts). The routes parse, let the policy decide on the
 * plan (corte.manage for the writes) and call the services; the services
 * decide with core's rules and throw SeguimientoRefusal, which the error
 * handler answers with the catalogue's status.
 */
import { api } from "@rumbo/core";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import {
  type CorteAct,
  closeCorte,
  createCorte,
  listCortes,
  reopenCorte,
} from "../../seguimiento/corte-service.ts";
import { getDataQuality } from "../../seguimiento/data-quality-service.ts";
import { listReports } from "../../seguimiento/report-list-service.ts";
import { contractRoute } from "../contract-route.ts";
import { planResource } from "./plans-routes.ts";

export function corteRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  const act = (request: FastifyRequest): CorteAct => ({
    userId: request.user?.id ?? null,
    actorEmail: request.user?.email ?? null,
    ip: request.ip,
    now: now(),
  });
  return async (app) => {
    app.get(
      api.listCortes.path,
      contractRoute(api.listCortes, planResource(db)),
      async (request) => ({ cortes: await listCortes(db, request.params.id, now()) }),
    );

    app.post(
      api.createCorte.path,
      contractRoute(api.createCorte, planResource(db)),
      async (request, reply) => {
        const corte = await createCorte(db, request.params.id, request.body, act(request));
        return reply.status(201).send(corte);
      },
    );

    app.post(
      api.closeCorte.path,
      contractRoute(api.closeCorte, planResource(db)),
      async (request) => closeCorte(db, request.params.id, request.params.corteId, act(request)),
    );

    app.post(
      api.reopenCorte.path,
      contractRoute(api.reopenCorte, planResource(db)),
      async (request) =>
        reopenCorte(db, request.params.id, request.params.corteId, request.body, act(request)),
    );

    app.get(
      api.listReports.path,
      contractRoute(api.listReports, planResource(db)),
      async (request) => {
        const { corte, status, indicator, mine, review } = request.query;
        return {
          reports: await listReports(
            db,
            request.params.id,
            {
              ...(corte === undefined ? {} : { corte }),
              ...(status === undefined ? {} : { status }),
              ...(indicator === undefined ? {} : { indicator }),
              mine: mine === "true",
              review: review === "true",
            },
            request.actor,
            now(),
          ),
        };
      },
    );

    app.get(
      api.getDataQuality.path,
      contractRoute(api.getDataQuality, planResource(db)),
      async (request) => getDataQuality(db, request.params.id, request.query.corte, now()),
    );
  };
}
