import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../../demo-data.ts";
import { sampleMatrixPlan } from "../../files/matrix-sample-plan.ts";
import { writePlanFile } from "../../files/plan-files.ts";
import { listPlans } from "../../plans/plans-repository.ts";
import { createAccount, sessionFor, type TestLogin } from "../../testing/accounts.ts";
import { bombWorkbook } from "../../testing/zip-archive.ts";
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

  it("un CSV con un nombre de plan de 20 MB responde 422 con un cuerpo pequeño que cita solo el comienzo", async () => {
    const plan = sampleMatrixPlan(3);
    const lines = (await writePlanFile(plan, "csv")).toString("utf8").split("\r\n");
    lines[1] = (lines[1] ?? "").replace(plan.name, "N".repeat(20 * 1024 * 1024));
    const answer = await app.inject({
      method: "POST",
      url: "/api/plans/import?dryRun=true&fileName=nombre.csv",
      headers: { ...planner.headers, "content-type": "text/csv" },
      payload: Buffer.from(lines.join("\r\n"), "utf8"),
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.rawPayload.length).toBeLessThan(2_000);
    expect(answer.json()).toEqual({
      error: {
        code: "IMPORT_FAILED",
        message: "nombre.csv no se importó: 1 problema. No se guardó nada.",
        details: [
          {
            message: `nombre.csv: fila 2, columna B: la celda tiene 20.971.520 caracteres; el máximo es 32.767 («${"N".repeat(60)}…»)`,
          },
        ],
      },
    });
  });

  it("un CSV con 15.000 filas malas responde los primeros 200 problemas y cuenta el resto", async () => {
    const plan = { ...sampleMatrixPlan(1), mission: "Misión" };
    const [header, first] = (await writePlanFile(plan, "csv")).toString("utf8").split("\r\n");
    const bad = (first ?? "").replace(/;I000000;/, ";X;").replace(/;24,04;/, ";no;");
    const answer = await app.inject({
      method: "POST",
      url: "/api/plans/import?fileName=malo.csv",
      headers: { ...planner.headers, "content-type": "text/csv" },
      payload: [header, ...Array.from({ length: 15_000 }, () => bad)].join("\r\n"),
    });
    expect(answer.statusCode).toBe(422);
    const { error } = answer.json();
    const total = Number(/: ([\d.]+) problemas\./.exec(error.message)?.[1]?.replace(/\./g, ""));
    expect(total).toBeGreaterThan(15_000);
    expect(error.details).toHaveLength(201);
    expect(error.details[0].message).toBe(
      "malo.csv: fila 2, columna «Programación 2025» (AH): «no» no es un número",
    );
    expect(error.details[200].message).toBe(
      `… y ${(total - 200).toLocaleString("es-CO")} problemas más (se muestran los primeros 200).`,
    );
    expect(answer.rawPayload.length).toBeLessThan(100_000);
  });

  it("un libro que se descomprime a 70 MB se rechaza sin leerlo, nombrando el límite", async () => {
    const answer = await app.inject({
      method: "POST",
      url: "/api/plans/import?fileName=bomba.xlsx",
      headers: { ...planner.headers, "content-type": XLSX },
      payload: bombWorkbook(70),
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.json().error.details).toEqual([
      {
        message:
          "bomba.xlsx: el libro ocupa 70 MB al descomprimirlo; el máximo es 64 MB. Quite filas, hojas o formatos que no son de la matriz.",
      },
    ]);
  });
});
