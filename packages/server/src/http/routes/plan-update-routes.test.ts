import type { Plan } from "@rumbo/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../../demo-data.ts";
import { createAccount, sessionFor, type TestLogin } from "../../testing/accounts.ts";
import { buildApp } from "../app.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let database: DatabaseHandle;
let app: FastifyInstance;
let planner: TestLogin;
let admin: TestLogin;
let demoId: number;

beforeAll(async () => {
  database = await openDatabase({ engine: "pglite", dataDir: null });
  const demo = await loadDemoDataIfEmpty(database.db);
  if (!demo.loaded) throw new Error("base no vacía");
  demoId = demo.planId;
  app = await buildApp({ database, logger: false, webDist: null, version: "t" });
  planner = await sessionFor(
    database.db,
    await createAccount(database.db, "oap@entidad.gov.co", [
      { role: "planeacion", scope: { kind: "global" } },
    ]),
  );
  admin = await sessionFor(
    database.db,
    await createAccount(database.db, "admin@entidad.gov.co", [
      { role: "administrador", scope: { kind: "global" } },
    ]),
  );
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function exported(format: "xlsx" | "json", query = ""): Promise<Buffer> {
  const response = await app.inject({
    method: "GET",
    url: `/api/plans/${demoId}/export?format=${format}${query}`,
  });
  expect(response.statusCode).toBe(200);
  return response.rawPayload;
}

/** The seed plan's rumbo.plan/v1 with meta 2153 (indicator 4075) programmed 20 in 2025 instead of 17. */
async function with4075In2025(value: number): Promise<string> {
  const plan = JSON.parse((await exported("json")).toString("utf8")) as Plan;
  const indicator = plan.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075");
  if (!indicator) throw new Error("4075");
  indicator.targets["2025"] = value;
  return JSON.stringify(plan);
}

function importUrl(query: Record<string, string>): string {
  return `/api/plans/${demoId}/import?${new URLSearchParams(query)}`;
}

async function currentVersion(): Promise<number> {
  const response = await app.inject({ method: "GET", url: `/api/plans/${demoId}` });
  return response.json().currentVersion;
}

describe("actualizar un plan existente desde su matriz editada", () => {
  it("la matriz exportada sin cambios: el import de un plan nuevo dice que el plan ya existe y con qué id; la actualización dice «sin cambios»", async () => {
    const xlsx = await exported("xlsx");
    const asNew = await app.inject({
      method: "POST",
      url: "/api/plans/import?dryRun=true&fileName=matriz.xlsx",
      headers: { ...planner.headers, "content-type": XLSX },
      payload: xlsx,
    });
    expect(asNew.statusCode).toBe(409);
    expect(asNew.json().error).toMatchObject({
      code: "PLAN_EXISTS",
      details: { planId: demoId, code: "PES-GP-2024-2027" },
    });
    expect(asNew.json().error.message).toContain("El plan PES-GP-2024-2027 ya existe");

    const dry = await app.inject({
      method: "POST",
      url: importUrl({ dryRun: "true", fileName: "matriz.xlsx" }),
      headers: { ...planner.headers, "content-type": XLSX },
      payload: xlsx,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ action: "sin cambios", planId: demoId, changes: [] });
  });

  it("en vigencia, cambiar la meta 2025 de la meta 2153 se revisa como reprogramación y no se guarda sin justificación y acta", async () => {
    const before = await currentVersion();
    const file = await with4075In2025(20);
    const dry = await app.inject({
      method: "POST",
      url: importUrl({ dryRun: "true", fileName: "matriz.json" }),
      headers: { ...planner.headers, "content-type": "application/json" },
      payload: file,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().action).toBe("reprogramar");
    expect(dry.json().version).toBe(before);
    expect(dry.json().changes.map((c: { message: string }) => c.message)).toEqual([
      "Indicador 4075: programación 2025: 17 → 20",
    ]);

    const withoutIfMatch = await app.inject({
      method: "POST",
      url: importUrl({ fileName: "matriz.json" }),
      headers: { ...planner.headers, "content-type": "application/json" },
      payload: file,
    });
    expect(withoutIfMatch.statusCode).toBe(428);

    const withoutAct = await app.inject({
      method: "POST",
      url: importUrl({ fileName: "matriz.json" }),
      headers: {
        ...planner.headers,
        "content-type": "application/json",
        "if-match": `"v${before}"`,
      },
      payload: file,
    });
    expect(withoutAct.statusCode).toBe(409);
    expect(withoutAct.json().error.code).toBe("REPROGRAMACION_REQUIRED");
    expect(withoutAct.json().error.details.changes).toHaveLength(1);
    expect(await currentVersion()).toBe(before);
  });

  it("con justificación y acta la matriz se guarda como reprogramación, con su acta en el historial y la fecha desde la que rige", async () => {
    const before = await currentVersion();
    const saved = await app.inject({
      method: "POST",
      url: importUrl({
        fileName: "matriz.json",
        justification: "Ajuste de la meta 2153 por el comité de 2025",
        actReference: "Acta Comité Sectorial 04/2025",
        effectiveFrom: "2025-07-01",
      }),
      headers: {
        ...planner.headers,
        "content-type": "application/json",
        "if-match": `"v${before}"`,
      },
      payload: await with4075In2025(20),
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ action: "reprogramar", version: before + 1 });

    const versions = await app.inject({
      method: "GET",
      url: `/api/plans/${demoId}/versions`,
      headers: admin.headers,
    });
    expect(versions.json().versions.at(-1)).toMatchObject({
      version: before + 1,
      kind: "reprogramacion",
      actorEmail: "oap@entidad.gov.co",
      actorKind: "persona",
      justification: "Ajuste de la meta 2153 por el comité de 2025",
      actReference: "Acta Comité Sectorial 04/2025",
      effectiveFrom: "2025-07-01",
    });

    // The same file again changes nothing: it is the version now in force.
    const again = await app.inject({
      method: "POST",
      url: importUrl({ dryRun: "true", fileName: "matriz.json" }),
      headers: { ...planner.headers, "content-type": "application/json" },
      payload: await with4075In2025(20),
    });
    expect(again.json()).toMatchObject({ action: "sin cambios", version: before + 1 });
  });

  it("una matriz revisada sobre una versión anterior no pisa los cambios de otra persona", async () => {
    const stale = (await currentVersion()) - 1;
    const response = await app.inject({
      method: "POST",
      url: importUrl({ fileName: "matriz.json" }),
      headers: {
        ...planner.headers,
        "content-type": "application/json",
        "if-match": `"v${stale}"`,
      },
      payload: JSON.stringify({
        ...(JSON.parse(await with4075In2025(20)) as Plan),
        source: "SEGPLAN, corte 30-jun-2025",
      }),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("VERSION_CONFLICT");
  });

  it("en vigencia, cambiar solo un texto es una edición, sin acta", async () => {
    const before = await currentVersion();
    const plan = JSON.parse((await exported("json")).toString("utf8")) as Plan;
    plan.source = "SEGPLAN, corte 31-dic-2025";
    const saved = await app.inject({
      method: "POST",
      url: importUrl({ fileName: "matriz.json" }),
      headers: {
        ...planner.headers,
        "content-type": "application/json",
        "if-match": `"v${before}"`,
      },
      payload: JSON.stringify(plan),
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ action: "editar", version: before + 1 });
    expect(saved.json().changes.map((c: { field: string }) => c.field)).toEqual(["source"]);
  });

  it("la matriz de otro plan no actualiza este", async () => {
    const plan = JSON.parse((await exported("json")).toString("utf8")) as Plan;
    const response = await app.inject({
      method: "POST",
      url: importUrl({ dryRun: "true", fileName: "otro.json" }),
      headers: { ...planner.headers, "content-type": "application/json" },
      payload: JSON.stringify({ ...plan, code: "OTRO-PLAN" }),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe("PLAN_CODE_MISMATCH");
  });

  it("sin sesión no se actualiza nada", async () => {
    const response = await app.inject({
      method: "POST",
      url: importUrl({ dryRun: "true" }),
      headers: { "content-type": "application/json" },
      payload: await with4075In2025(21),
    });
    expect(response.statusCode).toBe(401);
  });
});

describe("las versiones anteriores del plan", () => {
  it("la descarga de la versión 1 da la programación original de la meta 2153 y se nombra con su versión", async () => {
    const response = await app.inject({
      method: "GET",
      url: `/api/plans/${demoId}/export?format=json&version=1`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="PES-GP-2024-2027-v1.json"',
    );
    const plan = response.json() as Plan;
    const indicator = plan.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075");
    expect(indicator?.targets["2025"]).toBe(17);
    const current = await app.inject({
      method: "GET",
      url: `/api/plans/${demoId}/export?format=json`,
    });
    const now = current.json() as Plan;
    expect(
      now.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075")?.targets["2025"],
    ).toBe(20);
    const missing = await app.inject({
      method: "GET",
      url: `/api/plans/${demoId}/export?format=json&version=99`,
    });
    expect(missing.statusCode).toBe(404);
  });

  it("quien no ve las cuentas ve que una persona hizo la reprogramación y su acta, no su correo; la carga inicial es del sistema; quien la hizo ve la suya", async () => {
    const colleague = await sessionFor(
      database.db,
      await createAccount(database.db, "colega@entidad.gov.co", [
        { role: "planeacion", scope: { kind: "global" } },
      ]),
    );
    for (const headers of [{}, colleague.headers]) {
      const response = await app.inject({
        method: "GET",
        url: `/api/plans/${demoId}/versions`,
        headers,
      });
      const versions = response.json().versions;
      expect(versions[0]).toMatchObject({ version: 1, actorKind: "sistema", actorEmail: null });
      expect(versions[1]).toMatchObject({
        version: 2,
        kind: "reprogramacion",
        actorKind: "persona",
        actorEmail: null,
        actReference: "Acta Comité Sectorial 04/2025",
      });
    }
    const own = await app.inject({
      method: "GET",
      url: `/api/plans/${demoId}/versions`,
      headers: planner.headers,
    });
    expect(own.json().versions[1].actorEmail).toBe("oap@entidad.gov.co");
  });
});
