import { describe, expect, it } from "vitest";
import { computeCompliance } from "./compute.ts";
import { createEngine } from "./engine.ts";
import { onePlan } from "./fixtures/test-plan.ts";

const row = (indicator: string, period: string, value: number) => ({ indicator, period, value });

describe("regla 1: avance de un año", () => {
  it("suma: los trimestres de un año se suman", () => {
    const engine = createEngine(onePlan([{ code: "A", trend: "suma" }]));
    engine.setActuals([
      row("A", "2024-Q1", 2),
      row("A", "2024-Q2", 3),
      row("A", "2024-Q3", 1),
      row("A", "2024-Q4", 4),
    ]);
    expect(engine.indicatorCell("A", 2024)).toEqual({
      status: "verde",
      compliance: 1,
      semaforo: "verde",
      raw: 1,
      target: 10,
      actual: 10,
      overExecution: false,
    });
  });

  it("creciente: cuenta el último trimestre reportado, no la suma", () => {
    const engine = createEngine(
      onePlan([{ code: "A", trend: "creciente", targets: { "2024": 40 } }]),
    );
    engine.setActuals([row("A", "2024-Q1", 10), row("A", "2024-Q2", 20), row("A", "2024-Q4", 35)]);
    const cell = engine.indicatorCell("A", 2024);
    expect(cell.actual).toBe(35);
    expect(cell.compliance).toBe(0.875);
    expect(cell.status).toBe("amarillo");
  });

  it("creciente: si falta el último trimestre cuenta el anterior reportado", () => {
    const engine = createEngine(
      onePlan([{ code: "A", trend: "creciente", targets: { "2024": 40 } }]),
    );
    engine.setActuals([row("A", "2024-Q1", 10), row("A", "2024-Q2", 30)]);
    expect(engine.indicatorCell("A", 2024).actual).toBe(30);
  });

  it("constante: cuenta el último mes reportado", () => {
    const engine = createEngine(
      onePlan([{ code: "A", trend: "constante", targets: { "2024": 46 } }]),
    );
    engine.setActuals([row("A", "2024-01", 46), row("A", "2024-02", 44), row("A", "2024-03", 45)]);
    expect(engine.indicatorCell("A", 2024).actual).toBe(45);
    expect(engine.indicatorCell("A", 2024).compliance).toBe(45 / 46);
  });

  it("suma: los meses de un año se suman", () => {
    const engine = createEngine(onePlan([{ code: "A", trend: "suma", targets: { "2024": 12 } }]));
    engine.setActuals([row("A", "2024-01", 1.5), row("A", "2024-07", 2.5), row("A", "2024-12", 3)]);
    expect(engine.indicatorCell("A", 2024).actual).toBe(7);
  });

  it("la fila anual es el avance del año", () => {
    const engine = createEngine(
      onePlan([{ code: "A", trend: "creciente", targets: { "2024": 70.72 } }]),
    );
    engine.setActuals([row("A", "2024", 68)]);
    expect(engine.indicatorCell("A", 2024).compliance).toBe(68 / 70.72);
  });
});

describe("regla 2: fecha de corte", () => {
  const plan = onePlan([
    { code: "A", trend: "suma", targets: { "2024": 20, "2025": 20, "2026": 20, "2027": 20 } },
  ]);

  it("con corte 2025-06-30, 2026 y 2027 quedan pendientes y en 2025 solo cuentan Q1 y Q2", () => {
    const engine = createEngine(plan, { asOf: "2025-06-30" });
    engine.setActuals([
      row("A", "2025-Q1", 5),
      row("A", "2025-Q2", 5),
      row("A", "2025-Q3", 5),
      row("A", "2026-Q1", 9),
    ]);
    expect(engine.indicatorCell("A", 2025)).toMatchObject({
      actual: 10,
      compliance: 0.5,
      status: "rojo",
    });
    expect(engine.indicatorCell("A", 2026)).toMatchObject({
      status: "pendiente",
      compliance: null,
      semaforo: null,
      actual: null,
      target: 20,
    });
    expect(engine.objectiveCell("1", 2026)).toEqual({
      status: "pendiente",
      compliance: null,
      semaforo: null,
      contributions: [],
    });
    expect(engine.planCell(2027).status).toBe("pendiente");
    expect(engine.result().asOf).toBe("2025-06-30");
  });

  it("un trimestre cuenta desde el último día del trimestre, no antes", () => {
    const before = createEngine(plan, { asOf: "2025-06-29" });
    before.setActuals([row("A", "2025-Q1", 5), row("A", "2025-Q2", 5)]);
    expect(before.indicatorCell("A", 2025).actual).toBe(5);
  });

  it("una fila anual no cuenta antes del 31 de diciembre", () => {
    const cut30 = createEngine(plan, { asOf: "2024-12-30" });
    cut30.setActuals([row("A", "2024", 20)]);
    expect(cut30.indicatorCell("A", 2024)).toMatchObject({
      status: "sin_reporte",
      actual: null,
      compliance: 0,
    });
    const cut31 = createEngine(plan, { asOf: "2024-12-31" });
    cut31.setActuals([row("A", "2024", 20)]);
    expect(cut31.indicatorCell("A", 2024)).toMatchObject({
      status: "verde",
      actual: 20,
      compliance: 1,
    });
  });

  it("febrero de 2024 (bisiesto) termina el 29: con corte el 28 cuenta solo enero", () => {
    const level = onePlan([{ code: "A", trend: "creciente", targets: { "2024": 10 } }]);
    const actuals = [row("A", "2024-01", 5), row("A", "2024-02", 7)];
    expect(
      computeCompliance(level, actuals, { asOf: "2024-02-28" }).indicators[0]?.years["2024"]
        ?.actual,
    ).toBe(5);
    expect(
      computeCompliance(level, actuals, { asOf: "2024-02-29" }).indicators[0]?.years["2024"]
        ?.actual,
    ).toBe(7);
  });

  it("un corte antes del plan deja todos los años pendientes y el cuatrienio NP", () => {
    const result = computeCompliance(plan, [row("A", "2024", 20)], { asOf: "2023-12-31" });
    const indicator = result.indicators[0];
    expect(indicator?.years["2024"]?.status).toBe("pendiente");
    expect(indicator?.period).toMatchObject({
      status: "np",
      compliance: null,
      target: null,
      actual: null,
      total: 80,
      progress: 0,
    });
    expect(result.plan.period).toMatchObject({
      status: "np",
      compliance: null,
      contributions: [],
      progress: 0,
    });
  });
});

describe("regla 3: NP, pendiente y sin reporte", () => {
  it("una meta 0 en suma es NP, no 0 %: target null aunque el plan escribió 0, y el avance se muestra", () => {
    const engine = createEngine(onePlan([{ code: "A", targets: { "2024": 0, "2025": 10 } }]));
    engine.setActuals([row("A", "2024", 3)]);
    expect(engine.indicatorCell("A", 2024)).toEqual({
      status: "np",
      compliance: null,
      semaforo: null,
      raw: null,
      target: null,
      actual: 3,
      overExecution: false,
    });
  });

  it("un año ausente o null en las metas es NP", () => {
    const engine = createEngine(onePlan([{ code: "A", targets: { "2024": null, "2025": 10 } }]));
    expect(engine.indicatorCell("A", 2024).status).toBe("np");
    expect(engine.indicatorCell("A", 2026).status).toBe("np");
    expect(engine.indicatorCell("A", 2025).status).toBe("sin_reporte");
  });

  it("NP se decide antes que pendiente", () => {
    const engine = createEngine(onePlan([{ code: "A", targets: { "2024": 10 } }]), {
      asOf: "2024-12-31",
    });
    expect(engine.indicatorCell("A", 2026).status).toBe("np");
  });

  it("sin reporte cuenta 0 y rojo con --missing zero", () => {
    const engine = createEngine(onePlan([{ code: "A" }]));
    expect(engine.indicatorCell("A", 2024)).toEqual({
      status: "sin_reporte",
      compliance: 0,
      semaforo: "rojo",
      raw: null,
      target: 10,
      actual: null,
      overExecution: false,
    });
  });

  it("sin reporte queda sin cumplimiento ni color con --missing exclude", () => {
    const engine = createEngine(onePlan([{ code: "A" }]), { missing: "exclude" });
    expect(engine.indicatorCell("A", 2024)).toMatchObject({
      status: "sin_reporte",
      compliance: null,
      semaforo: null,
    });
  });
});

describe("regla 4: razón por tendencia", () => {
  it("en decreciente una meta 0 es una meta real: (B − A)/(B − T)", () => {
    const engine = createEngine(
      onePlan([{ code: "D", trend: "decreciente", baseline: 10, targets: { "2024": 0 } }]),
    );
    engine.setActuals([row("D", "2024", 2)]);
    expect(engine.indicatorCell("D", 2024)).toMatchObject({
      status: "amarillo",
      raw: 0.8,
      compliance: 0.8,
      target: 0,
    });
  });

  it("decreciente: bajar de 20 a 14 con meta 10 cumple el 60 %", () => {
    const engine = createEngine(
      onePlan([{ code: "D", trend: "decreciente", baseline: 20, targets: { "2024": 10 } }]),
    );
    engine.setActuals([row("D", "2024", 14)]);
    expect(engine.indicatorCell("D", 2024)).toMatchObject({
      raw: 0.6,
      compliance: 0.6,
      status: "rojo",
    });
  });

  it("decreciente que empeora da una razón negativa que cuenta 0", () => {
    const engine = createEngine(
      onePlan([{ code: "D", trend: "decreciente", baseline: 20, targets: { "2024": 10 } }]),
    );
    engine.setActuals([row("D", "2024", 25)]);
    expect(engine.indicatorCell("D", 2024)).toMatchObject({
      raw: 0,
      compliance: 0,
      status: "rojo",
    });
  });

  it("decreciente trimestral: cuenta el último trimestre", () => {
    const engine = createEngine(
      onePlan([{ code: "D", trend: "decreciente", baseline: 20, targets: { "2024": 10 } }]),
    );
    engine.setActuals([row("D", "2024-Q1", 18), row("D", "2024-Q2", 15)]);
    expect(engine.indicatorCell("D", 2024)).toMatchObject({ actual: 15, raw: 0.5 });
  });

  it("creciente desde la línea base (variante from-baseline): (A − B)/(T − B)", () => {
    const engine = createEngine(
      onePlan([
        {
          code: "C",
          trend: "creciente",
          progress: "from-baseline",
          baseline: 50,
          targets: { "2024": 70 },
          total: 90,
        },
      ]),
    );
    engine.setActuals([row("C", "2024", 65)]);
    expect(engine.indicatorCell("C", 2024)).toMatchObject({ raw: 0.75, compliance: 0.75 });
    expect(engine.indicatorCell("C", "period")).toMatchObject({
      actual: 65,
      target: 70,
      raw: 0.75,
      progress: 15 / 40,
    });
  });

  it("un avance negativo en suma da razón 0", () => {
    const engine = createEngine(onePlan([{ code: "A" }]));
    engine.setActuals([row("A", "2024", -3)]);
    expect(engine.indicatorCell("A", 2024)).toMatchObject({ raw: 0, compliance: 0, actual: -3 });
  });
});

describe("regla 5 y 9: tope, semáforo y sobre-ejecución", () => {
  it("el tope de 1 limita el cumplimiento, raw conserva 1,3 y marca sobre-ejecución sin cambiar el color", () => {
    const engine = createEngine(onePlan([{ code: "A" }]));
    engine.setActuals([row("A", "2024", 13)]);
    expect(engine.indicatorCell("A", 2024)).toMatchObject({
      raw: 1.3,
      compliance: 1,
      status: "verde",
      overExecution: true,
    });
  });

  it("una razón de exactamente 1,25 no es sobre-ejecución (estrictamente mayor)", () => {
    const engine = createEngine(onePlan([{ code: "A" }]));
    engine.setActuals([row("A", "2024", 12.5)]);
    expect(engine.indicatorCell("A", 2024).overExecution).toBe(false);
  });

  it("--cap none deja el cumplimiento en 1,3 y el objetivo promedia sin tope", () => {
    const engine = createEngine(onePlan([{ code: "A" }, { code: "B" }]), { cap: null });
    engine.setActuals([row("A", "2024", 13), row("B", "2024", 9)]);
    expect(engine.indicatorCell("A", 2024).compliance).toBe(1.3);
    expect(engine.objectiveCell("1", 2024).compliance).toBe((1.3 + 0.9) / 2);
  });

  it("un tope de 1,2 limita a 1,2", () => {
    const engine = createEngine(onePlan([{ code: "A" }]), { cap: 1.2 });
    engine.setActuals([row("A", "2024", 13)]);
    expect(engine.indicatorCell("A", 2024).compliance).toBe(1.2);
  });

  it("0,9 exacto es verde y 0,7 exacto es amarillo (umbrales por defecto)", () => {
    const engine = createEngine(onePlan([{ code: "A" }, { code: "B" }, { code: "C" }]));
    engine.setActuals([row("A", "2024", 9), row("B", "2024", 7), row("C", "2024", 6.99)]);
    expect(engine.indicatorCell("A", 2024).semaforo).toBe("verde");
    expect(engine.indicatorCell("B", 2024).semaforo).toBe("amarillo");
    expect(engine.indicatorCell("C", 2024).semaforo).toBe("rojo");
  });

  it("0,99 de una meta de 1,1 es 90 % y verde, aunque la división binaria dé 0,8999999999999999", () => {
    const engine = createEngine(
      onePlan([
        {
          code: "A",
          trend: "creciente",
          targets: { "2024": 1.1, "2025": 1.1, "2026": 1.1, "2027": 1.1 },
        },
        {
          code: "B",
          trend: "decreciente",
          baseline: 10,
          targets: { "2024": 9, "2025": 9, "2026": 9, "2027": 9 },
        },
      ]),
    );
    engine.setActuals([row("A", "2024", 0.99), row("B", "2024", 9.3)]);
    // The raw numbers stay as computed (nothing is rounded in the result)…
    expect(engine.indicatorCell("A", 2024).compliance).toBe(0.99 / 1.1);
    expect(0.99 / 1.1).toBeLessThan(0.9);
    expect(engine.indicatorCell("B", 2024).compliance).toBe((10 - 9.3) / (10 - 9));
    expect((10 - 9.3) / (10 - 9)).toBeLessThan(0.7);
    // …but the colour is that of the exact result: 90 % verde, 70 % amarillo.
    expect(engine.indicatorCell("A", 2024).semaforo).toBe("verde");
    expect(engine.indicatorCell("B", 2024).semaforo).toBe("amarillo");
  });

  it("pesos 36 y 4 expresados en cualquier escala dan 90 % verde al objetivo", () => {
    const k = 0.023707719940569957;
    const engine = createEngine(
      onePlan([
        { code: "A", weight: 36 * k },
        { code: "B", weight: 4 * k },
      ]),
    );
    engine.setActuals([row("A", "2024", 10), row("B", "2024", 0)]);
    const cell = engine.objectiveCell("1", 2024);
    expect(cell.compliance).toBe(0.8999999999999999);
    expect(cell.semaforo).toBe("verde");
  });

  it("una razón que pasa 1,25 solo por el error de redondeo binario no es sobre-ejecución", () => {
    const engine = createEngine(
      onePlan([{ code: "A", targets: { "2024": 0.94, "2025": 1, "2026": 1, "2027": 1 } }]),
    );
    engine.setActuals([row("A", "2024", 1.175)]);
    expect(engine.indicatorCell("A", 2024).raw).toBe(1.175 / 0.94);
    expect(1.175 / 0.94).toBeGreaterThan(1.25);
    expect(engine.indicatorCell("A", 2024).overExecution).toBe(false);
  });

  it("el semáforo usa los umbrales del plan (Integración Social: rojo ≤ 50, amarillo ≤ 75)", () => {
    const plan = onePlan([{ code: "A" }, { code: "B" }], {
      semaforo: { rojo: 0.5, amarillo: 0.75, sobreejecucion: 1.1 },
    });
    const engine = createEngine(plan);
    engine.setActuals([row("A", "2024", 6), row("B", "2024", 11.5)]);
    expect(engine.indicatorCell("A", 2024).semaforo).toBe("amarillo");
    expect(engine.indicatorCell("B", 2024)).toMatchObject({
      semaforo: "verde",
      overExecution: true,
    });
  });
});
