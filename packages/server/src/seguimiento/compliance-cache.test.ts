/**
 * The compliance cache (ADR 0018) never answers a stale number: after an
 * approval, an un-approval or a plan edit — through this server or another
 * one on the same database — getCompliance and getDashboard give the new
 * numbers on the very next request, the same as computing from scratch.
 */
import { type ComplianceResult, computeCompliance, type PlanDashboard } from "@rumbo/core";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../db/open-database.ts";
import { buildApp } from "../http/app.ts";
import { APRIL_10, openReportWorld, type ReportWorld } from "../testing/report-world.ts";
import { seedPlan } from "../testing/seed-plan.ts";
import { TEST_ENGINES, TEST_PG_URL } from "../testing/test-databases.ts";

const AS_OF = "asOf=2025-03-31";

/** A second server process on the same database: its own pool on PostgreSQL, its own cache. */
async function secondServer(
  w: ReportWorld,
): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  let database: DatabaseHandle = w.database;
  let own = false;
  if (w.database.engine === "postgres") {
    const found = (await w.database.db.execute(
      sql`select current_database() as name`,
    )) as unknown as {
      rows: { name: string }[];
    };
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${found.rows[0]?.name ?? ""}`;
    database = await openDatabase({ engine: "postgres", url: url.toString() });
    own = true;
  }
  const app = await buildApp({
    database,
    logger: false,
    webDist: null,
    version: "t",
    now: () => APRIL_10,
  });
  return {
    app,
    close: async () => {
      await app.close();
      if (own) await database.close();
    },
  };
}

describe.each(TEST_ENGINES)("caché de cumplimiento sobre $name", ({ open }) => {
  let w: ReportWorld;
  let other: Awaited<ReturnType<typeof secondServer>>;
  beforeAll(async () => {
    w = await openReportWorld(open);
    other = await secondServer(w);
  });
  afterAll(async () => {
    await other?.close();
    await w?.close();
  });

  const compliance = async (app: FastifyInstance, query = AS_OF) => {
    const res = await app.inject({
      method: "GET",
      url: `/api/plans/${w.planId}/compliance?${query}`,
      headers: w.lina.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ComplianceResult;
  };
  const dashboard2025 = async (app: FastifyInstance) => {
    const res = await app.inject({
      method: "GET",
      url: `/api/plans/${w.planId}/dashboard?${AS_OF}&year=2025`,
      headers: w.lina.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PlanDashboard;
  };
  const meta2320 = (result: ComplianceResult) =>
    result.indicators.find((row) => row.code === "2320")?.years["2025"];
  const dashboard2320 = (dashboard: PlanDashboard) =>
    dashboard.objectives.find((o) => o.code === "3")?.indicators.find((i) => i.code === "2320");
  /** What the engine computes from scratch for the seed plan (or `plan`) and these values. */
  const fromScratch = (
    values: { indicator: string; period: string; value: number }[],
    plan = seedPlan(),
  ) => ({
    ...computeCompliance(plan, values, { asOf: "2025-03-31" }),
    basis: "approved",
    preview: false,
    knownAt: null,
  });
  const cacheCount = async (app: FastifyInstance, outcome: string) => {
    const text = (await app.inject({ method: "GET", url: "/metrics" })).body;
    const line = text
      .split("\n")
      .find((l) => l.startsWith(`rumbo_compliance_cache_requests_total{outcome="${outcome}"}`));
    return Number(line?.split(" ")[1] ?? Number.NaN);
  };

  let approvedEtag = "";
  let unapprovedEtag = "";

  it("aprobar el reporte de la meta 2320 (30 % en el primer trimestre de 2025) cambia getCompliance y el tablero en la solicitud siguiente", async () => {
    // Both servers answer before anything is reported: 2320 has no report in 2025.
    expect(meta2320(await compliance(w.app))).toMatchObject({
      status: "sin_reporte",
      actual: null,
    });
    expect(dashboard2320(await dashboard2025(w.app))).toMatchObject({
      status: "sin_reporte",
      actual: null,
    });
    expect(meta2320(await compliance(other.app))).toMatchObject({
      status: "sin_reporte",
      actual: null,
    });
    const hits = await cacheCount(w.app, "hit");
    expect(meta2320(await compliance(w.app))).toMatchObject({ status: "sin_reporte" });
    expect(await cacheCount(w.app, "hit")).toBe(hits + 1);

    // Sent to review: the official numbers do not move, the preview does.
    const saved = await w.save(w.tomas, "2320", "2025-Q1", {
      value: 30,
      analysis: { achievements: "Se digitalizaron 9 trámites." },
      explanations: { semaforo: "Tres entidades entraron al portafolio en abril." },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await w.act(w.tomas, "submit", "2320", "2025-Q1", String(saved.headers.etag));
    expect(submitted.statusCode, submitted.body).toBe(200);
    const sent = String(submitted.headers.etag);
    expect(meta2320(await compliance(w.app))).toMatchObject({
      status: "sin_reporte",
      actual: null,
    });
    expect(meta2320(await compliance(w.app, `${AS_OF}&basis=submitted`))).toMatchObject({
      actual: 30,
    });

    const incremental = await cacheCount(w.app, "incremental");
    const approved = await w.act(w.lina, "approve", "2320", "2025-Q1", sent);
    expect(approved.statusCode, approved.body).toBe(200);
    approvedEtag = String(approved.headers.etag);
    const after = await compliance(w.app);
    // 30 of the 40 programmed for 2025: 75 %, amarillo.
    expect(meta2320(after)).toMatchObject({
      status: "amarillo",
      actual: 30,
      target: 40,
      compliance: 0.75,
    });
    expect(after).toEqual(fromScratch([{ indicator: "2320", period: "2025-Q1", value: 30 }]));
    expect(await cacheCount(w.app, "incremental")).toBe(incremental + 1);
    expect(dashboard2320(await dashboard2025(w.app))).toMatchObject({
      actual: 30,
      compliance: 0.75,
      semaforo: "amarillo",
    });
  });

  it("la otra instancia, que ya había respondido antes de la aprobación, tampoco sirve el número viejo", async () => {
    const after = await compliance(other.app);
    expect(meta2320(after)).toMatchObject({ actual: 30, compliance: 0.75 });
    expect(after).toEqual(fromScratch([{ indicator: "2320", period: "2025-Q1", value: 30 }]));
    expect(dashboard2320(await dashboard2025(other.app))).toMatchObject({
      actual: 30,
      compliance: 0.75,
    });
  });

  it("retirar la aprobación desde la otra instancia devuelve la meta 2320 a sin reporte en la primera", async () => {
    const unapproved = await other.app.inject({
      method: "POST",
      url: w.url("2320", "2025-Q1", "unapprove"),
      headers: { ...w.lina.headers, "if-match": approvedEtag },
      payload: { justification: "El acta no corresponde al trimestre." },
    });
    expect(unapproved.statusCode, unapproved.body).toBe(200);
    unapprovedEtag = String(unapproved.headers.etag);
    const after = await compliance(w.app);
    expect(meta2320(after)).toMatchObject({ status: "sin_reporte", actual: null });
    expect(after).toEqual(fromScratch([]));
    expect(dashboard2320(await dashboard2025(w.app))).toMatchObject({
      status: "sin_reporte",
      actual: null,
    });
  });

  it("editar la meta de 2025 de la 2320 en la otra instancia cambia el cumplimiento en la primera", async () => {
    // Approved again, through the first server, and cached by both.
    // Un-approved, the report is back in review: approved again, through the first server.
    const again = await w.act(w.mario, "approve", "2320", "2025-Q1", unapprovedEtag);
    expect(again.statusCode, again.body).toBe(200);
    expect(meta2320(await compliance(w.app))).toMatchObject({ compliance: 0.75 });
    expect(meta2320(await compliance(other.app))).toMatchObject({ compliance: 0.75 });

    const current = await other.app.inject({
      method: "GET",
      url: `/api/plans/${w.planId}`,
      headers: w.lina.headers,
    });
    const { id: _id, ...plan } = current.json();
    const edited = structuredClone(plan);
    for (const objective of edited.objectives)
      for (const indicator of objective.indicators)
        if (indicator.code === "2320") indicator.targets["2025"] = 60;
    const saved = await other.app.inject({
      method: "PUT",
      url: `/api/plans/${w.planId}`,
      headers: { ...w.lina.headers, "if-match": String(current.headers.etag) },
      payload: { plan: edited },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await compliance(w.app);
    // 30 of 60: 50 %, rojo.
    expect(meta2320(after)).toMatchObject({ target: 60, compliance: 0.5, semaforo: "rojo" });
    const reprogrammed = seedPlan();
    for (const objective of reprogrammed.objectives)
      for (const indicator of objective.indicators)
        if (indicator.code === "2320") indicator.targets["2025"] = 60;
    expect(after.plan).toEqual(
      fromScratch([{ indicator: "2320", period: "2025-Q1", value: 30 }], reprogrammed).plan,
    );
    expect(dashboard2320(await dashboard2025(w.app))).toMatchObject({
      target: 60,
      compliance: 0.5,
    });
  });

  it("/metrics cuenta las respuestas por caché: aciertos, incrementales, cálculos completos y consultas de otro instante", async () => {
    const bypass = await cacheCount(w.app, "bypass");
    const knownAt = `${AS_OF}&knownAt=${encodeURIComponent(new Date().toISOString())}`;
    const known = await compliance(w.app, knownAt);
    expect(meta2320(known)).toMatchObject({ compliance: 0.5 });
    expect(await cacheCount(w.app, "bypass")).toBe(bypass + 1);
    // The same instant again, nothing written since: kept whole.
    expect(await compliance(w.app, knownAt)).toEqual(known);
    expect(await cacheCount(w.app, "bypass")).toBe(bypass + 1);
    for (const outcome of ["hit", "incremental", "miss"])
      expect(await cacheCount(w.app, outcome)).toBeGreaterThan(0);
  });
});
