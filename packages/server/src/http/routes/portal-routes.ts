/**
 * The public portal (/publico): server-rendered HTML pages, complete without
 * JavaScript, read from stored publications only (ADR 0016) — no engine runs
 * per request. Each page carries the ETag and Last-Modified of the public
 * answer it is made of; a matching If-None-Match gets 304, and the rendered
 * HTML is kept per publication. No cookie is read or set here.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  type CorteSnapshot,
  corteOverview,
  type PlanSnapshot,
  publishedIndicator,
} from "@rumbo/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { PortalConfig } from "../../config.ts";
import type { Database } from "../../db/open-database.ts";
import { serverPath } from "../../package-root.ts";
import {
  accessibilityPage,
  cortePage,
  day,
  indicatorPage,
  matchesSearch,
  methodologyPage,
  notFoundPage,
  type PlanListItem,
  type PortalContext,
  planPage,
  plansPage,
  type SearchHit,
  searchPage,
  siteMapPage,
} from "../../portal/pages.ts";
import { PORTAL_CSS } from "../../portal/portal-css.ts";
import { PORTAL_PREFIX } from "../../portal/shell.ts";
import { matchesEtag, PerDatabaseCache } from "../../publicacion/per-database-cache.ts";
import {
  publicCorteAnswer,
  publicIndicatorAnswer,
  publicPlanAnswer,
  publicPlansAnswer,
  type Validators,
} from "../../publicacion/public-answers.ts";
import {
  type PublicationRecord,
  publicEvidenceFile,
  publicPlanIds,
  publicPlanPublications,
  readSnapshot,
} from "../../publicacion/publication-store.ts";
import { SeguimientoRefusal } from "../../seguimiento/report-store.ts";
import { contentDisposition } from "./evidence-routes.ts";

/** Bumped when the pages' markup changes, so cached copies are not reused. */
const PORTAL_REVISION = "1";
const MAX_AGE_LATEST_S = 300;
const MAX_AGE_NUMBERED_S = 3_600;
const HTML_CACHE_SIZE = 512;

/** Rendered pages by key (a page is a pure function of its publications). */
const htmlCache = new PerDatabaseCache<string, string>(HTML_CACHE_SIZE);

function cached(db: Database, key: string): string | undefined {
  return htmlCache.get(db, key);
}

function keep(db: Database, key: string, body: string): void {
  htmlCache.set(db, key, body);
}

function matches(request: FastifyRequest, etag: string): boolean {
  return matchesEtag(request.headers["if-none-match"], etag);
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function readMethodology(): string | null {
  try {
    return readFileSync(serverPath("..", "..", "docs", "methodology.md"), "utf8");
  } catch {
    return null;
  }
}

type Query = Record<string, string | undefined>;

function text(query: unknown, name: string): string {
  const value = (query as Query | undefined)?.[name];
  return typeof value === "string" ? value.slice(0, 100) : "";
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

class PortalNotFound extends Error {}

function planIdOf(raw: string): number {
  if (!/^\d{1,9}$/.test(raw))
    throw new PortalNotFound(`No hay un plan publicado con el número ${raw.slice(0, 20)}.`);
  return Number(raw);
}

function periodEndOf(raw: string): string {
  if (!ISO_DAY.test(raw))
    throw new PortalNotFound(`«${raw.slice(0, 20)}» no es una fecha de corte (AAAA-MM-DD).`);
  return raw;
}

function numberOf(query: unknown): number | undefined {
  const raw = text(query, "publicacion");
  if (raw === "") return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new PortalNotFound(`«${raw}» no es un número de publicación.`);
  return Number(raw);
}

/** The portal's pages are HTML for people, not part of the API's OpenAPI document. */
const PAGE = { schema: { hide: true } } as const;

/** The publication of a corte a page names (`publicacion`, or the newest), with its snapshot. */
async function publishedCorte(
  db: Database,
  planId: number,
  periodEnd: string,
  number: number | undefined,
) {
  const records = (await publicPlanPublications(db, planId)) ?? [];
  const ofCorte = records.filter((r) => r.kind === "corte" && r.periodEnd === periodEnd);
  const record = number === undefined ? ofCorte[0] : ofCorte.find((r) => r.number === number);
  if (!record) throw new PortalNotFound(`El corte del ${day(periodEnd)} no está publicado.`);
  const snapshot = (await readSnapshot(db, record.id)) as CorteSnapshot;
  return { records, record, latestNumber: ofCorte[0]?.number ?? record.number, snapshot };
}

export function portalRoutes(
  db: Database,
  config: PortalConfig,
  baseUrl: (host: string) => string,
): (app: FastifyInstance) => Promise<void> {
  const methodology = readMethodology();
  const methodologyTag = `"p${PORTAL_REVISION}-metodologia-${hash(`${methodology ?? ""}${JSON.stringify(config)}`)}"`;
  const configTag = hash(JSON.stringify(config));
  const context = (request: FastifyRequest): PortalContext => ({
    config,
    baseUrl: baseUrl(request.headers.host ?? "localhost"),
  });

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    validators: Validators,
    key: string,
    render: () => Promise<string>,
  ): Promise<FastifyReply> {
    const etag = `"p${PORTAL_REVISION}-${configTag}-${hash(`${validators.etag}|${key}`)}"`;
    reply
      .header("etag", etag)
      .header("last-modified", validators.lastModified.toUTCString())
      .header(
        "cache-control",
        `public, max-age=${validators.numbered ? MAX_AGE_NUMBERED_S : MAX_AGE_LATEST_S}`,
      )
      .type("text/html; charset=utf-8");
    if (matches(request, etag)) return reply.status(304).send();
    let body = cached(db, etag);
    if (body === undefined) {
      body = await render();
      keep(db, etag, body);
    }
    return reply.send(body);
  }

  function notFound(request: FastifyRequest, reply: FastifyReply, message: string): FastifyReply {
    return reply
      .status(404)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(notFoundPage(context(request), message));
  }

  async function listItems(): Promise<PlanListItem[]> {
    const items: PlanListItem[] = [];
    for (const id of await publicPlanIds(db)) {
      const records = await publicPlanPublications(db, id);
      if (!records) continue;
      const planRecord = records.find((r) => r.kind === "plan");
      if (!planRecord) continue;
      const snapshot = (await readSnapshot(db, planRecord.id)) as PlanSnapshot;
      const last = latestCorte(records);
      items.push({
        id,
        snapshot,
        records,
        latest: last
          ? {
              record: last,
              overview: corteOverview((await readSnapshot(db, last.id)) as CorteSnapshot),
            }
          : null,
      });
    }
    return items;
  }

  return async (app) => {
    // Errors of the portal are pages, not JSON: an unknown plan or an unpublished corte is a 404 in the shell.
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof PortalNotFound) return notFound(request, reply, error.message);
      if (error instanceof SeguimientoRefusal) return notFound(request, reply, error.message);
      request.log.error(error);
      return reply
        .status(500)
        .type("text/html; charset=utf-8")
        .send(
          notFoundPage(context(request), "No fue posible mostrar esta página; intente más tarde."),
        );
    });

    app.get(`${PORTAL_PREFIX}/estilos.css`, PAGE, async (_request, reply) =>
      reply
        .type("text/css; charset=utf-8")
        .header("cache-control", "public, max-age=86400")
        .header("etag", `"${hash(PORTAL_CSS)}"`)
        .send(PORTAL_CSS),
    );

    app.get(PORTAL_PREFIX, PAGE, async (request, reply) => {
      const answer = await publicPlansAnswer(db, 1, 1000);
      return send(request, reply, answer, "planes", async () =>
        plansPage(context(request), await listItems()),
      );
    });

    app.get(`${PORTAL_PREFIX}/buscar`, PAGE, async (request, reply) => {
      const q = text(request.query, "q");
      const answer = await publicPlansAnswer(db, 1, 1000);
      return send(request, reply, answer, `buscar|${q}`, async () => {
        const hits: SearchHit[] = [];
        if (q.trim() !== "") {
          for (const item of await listItems()) {
            if (!item.latest) continue;
            const snapshot = (await readSnapshot(db, item.latest.record.id)) as CorteSnapshot;
            for (const o of snapshot.plan.objectives)
              for (const i of o.indicators)
                if (matchesSearch(q, i.code, i.name))
                  hits.push({
                    planId: item.id,
                    planName: snapshot.plan.name,
                    periodEnd: snapshot.corte.periodEnd,
                    code: i.code,
                    name: i.name,
                    objective: o.code,
                  });
          }
        }
        return searchPage(context(request), q, hits);
      });
    });

    app.get(`${PORTAL_PREFIX}/metodologia`, PAGE, async (request, reply) =>
      send(
        request,
        reply,
        { etag: methodologyTag, lastModified: new Date(0), numbered: false },
        "metodologia",
        async () => methodologyPage(context(request), methodology),
      ),
    );

    app.get(`${PORTAL_PREFIX}/accesibilidad`, PAGE, async (request, reply) =>
      send(
        request,
        reply,
        { etag: methodologyTag, lastModified: new Date(0), numbered: false },
        "accesibilidad",
        async () => accessibilityPage(context(request)),
      ),
    );

    app.get(`${PORTAL_PREFIX}/mapa-del-sitio`, PAGE, async (request, reply) => {
      const answer = await publicPlansAnswer(db, 1, 1000);
      return send(request, reply, answer, "mapa", async () =>
        siteMapPage(
          context(request),
          (await listItems()).map((i) => ({
            id: i.id,
            name: i.snapshot.plan.name,
            cortes: [
              ...new Set(i.records.filter((r) => r.kind === "corte").map((r) => r.periodEnd ?? "")),
            ].sort(),
          })),
        ),
      );
    });

    app.get<{ Params: { id: string } }>(
      `${PORTAL_PREFIX}/planes/:id`,
      PAGE,
      async (request, reply) => {
        const planId = planIdOf(request.params.id);
        const answer = await publicPlanAnswer(db, planId);
        return send(request, reply, answer, `plan|${planId}`, async () => {
          const records = (await publicPlanPublications(db, planId)) ?? [];
          const planRecord = records.find((r) => r.kind === "plan");
          if (!planRecord)
            throw new PortalNotFound(`No hay un plan publicado con el número ${planId}.`);
          const snapshot = (await readSnapshot(db, planRecord.id)) as PlanSnapshot;
          const last = latestCorte(records);
          const corte = last ? ((await readSnapshot(db, last.id)) as CorteSnapshot) : null;
          return planPage(context(request), {
            planId,
            snapshot,
            records,
            latest:
              last && corte
                ? { record: last, snapshot: corte, overview: corteOverview(corte) }
                : null,
          });
        });
      },
    );

    app.get<{ Params: { id: string; periodEnd: string } }>(
      `${PORTAL_PREFIX}/planes/:id/cortes/:periodEnd`,
      PAGE,
      async (request, reply) => {
        const planId = planIdOf(request.params.id);
        const periodEnd = periodEndOf(request.params.periodEnd);
        const number = numberOf(request.query);
        const filters = {
          objective: text(request.query, "objetivo"),
          semaforo: text(request.query, "semaforo"),
          q: text(request.query, "q"),
        };
        const answer = await publicCorteAnswer(db, planId, periodEnd, number);
        return send(
          request,
          reply,
          answer,
          `corte|${planId}|${periodEnd}|${number ?? ""}|${JSON.stringify(filters)}`,
          async () => {
            const { records, record, latestNumber, snapshot } = await publishedCorte(
              db,
              planId,
              periodEnd,
              number,
            );
            return cortePage(context(request), {
              planId,
              record,
              records,
              latestNumber,
              snapshot,
              overview: corteOverview(snapshot),
              numbered: number !== undefined,
              filters,
            });
          },
        );
      },
    );

    app.get<{ Params: { id: string; periodEnd: string; code: string } }>(
      `${PORTAL_PREFIX}/planes/:id/cortes/:periodEnd/indicadores/:code`,
      PAGE,
      async (request, reply) => {
        const planId = planIdOf(request.params.id);
        const periodEnd = periodEndOf(request.params.periodEnd);
        const number = numberOf(request.query);
        const code = request.params.code;
        const answer = await publicIndicatorAnswer(db, planId, periodEnd, code, number);
        return send(
          request,
          reply,
          answer,
          `indicador|${planId}|${periodEnd}|${number ?? ""}|${code}`,
          async () => {
            const { record, latestNumber, snapshot } = await publishedCorte(
              db,
              planId,
              periodEnd,
              number,
            );
            const indicator = publishedIndicator(snapshot, code);
            if (!indicator)
              throw new PortalNotFound(`El indicador ${code.slice(0, 60)} no está en este corte.`);
            return indicatorPage(context(request), {
              planId,
              record,
              latestNumber,
              snapshot,
              indicator,
              numbered: number !== undefined,
            });
          },
        );
      },
    );

    // A soporte of a published report: only a file some public corte lists, as an attachment
    // that can never act as a page of Rumbo (nosniff, sandbox); its ETag is its SHA-256.
    app.get<{ Params: { sha256: string } }>(
      `${PORTAL_PREFIX}/soportes/:sha256`,
      PAGE,
      async (request, reply) => {
        const sha256 = request.params.sha256.toLowerCase();
        const missing = "No hay un soporte publicado con esta huella (SHA-256).";
        if (!/^[0-9a-f]{64}$/.test(sha256)) throw new PortalNotFound(missing);
        const file = await publicEvidenceFile(db, sha256);
        if (!file) throw new PortalNotFound(missing);
        const etag = `"${sha256}"`;
        reply
          .header("etag", etag)
          .header("cache-control", `public, max-age=${MAX_AGE_LATEST_S}`)
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "sandbox; default-src 'none'");
        if (matches(request, etag)) return reply.status(304).send();
        const text = file.mediaType.startsWith("text/");
        return reply
          .header("content-type", text ? `${file.mediaType}; charset=utf-8` : file.mediaType)
          .header("content-length", String(file.size))
          .header("content-disposition", contentDisposition(file.fileName))
          .send(file.bytes);
      },
    );

    // Any other path under /publico: the shell's 404, not the web app.
    app.get(`${PORTAL_PREFIX}/*`, PAGE, async (request, reply) =>
      notFound(request, reply, "No existe una página pública con esta dirección."),
    );
  };
}

/** The newest publication of the latest published corte. */
function latestCorte(records: readonly PublicationRecord[]): PublicationRecord | undefined {
  let found: PublicationRecord | undefined;
  for (const r of records) {
    if (r.kind !== "corte" || r.periodEnd === null) continue;
    if (
      !found ||
      (found.periodEnd ?? "") < r.periodEnd ||
      (found.periodEnd === r.periodEnd && r.number > found.number)
    )
      found = r;
  }
  return found;
}
