/**
 * Prometheus metrics at /metrics (docs/operacion.md): requests and their
 * latency per route — labelled by the contract's operationId (or the route's
 * pattern for the few routes without one), never by the raw URL, so ids in
 * paths cannot grow the label set —, the compliance cache's hits and misses,
 * the PostgreSQL pool, and the process (CPU, memory, event loop, GC).
 *
 * Who may read them: a scraper sending `Authorization: Bearer
 * $RUMBO_METRICS_TOKEN`, or a client on this same machine (loopback) whose
 * request did not come through a proxy (no X-Forwarded-For / Forwarded). Anyone
 * else gets the same 404 as an unknown path, so the endpoint does not announce
 * itself; a wrong token gets 403, because its sender already knows it exists.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DatabaseHandle } from "../db/open-database.ts";
import { CACHE_OUTCOMES, type CacheOutcome } from "../seguimiento/compliance-cache.ts";
import { ApiError } from "./api-error.ts";
import { sendNotFound } from "./error-handler.ts";

export const METRICS_PATH = "/metrics";

/** CPU, memory, event loop and GC are the process's, not one app's: collected once. */
let processRegistry: Registry | null = null;

function processMetrics(): Registry {
  if (processRegistry === null) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export type MetricsOptions = { database: DatabaseHandle; token: string | null };

export type AppMetrics = {
  /** Counts one compliance answer by how the cache of results found it (ADR 0018). */
  complianceCache(outcome: CacheOutcome): void;
};

export function registerMetrics(app: FastifyInstance, options: MetricsOptions): AppMetrics {
  const registry = new Registry();
  const cache = new Counter({
    name: "rumbo_compliance_cache_requests_total",
    help: "Respuestas de cumplimiento (getCompliance, getDashboard, explainCompliance) según la caché de resultados: hit (sin cambios), incremental (reportes aplicados), fork (otras opciones del mismo estado), miss (cálculo completo), bypass (knownAt o planAt calculado desde la base).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  for (const outcome of CACHE_OUTCOMES) cache.inc({ outcome }, 0);
  const requests = new Counter({
    name: "rumbo_http_requests_total",
    help: "Solicitudes HTTP respondidas, por operación (operationId), método y estado.",
    labelNames: ["operation", "method", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "rumbo_http_request_duration_seconds",
    help: "Tiempo de respuesta por operación (operationId) y método, en segundos.",
    labelNames: ["operation", "method"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "rumbo_database_info",
    help: "Motor de base de datos en uso (1 para el motor configurado).",
    labelNames: ["engine"] as const,
    registers: [registry],
    collect() {
      this.set({ engine: options.database.engine }, 1);
    },
  });
  const pool = options.database.poolStats;
  if (pool) {
    new Gauge({
      name: "rumbo_db_pool_connections",
      help: "Conexiones del pool de PostgreSQL: abiertas (total) y libres (idle).",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const stats = pool();
        this.set({ state: "total" }, stats.total);
        this.set({ state: "idle" }, stats.idle);
      },
    });
    new Gauge({
      name: "rumbo_db_pool_waiting",
      help: "Consultas esperando una conexión libre del pool de PostgreSQL.",
      registers: [registry],
      collect() {
        this.set(pool().waiting);
      },
    });
  }

  app.addHook("onResponse", async (request, reply) => {
    const operation = operationOf(request);
    requests.inc({ operation, method: request.method, status: String(reply.statusCode) });
    duration.observe({ operation, method: request.method }, reply.elapsedTime / 1000);
  });

  app.get(METRICS_PATH, { schema: { hide: true } }, async (request, reply) => {
    const access = metricsAccess(request, options.token);
    if (access === "hidden") return sendNotFound(request, reply);
    if (access === "forbidden") {
      throw new ApiError(403, "FORBIDDEN", "El token de métricas no es válido.");
    }
    const merged = Registry.merge([processMetrics(), registry]);
    return reply.type(merged.contentType).send(await merged.metrics());
  });
  return { complianceCache: (outcome) => cache.inc({ outcome }) };
}

/** The contract's operationId; the route pattern for routes without a contract; never the URL. */
function operationOf(request: FastifyRequest): string {
  const schema = request.routeOptions.schema as { operationId?: string } | undefined;
  return schema?.operationId ?? request.routeOptions.url ?? "sin_ruta";
}

export function metricsAccess(
  request: FastifyRequest,
  token: string | null,
): "allowed" | "forbidden" | "hidden" {
  const authorization = request.headers.authorization;
  if (token !== null && typeof authorization === "string") {
    return sameText(authorization, `Bearer ${token}`) ? "allowed" : "forbidden";
  }
  const proxied =
    request.headers["x-forwarded-for"] !== undefined || request.headers.forwarded !== undefined;
  return isLoopback(request.socket.remoteAddress) && !proxied ? "allowed" : "hidden";
}

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
