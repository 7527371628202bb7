import { describe, expect, it } from "vitest";
import { readActualsCsv } from "../formats/actuals-csv.ts";
import { validatePlan } from "../formats/plan-json.ts";
import { createEngine } from "./engine.ts";
import { SEED_ACTUALS_2024_CSV } from "./fixtures/seed-actuals-2024.ts";
import { SEED_PLAN } from "./fixtures/seed-plan.ts";
import { effectiveTotal } from "./plan-rules.ts";

function seedEngine() {
  const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances-2024.csv", SEED_PLAN);
  if (!read.ok) throw new Error(read.problems.map((problem) => problem.message).join("\n"));
  const engine = createEngine(SEED_PLAN, { asOf: "2024-12-31" });
  engine.setActuals(read.actuals);
  return engine;
}

describe("plan semilla: Plan Estratégico Sectorial 2024-2027 de Gestión Pública", () => {
  it("es un rumbo.plan/v1 válido con 8 objetivos y 18 indicadores", () => {
    expect(validatePlan(SEED_PLAN, "semilla").ok).toBe(true);
    expect(SEED_PLAN.objectives).toHaveLength(8);
    expect(
      SEED_PLAN.objectives.flatMap((objective) => objective.indicators.map((item) => item.code)),
    ).toEqual([
      "2307",
      "77",
      "3979",
      "3980",
      "78",
      "2320",
      "4074",
      "4075",
      "73",
      "4263",
      "4267",
      "72",
      "4226",
      "3",
      "4248",
      "80",
      "4200",
      "4205",
    ]);
  });

  it("objetivo 3 en 2024 se mide solo con la meta 2320 porque la 78 no está programada", () => {
    const engine = seedEngine();
    expect(engine.indicatorCell("78", 2024)).toMatchObject({
      status: "np",
      target: null,
      actual: 85.3,
    });
    expect(engine.objectiveCell("3", 2024)).toEqual({
      status: "verde",
      compliance: 0.95,
      semaforo: "verde",
      contributions: [{ code: "2320", weight: 1, compliance: 0.95, contribution: 0.95 }],
    });
  });

  it("objetivo 3 en 2025 vuelve a pesar 50/50 cuando la 78 está programada (92)", () => {
    const engine = seedEngine();
    engine.updateValue("78", "2025", 87.4);
    engine.updateValue("2320", "2025", 40);
    // With the corte of 2024-12-31, 2025 is still pendiente.
    expect(engine.objectiveCell("3", 2025).status).toBe("pendiente");
    const full = createEngine(SEED_PLAN);
    full.setActuals([
      { indicator: "78", period: "2025", value: 87.4 },
      { indicator: "2320", period: "2025", value: 40 },
    ]);
    const cell = full.objectiveCell("3", 2025);
    expect(cell.compliance).toBeCloseTo((87.4 / 92 + 1) / 2, 15);
    expect(cell.contributions).toEqual([
      { code: "78", weight: 0.5, compliance: 87.4 / 92, contribution: 0.5 * (87.4 / 92) },
      { code: "2320", weight: 0.5, compliance: 1, contribution: 0.5 },
    ]);
  });

  it("la meta 80 pesa 0 %: se reporta y se muestra con peso 0, nunca pondera", () => {
    const engine = createEngine(SEED_PLAN);
    engine.setActuals([
      { indicator: "80", period: "2025", value: 20 },
      { indicator: "72", period: "2025", value: 89.5 },
    ]);
    const cell = engine.objectiveCell("6", 2025);
    expect(cell.contributions.map((item) => [item.code, item.weight])).toEqual([
      ["72", 0.25],
      ["4226", 0.25],
      ["3", 0.25],
      ["4248", 0.25],
      ["80", 0],
    ]);
    expect(engine.indicatorCell("80", 2025)).toMatchObject({
      compliance: 20 / 53.28,
      semaforo: "rojo",
    });
    expect(cell.compliance).toBe(0.25);
    expect(engine.indicatorCell("80", 2026).status).toBe("np");
  });

  it("la meta 2153 dice 50 instrumentos pero su programación suma 64, y el cuatrienio se mide contra 64", () => {
    const indicator = SEED_PLAN.objectives[3]?.indicators[1];
    expect(indicator?.goal).toContain("Participar en 50 Instrumento(s)");
    expect(
      Object.values(indicator?.targets ?? {}).reduce<number>(
        (sum, target) => sum + (target ?? 0),
        0,
      ),
    ).toBe(64);
    expect(indicator && effectiveTotal(indicator, SEED_PLAN.years)).toBe(64);
    expect(seedEngine().indicatorCell("4075", "period")).toMatchObject({
      actual: 18,
      target: 20,
      total: 64,
      progress: 18 / 64,
    });
  });

  it("la meta 2058 (indicador 3980) suma sus trimestres: 0 + 1 + 0 + 1 = 2 de 2 programados", () => {
    expect(seedEngine().indicatorCell("3980", 2024)).toMatchObject({
      actual: 2,
      target: 2,
      compliance: 1,
    });
  });

  it("la meta 3979 (creciente, 15 %) toma el último trimestre: 15 de 15", () => {
    expect(seedEngine().indicatorCell("3979", 2024)).toMatchObject({ actual: 15, compliance: 1 });
  });

  it("objetivo 5 pondera 34/33/33: 1 · 0,34 + 1 · 0,33 + 0,8 · 0,33 = 0,934", () => {
    const cell = seedEngine().objectiveCell("5", 2024);
    expect(cell.compliance).toBe((34 * 1 + 33 * 1 + 33 * 0.8) / 100);
    expect(cell.contributions.map((item) => item.weight)).toEqual([0.34, 0.33, 0.33]);
  });

  it("el índice de calidad 73 supera la meta (80,2 de 79): raw 1,0152 y cumplimiento topado en 1", () => {
    expect(seedEngine().indicatorCell("73", 2024)).toMatchObject({
      raw: 80.2 / 79,
      compliance: 1,
      overExecution: false,
    });
  });

  it("los prototipos 4248 (2 de 1) se marcan como sobre-ejecución", () => {
    expect(seedEngine().indicatorCell("4248", 2024)).toMatchObject({
      raw: 2,
      compliance: 1,
      overExecution: true,
      status: "verde",
    });
  });

  it("objetivo 8 sin reporte de la 4205 en 2024 muestra 0 y rojo", () => {
    expect(seedEngine().objectiveCell("8", 2024)).toMatchObject({
      status: "rojo",
      compliance: 0,
      semaforo: "rojo",
    });
  });

  it("el plan en 2024 promedia los 8 objetivos por igual: 0,8423…", () => {
    const engine = seedEngine();
    const objectives = SEED_PLAN.objectives.map(
      (objective) => engine.objectiveCell(objective.code, 2024).compliance ?? 0,
    );
    const mean = objectives.reduce((sum, value) => sum + value / 8, 0);
    const plan = engine.planCell(2024);
    expect(plan.compliance).toBeCloseTo(mean, 14);
    expect(plan.compliance).toBe(0.8423023875990027);
    expect(plan.status).toBe("amarillo");
    expect(engine.planCell(2025).status).toBe("pendiente");
  });
});
