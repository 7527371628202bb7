import { describe, expect, it } from "vitest";
import { MAX_VIGENCIAS } from "../shared/bounds.ts";
import { aBareIndicator, anIndicator, anObjective, aPlan } from "./fixtures/clean-plan.ts";
import { validatePlanRules } from "./validate-plan.ts";

describe("el marco del plan: identidad, vigencias, semáforo y objetivos", () => {
  it("un plan bien formulado no tiene ninguna observación", () => {
    expect(validatePlanRules(aPlan())).toEqual([]);
  });

  it(`hasta ${MAX_VIGENCIAS} vigencias se admiten; una más es un error que dice cuántas son`, () => {
    const span = (count: number) => Array.from({ length: count }, (_, index) => 2024 + index);
    const tooMany = (count: number) =>
      validatePlanRules(aPlan({ years: span(count) })).filter((i) => i.code === "years.too-many");
    expect(tooMany(MAX_VIGENCIAS)).toEqual([]);
    expect(tooMany(MAX_VIGENCIAS + 1)).toEqual([
      {
        code: "years.too-many",
        severity: "error",
        message: "El plan tiene 51 vigencias; el máximo es 50.",
        path: "years",
        field: "years",
      },
    ]);
  });

  it("un plan sin código no se puede guardar", () => {
    expect(validatePlanRules(aPlan({ code: "  " }))).toEqual([
      {
        code: "plan.code-empty",
        severity: "error",
        message: "El plan no tiene código.",
        path: "code",
        field: "code",
      },
    ]);
  });

  it("un plan sin nombre no se puede guardar", () => {
    expect(validatePlanRules(aPlan({ name: "" }))).toEqual([
      {
        code: "plan.name-empty",
        severity: "error",
        message: "El plan no tiene nombre.",
        path: "name",
        field: "name",
      },
    ]);
  });

  it("un plan sin vigencias se rechaza una sola vez, sin acusar a cada indicador", () => {
    const plan = aPlan({
      years: [],
      objectives: [
        anObjective({ indicators: [aBareIndicator({ targets: {}, total: undefined })] }),
      ],
    });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "years.empty",
        severity: "error",
        message: "El plan no tiene vigencias.",
        path: "years",
        field: "years",
      },
    ]);
  });

  it("vigencias 2024 y 2026 sin 2025 no son consecutivas", () => {
    const plan = aPlan({
      years: [2024, 2026],
      objectives: [
        anObjective({ indicators: [anIndicator({ targets: { "2024": 10, "2026": 30 } })] }),
      ],
    });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "years.not-contiguous",
        severity: "error",
        message:
          "Vigencias del plan: después de 2024 sigue 2026; las vigencias son consecutivas (falta 2025).",
        path: "years[1]",
        field: "years",
      },
    ]);
  });

  it("vigencias repetidas, al revés o que no son años se nombran cada una en su posición", () => {
    const plan = aPlan({ years: [2024, 2025, 2025, 2024, 2024.5, 2028] });
    const issues = validatePlanRules(plan).filter((i) => i.code === "years.not-contiguous");
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["years[2]", "Vigencias del plan: 2025 está repetida (posiciones 2 y 3)."],
      [
        "years[3]",
        "Vigencias del plan: 2024 va después de 2025; las vigencias van en orden ascendente.",
      ],
      ["years[4]", "Vigencias del plan: 2024,5 (posición 5) no es un año."],
    ]);
  });

  it("un semáforo con rojo por encima de amarillo es contradictorio y bloquea", () => {
    const plan = aPlan({ semaforo: { rojo: 0.9, amarillo: 0.7, sobreejecucion: 1.25 } });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "semaforo.order",
        severity: "error",
        message:
          "Semáforo: el umbral rojo (90 %) supera al amarillo (70 %); rojo debe ser menor o igual que amarillo.",
        path: "semaforo.rojo",
        field: "semaforo",
      },
    ]);
  });

  it("un amarillo de 110 % deja el verde inalcanzable con el tope de 100 %", () => {
    const plan = aPlan({ semaforo: { rojo: 0.7, amarillo: 1.1, sobreejecucion: 1.25 } });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "semaforo.amarillo-above-one",
        severity: "warning",
        message:
          "Semáforo: el umbral amarillo es 110 %, más de 100 %; con el cumplimiento topado en 100 % ningún resultado llegaría a verde.",
        path: "semaforo.amarillo",
        field: "semaforo",
      },
    ]);
  });

  it("una sobre-ejecución de 100 % marcaría a quien apenas cumple", () => {
    const plan = aPlan({ semaforo: { rojo: 0.7, amarillo: 0.9, sobreejecucion: 1 } });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "semaforo.sobreejecucion-not-above-one",
        severity: "warning",
        message:
          "Semáforo: el umbral de sobre-ejecución es 100 %; debe pasar de 100 % o un resultado que apenas cumple la meta se marcaría como sobre-ejecución.",
        path: "semaforo.sobreejecucion",
        field: "semaforo",
      },
    ]);
  });

  it("los semáforos de Integración Social (0,5 / 0,75 / 1,25) y el de Rumbo pasan", () => {
    expect(
      validatePlanRules(aPlan({ semaforo: { rojo: 0.5, amarillo: 0.75, sobreejecucion: 1.25 } })),
    ).toEqual([]);
    expect(
      validatePlanRules(aPlan({ semaforo: { rojo: 0.7, amarillo: 0.9, sobreejecucion: 1.25 } })),
    ).toEqual([]);
  });

  it("un plan sin objetivos no se puede guardar", () => {
    expect(validatePlanRules(aPlan({ objectives: [] }))).toEqual([
      {
        code: "plan.no-objectives",
        severity: "error",
        message: "El plan no tiene objetivos.",
        path: "objectives",
        field: "objectives",
      },
    ]);
  });
});

describe("identidad de objetivos e indicadores", () => {
  const second = anObjective({
    code: "2",
    name: "Promover la paz y la reconciliación",
    indicators: [anIndicator({ code: "201", goal: "Meta sectorial 201: Asistir 40 víctimas" })],
  });

  it("un objetivo sin código se nombra por su posición", () => {
    expect(validatePlanRules(aPlan({ objectives: [anObjective({ code: "" })] }))).toEqual([
      {
        code: "objective.code-empty",
        severity: "error",
        message: "Objetivo de la posición 1: no tiene código.",
        path: "objectives[0].code",
        field: "code",
      },
    ]);
  });

  it("dos objetivos con el código 1 nombran las dos posiciones", () => {
    const plan = aPlan({ objectives: [anObjective(), { ...second, code: "1" }] });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "objective.code-duplicate",
        severity: "error",
        message:
          "Objetivo 1 (posición 2): el código está repetido; ya lo tiene el objetivo de la posición 1.",
        path: "objectives[1].code",
        objectiveCode: "1",
        field: "code",
      },
    ]);
  });

  it("un objetivo sin nombre no se puede guardar", () => {
    expect(validatePlanRules(aPlan({ objectives: [anObjective({ name: " " })] }))).toEqual([
      {
        code: "objective.name-empty",
        severity: "error",
        message: "Objetivo 1: no tiene nombre.",
        path: "objectives[0].name",
        objectiveCode: "1",
        field: "name",
      },
    ]);
  });

  it("un objetivo sin indicadores no se puede medir", () => {
    expect(validatePlanRules(aPlan({ objectives: [anObjective({ indicators: [] })] }))).toEqual([
      {
        code: "objective.no-indicators",
        severity: "warning",
        message: "Objetivo 1: no tiene indicadores; su cumplimiento no se puede medir.",
        path: "objectives[0].indicators",
        objectiveCode: "1",
        field: "indicators",
      },
    ]);
  });

  it("un indicador sin código se nombra por su posición", () => {
    const plan = aPlan({ objectives: [anObjective({ indicators: [anIndicator({ code: "" })] })] });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "indicator.code-empty",
        severity: "error",
        message: "Objetivo 1, indicador de la posición 1: no tiene código.",
        path: "objectives[0].indicators[0].code",
        objectiveCode: "1",
        field: "code",
      },
    ]);
  });

  it("el indicador 101 repetido en otro objetivo nombra dónde estaba primero", () => {
    const plan = aPlan({
      objectives: [anObjective(), { ...second, indicators: [anIndicator()] }],
    });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "indicator.code-duplicate",
        severity: "error",
        message:
          "Objetivo 2, indicador 101 (posición 1): el código está repetido; ya lo tiene el indicador de la posición 1 del objetivo 1.",
        path: "objectives[1].indicators[0].code",
        objectiveCode: "2",
        indicatorCode: "101",
        field: "code",
      },
    ]);
  });

  it("el indicador repetido dentro del mismo objetivo lo dice así", () => {
    const half = anIndicator({ weight: 50 });
    const plan = aPlan({ objectives: [anObjective({ indicators: [half, half] })] });
    expect(validatePlanRules(plan).map((i) => [i.code, i.message])).toEqual([
      [
        "indicator.code-duplicate",
        "Objetivo 1, indicador 101 (posición 2): el código está repetido; ya lo tiene el indicador de la posición 1 del mismo objetivo.",
      ],
    ]);
  });

  it("un indicador sin nombre no se puede guardar", () => {
    const plan = aPlan({ objectives: [anObjective({ indicators: [anIndicator({ name: "" })] })] });
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "indicator.name-empty",
        severity: "error",
        message: "Objetivo 1, indicador 101: no tiene nombre.",
        path: "objectives[0].indicators[0].name",
        objectiveCode: "1",
        indicatorCode: "101",
        field: "name",
      },
    ]);
  });
});
