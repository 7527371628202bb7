import { describe, expect, it } from "vitest";
import { aBareIndicator, planWithIndicators } from "./fixtures/clean-plan.ts";
import { validatePlanRules } from "./validate-plan.ts";

const where = { objectiveCode: "1", indicatorCode: "101" } as const;
const percent = (targets: Record<string, number>, total: number) =>
  aBareIndicator({ trend: "creciente", unit: "%", targets, total });

describe("unidades que no cuadran con los valores", () => {
  it("un porcentaje programado en 120 se advierte en la vigencia y en el total", () => {
    const plan = planWithIndicators(percent({ "2024": 60, "2025": 120 }, 120));
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "unit.percent-over-100",
        severity: "warning",
        message:
          "Objetivo 1, indicador 101, vigencia 2025: la unidad es % y la meta es 120 %, más de 100 %.",
        path: "objectives[0].indicators[0].targets.2025",
        ...where,
        year: 2025,
        field: "targets",
      },
      {
        code: "unit.percent-over-100",
        severity: "warning",
        message:
          "Objetivo 1, indicador 101: la unidad es % y la programación del periodo 2024-2025 es 120 %, más de 100 %.",
        path: "objectives[0].indicators[0].total",
        ...where,
        field: "total",
      },
    ]);
  });

  it("un porcentaje programado 0,4 y 0,75 parece una fracción", () => {
    const plan = planWithIndicators(percent({ "2024": 0.4, "2025": 0.75 }, 0.75));
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "unit.percent-as-fraction",
        severity: "warning",
        message:
          "Objetivo 1, indicador 101: la unidad es % pero todos sus valores son 1 o menos (el mayor es 0,75): ¿fracción en lugar de porcentaje? 0,75 se lee como 0,75 %, no como 75 %.",
        path: "objectives[0].indicators[0].unit",
        ...where,
        field: "unit",
      },
    ]);
  });

  it("15 %, 45 %, 75 % y 100 % (meta 2057) están bien", () => {
    const plan = planWithIndicators(percent({ "2024": 15, "2025": 100 }, 100));
    expect(validatePlanRules(plan)).toEqual([]);
  });

  it("fracciones de un producto (0,10 → 1,00) en unidad número están bien", () => {
    const plan = planWithIndicators(
      aBareIndicator({ trend: "creciente", targets: { "2024": 0.1, "2025": 1 }, total: 1 }),
    );
    expect(validatePlanRules(plan)).toEqual([]);
  });
});
