/**
 * «¿Qué cambió desde este informe?» and «cambio desde el corte anterior» over
 * the demo seguimiento (the 2024 cortes closed with the example values
 * approved): planeación reopens the corte of 31-dic-2024 for meta 2320, whose
 * 2024 value is corrected from 9,5 to 10 and approved again.
 */
import { bogotaDate } from "@rumbo/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/open-database.ts";
import { prepareFirstStart } from "../../first-start.ts";
import { latestVersions, listPlanCortes } from "../../seguimiento/corte-queries.ts";
import { reopenCorte } from "../../seguimiento/corte-service.ts";
import {
  approveReport,
  returnReport,
  saveReport,
  submitReport,
  unapproveReport,
} from "../../seguimiento/report-service.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";
import { DEMO_PLANEACION_EMAIL, DEMO_RESPONSABLE_EMAIL } from "../../users/bootstrap-accounts.ts";
import { findUserByEmail } from "../../users/users-repository.ts";
import { buildApp } from "../app.ts";

const JUSTIFICATION = "El soporte de la Alta Consejería TIC traía el dato final de 2024";
const UNAPPROVAL = "Se corrige con el dato final del soporte";
const RETURN_COMMENT = "Cargue el valor final: 10";

describe.each(TEST_ENGINES)("cambios desde el informe de un corte sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let planId: number;
  let corte2024: number;
  let closedAt: string;
  let approvedVersion: number;

  beforeAll(async () => {
    database = await open();
    const db = database.db;
    const start = await prepareFirstStart(db, { demo: true });
    if (!start.demo.loaded) throw new Error("la base de prueba debía estar vacía");
    planId = start.demo.planId;
    const corte = (await listPlanCortes(db, planId)).find((c) => c.periodEnd === "2024-12-31");
    if (!corte?.closedAt) throw new Error("la demostración cierra el corte de 2024");
    corte2024 = corte.id;
    closedAt = corte.closedAt.toISOString();
    const planeacion = await findUserByEmail(db, DEMO_PLANEACION_EMAIL);
    const responsable = await findUserByEmail(db, DEMO_RESPONSABLE_EMAIL);
    if (!planeacion || !responsable) throw new Error("faltan las cuentas de demostración");
    const now = new Date();
    const until = bogotaDate(new Date(now.getTime() + 10 * 86_400_000));
    await reopenCorte(
      db,
      planId,
      corte2024,
      { justification: JUSTIFICATION, until, indicators: ["2320"] },
      { userId: planeacion.id, actorEmail: planeacion.email, ip: null, now },
    );
    const write = (actor: { id: number; email: string }) => ({
      key: { planId, indicatorCode: "2320", period: "2024", area: "" },
      actor: { userId: actor.id, email: actor.email },
      source: "formulario" as const,
      now,
    });
    const reported = (await latestVersions(db, planId, ["2024"])).get(`2320\u00002024\u0000`);
    if (!reported) throw new Error("la demostración aprueba la 2320 en 2024");
    const unapproved = await unapproveReport(db, {
      ...write(planeacion),
      expected: reported.version,
      justification: UNAPPROVAL,
    });
    const returned = await returnReport(db, {
      ...write(planeacion),
      expected: unapproved.version,
      comment: RETURN_COMMENT,
    });
    const saved = await saveReport(db, {
      ...write(responsable),
      expected: returned.version,
      input: { value: 10 },
    });
    const sent = await submitReport(db, { ...write(responsable), expected: saved.version });
    const approved = await approveReport(db, { ...write(planeacion), expected: sent.version });
    approvedVersion = approved.version;
    app = await buildApp({ database, logger: false, webDist: null, version: "t" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = async (url: string) => {
    const res = await app.inject({ method: "GET", url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("el informe del cierre frente al de hoy: la 2320 pasó de 9,5 a 10, con quién, cuándo y la justificación de la reapertura", async () => {
    const diff = await get(`/api/plans/${planId}/informe/diff?corte=${corte2024}`);
    expect(diff.before.knownAt).toBe(closedAt);
    expect(diff.after.knownAt).toBeNull();
    expect(diff.reports).toHaveLength(1);
    const [report] = diff.reports;
    expect(report).toMatchObject({
      indicator: "2320",
      period: "2024",
      area: "",
      before: { value: 9.5 },
      after: { value: 10, version: approvedVersion },
      valueChanged: true,
      reopening: {
        periodEnd: "2024-12-31",
        indicators: ["2320"],
        justification: JUSTIFICATION,
        by: "Paula Planeación (demo)",
      },
    });
    expect(
      report.events.map((e: { action: string; by: string; comment: string | null }) => [
        e.action,
        e.by,
        e.comment,
      ]),
    ).toEqual([
      ["unapprove", "Paula Planeación (demo)", UNAPPROVAL],
      ["return", "Paula Planeación (demo)", RETURN_COMMENT],
      ["save", "Ramiro Responsable (demo)", null],
      ["submit", "Ramiro Responsable (demo)", null],
      ["approve", "Paula Planeación (demo)", null],
    ]);
    expect(report.message).toContain("9,50 (versión");
    expect(report.message).toContain(`→ 10,00 (versión ${approvedVersion})`);
    expect(report.message).toContain(`«${JUSTIFICATION}»`);
    expect(report.message).toContain(`por Paula Planeación (demo): «${UNAPPROVAL}»`);
    // Its cells, and objective 3's, moved from 95 % to 100 % in 2024; the engine says the same.
    const cell = (level: string, code: string | null, when: string) =>
      diff.cells.find(
        (c: { level: string; code: string | null; when: string }) =>
          c.level === level && c.code === code && c.when === when,
      );
    expect(cell("indicator", "2320", "2024")).toMatchObject({
      before: { compliance: 0.95, actual: 9.5 },
      after: { compliance: 1, actual: 10 },
      change: { direction: "sube" },
    });
    expect(cell("indicator", "2320", "2024").change.deltaPoints).toBeCloseTo(5, 10);
    const then = await get(
      `/api/plans/${planId}/compliance?asOf=2024-12-31&knownAt=${encodeURIComponent(closedAt)}`,
    );
    const now = await get(`/api/plans/${planId}/compliance?asOf=2024-12-31`);
    const objective3 = cell("objective", "3", "2024");
    expect(objective3.before.compliance).toBe(
      then.objectives.find((o: { code: string }) => o.code === "3").years["2024"].compliance,
    );
    expect(objective3.after.compliance).toBe(
      now.objectives.find((o: { code: string }) => o.code === "3").years["2024"].compliance,
    );
    expect(cell("plan", null, "2024").after.compliance).toBe(now.plan.years["2024"].compliance);
    // Only objective 3's meta 2320, its objective and the plan moved.
    expect(new Set(diff.cells.map((c: { code: string | null }) => c.code))).toEqual(
      new Set([null, "3", "2320"]),
    );
  });

  it("con knownAt de hoy no hay nada que listar", async () => {
    const diff = await get(
      `/api/plans/${planId}/informe/diff?corte=${corte2024}&knownAt=${encodeURIComponent(new Date().toISOString())}`,
    );
    expect(diff.cells).toEqual([]);
    expect(diff.reports).toEqual([]);
  });

  it("el informe regenerado al cierre sigue usando la versión 9,5 y lista el id de cada versión usada", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/informe?corte=${corte2024}&format=csv`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const line = res.body
      .split("\r\n")
      .find((l) => l.startsWith("version usada;;2320;2024;version;"));
    expect(line).toMatch(/^version usada;;2320;2024;version;\d+;id \d+ · valor 9,50 · registrada /);
  });

  it("el tablero 2024 al 31/03/2025 compara con el corte del 31/12/2024 tal como se cerró: la 2320 y el objetivo 3 suben 5 puntos", async () => {
    const dashboard = await get(`/api/plans/${planId}/dashboard?year=2024&asOf=2025-03-31`);
    expect(dashboard.previousCorte).toEqual({
      id: corte2024,
      periodEnd: "2024-12-31",
      closedAt,
    });
    const objective3 = dashboard.objectives.find((o: { code: string }) => o.code === "3");
    expect(objective3.change).toMatchObject({ direction: "sube", previous: 0.95 });
    expect(objective3.change.deltaPoints).toBeCloseTo(5, 10);
    const meta2320 = objective3.indicators.find((i: { code: string }) => i.code === "2320");
    expect(meta2320.change).toMatchObject({ direction: "sube", previous: 0.95 });
    const meta4075 = dashboard.objectives
      .flatMap((o: { indicators: unknown[] }) => o.indicators)
      .find((i: { code: string }) => i.code === "4075");
    expect(meta4075.change).toMatchObject({ direction: "igual", deltaPoints: 0 });
    expect(dashboard.change.direction).toBe("sube");
    // The plan's number at the previous corte is the informe's (as known at the closing).
    const then = await get(
      `/api/plans/${planId}/compliance?asOf=2024-12-31&knownAt=${encodeURIComponent(closedAt)}`,
    );
    expect(dashboard.change.previous).toBe(then.plan.years["2024"].compliance);
  });

  it("el tablero del 30/09/2024 compara con el corte del 30/06/2024; el del 31/03/2024 no tiene con qué", async () => {
    const september = await get(`/api/plans/${planId}/dashboard?period=cuatrienio&asOf=2024-09-30`);
    expect(september.previousCorte.periodEnd).toBe("2024-06-30");
    const march = await get(`/api/plans/${planId}/dashboard?period=cuatrienio&asOf=2024-03-31`);
    expect(march.previousCorte).toBeNull();
    expect(march.change.direction).toBe("sin_comparacion");
  });

  it("un corte abierto sin knownAt no tiene informe cerrado con el cual comparar", async () => {
    const open = (await listPlanCortes(database.db, planId)).find((c) => c.closedAt === null);
    if (!open) throw new Error("la demostración deja un corte abierto");
    const res = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/informe/diff?corte=${open.id}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_ERROR");
    expect(res.json().error.message).toContain("sigue abierto");
  });
});
