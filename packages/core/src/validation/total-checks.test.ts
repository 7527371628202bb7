import { describe, expect, it } from "vitest";
import { aBareIndicator, anIndicator, planWithIndicators } from "./fixtures/clean-plan.ts";
import { validatePlanRules } from "./validate-plan.ts";

const where = { objectiveCode: "1", indicatorCode: "101" } as const;

describe("programación por vigencia", () => {
  it("una meta para 2026 en un plan 2024-2025 no se puede guardar", () => {
    const plan = planWithIndicators(
      anIndicator({ targets: { "2024": 10, "2025": 30, "2026": 5 } }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "targets.year-outside-plan",
        severity: "error",
        message:
          "Objetivo 1, indicador 101, vigencia 2026: hay una meta (5) para un año que no es vigencia del plan (vigencias: 2024, 2025).",
        path: "objectives[0].indicators[0].targets.2026",
        ...where,
        year: 2026,
        field: "targets",
      },
    ]);
  });

  it("una clave que no es un año también se nombra tal cual", () => {
    const plan = planWithIndicators(anIndicator({ targets: { "2024": 10, "2025": 30, otro: 1 } }));
    expect(validatePlanRules(plan).map((i) => [i.path, i.message])).toEqual([
      [
        "objectives[0].indicators[0].targets.otro",
        "Objetivo 1, indicador 101: hay una meta (1) en «otro», que no es una vigencia del plan (vigencias: 2024, 2025).",
      ],
    ]);
  });

  it("una meta negativa no se puede guardar", () => {
    const plan = planWithIndicators(
      aBareIndicator({ trend: "constante", targets: { "2024": -5, "2025": 10 }, total: 10 }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "targets.negative",
        severity: "error",
        message:
          "Objetivo 1, indicador 101, vigencia 2024: la meta es -5; una meta no puede ser negativa.",
        path: "objectives[0].indicators[0].targets.2024",
        ...where,
        year: 2024,
        field: "targets",
      },
    ]);
  });

  it("una programación del periodo negativa tampoco", () => {
    const plan = planWithIndicators(
      aBareIndicator({ trend: "constante", targets: { "2024": 10, "2025": -5 }, total: -5 }),
    );
    expect(validatePlanRules(plan).map((i) => [i.code, i.path, i.message])).toEqual([
      [
        "targets.negative",
        "objectives[0].indicators[0].targets.2025",
        "Objetivo 1, indicador 101, vigencia 2025: la meta es -5; una meta no puede ser negativa.",
      ],
      [
        "targets.negative",
        "objectives[0].indicators[0].total",
        "Objetivo 1, indicador 101: la programación del periodo 2024-2025 es -5; no puede ser negativa.",
      ],
    ]);
  });

  it("la meta 78 escrita 0 en 2024 se lee como no programada y se advierte", () => {
    const plan = planWithIndicators(
      aBareIndicator({ trend: "creciente", targets: { "2024": 0, "2025": 30 }, total: 30 }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "targets.zero-read-as-np",
        severity: "warning",
        message:
          "Objetivo 1, indicador 101, vigencia 2024: la programación es 0; se lee como no programado (NP), no como meta 0.",
        path: "objectives[0].indicators[0].targets.2024",
        ...where,
        year: 2024,
        field: "targets",
      },
    ]);
  });

  it("una meta 0 decreciente es una meta real: nada que advertir", () => {
    const plan = planWithIndicators(
      aBareIndicator({
        trend: "decreciente",
        baseline: 12,
        targets: { "2024": 5, "2025": 0 },
        total: 0,
      }),
    );
    expect(validatePlanRules(plan)).toEqual([]);
  });
});

describe("programación del periodo frente a la tendencia", () => {
  it("un total vacío con vigencias programadas deja el periodo NP", () => {
    const plan = planWithIndicators(anIndicator({ total: null }));
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "total.not-programmed",
        severity: "warning",
        message:
          "Objetivo 1, indicador 101: la programación del periodo 2024-2025 está vacía aunque hay vigencias programadas: el periodo queda no programado (NP); con tendencia suma sería 40.",
        path: "objectives[0].indicators[0].total",
        ...where,
        field: "total",
      },
    ]);
  });

  it("un total 0 creciente también deja el periodo NP", () => {
    const plan = planWithIndicators(
      aBareIndicator({ trend: "creciente", targets: { "2024": 15, "2025": 45 }, total: 0 }),
    );
    expect(validatePlanRules(plan).map((i) => i.message)).toEqual([
      "Objetivo 1, indicador 101: la programación del periodo 2024-2025 es 0 aunque hay vigencias programadas: el periodo queda no programado (NP); con tendencia creciente sería 45.",
    ]);
  });

  it("sin total escrito, la tendencia lo calcula y no hay nada que advertir", () => {
    expect(validatePlanRules(planWithIndicators(anIndicator({ total: undefined })))).toEqual([]);
  });

  it("suma con total 50 cuando las vigencias suman 40", () => {
    const plan = planWithIndicators(aBareIndicator({ total: 50 }));
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "total.trend-mismatch",
        severity: "warning",
        message:
          "Objetivo 1, indicador 101: la programación del periodo 2024-2025 es 50, pero con tendencia suma debe ser la suma de las vigencias programadas, 40.",
        path: "objectives[0].indicators[0].total",
        ...where,
        field: "total",
      },
    ]);
  });

  it("creciente con total 25 cuando la última vigencia programada pide 30", () => {
    const plan = planWithIndicators(aBareIndicator({ trend: "creciente", total: 25 }));
    expect(validatePlanRules(plan).map((i) => i.message)).toEqual([
      "Objetivo 1, indicador 101: la programación del periodo 2024-2025 es 25, pero con tendencia creciente debe ser la meta de la última vigencia programada (2025), 30.",
    ]);
  });

  it("0,25 por vigencia suma 1 sin error de redondeo (meta 2276)", () => {
    const plan = planWithIndicators(
      aBareIndicator({
        targets: { "2024": 0.1, "2025": 0.2 },
        total: 0.3,
      }),
    );
    expect(validatePlanRules(plan)).toEqual([]);
  });
});

describe("indicadores que nunca se programan", () => {
  it("un indicador que pondera 100 % sin ninguna vigencia programada no se mide", () => {
    const plan = planWithIndicators(aBareIndicator({ targets: {}, total: undefined }));
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "indicator.never-programmed",
        severity: "warning",
        message:
          "Objetivo 1, indicador 101: pondera 100 % pero no está programado en ninguna vigencia; no se mide ni aporta al cumplimiento del objetivo.",
        path: "objectives[0].indicators[0].targets",
        ...where,
        field: "targets",
      },
    ]);
  });

  it("con pesos por vigencia nombra el mayor", () => {
    const plan = planWithIndicators(
      aBareIndicator({ code: "11" }),
      aBareIndicator({
        code: "12",
        weight: { "2024": 25, "2025": 0, total: 0 },
        targets: { "2024": null, "2025": null },
        total: undefined,
      }),
    );
    expect(validatePlanRules(plan).map((i) => i.message)).toEqual([
      "Objetivo 1, indicador 12: pondera hasta 25 % pero no está programado en ninguna vigencia; no se mide ni aporta al cumplimiento del objetivo.",
    ]);
  });

  it("uno que pondera 0 % y no se programa solo se reporta: nada que advertir", () => {
    const plan = planWithIndicators(
      aBareIndicator({ code: "11" }),
      aBareIndicator({ code: "12", weight: 0, targets: {}, total: undefined }),
    );
    expect(validatePlanRules(plan)).toEqual([]);
  });
});
