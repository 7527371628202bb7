/** System: is the server up, and its database. */
import { z } from "zod";
import { defineEndpoint } from "./endpoint.ts";

export const healthSchema = z.object({
  status: z.enum(["ok", "error"]),
  database: z.object({ engine: z.enum(["pglite", "postgres"]), ok: z.boolean() }),
  version: z.string(),
});

const getHealth = defineEndpoint({
  operationId: "getHealth",
  method: "GET",
  path: "/api/health",
  tag: "sistema",
  summary: "Estado del servidor y de la base de datos",
  action: "public",
  responses: { 200: healthSchema, 503: healthSchema },
  errorCodes: [],
});

export const readinessSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  database: z.object({ engine: z.enum(["pglite", "postgres"]), ok: z.boolean() }),
  migrations: z.object({
    /** The last migration applied to the database; null when it could not be read. */
    applied: z.string().nullable(),
    /** The last migration this version of Rumbo carries. */
    expected: z.string(),
    ok: z.boolean(),
  }),
  /** Why the server is not ready, in Spanish; absent when ready. */
  reason: z.string().optional(),
});

/**
 * Alive is not ready: a load balancer sends requests to an instance only
 * when its database answers and carries every migration of the code.
 */
const getReady = defineEndpoint({
  operationId: "getReady",
  method: "GET",
  path: "/api/ready",
  tag: "sistema",
  summary: "Listo para atender: la base de datos responde y tiene todas las migraciones",
  action: "public",
  responses: { 200: readinessSchema, 503: readinessSchema },
  errorCodes: [],
});

export const healthEndpoints = { getHealth, getReady };
