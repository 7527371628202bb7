import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../../demo-data.ts";
import { listPlans } from "../../plans/plans-repository.ts";
import { createAccount, sessionFor, type TestLogin } from "../../testing/accounts.ts";
import { buildApp } from "../app.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let database: DatabaseHandle;
let app: FastifyInstance;
let planner: TestLogin;
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
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("descargar e importar el plan como archivo", () => {
  it("cualquiera descarga la matriz del plan publicado; importarla con otro código crea un plan idéntico", async () => {
    const xlsx = await app.inject({
      method: "GET",
      url: `/api/plans/${demoId}/export?format=xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toBe(XLSX);
    expect(xlsx.headers["content-disposition"]).toBe(
      'attachment; filename="PES-GP-2024-2027.xlsx"',
    );
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");

    // The same plan cannot be imported twice: the code is taken, nothing changes.
    const dup = await app.inject({
      method: "POST",
      url: "/api/plans/import?fileName=matriz.xlsx",
      headers: { ...planner.headers, "content-type": XLSX },
      payload: xlsx.rawPayload,
    });
    expect(dup.statusCode).toBe(409);
    expect((await listPlans(database.db)).length).toBe(1);

    const json = await app.inject({
      method: "GET",
      url: `/api/plans/${demoId}/export?format=json`,
    });
    const copy = { ...json.json(), code: "PES-GP-COPIA" };
    const dry = await app.inject({
      method: "POST",
      url: "/api/plans/import?dryRun=true&fileName=copia.json",
      headers: { ...planner.headers, "content-type": "application/json" },
      payload: JSON.stringify(copy),
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().valid).toBe(true);
    expect(dry.json().warnings.map((w: { code: string }) => w.code)).toEqual([
      "weights.sum-not-100",
      "goal.text-artefact",
      "goal.total-mismatch",
    ]);
    expect((await listPlans(database.db)).length).toBe(1);

    const imported = await app.inject({
      method: "POST",
      url: "/api/plans/import?fileName=copia.json",
      headers: { ...planner.headers, "content-type": "application/json" },
      payload: JSON.stringify(copy),
    });
    expect(imported.statusCode).toBe(201);
    const again = await app.inject({
      method: "GET",
      url: `/api/plans/${imported.json().id}`,
      headers: planner.headers,
    });
    const {
      id: _a,
      version: _v,
      currentVersion: _c,
      status: _s,
      published: _p,
      ...body
    } = again.json();
    expect(body).toEqual(copy);
    const csv = await app.inject({ method: "GET", url: `/api/plans/${demoId}/export?format=csv` });
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
  });

  it("un archivo con problemas se rechaza entero, con cada problema, y no guarda nada", async () => {
    const before = (await listPlans(database.db)).length;
    const bad = await app.inject({
      method: "POST",
      url: "/api/plans/import?fileName=malo.json",
      headers: { ...planner.headers, "content-type": "application/json" },
      payload: JSON.stringify({
        format: "rumbo.plan/v1",
        code: "X",
        name: "X",
        years: [2025, 2027],
        objectives: [],
      }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe("IMPORT_FAILED");
    expect(bad.json().error.details.length).toBeGreaterThan(0);
    expect(
      bad.json().error.details.every((d: { message: string }) => d.message.startsWith("malo.json")),
    ).toBe(true);
    const garbage = await app.inject({
      method: "POST",
      url: "/api/plans/import?fileName=basura.xlsx",
      headers: { ...planner.headers, "content-type": XLSX },
      payload: Buffer.from("esto no es un libro de Excel"),
    });
    expect(garbage.statusCode).toBe(422);
    const wrongType = await app.inject({
      method: "POST",
      url: "/api/plans/import",
      headers: { ...planner.headers, "content-type": "application/pdf" },
      payload: Buffer.from("%PDF"),
    });
    expect(wrongType.statusCode).toBe(415);
    expect((await listPlans(database.db)).length).toBe(before);
  });
});
