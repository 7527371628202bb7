/**
 * The public read API, `/api/public/v1/…` (ADR 0016; Ley 1712 de 2014): no
 * account, no cookie, GET and HEAD only (anything else is 405, answered by
 * app.ts's not-found handler), `Access-Control-Allow-Origin: *`, a limit per
 * client, and answers served from stored publications with ETag,
 * Last-Modified and Cache-Control — a matching If-None-Match gets 304 without
 * reading any snapshot.
 */
import { api } from "@rumbo/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import {
  openDataFile,
  type PendingCatalog,
  type PendingFile,
  publicCatalog,
} from "../../publicacion/open-data-service.ts";
import { matchesEtag, PerDatabaseCache } from "../../publicacion/per-database-cache.ts";
import {
  type PublicAnswer,
  publicCorteAnswer,
  publicIndicatorAnswer,
  publicPlanAnswer,
  publicPlansAnswer,
  type Validators,
} from "../../publicacion/public-answers.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { PUBLIC_RATE_LIMIT, PublicRateLimiter, type RateLimit } from "../public-rate-limit.ts";

export const PUBLIC_API_PREFIX = "/api/public/";

/**
 * How long a copy may be reused: a corte asked by its number keeps its content
 * (only the number of the newest moves); the rest may gain a publication.
 */
const MAX_AGE_LATEST_S = 300;
const MAX_AGE_NUMBERED_S = 3_600;

/** The headers of every public answer, errors included. */
export function setPublicHeaders(reply: FastifyReply): void {
  reply.header("access-control-allow-origin", "*");
  reply.header("access-control-expose-headers", "ETag, Last-Modified, Retry-After");
  // Helmet's same-origin would keep other sites' pages from loading open data.
  reply.header("cross-origin-resource-policy", "cross-origin");
}

/** Serialised answers by ETag (answers are pure functions of their publications). */
const bodyCache = new PerDatabaseCache<string, string>(256);

function cachedBody(db: Database, etag: string): string | undefined {
  return bodyCache.get(db, etag);
}

function cacheBody(db: Database, etag: string, body: string): void {
  bodyCache.set(db, etag, body);
}

/** Sets the caching headers; true when the client's copy is fresh (answer 304). */
function fresh(request: FastifyRequest, reply: FastifyReply, validators: Validators): boolean {
  const maxAge = validators.numbered ? MAX_AGE_NUMBERED_S : MAX_AGE_LATEST_S;
  reply
    .header("etag", validators.etag)
    .header("last-modified", validators.lastModified.toUTCString())
    .header("cache-control", `public, max-age=${maxAge}`);
  return matchesEtag(request.headers["if-none-match"], validators.etag);
}

async function answer(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  pending: PublicAnswer,
): Promise<FastifyReply> {
  if (fresh(request, reply, pending)) return reply.status(304).send();
  let body = cachedBody(db, pending.etag);
  if (body === undefined) {
    body = JSON.stringify(await pending.build());
    cacheBody(db, pending.etag, body);
  }
  // Already JSON text: sent as is, not serialised again.
  return reply.type("application/json; charset=utf-8").send(body);
}

async function sendCatalog(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  pending: PendingCatalog,
): Promise<FastifyReply> {
  if (fresh(request, reply, pending)) return reply.status(304).send();
  let body = cachedBody(db, pending.etag);
  if (body === undefined) {
    body = JSON.stringify(await pending.build(), null, 2);
    cacheBody(db, pending.etag, body);
  }
  return reply.type("application/ld+json; charset=utf-8").send(body);
}

async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  pending: PendingFile,
): Promise<FastifyReply> {
  if (fresh(request, reply, pending)) return reply.status(304).send();
  const file = await pending.build();
  const text = file.mediaType.startsWith("text/") || file.mediaType.endsWith("json");
  return reply
    .type(text ? `${file.mediaType}; charset=utf-8` : file.mediaType)
    .header("content-disposition", `attachment; filename="${file.fileName}"`)
    .header("x-content-type-options", "nosniff")
    .send(file.data);
}

/** The entity's data for the catalogue (datos.gov.co fields); see config.ts. */
export type OpenDataSettings = {
  entity: string | null;
  contactEmail: string | null;
  coverage: string;
  category: string;
};

export const DEFAULT_OPEN_DATA_SETTINGS: OpenDataSettings = {
  entity: null,
  contactEmail: null,
  coverage: "Colombia",
  category: "Función pública",
};

export function publicRoutes(
  db: Database,
  now: () => Date,
  limit: RateLimit = PUBLIC_RATE_LIMIT,
  site: { baseUrl: (host: string) => string; openData: OpenDataSettings } = {
    baseUrl: (host) => `http://${host}`,
    openData: DEFAULT_OPEN_DATA_SETTINGS,
  },
): FastifyPluginAsyncZod {
  return async (app) => {
    const limiter = new PublicRateLimiter(limit);
    app.addHook("onRequest", async (request, reply) => {
      setPublicHeaders(reply);
      const wait = limiter.take(request.ip, now().getTime());
      if (wait !== null) {
        reply.header("retry-after", String(wait));
        throw new ApiError(
          429,
          "RATE_LIMITED",
          `Demasiadas consultas desde esta dirección: espere ${wait} s (límite de ${limit.max} cada ${Math.round(limit.windowMs / 1000)} s).`,
        );
      }
    });

    app.get(api.listPublicPlans.path, contractRoute(api.listPublicPlans), async (request, reply) =>
      answer(
        db,
        request,
        reply,
        await publicPlansAnswer(db, request.query.page, request.query.pageSize),
      ),
    );

    app.get(api.getPublicPlan.path, contractRoute(api.getPublicPlan), async (request, reply) =>
      answer(db, request, reply, await publicPlanAnswer(db, request.params.id)),
    );

    app.get(api.getPublicCorte.path, contractRoute(api.getPublicCorte), async (request, reply) =>
      answer(
        db,
        request,
        reply,
        await publicCorteAnswer(
          db,
          request.params.id,
          request.params.periodEnd,
          request.query.publication,
        ),
      ),
    );

    app.get(
      api.getPublicIndicator.path,
      contractRoute(api.getPublicIndicator),
      async (request, reply) =>
        answer(
          db,
          request,
          reply,
          await publicIndicatorAnswer(
            db,
            request.params.id,
            request.params.periodEnd,
            request.params.code,
            request.query.publication,
          ),
        ),
    );

    app.get(
      api.getPublicCatalog.path,
      contractRoute(api.getPublicCatalog),
      async (request, reply) =>
        sendCatalog(
          db,
          request,
          reply,
          await publicCatalog(db, site.baseUrl(request.host), site.openData),
        ),
    );

    app.get(
      api.downloadOpenData.path,
      contractRoute(api.downloadOpenData),
      async (request, reply) => {
        const { corte, format, publication } = request.query;
        return sendFile(
          request,
          reply,
          await openDataFile(
            db,
            site.baseUrl(request.host),
            request.params.id,
            corte,
            format,
            publication,
          ),
        );
      },
    );
  };
}
