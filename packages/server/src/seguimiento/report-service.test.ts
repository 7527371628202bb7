/**
 * The report service as the bulk load and the command line call it (no HTTP):
 * the same rules, versions and audit as the form.
 */
import type { Plan } from "@rumbo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../audit/audit-repository.ts";
import type { DatabaseHandle } from "../db/open-database.ts";
import { cortes } from "../db/schema.ts";
import { getPlan, savePlan } from "../plans/plans-repository.ts";
import { createAccount } from "../testing/accounts.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { approveReport, saveReport, submitReport } from "./report-service.ts";
import { SeguimientoRefusal } from "./report-store.ts";

function razonPlan(): Plan {
  return {
    format: "rumbo.plan/v1",
    code: "PA-RAZON-2025",
    name: "Plan de acción 2025",
    years: [2025],
    objectives: [
      {
        code: "1",
        name: "Atención a la ciudadanía",
        indicators: [
          {
            code: "R1",
            name: "Solicitudes resueltas a tiempo",
            trend: "constante",
            unit: "%",
            measure: "razon",
            frequency: "trimestral",
            weight: 100,
            targets: { "2025": 90 },
            total: 90,
          },
        ],
      },
    ],
  };
}

describe.each(TEST_ENGINES)("servicio de reportes (carga masiva y CLI) sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let planId: number;
  let ana: { userId: number; email: string };
  let lina: { userId: number; email: string };
  const now = new Date("2025-04-10T15:00:00Z");
  const key = (period: string) => ({ planId, indicatorCode: "R1", period, area: "" });

  beforeAll(async () => {
    database = await open();
    planId = await savePlan(database.db, razonPlan());
    ana = {
      email: "ana@entidad.gov.co",
      userId: await createAccount(database.db, "ana@entidad.gov.co", []),
    };
    lina = {
      email: "lina@entidad.gov.co",
      userId: await createAccount(database.db, "lina@entidad.gov.co", []),
    };
    await database.db.insert(cortes).values({
      planId,
      periodEnd: "2025-03-31",
      opensOn: "2025-04-01",
      dueOn: "2025-04-15",
      closesOn: "2025-04-30",
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SeguimientoRefusal);
    return error as SeguimientoRefusal;
  };

  it("una razón se guarda con numerador y denominador (coma decimal) y su valor es el porcentaje", async () => {
    const plan = (await getPlan(database.db, planId)) ?? undefined;
    const row = await saveReport(database.db, {
      key: key("2025-q1"),
      actor: ana,
      expected: undefined,
      source: "carga-masiva",
      now,
      plan,
      input: { numerator: "45", denominator: "50,0" },
    });
    expect(row).toMatchObject({
      period: "2025-Q1",
      version: 1,
      status: "borrador",
      numerator: 45,
      denominator: 50,
      value: 90,
      source: "carga-masiva",
      recordedBy: ana.userId,
    });
    // The same load again changes nothing: same row, no audit entry.
    const again = await saveReport(database.db, {
      key: key("2025-Q1"),
      actor: ana,
      expected: 1,
      source: "carga-masiva",
      now,
      input: { numerator: 45, denominator: 50 },
    });
    expect(again.id).toBe(row.id);
    const entries = (await listAudit(database.db)).filter((e) => e.action === "reporte-guardado");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorEmail: "ana@entidad.gov.co",
      details: { source: "carga-masiva", version: 1 },
    });
  });

  it("un numerador mayor que el denominador de un porcentaje no se guarda, y un periodo mensual no es de este indicador", async () => {
    const tooBig = await refusal(
      saveReport(database.db, {
        key: key("2025-Q1"),
        actor: ana,
        expected: 1,
        source: "cli",
        now,
        input: { numerator: 60, denominator: 50 },
      }),
    );
    expect(tooBig.code).toBe("REPORT_INVALID");
    expect(tooBig.details).toEqual([
      {
        field: "numerator",
        message: "Numerador: 60 es mayor que el denominador 50, y el indicador es un porcentaje.",
      },
    ]);
    const monthly = await refusal(
      saveReport(database.db, {
        key: key("2025-02"),
        actor: ana,
        expected: undefined,
        source: "cli",
        now,
        input: { numerator: 1, denominator: 2 },
      }),
    );
    expect(monthly.code).toBe("VALIDATION_ERROR");
    expect(monthly.message).toBe(
      "El indicador se mide con frecuencia trimestral: el periodo 2025-02 no corresponde (use AAAA-Qn, p. ej. 2025-Q1).",
    );
  });

  it("ningún camino cambia un reporte aprobado: la carga masiva recibe APPROVED", async () => {
    const sent = await submitReport(database.db, {
      key: key("2025-Q1"),
      actor: ana,
      expected: 1,
      source: "cli",
      now,
    });
    const approved = await approveReport(database.db, {
      key: key("2025-Q1"),
      actor: lina,
      expected: sent.version,
      source: "cli",
      now,
    });
    expect(approved).toMatchObject({
      status: "aprobado",
      refersTo: sent.version,
      reviewedBy: lina.userId,
    });
    const locked = await refusal(
      saveReport(database.db, {
        key: key("2025-Q1"),
        actor: ana,
        expected: approved.version,
        source: "carga-masiva",
        now,
        input: { numerator: 40, denominator: 50 },
      }),
    );
    expect(locked.code).toBe("APPROVED");
  });
});
