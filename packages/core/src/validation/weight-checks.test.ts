import { describe, expect, it } from "vitest";
import {
  aBareIndicator,
  anIndicator,
  anObjective,
  aPlan,
  planWithIndicators,
} from "./fixtures/clean-plan.ts";
import { validatePlanRules } from "./validate-plan.ts";
import { WEIGHT_SUM_TOLERANCE, weightShares } from "./weight-checks.ts";

describe("ponderaciones de los indicadores dentro de su objetivo", () => {
  it("objetivo 3 en 2024 suma 50 % porque la meta 78 no está programada: advierte y la nombra", () => {
    const m78 = aBareIndicator({
      code: "78",
      name: "Índice de Gobierno Digital",
      trend: "creciente",
      unit: "índice",
      weight: 50,
      targets: { "2024": null, "2025": 92 },
      total: 92,
    });
    const m2320 = aBareIndicator({
      code: "2320",
      name: "Implementación del portafolio de servicios TIC",
      trend: "creciente",
      weight: 50,
      targets: { "2024": 10, "2025": 40 },
      total: 40,
    });
    const plan = aPlan({ objectives: [anObjective({ code: "3", indicators: [m78, m2320] })] });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "weights.sum-not-100",
        severity: "warning",
        message:
          "Objetivo 3, vigencia 2024: las ponderaciones de los indicadores programados suman 50 %, no 100 %: no está programado el indicador 78 (pondera 50 %); el cumplimiento se renormaliza sobre los programados.",
        path: "objectives[0]",
        objectiveCode: "3",
        year: 2024,
        field: "weight",
      },
    ]);
  });

  it("dos indicadores no programados se nombran juntos", () => {
    const np = (code: string, weight: number) =>
      aBareIndicator({ code, weight, targets: { "2024": null, "2025": 5 }, total: 5 });
    const plan = planWithIndicators(
      np("11", 30),
      np("12", 20),
      aBareIndicator({ code: "13", weight: 50 }),
    );
    expect(validatePlanRules(plan).map((i) => i.message)).toEqual([
      "Objetivo 1, vigencia 2024: las ponderaciones de los indicadores programados suman 50 %, no 100 %: no están programados los indicadores 11 (pondera 30 %) y 12 (pondera 20 %); el cumplimiento se renormaliza sobre los programados.",
    ]);
  });

  it("pesos por vigencia que en 2024 suman 90 % se advierten en esa vigencia", () => {
    const plan = planWithIndicators(
      aBareIndicator({ code: "11", weight: { "2024": 60, "2025": 50, total: 50 } }),
      aBareIndicator({ code: "12", weight: { "2024": 30, "2025": 50, total: 50 } }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "weights.sum-not-100",
        severity: "warning",
        message:
          "Objetivo 1, vigencia 2024: las ponderaciones de los indicadores programados suman 90 %, no 100 %; el cumplimiento se renormaliza sobre los programados.",
        path: "objectives[0]",
        objectiveCode: "1",
        year: 2024,
        field: "weight",
      },
    ]);
  });

  it("la meta 80 pondera 0 % y no está programada en 2024: no hay nada que advertir", () => {
    const m80 = aBareIndicator({
      code: "80",
      trend: "creciente",
      weight: 0,
      targets: { "2024": null, "2025": 53.28 },
      total: 53.28,
    });
    expect(validatePlanRules(planWithIndicators(aBareIndicator(), m80))).toEqual([]);
  });

  it("un objetivo que pondera 90 % se advierte una vez, no una vez por vigencia", () => {
    expect(validatePlanRules(planWithIndicators(anIndicator({ weight: 90 })))).toEqual([
      {
        code: "weights.period-sum-not-100",
        severity: "warning",
        message: "Objetivo 1: las ponderaciones de sus indicadores suman 90 %, no 100 %.",
        path: "objectives[0]",
        objectiveCode: "1",
        field: "weight",
      },
    ]);
  });

  it("con pesos por vigencia, el total del periodo que suma 80 % se nombra como tal", () => {
    const plan = planWithIndicators(
      aBareIndicator({ code: "11", weight: { "2024": 50, "2025": 50, total: 40 } }),
      aBareIndicator({ code: "12", weight: { "2024": 50, "2025": 50, total: 40 } }),
    );
    expect(validatePlanRules(plan).map((i) => [i.code, i.message])).toEqual([
      [
        "weights.period-sum-not-100",
        "Objetivo 1: las ponderaciones de sus indicadores para el periodo 2024-2025 (total) suman 80 %, no 100 %.",
      ],
    ]);
  });

  it("tres tercios de 33,333 suman 99,999 % y el mensaje lo muestra con sus decimales", () => {
    const third = (code: string) => aBareIndicator({ code, weight: 33.333 });
    const issues = validatePlanRules(planWithIndicators(third("1"), third("2"), third("3")));
    expect(issues.map((i) => i.message)).toEqual([
      "Objetivo 1: las ponderaciones de sus indicadores suman 99,999 %, no 100 %.",
    ]);
  });

  it("34 %, 33 % y 33 % (objetivo 5) suman 100 %", () => {
    const plan = planWithIndicators(
      aBareIndicator({ code: "73", weight: 34 }),
      aBareIndicator({ code: "4263", weight: 33 }),
      aBareIndicator({ code: "4267", weight: 33 }),
    );
    expect(validatePlanRules(plan)).toEqual([]);
  });
});

describe("valores de cada ponderación", () => {
  it("un peso por vigencia para 2028 en un plan 2024-2025 no se puede guardar", () => {
    const plan = planWithIndicators(
      anIndicator({ weight: { "2024": 100, "2025": 100, "2028": 100 } }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "weight.year-outside-plan",
        severity: "error",
        message:
          "Objetivo 1, indicador 101, vigencia 2028: hay una ponderación para un año que no es vigencia del plan (vigencias: 2024, 2025).",
        path: "objectives[0].indicators[0].weight.2028",
        objectiveCode: "1",
        indicatorCode: "101",
        year: 2028,
        field: "weight",
      },
    ]);
  });

  it("un peso por vigencia que olvida 2025 se tomaría como 0 % y bloquea", () => {
    const plan = planWithIndicators(
      aBareIndicator({ weight: { "2024": 100, total: 100 }, targets: { "2024": 10 }, total: 10 }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "weight.year-missing",
        severity: "error",
        message:
          "Objetivo 1, indicador 101, vigencia 2025: la ponderación por vigencia no nombra esta vigencia; se tomaría como 0 %.",
        path: "objectives[0].indicators[0].weight.2025",
        objectiveCode: "1",
        indicatorCode: "101",
        year: 2025,
        field: "weight",
      },
    ]);
  });

  it("una ponderación negativa no se puede guardar", () => {
    const plan = planWithIndicators(
      aBareIndicator({
        code: "11",
        weight: { "2024": -10, "2025": 50, total: 50 },
        targets: { "2024": null, "2025": 30 },
        total: 30,
      }),
      aBareIndicator({ code: "12", weight: { "2024": 100, "2025": 50, total: 50 } }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "weight.negative",
        severity: "error",
        message:
          "Objetivo 1, indicador 11, vigencia 2024: la ponderación es -10 %; una ponderación no puede ser negativa.",
        path: "objectives[0].indicators[0].weight.2024",
        objectiveCode: "1",
        indicatorCode: "11",
        year: 2024,
        field: "weight",
      },
    ]);
  });

  it("una ponderación de 150 % se advierte", () => {
    const plan = planWithIndicators(
      aBareIndicator({
        code: "11",
        weight: { "2024": 150, "2025": 50, total: 50 },
        targets: { "2024": null, "2025": 30 },
        total: 30,
      }),
      aBareIndicator({ code: "12", weight: { "2024": 100, "2025": 50, total: 50 } }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "weight.above-100",
        severity: "warning",
        message: "Objetivo 1, indicador 11, vigencia 2024: la ponderación es 150 %, más de 100 %.",
        path: "objectives[0].indicators[0].weight.2024",
        objectiveCode: "1",
        indicatorCode: "11",
        year: 2024,
        field: "weight",
      },
    ]);
  });
});

describe("ponderaciones de los objetivos", () => {
  const second = anObjective({
    code: "2",
    indicators: [anIndicator({ code: "201", goal: "Meta sectorial 201: Asistir 40 víctimas" })],
  });

  it("sin ponderación de objetivos todos pesan lo mismo y no hay nada que advertir", () => {
    expect(validatePlanRules(aPlan({ objectives: [anObjective(), second] }))).toEqual([]);
  });

  it("objetivos que ponderan 40 % y 40 % suman 80 %", () => {
    const plan = aPlan({
      objectives: [anObjective({ weight: 40 }), { ...second, weight: 40 }],
    });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "objective-weights.sum-not-100",
        severity: "warning",
        message:
          "Las ponderaciones de los objetivos suman 80 %, no 100 %; el cumplimiento del plan se renormaliza sobre ellas.",
        path: "objectives",
        field: "weight",
      },
    ]);
  });

  it("objetivos que en 2025 suman 110 % se advierten en esa vigencia", () => {
    const plan = aPlan({
      objectives: [
        anObjective({ weight: { "2024": 50, "2025": 60, total: 50 } }),
        { ...second, weight: { "2024": 50, "2025": 50, total: 50 } },
      ],
    });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "objective-weights.sum-not-100",
        severity: "warning",
        message:
          "Vigencia 2025: las ponderaciones de los objetivos suman 110 %, no 100 %; el cumplimiento del plan se renormaliza sobre ellas.",
        path: "objectives",
        year: 2025,
        field: "weight",
      },
    ]);
  });

  it("si un objetivo tiene ponderación, los demás también deben tenerla", () => {
    const plan = aPlan({ objectives: [anObjective({ weight: 100 }), second] });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "objective-weights.partial",
        severity: "error",
        message:
          "Objetivo 2: no tiene ponderación y otros objetivos sí; la ponderación de los objetivos se da para todos o para ninguno.",
        path: "objectives[1].weight",
        objectiveCode: "2",
        field: "weight",
      },
    ]);
  });

  it("la ponderación de un objetivo también se revisa: negativa bloquea", () => {
    const plan = aPlan({
      objectives: [anObjective({ weight: -20 }), { ...second, weight: 120 }],
    });
    expect(validatePlanRules(plan).map((i) => [i.code, i.path, i.message])).toEqual([
      [
        "weight.negative",
        "objectives[0].weight",
        "Objetivo 1: la ponderación es -20 %; una ponderación no puede ser negativa.",
      ],
      [
        "weight.above-100",
        "objectives[1].weight",
        "Objetivo 2: la ponderación es 120 %, más de 100 %.",
      ],
    ]);
  });
});

describe("participación de cada ponderación (la que muestra el editor)", () => {
  it("objetivo 3 en 2024: la meta 78 es NP y la 2320 participa con el 100 %", () => {
    expect(
      weightShares([
        { weightPct: 50, programmed: false },
        { weightPct: 50, programmed: true },
      ]),
    ).toEqual({
      sumPct: 100,
      sumIsHundred: true,
      programmedSumPct: 50,
      shares: [
        { weightPct: 50, programmed: false, sharePct: null },
        { weightPct: 50, programmed: true, sharePct: 100 },
      ],
    });
  });

  it("una suma a menos de la tolerancia de 100 es 100; una ponderación sin escribir no participa", () => {
    const near = weightShares([
      { weightPct: 100 - WEIGHT_SUM_TOLERANCE / 2, programmed: true },
      { weightPct: null, programmed: true },
    ]);
    expect(near.sumIsHundred).toBe(true);
    expect(near.shares.map((share) => share.sharePct)).toEqual([100, null]);
    expect(weightShares([{ weightPct: 99.999, programmed: true }]).sumIsHundred).toBe(false);
  });
});
