import type { ActualValue, Plan } from "@rumbo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { savePlan } from "../plans/plans-repository.ts";
import { seedPlan } from "../testing/seed-plan.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { listActuals, replaceActuals } from "./actuals-repository.ts";

/** A second plan that reuses indicator code 77 of the sectoral plan. */
function actionPlan(): Plan {
  return {
    format: "rumbo.plan/v1",
    code: "PA-2025",
    name: "Plan de acción 2025",
    years: [2025],
    objectives: [
      {
        code: "1",
        name: "Atención",
        indicators: [
          {
            code: "77",
            name: "Trámites en línea",
            trend: "suma",
            weight: 100,
            targets: { "2025": 10 },
            total: 10,
          },
        ],
      },
    ],
  };
}

const v = (indicator: string, period: string, value: number): ActualValue => ({
  indicator,
  period,
  value,
});

describe.each(TEST_ENGINES)("valores reportados sobre $name", ({ open }) => {
  let handle: DatabaseHandle;
  let sectoral = 0;
  let action = 0;

  beforeAll(async () => {
    handle = await open();
    sectoral = await savePlan(handle.db, seedPlan());
    action = await savePlan(handle.db, actionPlan());
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("una carga se lee en el orden de los indicadores del plan y por periodo, con los decimales exactos", async () => {
    const stored = await replaceActuals(handle.db, sectoral, [
      v("4205", "2024", 1e-7),
      v("77", "2024-Q2", 1234567.89),
      v("2307", "2025", 46),
      v("77", "2024-Q1", 0.1 + 0.2),
      v("2307", "2024", 33.333333333333336),
      v("3979", "2024", -2.5),
      v("3980", "2024", 0),
      v("3979", "2025", 123456789.12345679),
      v("4074", "2024", Number.MAX_SAFE_INTEGER),
      v("4075", "2024", 0.1),
      v("4205", "2025-Q1", 2),
      v("4205", "2025-03", 1),
    ]);
    expect(stored).toBe(12);
    // Seed order: 2307, 77 (objective 1), 3979, 3980 (2), …, 4074, 4075 (4), …, 4205 (8).
    expect(await listActuals(handle.db, sectoral)).toEqual([
      v("2307", "2024", 33.333333333333336),
      v("2307", "2025", 46),
      v("77", "2024-Q1", 0.30000000000000004),
      v("77", "2024-Q2", 1234567.89),
      v("3979", "2024", -2.5),
      v("3979", "2025", 123456789.12345679),
      v("3980", "2024", 0),
      v("4074", "2024", 9007199254740991),
      v("4075", "2024", 0.1),
      v("4205", "2024", 1e-7),
      v("4205", "2025-03", 1),
      v("4205", "2025-Q1", 2),
    ]);
  });

  it("una carga nueva reemplaza por completo la anterior", async () => {
    await replaceActuals(handle.db, sectoral, [v("2307", "2024", 40), v("4200", "2024", 12.75)]);
    await replaceActuals(handle.db, sectoral, [v("4200", "2024", 13.25), v("80", "2025", 0.5)]);
    expect(await listActuals(handle.db, sectoral)).toEqual([
      v("80", "2025", 0.5),
      v("4200", "2024", 13.25),
    ]);
  });

  it("si un indicador no es del plan, la carga no entra y quedan los valores anteriores", async () => {
    await replaceActuals(handle.db, sectoral, [v("2307", "2024", 46), v("77", "2024", 3)]);
    const broken = replaceActuals(handle.db, sectoral, [
      v("2307", "2024", 10),
      v("9999", "2024", 1),
    ]);
    await expect(broken).rejects.toThrow("El indicador 9999 no está en el plan");
    expect(await listActuals(handle.db, sectoral)).toEqual([
      v("2307", "2024", 46),
      v("77", "2024", 3),
    ]);
  });

  it("un periodo repetido de un indicador hace fallar la carga entera", async () => {
    await replaceActuals(handle.db, sectoral, [v("2307", "2024", 46)]);
    const broken = replaceActuals(handle.db, sectoral, [v("77", "2024", 1), v("77", "2024", 2)]);
    await expect(broken).rejects.toThrow();
    expect(await listActuals(handle.db, sectoral)).toEqual([v("2307", "2024", 46)]);
  });

  it("más de mil valores entran en una sola carga; si falla el segundo bloque, no queda nada del primero", async () => {
    const codes = seedPlan().objectives.flatMap((o) => o.indicators.map((i) => i.code));
    const periods = [2024, 2025, 2026, 2027].flatMap((year) => [
      String(year),
      ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
      ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}`),
    ]);
    const many = codes.flatMap((code, i) =>
      periods.map((period, k) => v(code, period, i * 1000 + k + 0.25)),
    );
    expect(many).toHaveLength(18 * 68);
    expect(await replaceActuals(handle.db, sectoral, many)).toBe(1224);
    const stored = await listActuals(handle.db, sectoral);
    expect(stored).toHaveLength(1224);
    expect(new Set(stored.map((a) => `${a.indicator}|${a.period}|${a.value}`))).toEqual(
      new Set(many.map((a) => `${a.indicator}|${a.period}|${a.value}`)),
    );

    const lastOfSecondBlock = many[many.length - 1] as ActualValue;
    const broken = replaceActuals(handle.db, sectoral, [
      v("2307", "2024", 1),
      ...many.slice(1),
      { ...lastOfSecondBlock, value: 99 },
    ]);
    await expect(broken).rejects.toThrow();
    expect(await listActuals(handle.db, sectoral)).toEqual(stored);
  });

  it("cargar los valores de un plan no toca los de otro plan, aunque compartan códigos", async () => {
    await replaceActuals(handle.db, sectoral, [v("77", "2025", 5)]);
    await replaceActuals(handle.db, action, [v("77", "2025", 7.5)]);
    expect(await listActuals(handle.db, sectoral)).toEqual([v("77", "2025", 5)]);
    expect(await listActuals(handle.db, action)).toEqual([v("77", "2025", 7.5)]);
    await replaceActuals(handle.db, action, []);
    expect(await listActuals(handle.db, action)).toEqual([]);
    expect(await listActuals(handle.db, sectoral)).toEqual([v("77", "2025", 5)]);
  });

  it("una carga vacía deja el plan sin valores reportados", async () => {
    await replaceActuals(handle.db, sectoral, [v("2307", "2024", 46)]);
    expect(await replaceActuals(handle.db, sectoral, [])).toBe(0);
    expect(await listActuals(handle.db, sectoral)).toEqual([]);
  });
});
