import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../../demo-data.ts";
import { createAccount, sessionFor } from "../../testing/accounts.ts";
import { recordReports } from "../../testing/report-versions.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";
import { buildApp } from "../app.ts";

describe.each(TEST_ENGINES)("GET /api/plans/:id/compliance sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let planId: number;
  beforeAll(async () => {
    database = await open();
    const demo = await loadDemoDataIfEmpty(database.db);
    if (!demo.loaded) throw new Error("la base de prueba debía estar vacía");
    planId = demo.planId;
    await recordReports(
      database.db,
      planId,
      [
        { indicator: "2307", period: "2024", value: 44 },
        { indicator: "77", period: "2024", value: 70 },
        { indicator: "2320", period: "2024-Q1", value: 2 },
        { indicator: "2320", period: "2024-Q4", value: 8 },
        { indicator: "4075", period: "2024-Q1", value: 5 },
        { indicator: "4075", period: "2024-Q3", value: 6 },
      ].map((r) => ({ ...r, status: "aprobado" as const })),
    );
    app = await buildApp({ database, logger: false, webDist: null, version: "t" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("objetivo 3 en 2024 se mide solo con la meta 2320 porque la 78 no está programada", async () => {
    const res = await app.inject({ method: "GET", url: `/api/plans/${planId}/compliance` });
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.format).toBe("rumbo.result/v1");
    const o3 = result.objectives.find((o: { code: string }) => o.code === "3");
    // 2320 is creciente: the last quarter (8) against the 2024 target (10).
    expect(o3.years["2024"]).toEqual({
      status: "amarillo",
      compliance: 0.8,
      semaforo: "amarillo",
      contributions: [{ code: "2320", weight: 1, compliance: 0.8, contribution: 0.8 }],
    });
    const i78 = result.indicators.find((i: { code: string }) => i.code === "78");
    expect(i78.years["2024"]).toMatchObject({ status: "np", compliance: null, target: null });
  });

  it("objetivo 1 en 2024 pondera 50/50 la meta 2307 (44 de 46) y la 77 (70 de 70,72)", async () => {
    const result = (
      await app.inject({ method: "GET", url: `/api/plans/${planId}/compliance` })
    ).json();
    const o1 = result.objectives.find((o: { code: string }) => o.code === "1");
    expect(o1.years["2024"].compliance).toBeCloseTo(0.5 * (44 / 46) + 0.5 * (70 / 70.72), 14);
    expect(
      o1.years["2024"].contributions.map((c: { code: string; weight: number }) => [
        c.code,
        c.weight,
      ]),
    ).toEqual([
      ["2307", 0.5],
      ["77", 0.5],
    ]);
    // 4075 is suma: quarters add up, 11 of 20.
    const i4075 = result.indicators.find((i: { code: string }) => i.code === "4075");
    expect(i4075.years["2024"]).toMatchObject({
      actual: 11,
      target: 20,
      compliance: 0.55,
      status: "rojo",
    });
  });

  it("con fecha de corte, las vigencias posteriores quedan pendientes y solo cuentan los trimestres vencidos", async () => {
    const result = (
      await app.inject({ method: "GET", url: `/api/plans/${planId}/compliance?asOf=2024-06-30` })
    ).json();
    expect(result.asOf).toBe("2024-06-30");
    expect(result.plan.years["2025"].status).toBe("pendiente");
    const i2320 = result.indicators.find((i: { code: string }) => i.code === "2320");
    expect(i2320.years["2024"]).toMatchObject({ actual: 2, target: 10, compliance: 0.2 });
  });

  it("parámetros no válidos dan 400 con cada campo nombrado, como en rumbo compute", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/compliance?asOf=2024-02-30&missing=todo&cap=-1`,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe("VALIDATION_ERROR");
    expect(body.error.details.map((d: { field: string }) => d.field)).toEqual([
      "asOf",
      "missing",
      "cap",
    ]);
    // The message names the query parameter the user wrote, never the CLI flag.
    expect(body.error.message).toContain('asOf: fecha de corte inválida "2024-02-30"');
    expect(body.error.message).not.toContain("--");
    expect(body.error.details[0].message).toBe(
      'fecha de corte inválida "2024-02-30" (se espera AAAA-MM-DD, una fecha real)',
    );
  });

  it("un plan inexistente da 404 a quien tiene sesión, y sin sesión pide iniciarla como un plan sin publicar", async () => {
    const anonymous = await app.inject({ method: "GET", url: "/api/plans/424242/compliance" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe("AUTH_REQUIRED");
    const { headers } = await sessionFor(
      database.db,
      await createAccount(database.db, "lectora@entidad.gov.co", []),
    );
    const res = await app.inject({
      method: "GET",
      url: "/api/plans/424242/compliance",
      headers,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("PLAN_NOT_FOUND");
  });
});
