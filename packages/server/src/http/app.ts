/**
 * The HTTP application: API routes with zod schemas (validation, types and
 * the OpenAPI document at once), Swagger UI at /api/docs, the web build at /.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
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
import type { DatabaseHandle } from "../db/open-database.ts";
import { registerErrorHandling, sendNotFound } from "./error-handler.ts";
import { complianceRoutes } from "./routes/compliance-routes.ts";
import { healthRoutes } from "./routes/health-routes.ts";
import { plansRoutes } from "./routes/plans-routes.ts";

export type AppOptions = {
  database: DatabaseHandle;
  logger: FastifyServerOptions["logger"];
  /** Directory of the web build (packages/web/dist); null serves the API only. */
  webDist: string | null;
  version: string;
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: 1024 * 1024,
    // Let the error handler decide what leaves the server.
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Rumbo API",
        description: "Formulación y seguimiento de planes estratégicos públicos.",
        version: options.version,
      },
      tags: [
        { name: "planes", description: "Planes, objetivos, indicadores y programación" },
        { name: "cumplimiento", description: "Cálculo de cumplimiento (docs/formats.md §3)" },
        { name: "sistema", description: "Estado del servicio" },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(options.database, options.version));
  await app.register(plansRoutes(options.database.db));
  await app.register(complianceRoutes(options.database.db));

  const webDist =
    options.webDist && existsSync(join(options.webDist, "index.html")) ? options.webDist : null;
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
  }
  // Client-side routes (/planes/1) get the web app; unknown API paths stay JSON 404s.
  app.setNotFoundHandler((request, reply) => {
    if (webDist && request.method === "GET" && !request.url.startsWith("/api")) {
      return reply.type("text/html; charset=utf-8").sendFile("index.html");
    }
    return sendNotFound(request, reply);
  });
  return app;
}
