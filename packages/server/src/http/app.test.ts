import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../demo-data.ts";
import { createAccount, sessionFor } from "../testing/accounts.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { buildApp } from "./app.ts";

describe.each(TEST_ENGINES)("API de planes sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let planId: number;
  beforeAll(async () => {
    database = await open();
    const demo = await loadDemoDataIfEmpty(database.db);
    if (!demo.loaded) throw new Error("la base de prueba debía estar vacía");
    planId = demo.planId;
    app = await buildApp({ database, logger: false, webDist: null, version: "0.1.0-test" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("GET /api/health responde ok con el motor de base de datos", async () => {
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: "ok",
      database: { engine: database.engine, ok: true },
      version: "0.1.0-test",
    });
  });

  it("GET /api/plans lista el plan sectorial de demostración", async () => {
    const res = await app.inject({ method: "GET", url: "/api/plans" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      plans: [
        {
          id: planId,
          code: "PES-GP-2024-2027",
          name: "Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública",
          entity: "Sector Gestión Pública",
          years: [2024, 2025, 2026, 2027],
          objectiveCount: 8,
          indicatorCount: 18,
          published: true,
        },
      ],
    });
  });

  it("GET /api/plans/:id devuelve el árbol: la meta 78 no está programada en 2024", async () => {
    const res = await app.inject({ method: "GET", url: `/api/plans/${planId}` });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan.objectives).toHaveLength(8);
    const o3 = plan.objectives[2];
    expect(o3.indicators.map((i: { code: string }) => i.code)).toEqual(["78", "2320"]);
    expect(o3.indicators[0].targets).toEqual({
      "2024": null,
      "2025": 92,
      "2026": 93.5,
      "2027": 95,
    });
    const o6 = plan.objectives[5];
    expect(o6.indicators[4]).toMatchObject({ code: "80", weight: 0, total: 59.2 });
  });

  it("un plan inexistente da 404 con el código y mensaje en español (con sesión; sin ella pide iniciarla)", async () => {
    const anonymous = await app.inject({ method: "GET", url: "/api/plans/999999" });
    expect(anonymous.statusCode).toBe(401);
    const { headers } = await sessionFor(
      database.db,
      await createAccount(database.db, "lector@entidad.gov.co", []),
    );
    const res = await app.inject({ method: "GET", url: "/api/plans/999999", headers });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: "PLAN_NOT_FOUND", message: "No existe el plan 999999.", details: null },
    });
  });

  it("un id que no es número da 400 nombrando el campo", async () => {
    const res = await app.inject({ method: "GET", url: "/api/plans/abc" });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe("VALIDATION_ERROR");
    expect(body.error.details).toEqual([
      { field: "id", message: "el id del plan debe ser un número" },
    ]);
    expect(body.error.message).toBe(
      "La solicitud no es válida (parámetro de ruta): id: el id del plan debe ser un número",
    );
  });

  it("una ruta de API desconocida da 404 en el formato de error único", async () => {
    const res = await app.inject({ method: "GET", url: "/api/nada?x=1" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: "NOT_FOUND", message: "No existe la ruta GET /api/nada.", details: null },
    });
  });

  it("una dirección con un escape que no es UTF-8 o un segmento de más de 100 caracteres da 400 en el formato de error único (hallado por el fuzzing)", async () => {
    const badEscape = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/indicators/%ED%A0%80/reports/2025-Q1/history`,
    });
    expect(badEscape.statusCode).toBe(400);
    expect(badEscape.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message:
          "La dirección de la solicitud no es válida: tiene un carácter codificado (%XX) que no es texto UTF-8.",
        details: null,
      },
    });
    const longSegment = await app.inject({
      method: "PUT",
      url: `/api/plans/${planId}/indicators/2307/reports/${"x".repeat(101)}`,
      payload: { value: 44 },
    });
    expect(longSegment.statusCode).toBe(400);
    expect(longSegment.json().error).toEqual({
      code: "BAD_REQUEST",
      message:
        "Un segmento de la dirección supera los 100 caracteres: revise el código o el periodo de la dirección.",
      details: null,
    });
  });

  it("publica el documento OpenAPI con las rutas de planes y la interfaz Swagger", async () => {
    const spec = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/api/health", "/api/plans", "/api/plans/{id}"]),
    );
    const ui = await app.inject({ method: "GET", url: "/api/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toMatch(/text\/html/);
  });

  it("la documentación de la API tiene la misma política de contenido estricta que la aplicación, y carga sus archivos", async () => {
    const appPolicy = (await app.inject({ method: "GET", url: "/api/health" })).headers[
      "content-security-policy"
    ];
    expect(appPolicy).toBe(
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    );
    for (const url of [
      "/api/docs/",
      "/api/docs/static/swagger-ui.css",
      "/api/docs/static/index.css",
      "/api/docs/static/swagger-ui-bundle.js",
      "/api/docs/static/swagger-ui-standalone-preset.js",
      "/api/docs/static/swagger-initializer.js",
      "/api/docs/json",
    ]) {
      const res = await app.inject({ method: "GET", url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expect({ url, csp: res.headers["content-security-policy"] }).toEqual({ url, csp: appPolicy });
    }
    const page = (await app.inject({ method: "GET", url: "/api/docs/" })).body;
    // Only files of its own: no inline script for a strict script-src to allow.
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });
});

describe("errores internos", () => {
  it("no exponen la pila ni el SQL: mensaje genérico y código estable", async () => {
    const database = await TEST_ENGINES[0]?.open();
    if (!database) throw new Error("sin motor de prueba");
    const app = await buildApp({ database, logger: false, webDist: null, version: "t" });
    await database.close();
    const res = await app.inject({ method: "GET", url: "/api/plans" });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: {
        code: "INTERNAL_ERROR",
        message:
          "Ocurrió un error interno. El equipo técnico puede revisarlo en el registro del servidor.",
        details: null,
      },
    });
    expect(res.body).not.toMatch(/select|at .*\.ts/i);
    await app.close();
  });
});

describe("la aplicación web compilada", () => {
  it("se sirve en / y en las rutas del cliente, sin tapar los 404 de la API", async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dist = mkdtempSync(join(tmpdir(), "rumbo-web-"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Rumbo</title>");
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "assets", "app.js"), "console.log(1)");
    const { gzipSync, gunzipSync } = await import("node:zlib");
    writeFileSync(join(dist, "assets", "app.js.gz"), gzipSync("console.log(1)"));
    const database = await TEST_ENGINES[0]?.open();
    if (!database) throw new Error("sin motor de prueba");
    const app = await buildApp({ database, logger: false, webDist: dist, version: "t" });
    try {
      const home = await app.inject({ method: "GET", url: "/" });
      expect(home.statusCode).toBe(200);
      expect(home.body).toBe("<!doctype html><title>Rumbo</title>");
      const route = await app.inject({ method: "GET", url: "/planes/1" });
      expect(route.statusCode).toBe(200);
      expect(route.headers["content-type"]).toMatch(/^text\/html/);
      const asset = await app.inject({ method: "GET", url: "/assets/app.js" });
      expect(asset.body).toBe("console.log(1)");
      expect(asset.headers["content-encoding"]).toBeUndefined();
      // A browser that accepts gzip gets the file compressed at build time.
      const gzipped = await app.inject({
        method: "GET",
        url: "/assets/app.js",
        headers: { "accept-encoding": "gzip, deflate, br" },
      });
      expect(gzipped.headers["content-encoding"]).toBe("gzip");
      expect(gzipped.headers["content-type"]).toMatch(/javascript/);
      expect(gunzipSync(gzipped.rawPayload).toString()).toBe("console.log(1)");
      const api = await app.inject({ method: "GET", url: "/api/no-existe" });
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe("NOT_FOUND");
    } finally {
      await app.close();
      await database.close();
    }
  });
});
