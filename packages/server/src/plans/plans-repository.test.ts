import type { Plan } from "@rumbo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { indicators, plans } from "../db/schema.ts";
import { seedPlan } from "../testing/seed-plan.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import {
  countPlans,
  findPlanIdByCode,
  getPlan,
  listPlans,
  PlanCodeTakenError,
  savePlan,
} from "./plans-repository.ts";

describe.each(TEST_ENGINES)("repositorio de planes en $name", ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("guarda el plan sectorial y lo devuelve idéntico, árbol completo", async () => {
    const plan = seedPlan();
    const id = await savePlan(handle.db, plan);
    const stored = await getPlan(handle.db, id);
    expect(stored).toEqual({ id, ...plan });
    expect(await findPlanIdByCode(handle.db, "PES-GP-2024-2027")).toBe(id);
  });

  it("lista el plan con sus 8 objetivos, 18 indicadores y 4 vigencias", async () => {
    const list = await listPlans(handle.db);
    expect(list).toEqual([
      {
        id: expect.any(Number),
        code: "PES-GP-2024-2027",
        name: "Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública",
        entity: "Sector Gestión Pública",
        years: [2024, 2025, 2026, 2027],
        objectiveCount: 8,
        indicatorCount: 18,
        published: false,
      },
    ]);
  });

  it("guarda normalizado: una fila por indicador, no un JSON", async () => {
    const rows = await handle.db
      .select({ code: indicators.code, trend: indicators.trend })
      .from(indicators);
    expect(rows).toHaveLength(18);
    expect(rows.find((r) => r.code === "4075")?.trend).toBe("suma");
  });

  it("un segundo plan con el mismo código se rechaza y no deja nada a medias", async () => {
    const before = await countPlans(handle.db);
    await expect(savePlan(handle.db, seedPlan())).rejects.toBeInstanceOf(PlanCodeTakenError);
    expect(await countPlans(handle.db)).toBe(before);
    expect(await handle.db.select().from(indicators)).toHaveLength(18);
  });

  it("si falla a mitad de la escritura, la transacción no deja filas", async () => {
    const broken: Plan = {
      ...seedPlan(),
      code: "ROTO",
      objectives: [
        { code: "1", name: "Uno", indicators: [] },
        { code: "1", name: "Código repetido", indicators: [] },
      ],
    };
    await expect(savePlan(handle.db, broken)).rejects.toThrow();
    expect((await handle.db.select().from(plans)).map((p) => p.code)).toEqual(["PES-GP-2024-2027"]);
  });

  it("conserva pesos por vigencia, total de ponderación, semáforo y ficha técnica", async () => {
    const plan: Plan = {
      format: "rumbo.plan/v1",
      code: "PA-2025",
      name: "Plan de acción 2025-2026",
      years: [2025, 2026],
      semaforo: { rojo: 0.5, amarillo: 0.75, sobreejecucion: 1.25 },
      objectives: [
        {
          code: "A",
          name: "Objetivo A",
          weight: { "2025": 60, "2026": 40, total: 55 },
          indicators: [
            {
              code: "D1",
              name: "Tiempo de respuesta",
              trend: "decreciente",
              unit: "días",
              baseline: 30,
              baselineYear: 2024,
              weight: { "2025": 40, "2026": 70.5 },
              targets: { "2025": 20, "2026": 0 },
              formula: "Promedio de días hábiles",
              measure: "razon",
              numerator: "Días hábiles de respuesta, sumados",
              denominator: "PQRS respondidas",
              frequency: "trimestral",
              source: "Sistema de PQRS",
              responsible: "Dirección de Servicio",
              indicatorType: "resultado",
              progress: "from-baseline",
            },
          ],
        },
      ],
    };
    const id = await savePlan(handle.db, plan);
    expect(await getPlan(handle.db, id)).toEqual({ id, ...plan });
  });
});
