/**
 * The HTTP application: API routes with zod schemas (validation, types and
 * the OpenAPI document at once), Swagger UI at /api/docs, the web build at /.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { EMPTY_PORTAL_CONFIG, type PortalConfig } from "../config.ts";
import type { DatabaseHandle } from "../db/open-database.ts";
import { createComplianceCache } from "../seguimiento/compliance-cache.ts";
import { registerAccessControl } from "./access-control.ts";
import {
  MAX_PARAM_LENGTH,
  registerErrorHandling,
  sendFrameworkError,
  sendNotFound,
} from "./error-handler.ts";
import { registerMetrics } from "./metrics.ts";
import type { RateLimit } from "./public-rate-limit.ts";
import { echoRequestId, requestIdOf } from "./request-id.ts";
import { auditRoutes } from "./routes/audit-routes.ts";
import { authRoutes } from "./routes/auth-routes.ts";
import { complianceRoutes } from "./routes/compliance-routes.ts";
import { corteRoutes } from "./routes/corte-routes.ts";
import { dashboardRoutes } from "./routes/dashboard-routes.ts";
import { evidenceRoutes } from "./routes/evidence-routes.ts";
import { formulationRoutes } from "./routes/formulation-routes.ts";
import { healthRoutes } from "./routes/health-routes.ts";
import { permissionsRoutes } from "./routes/permissions-routes.ts";
import { planFilesRoutes } from "./routes/plan-files-routes.ts";
import { plansRoutes } from "./routes/plans-routes.ts";
import { portalRoutes } from "./routes/portal-routes.ts";
import {
  DEFAULT_OPEN_DATA_SETTINGS,
  type OpenDataSettings,
  PUBLIC_API_PREFIX,
  publicRoutes,
  setPublicHeaders,
} from "./routes/public-routes.ts";
import { publicationRoutes } from "./routes/publication-routes.ts";
import { reportRoutes } from "./routes/report-routes.ts";
import { usersRoutes } from "./routes/users-routes.ts";

export type AppOptions = {
  database: DatabaseHandle;
  logger: FastifyServerOptions["logger"];
  /** Directory of the web build (packages/web/dist); null serves the API only. */
  webDist: string | null;
  version: string;
  /** The clock of sessions, lockouts and links; tests move it. */
  now?: () => Date;
  /** Base of links sent to people (password reset); default: http://<Host header>. */
  publicUrl?: string | null;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* (then cookies become Secure). */
  trustProxy?: boolean;
  /** Bearer token that opens /metrics to other machines; default: loopback only. */
  metricsToken?: string | null;
  /** Requests per client to the public API (/api/public/v1); default PUBLIC_RATE_LIMIT. */
  publicRateLimit?: RateLimit;
  /** What the open-data catalogue says of the entity; default DEFAULT_OPEN_DATA_SETTINGS. */
  openData?: OpenDataSettings;
  /** The entity's data in the public portal's shell (/publico); default: none. */
  portal?: PortalConfig;
};

/**
 * Graceful stop: a request in flight when the server starts closing gets its
 * answer with `Connection: close`, so its keep-alive connection ends with it
 * and close() does not wait for the client's idle timeout (72 s in Fastify).
 */
function endKeepAliveWhenClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });
}

/**
 * Every schema is zod: with these factories Fastify never loads its own
 * compilers (ajv and fast-json-stringify) at start. Fastify types them for
 * ajv; at run time it only calls them and uses what they return.
 */
const ZOD_COMPILERS = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as NonNullable<
  NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]
>;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Let the error handler decide what leaves the server.
    return503OnClosing: true,
    genReqId: requestIdOf,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // A path the router cannot read answers in the API's error shape too.
    frameworkErrors: sendFrameworkError,
    schemaController: { compilersFactory: ZOD_COMPILERS },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  echoRequestId(app);
  endKeepAliveWhenClosing(app);
  const metrics = registerMetrics(app, {
    database: options.database,
    token: options.metricsToken ?? null,
  });
  // Each server process keeps its own; every answer checks it against the database (ADR 0018).
  const complianceCache = createComplianceCache({ onOutcome: metrics.complianceCache });
  const now = options.now ?? (() => new Date());
  const db = options.database.db;

  await app.register(fastifyHelmet, {
    // The web app loads only its own files: no inline script, no third parties.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(fastifyCookie);
  registerAccessControl(app, db, now);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Rumbo API",
        description: "Formulación y seguimiento de planes estratégicos públicos.",
        version: options.version,
      },
      tags: [
        { name: "planes", description: "Planes, objetivos, indicadores y programación" },
        { name: "formulación", description: "Crear, editar, reprogramar y versionar planes" },
        { name: "cumplimiento", description: "Cálculo de cumplimiento (docs/formats.md §3)" },
        {
          name: "seguimiento",
          description:
            "Cortes, reportes de avance, revisión, soportes, historia y calidad del dato",
        },
        { name: "cuentas", description: "Sesiones, cuentas, roles y alcances" },
        { name: "auditoría", description: "Quién hizo qué, cuándo y desde dónde" },
        {
          name: "publicación",
          description:
            "Publicar el plan y sus cortes cerrados; cada publicación queda con fecha y número",
        },
        {
          name: "datos públicos",
          description:
            "API pública de lectura (/api/public/v1): solo lo publicado, sin cuenta, GET y HEAD, ETag y Cache-Control",
        },
        { name: "sistema", description: "Estado del servicio" },
      ],
    },
    transform: jsonSchemaTransform,
  });
  // No `staticCSP`: the plugin's own policy is looser than the app's (styles and
  // fonts from any https origin, framing by itself). Swagger UI needs nothing
  // but its own files from 'self', so the docs keep helmet's policy above.
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { config: { action: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const publicUrl = (host: string) => options.publicUrl ?? `http://${host}`;
  await app.register(healthRoutes(options.database, options.version));
  await app.register(authRoutes(db, now));
  await app.register(usersRoutes(db, now, publicUrl));
  await app.register(auditRoutes(db));
  await app.register(plansRoutes(db));
  await app.register(complianceRoutes(db, complianceCache));
  await app.register(dashboardRoutes(db, now, complianceCache));
  await app.register(permissionsRoutes(db));
  await app.register(formulationRoutes(db, now));
  await app.register(planFilesRoutes(db, now));
  await app.register(evidenceRoutes(db, now));
  await app.register(reportRoutes(db, now));
  await app.register(corteRoutes(db, now));
  await app.register(publicationRoutes(db, now));
  await app.register(
    publicRoutes(db, now, options.publicRateLimit, {
      baseUrl: (host) => options.publicUrl?.replace(/\/+$/, "") ?? `http://${host}`,
      openData: options.openData ?? DEFAULT_OPEN_DATA_SETTINGS,
    }),
  );
  await app.register(portalRoutes(db, options.portal ?? EMPTY_PORTAL_CONFIG, publicUrl));

  const webDist =
    options.webDist && existsSync(join(options.webDist, "index.html")) ? options.webDist : null;
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, preCompressed: true });
  }
  // Client-side routes (/planes/1) get the web app; unknown API paths stay JSON 404s.
  app.setNotFoundHandler((request, reply) => {
    // The public API is read-only: any other method is refused, whatever the path.
    if (request.url.startsWith(PUBLIC_API_PREFIX) && !["GET", "HEAD"].includes(request.method)) {
      setPublicHeaders(reply);
      return reply
        .status(405)
        .header("allow", "GET, HEAD")
        .send({
          error: {
            code: "METHOD_NOT_ALLOWED",
            message: `La API pública solo responde GET y HEAD, no ${request.method}.`,
            details: null,
          },
        });
    }
    if (webDist && request.method === "GET" && !request.url.startsWith("/api")) {
      return reply.type("text/html; charset=utf-8").sendFile("index.html");
    }
    return sendNotFound(request, reply);
  });
  return app;
}
