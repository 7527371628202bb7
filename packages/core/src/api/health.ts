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

export const healthEndpoints = { getHealth };
