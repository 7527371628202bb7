import { describe, expect, it } from "vitest";
import { aBareIndicator, planWithIndicators } from "./fixtures/clean-plan.ts";
import { validatePlanRules } from "./validate-plan.ts";

const where = { objectiveCode: "1", indicatorCode: "101" } as const;
const decreciente = (baseline: number | null | undefined) =>
  aBareIndicator({ trend: "decreciente", baseline, targets: { "2024": 8, "2025": 5 }, total: 5 });

describe("línea base", () => {
  it("un indicador decreciente sin línea base no se puede calcular", () => {
    expect(validatePlanRules(planWithIndicators(decreciente(undefined)))).toEqual([
      {
        code: "baseline.missing",
        severity: "error",
        message:
          "Objetivo 1, indicador 101: la tendencia decreciente necesita línea base: el cumplimiento se calcula como (B − A) / (B − T).",
        path: "objectives[0].indicators[0].baseline",
        ...where,
        field: "baseline",
      },
    ]);
    expect(validatePlanRules(planWithIndicators(decreciente(null))).map((i) => i.code)).toEqual([
      "baseline.missing",
    ]);
  });

  it("un creciente medido desde la línea base también la necesita", () => {
    const plan = planWithIndicators(
      aBareIndicator({ trend: "creciente", progress: "from-baseline", total: 30 }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "baseline.missing",
        severity: "error",
        message:
          "Objetivo 1, indicador 101: mide el avance desde la línea base (progress «from-baseline») y no tiene línea base: el cumplimiento se calcula como (A − B) / (T − B).",
        path: "objectives[0].indicators[0].baseline",
        ...where,
        field: "baseline",
      },
    ]);
  });

  it("para los demás indicadores la línea base es opcional", () => {
    const plan = planWithIndicators(aBareIndicator({ trend: "creciente", total: 30 }));
    expect(validatePlanRules(plan)).toEqual([]);
  });

  it("línea base 8 y meta 2024 de 8: (B − A) / (B − T) divide por cero", () => {
    expect(validatePlanRules(planWithIndicators(decreciente(8)))).toEqual([
      {
        code: "baseline.equals-target",
        severity: "error",
        message:
          "Objetivo 1, indicador 101, vigencia 2024: la meta es igual a la línea base (B = T = 8): (B − A) / (B − T) divide por cero.",
        path: "objectives[0].indicators[0].targets.2024",
        ...where,
        year: 2024,
        field: "targets",
      },
    ]);
  });

  it("una línea base igual al total escrito también divide por cero", () => {
    expect(validatePlanRules(planWithIndicators(decreciente(5))).map((i) => i.path)).toEqual([
      "objectives[0].indicators[0].targets.2025",
      "objectives[0].indicators[0].total",
    ]);
    expect(validatePlanRules(planWithIndicators(decreciente(5)))[1]?.message).toBe(
      "Objetivo 1, indicador 101: la programación del periodo 2024-2025 es igual a la línea base (B = T = 5): (B − A) / (B − T) divide por cero.",
    );
  });

  it("una línea base distinta de todas las metas está bien", () => {
    expect(validatePlanRules(planWithIndicators(decreciente(12)))).toEqual([]);
  });
});
