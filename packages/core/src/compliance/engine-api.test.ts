import { describe, expect, it } from "vitest";
import { ComplianceInputError, createEngine } from "./engine.ts";
import { SEED_PLAN } from "./fixtures/seed-plan.ts";
import { onePlan } from "./fixtures/test-plan.ts";

describe("API del motor", () => {
  it("setActuals rechaza todos los errores de entrada a la vez y queda sin avances", () => {
    const engine = createEngine(SEED_PLAN);
    engine.setActuals([{ indicator: "2307", period: "2024", value: 44 }]);
    let caught: unknown;
    try {
      engine.setActuals([
        { indicator: "2307", period: "2024", value: 44 },
        { indicator: "nope", period: "2024", value: 1 },
        { indicator: "2307", period: "2024-Q1", value: 1 },
        { indicator: "2307", period: "2024", value: 2 },
        { indicator: "77", period: "2031", value: 2 },
        { indicator: "77", period: "2024-T1", value: 2 },
        { indicator: "77", period: "2025", value: Number.NaN },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ComplianceInputError);
    expect(
      (caught as ComplianceInputError).problems.map(
        (problem) => `${problem.path} ${problem.message}`,
      ),
    ).toEqual([
      '[1] indicador desconocido "nope": no está en el plan',
      "[2] el indicador 2307 mezcla periodos anuales, trimestrales o mensuales en 2024",
      "[3] el periodo 2024 del indicador 2307 está repetido",
      "[4] el periodo 2031 está fuera de los años del plan",
      '[5] periodo mal formado "2024-T1" (se espera AAAA, AAAA-Qn o AAAA-MM)',
      "[6] valor no numérico para 77 2025",
    ]);
    expect(engine.indicatorCell("2307", 2024).actual).toBeNull();
  });

  it("updateValue reemplaza, borra con null y rechaza mezclar granularidades", () => {
    const engine = createEngine(onePlan([{ code: "A", trend: "creciente" }]));
    engine.updateValue("A", "2024-Q1", 4);
    engine.updateValue("A", "2024-Q2", 6);
    expect(engine.indicatorCell("A", 2024).actual).toBe(6);
    engine.updateValue("A", "2024-Q2", 7);
    expect(engine.indicatorCell("A", 2024).actual).toBe(7);
    expect(() => engine.updateValue("A", "2024", 9)).toThrow(ComplianceInputError);
    engine.updateValue("A", "2024-Q2", null);
    engine.updateValue("A", "2024-Q1", null);
    expect(engine.indicatorCell("A", 2024).status).toBe("sin_reporte");
    // With no quarter left the year can be annual.
    engine.updateValue("A", "2024", 9);
    expect(engine.indicatorCell("A", 2024).actual).toBe(9);
  });

  it("un plan inválido o unas opciones inválidas no crean motor", () => {
    const bad = onePlan([{ code: "D", trend: "decreciente" }]);
    expect(() => createEngine(bad)).toThrow(
      "la tendencia decreciente necesita línea base (baseline)",
    );
    expect(() => createEngine(SEED_PLAN, { asOf: "2024-02-30" })).toThrow(ComplianceInputError);
    expect(() => createEngine(SEED_PLAN, { cap: 0 })).toThrow(
      "el tope debe ser un número mayor que 0 o null, no 0",
    );
  });

  it("pedir una celda de un año o código desconocido es un error", () => {
    const engine = createEngine(SEED_PLAN);
    expect(() => engine.planCell(2023)).toThrow("el año 2023 no es una vigencia del plan");
    expect(() => engine.indicatorCell("x", 2024)).toThrow('indicador desconocido "x"');
    expect(() => engine.objectiveCell("99", "period")).toThrow('objetivo desconocido "99"');
  });

  it("complianceOf lee el mismo número que la celda completa", () => {
    const engine = createEngine(SEED_PLAN, { asOf: "2024-12-31" });
    engine.setActuals([
      { indicator: "2320", period: "2024", value: 9.5 },
      { indicator: "2307", period: "2024", value: 44 },
    ]);
    expect(engine.complianceOf({ level: "objective", code: "3" }, 2024)).toBe(0.95);
    expect(engine.complianceOf({ level: "plan" }, 2024)).toBe(engine.planCell(2024).compliance);
    expect(engine.complianceOf({ level: "plan" }, "period")).toBe(
      engine.planCell("period").compliance,
    );
    expect(engine.complianceOf({ level: "indicator", code: "2307" }, 2024)).toBe(44 / 46);
    expect(engine.complianceOf({ level: "indicator", code: "78" }, 2024)).toBeNull();
    expect(engine.complianceOf({ level: "objective", code: "1" }, 2025)).toBeNull();
  });

  it("el resultado sigue el orden del plan y nombra el objetivo de cada indicador", () => {
    const result = createEngine(SEED_PLAN).result();
    expect(result.format).toBe("rumbo.result/v1");
    expect(result.objectives.map((objective) => objective.code)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
    ]);
    expect(result.indicators.find((indicator) => indicator.code === "80")?.objective).toBe("6");
    expect(Object.keys(result.plan.years)).toEqual(["2024", "2025", "2026", "2027"]);
  });
});
