import { describe, expect, it } from "vitest";
import { computeCompliance } from "./compute.ts";
import { createEngine } from "./engine.ts";
import { onePlan, testPlan } from "./fixtures/test-plan.ts";

const row = (indicator: string, period: string, value: number) => ({ indicator, period, value });

describe("regla 6: cumplimiento del objetivo en una vigencia", () => {
  it("promedio ponderado: pesos 60 y 40 con cumplimientos 1 y 0,5 dan 0,8", () => {
    const engine = createEngine(
      onePlan([
        { code: "A", weight: 60 },
        { code: "B", weight: 40 },
      ]),
    );
    engine.setActuals([row("A", "2024", 10), row("B", "2024", 5)]);
    expect(engine.objectiveCell("1", 2024)).toEqual({
      status: "amarillo",
      compliance: 0.8,
      semaforo: "amarillo",
      contributions: [
        { code: "A", weight: 0.6, compliance: 1, contribution: 0.6 },
        { code: "B", weight: 0.4, compliance: 0.5, contribution: 0.2 },
      ],
    });
  });

  it("los pesos se renormalizan sobre lo programado: un NP no pesa", () => {
    const engine = createEngine(
      onePlan([
        { code: "A", weight: 50, targets: { "2024": null } },
        { code: "B", weight: 50 },
      ]),
    );
    engine.setActuals([row("B", "2024", 7)]);
    expect(engine.objectiveCell("1", 2024)).toMatchObject({
      compliance: 0.7,
      contributions: [{ code: "B", weight: 1, compliance: 0.7, contribution: 0.7 }],
    });
  });

  it("los pesos por vigencia cambian el promedio de cada año", () => {
    const engine = createEngine(
      onePlan([
        { code: "A", weight: { "2024": 75, "2025": 25, "2026": 50, "2027": 50 } },
        { code: "B", weight: { "2024": 25, "2025": 75, "2026": 50, "2027": 50 } },
      ]),
    );
    engine.setActuals([row("A", "2024", 10), row("A", "2025", 10)]);
    expect(engine.objectiveCell("1", 2024).compliance).toBe(0.75);
    expect(engine.objectiveCell("1", 2025).compliance).toBe(0.25);
  });

  it("sin reporte cuenta 0 con --missing zero y se excluye con --missing exclude", () => {
    const plan = onePlan([{ code: "A" }, { code: "B" }]);
    const actuals = [row("A", "2024", 9)];
    expect(computeCompliance(plan, actuals).objectives[0]?.years["2024"]?.compliance).toBe(0.45);
    const excluded = computeCompliance(plan, actuals, { missing: "exclude" }).objectives[0]?.years[
      "2024"
    ];
    expect(excluded).toMatchObject({
      compliance: 0.9,
      status: "verde",
      contributions: [{ code: "A", weight: 1 }],
    });
  });

  it("un objetivo cuyos indicadores no tienen reporte muestra 0 y rojo con --missing zero, y es NP con exclude", () => {
    const plan = onePlan([{ code: "A" }]);
    expect(computeCompliance(plan, []).objectives[0]?.years["2024"]).toMatchObject({
      status: "rojo",
      compliance: 0,
      semaforo: "rojo",
    });
    expect(
      computeCompliance(plan, [], { missing: "exclude" }).objectives[0]?.years["2024"],
    ).toEqual({
      status: "np",
      compliance: null,
      semaforo: null,
      contributions: [],
    });
  });

  it("un indicador evaluado con peso 0 se lista con peso 0 y no cambia el promedio", () => {
    const engine = createEngine(
      onePlan([
        { code: "A", weight: 100 },
        { code: "Z", weight: 0 },
      ]),
    );
    engine.setActuals([row("A", "2024", 8), row("Z", "2024", 2)]);
    expect(engine.objectiveCell("1", 2024)).toMatchObject({
      compliance: 0.8,
      contributions: [
        { code: "A", weight: 1, compliance: 0.8, contribution: 0.8 },
        { code: "Z", weight: 0, compliance: 0.2, contribution: 0 },
      ],
    });
  });

  it("el objetivo es NP cuando los pesos evaluados suman 0", () => {
    const engine = createEngine(onePlan([{ code: "Z", weight: 0 }]));
    engine.setActuals([row("Z", "2024", 10)]);
    expect(engine.objectiveCell("1", 2024)).toMatchObject({
      status: "np",
      compliance: null,
      contributions: [],
    });
  });
});

describe("regla 7: cumplimiento del plan en una vigencia", () => {
  it("sin pesos de objetivo todos pesan igual y un objetivo NP no pesa", () => {
    const plan = testPlan([
      { code: "1", indicators: [{ code: "A" }] },
      { code: "2", indicators: [{ code: "B" }] },
      { code: "3", indicators: [{ code: "C", targets: {} }] },
    ]);
    const engine = createEngine(plan);
    engine.setActuals([row("A", "2024", 10), row("B", "2024", 6)]);
    expect(engine.planCell(2024)).toEqual({
      status: "amarillo",
      compliance: 0.8,
      semaforo: "amarillo",
      contributions: [
        { code: "1", weight: 0.5, compliance: 1, contribution: 0.5 },
        { code: "2", weight: 0.5, compliance: 0.6, contribution: 0.3 },
      ],
    });
  });

  it("los pesos de objetivo por vigencia ponderan el plan", () => {
    const plan = testPlan([
      {
        code: "1",
        weight: { "2024": 3, "2025": 1, "2026": 1, "2027": 1 },
        indicators: [{ code: "A" }],
      },
      { code: "2", weight: 1, indicators: [{ code: "B" }] },
    ]);
    const engine = createEngine(plan);
    engine.setActuals([row("A", "2024", 10), row("A", "2025", 10)]);
    expect(engine.planCell(2024).compliance).toBe(0.75);
    expect(engine.planCell(2025).compliance).toBe(0.5);
  });
});

describe("regla 8: cuatrienio", () => {
  it("suma con corte 2025-12-31: A* y T* suman los años evaluados y el avance se mide contra el total", () => {
    const plan = onePlan([
      {
        code: "3980",
        trend: "suma",
        targets: { "2024": 2, "2025": 26, "2026": 26, "2027": 27 },
        total: 81,
      },
    ]);
    const engine = createEngine(plan, { asOf: "2025-12-31" });
    engine.setActuals([
      row("3980", "2024", 2),
      row("3980", "2025-Q1", 5),
      row("3980", "2025-Q3", 15),
    ]);
    expect(engine.indicatorCell("3980", "period")).toEqual({
      status: "amarillo",
      compliance: 22 / 28,
      semaforo: "amarillo",
      raw: 22 / 28,
      target: 28,
      actual: 22,
      overExecution: false,
      total: 81,
      progress: 22 / 81,
    });
  });

  it("creciente: A* es el avance del último año con reporte y T* la meta del último año evaluado programado", () => {
    const plan = onePlan([
      {
        code: "C",
        trend: "creciente",
        targets: { "2024": 10, "2025": 40, "2026": 70, "2027": 100 },
        total: 100,
      },
    ]);
    const engine = createEngine(plan, { asOf: "2026-06-30" });
    engine.setActuals([row("C", "2024", 12), row("C", "2025", 35)]);
    expect(engine.indicatorCell("C", "period")).toMatchObject({
      actual: 35,
      target: 70,
      compliance: 0.5,
      progress: 0.35,
    });
  });

  it("después del último año, con un total coherente con la tendencia, cumplimiento y avance coinciden", () => {
    const plan = onePlan([
      {
        code: "S",
        trend: "suma",
        targets: { "2024": 2, "2025": 26, "2026": 26, "2027": 27 },
        total: 81,
      },
    ]);
    const cell = computeCompliance(plan, [
      row("S", "2024", 2),
      row("S", "2025", 20),
      row("S", "2026", 26),
      row("S", "2027", 20),
    ]).indicators[0]?.period;
    expect(cell?.compliance).toBe(68 / 81);
    expect(cell?.progress).toBe(cell?.compliance);
  });

  it("T* cuenta los años programados sin reporte también con --missing exclude: lo debido se debe", () => {
    const plan = onePlan([{ code: "S", trend: "suma" }]);
    const cell = computeCompliance(plan, [row("S", "2024", 10)], {
      asOf: "2025-12-31",
      missing: "exclude",
    }).indicators[0]?.period;
    expect(cell).toMatchObject({ actual: 10, target: 20, compliance: 0.5 });
  });

  it("con T* y sin A* el cuatrienio es sin reporte y el avance es 0", () => {
    const cell = computeCompliance(onePlan([{ code: "S" }]), []).indicators[0]?.period;
    expect(cell).toMatchObject({
      status: "sin_reporte",
      compliance: 0,
      semaforo: "rojo",
      actual: null,
      target: 40,
      total: 40,
      progress: 0,
    });
  });

  it("el avance es null cuando el total es NP, aunque el cumplimiento exista", () => {
    const plan = onePlan([{ code: "S", total: null }]);
    const cell = computeCompliance(plan, [row("S", "2024", 5)]).indicators[0]?.period;
    expect(cell).toMatchObject({ total: null, progress: null, compliance: 5 / 40 });
  });

  it("sin total escrito: suma toma la suma de las metas y creciente la meta del último año programado", () => {
    const plan = onePlan([
      { code: "S", trend: "suma", targets: { "2024": 1, "2025": 2, "2026": 0, "2027": 4 } },
      { code: "C", trend: "creciente", targets: { "2024": 1, "2025": 2, "2026": 3, "2027": null } },
    ]);
    const result = computeCompliance(plan, []);
    expect(result.indicators[0]?.period.total).toBe(7);
    expect(result.indicators[1]?.period.total).toBe(3);
  });

  it("el objetivo toma los pesos del cuatrienio: total del objeto de pesos o, sin él, la media de los años", () => {
    const plan = onePlan([
      { code: "A", weight: { "2024": 10, "2025": 20, "2026": 30, "2027": 40 } },
      { code: "B", weight: { "2024": 0, "2025": 0, "2026": 0, "2027": 0, total: 75 } },
    ]);
    const engine = createEngine(plan);
    engine.setActuals([row("A", "2024", 40)]);
    // A: weight 25 (mean), compliance 1; B: weight 75, sin reporte → 0.
    expect(engine.objectiveCell("1", "period")).toMatchObject({
      compliance: 0.25,
      contributions: [
        { code: "A", weight: 0.25, compliance: 1, contribution: 0.25 },
        { code: "B", weight: 0.75, compliance: 0, contribution: 0 },
      ],
      progress: 0.25,
    });
  });

  it("el avance del objetivo deja por fuera a quien no tiene A* con --missing exclude y lo cuenta 0 con zero", () => {
    const plan = onePlan([{ code: "A" }, { code: "B" }]);
    const actuals = [row("A", "2024", 20)];
    expect(computeCompliance(plan, actuals).objectives[0]?.period.progress).toBe(0.25);
    expect(
      computeCompliance(plan, actuals, { missing: "exclude" }).objectives[0]?.period.progress,
    ).toBe(0.5);
  });

  it("el avance se da aunque el cumplimiento del cuatrienio sea NP (sin años evaluados programados)", () => {
    const plan = onePlan([{ code: "A", targets: { "2026": 10 }, total: 10 }]);
    const cell = computeCompliance(plan, [row("A", "2024", 4)], { asOf: "2025-12-31" })
      .indicators[0]?.period;
    expect(cell).toMatchObject({
      status: "np",
      compliance: null,
      target: null,
      actual: 4,
      progress: 0.4,
    });
  });

  it("el plan promedia el cuatrienio de sus objetivos y su avance", () => {
    const plan = testPlan([
      { code: "1", indicators: [{ code: "A" }] },
      { code: "2", indicators: [{ code: "B" }] },
    ]);
    const result = computeCompliance(plan, [row("A", "2024", 40), row("B", "2024", 20)]);
    expect(result.plan.period).toMatchObject({
      compliance: 0.75,
      progress: 0.75,
      status: "amarillo",
    });
  });
});
