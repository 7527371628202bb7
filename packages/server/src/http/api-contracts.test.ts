/**
 * Every /api route comes from a core contract (api/*.ts) with its stable
 * operationId, and every contract is served: integrators and generated clients
 * name routes by operationId, and the web calls the same contracts.
 */
import { API_ENDPOINTS } from "@rumbo/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../db/open-database.ts";
import { buildApp } from "./app.ts";

type Operation = { operationId?: string; responses?: Record<string, unknown> };
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openDatabase({ engine: "pglite", dataDir: null });
  app = await buildApp({ database, logger: false, webDist: null, version: "t" });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** `/api/plans/{id}` as Fastify writes it: `/api/plans/:id`. */
function fastifyPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ":$1");
}

describe("contratos de la API", () => {
  it("cada ruta de /api del documento OpenAPI tiene un operationId único que es el de su contrato en core", () => {
    const document = app.swagger() as unknown as OpenApiDocument;
    const served = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${fastifyPath(path)}`,
        operationId: operation.operationId,
      })),
    );
    const contracts = API_ENDPOINTS.map((e) => ({
      route: `${e.method} ${e.path}`,
      operationId: e.operationId,
    }));
    const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
    expect(served.sort(byRoute)).toEqual(contracts.sort(byRoute));
    expect(new Set(served.map((s) => s.operationId)).size).toBe(served.length);
  });

  it("la tabla de rutas registra las mismas rutas que los contratos, con la acción del contrato", () => {
    const api = app.routeTable.filter(
      (r) =>
        r.url.startsWith("/api") && !r.url.startsWith("/api/docs") && r.url !== "/api/openapi.json",
    );
    expect(api.map((r) => `${r.method} ${r.url} ${r.action}`).sort()).toEqual(
      API_ENDPOINTS.map((e) => `${e.method} ${e.path} ${e.action}`).sort(),
    );
  });

  it("el documento OpenAPI describe las respuestas de error de cada código del contrato", () => {
    const document = app.swagger() as unknown as OpenApiDocument;
    const getPlan = document.paths["/api/plans/{id}"]?.get;
    expect(Object.keys(getPlan?.responses ?? {}).sort()).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
    ]);
    const updatePlan = document.paths["/api/plans/{id}"]?.put;
    expect(Object.keys(updatePlan?.responses ?? {}).sort()).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
      "409",
      "422",
      "428",
    ]);
  });
});
