import { describe, expect, it } from "vitest";
import { SEED_PLAN } from "../compliance/fixtures/seed-plan.ts";
import { TEXT_LIMITS } from "../plan/text-limits.ts";
import { readPlanJson } from "./plan-json.ts";
import { describeProblem, formatProblem } from "./problem.ts";

type Json = { [key: string]: unknown };

/** The seed plan as JSON, changed by `edit`, read back: the formatted problems. */
function problemsAfter(edit: (plan: Json & { objectives: Json[] }) => void): string[] {
  const plan = JSON.parse(JSON.stringify(SEED_PLAN));
  edit(plan);
  const read = readPlanJson(JSON.stringify(plan, null, 2), "plan.json");
  return read.ok ? [] : read.problems.map(formatProblem);
}

function indicatorOf(plan: { objectives: Json[] }, objective: number, indicator: number): Json {
  const list = plan.objectives[objective]?.indicators as Json[];
  const found = list[indicator];
  if (found === undefined) throw new Error("no such indicator");
  return found;
}

describe("lectura de rumbo.plan/v1", () => {
  it("lee el plan semilla tal cual, con BOM incluido", () => {
    const read = readPlanJson(`\uFEFF${JSON.stringify(SEED_PLAN)}`, "plan.json");
    expect(read).toEqual({ ok: true, plan: SEED_PLAN });
  });

  it("JSON mal formado: nombra línea y columna", () => {
    const read = readPlanJson('{\n  "format": "rumbo.plan/v1",\n  "code": x\n}', "plan.json");
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual([
      'plan.json: línea 3: columna 11: JSON mal formado: carácter inesperado "x": se esperaba un valor JSON',
    ]);
  });

  it("JSON cortado al final", () => {
    const read = readPlanJson('{"format": "rumbo.plan/v1"', "plan.json");
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual([
      "plan.json: línea 1: columna 27: JSON mal formado: fin inesperado del archivo",
    ]);
  });

  it("el tipo de indicador se lee de la ficha; un valor fuera de la lista se nombra", () => {
    const plan = JSON.parse(JSON.stringify(SEED_PLAN));
    indicatorOf(plan, 0, 0).indicatorType = "producto";
    const read = readPlanJson(JSON.stringify(plan), "plan.json");
    expect(read.ok && read.plan.objectives[0]?.indicators[0]?.indicatorType).toBe("producto");
    expect(
      problemsAfter((edited) => {
        indicatorOf(edited, 0, 0).indicatorType = "proceso";
      }),
    ).toEqual([
      'plan.json: objectives[0].indicators[0].indicatorType: valor desconocido "proceso" (se espera producto, resultado, gestion, impacto)',
    ]);
  });

  it("tendencia desconocida", () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 2, 0).trend = "sube";
      }),
    ).toEqual([
      'plan.json: objectives[2].indicators[0].trend: tendencia desconocida "sube" (se espera suma, creciente, constante, decreciente, en minúsculas)',
    ]);
  });

  it("tendencia con mayúscula como en el documento (Suma) se rechaza", () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 0, 0).trend = "Constante";
      }),
    ).toEqual([
      'plan.json: objectives[0].indicators[0].trend: tendencia desconocida "Constante" (se espera suma, creciente, constante, decreciente, en minúsculas)',
    ]);
  });

  it("códigos de indicador repetidos", () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 1, 1).code = "2307";
      }),
    ).toEqual([
      'plan.json: objectives[1].indicators[1].code: código de indicador repetido "2307" (ya está en el objetivo 1)',
    ]);
  });

  it("códigos de objetivo repetidos", () => {
    expect(
      problemsAfter((plan) => {
        (plan.objectives[4] as Json).code = "1";
      }),
    ).toEqual([
      'plan.json: objectives[4].code: código de objetivo repetido "1" (ya lo usa el objetivo en la posición 1)',
    ]);
  });

  it("años no consecutivos, y un año que no es entero", () => {
    expect(
      problemsAfter((plan) => {
        plan.years = [2024, 2026, 2027];
      }),
    ).toEqual([
      "plan.json: years: los años deben ser consecutivos y ascendentes: 2024 va seguido de 2026",
    ]);
    expect(
      problemsAfter((plan) => {
        plan.years = [2024, "2025"];
      }),
    ).toEqual(['plan.json: years[1]: el año debe ser un entero entre 1900 y 2200, no "2025"']);
  });

  it("pesos que no son números o son negativos", () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 0, 0).weight = "50%";
        indicatorOf(plan, 0, 1).weight = -5;
      }),
    ).toEqual([
      'plan.json: objectives[0].indicators[0].weight: el peso debe ser un número o un objeto por año, no "50%"',
      "plan.json: objectives[0].indicators[1].weight: el peso no puede ser negativo (-5)",
    ]);
  });

  it("un objeto de pesos nombra todos los años del plan y nada más", () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 4, 0).weight = {
          "2024": 34,
          "2025": 34,
          "2027": 30,
          "2028": 1,
          total: "x",
        };
      }),
    ).toEqual([
      "plan.json: objectives[4].indicators[0].weight: falta el peso de 2026: el objeto de pesos nombra todos los años del plan",
      'plan.json: objectives[4].indicators[0].weight.2028: "2028" no es un año del plan ni "total"',
      'plan.json: objectives[4].indicators[0].weight.total: el peso debe ser un número, no "x"',
    ]);
  });

  it("el peso de objetivo se da para todos o para ninguno", () => {
    expect(
      problemsAfter((plan) => {
        (plan.objectives[0] as Json).weight = 20;
        (plan.objectives[1] as Json).weight = { "2024": 10, "2025": 10, "2026": 10, "2027": 10 };
      }).slice(0, 2),
    ).toEqual([
      "plan.json: objectives[2].weight: falta el peso del objetivo: se da para todos los objetivos o para ninguno",
      "plan.json: objectives[3].weight: falta el peso del objetivo: se da para todos los objetivos o para ninguno",
    ]);
  });

  it("decreciente sin línea base, y con B = T", () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 0, 0).trend = "decreciente";
      }),
    ).toEqual([
      "plan.json: objectives[0].indicators[0].baseline: la tendencia decreciente necesita línea base (baseline)",
    ]);
    expect(
      problemsAfter((plan) => {
        Object.assign(indicatorOf(plan, 0, 0), { trend: "decreciente", baseline: 46, total: 40 });
      }),
    ).toEqual([
      "plan.json: objectives[0].indicators[0].targets.2024: la meta es igual a la línea base (B = T = 46): (B − A) / (B − T) no está definida",
      "plan.json: objectives[0].indicators[0].targets.2025: la meta es igual a la línea base (B = T = 46): (B − A) / (B − T) no está definida",
      "plan.json: objectives[0].indicators[0].targets.2026: la meta es igual a la línea base (B = T = 46): (B − A) / (B − T) no está definida",
      "plan.json: objectives[0].indicators[0].targets.2027: la meta es igual a la línea base (B = T = 46): (B − A) / (B − T) no está definida",
    ]);
  });

  it("decreciente con total igual a la línea base", () => {
    expect(
      problemsAfter((plan) => {
        Object.assign(indicatorOf(plan, 0, 0), { trend: "decreciente", baseline: 50, total: 50 });
      }),
    ).toEqual([
      "plan.json: objectives[0].indicators[0].total: el total es igual a la línea base (B = 50): (B − A) / (B − T) no está definida",
    ]);
  });

  it('progress "from-baseline" solo en creciente y con línea base', () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 0, 0).progress = "from-baseline";
        indicatorOf(plan, 0, 1).progress = "from-baseline";
        indicatorOf(plan, 1, 0).progress = "desde-base";
      }),
    ).toEqual([
      'plan.json: objectives[0].indicators[0].progress: "from-baseline" solo aplica a la tendencia creciente, no a constante',
      'plan.json: objectives[0].indicators[1].baseline: progress "from-baseline" necesita línea base (baseline)',
      'plan.json: objectives[1].indicators[0].progress: variante desconocida "desde-base" (se espera "from-baseline")',
    ]);
  });

  it("metas con año fuera del plan o que no son números", () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 0, 0).targets = { "2024": "46", "2028": 46 };
      }),
    ).toEqual([
      'plan.json: objectives[0].indicators[0].targets.2024: la meta debe ser un número o null, no "46"',
      'plan.json: objectives[0].indicators[0].targets.2028: "2028" no es un año del plan (2024, 2025, 2026, 2027)',
    ]);
  });

  it("una meta de suma no puede ser negativa", () => {
    expect(
      problemsAfter((plan) => {
        (indicatorOf(plan, 1, 1).targets as Json)["2025"] = -1;
      }),
    ).toEqual([
      "plan.json: objectives[1].indicators[1].targets.2025: una meta de tendencia suma no puede ser negativa (-1)",
    ]);
  });

  it("formato, código y campos obligatorios", () => {
    expect(
      problemsAfter((plan) => {
        plan.format = "rumbo.plan/v2";
        delete plan.code;
        delete indicatorOf(plan, 7, 0).name;
        delete indicatorOf(plan, 7, 0).targets;
        delete indicatorOf(plan, 7, 0).weight;
      }),
    ).toEqual([
      'plan.json: format: formato "rumbo.plan/v2" no soportado (se espera "rumbo.plan/v1")',
      "plan.json: code: falta el código del plan",
      "plan.json: objectives[7].indicators[0].name: falta el nombre del indicador",
      "plan.json: objectives[7].indicators[0].weight: falta el peso",
      "plan.json: objectives[7].indicators[0].targets: faltan las metas (targets)",
    ]);
  });

  it("semáforo con umbrales mal dados", () => {
    expect(
      problemsAfter((plan) => {
        plan.semaforo = { rojo: 0.9, amarillo: 0.7, sobreejecucion: 1.25 };
      }),
    ).toEqual(["plan.json: semaforo: el umbral rojo (0.9) no puede superar al amarillo (0.7)"]);
    expect(
      problemsAfter((plan) => {
        plan.semaforo = { rojo: "70%", amarillo: 0.9 };
      }),
    ).toEqual([
      'plan.json: semaforo.rojo: el umbral debe ser una fracción ≥ 0 (0.7 = 70 %), no "70%"',
      "plan.json: semaforo.sobreejecucion: el umbral debe ser una fracción ≥ 0 (0.7 = 70 %), no nada",
    ]);
  });

  it("reporta todos los problemas a la vez, no solo el primero", () => {
    // Years that are not contiguous do not hide a negative weight or an unknown trend.
    const problems = problemsAfter((plan) => {
      indicatorOf(plan, 2, 0).trend = "sube";
      indicatorOf(plan, 5, 4).weight = -1;
      plan.years = [2024, 2026];
    });
    expect(problems).toEqual([
      "plan.json: years: los años deben ser consecutivos y ascendentes: 2024 va seguido de 2026",
      'plan.json: objectives[2].indicators[0].trend: tendencia desconocida "sube" (se espera suma, creciente, constante, decreciente, en minúsculas)',
      "plan.json: objectives[5].indicators[4].weight: el peso no puede ser negativo (-1)",
    ]);
    const withoutYears = problemsAfter((plan) => {
      indicatorOf(plan, 5, 4).weight = { "2024": -2 };
      delete plan.years;
    });
    expect(withoutYears).toEqual([
      "plan.json: years: faltan los años del plan",
      "plan.json: objectives[5].indicators[4].weight.2024: el peso no puede ser negativo (-2)",
    ]);
    const withYears = problemsAfter((plan) => {
      indicatorOf(plan, 2, 0).trend = "sube";
      indicatorOf(plan, 5, 4).weight = -1;
      indicatorOf(plan, 6, 0).code = 4200;
    });
    expect(withYears).toEqual([
      'plan.json: objectives[2].indicators[0].trend: tendencia desconocida "sube" (se espera suma, creciente, constante, decreciente, en minúsculas)',
      "plan.json: objectives[5].indicators[4].weight: el peso no puede ser negativo (-1)",
      "plan.json: objectives[6].indicators[0].code: el código del indicador debe ser texto, no 4200",
    ]);
  });

  it("cada problema nombra su lugar como lo diría la planeadora: objetivo, indicador y campo", () => {
    const plan = JSON.parse(JSON.stringify(SEED_PLAN));
    indicatorOf(plan, 0, 0).unit = 5;
    indicatorOf(plan, 0, 1).weight = { "2024": 50, "2025": -1, "2026": 50, "2027": 50 };
    delete indicatorOf(plan, 1, 0).code;
    delete plan.name;
    const read = readPlanJson(JSON.stringify(plan), "plan.json");
    const described = read.ok ? [] : read.problems.map(describeProblem);
    expect(described).toEqual([
      "Campo «nombre del plan»: falta el nombre del plan",
      "Objetivo 1, indicador 2307, campo «unidad»: debe ser texto, no 5",
      "Objetivo 1, indicador 77, campo «ponderación», vigencia 2025: el peso no puede ser negativo (-1)",
      "Objetivo 2, indicador en la posición 1, campo «código»: falta el código del indicador",
    ]);
    expect(described.join("\n")).not.toMatch(/objectives\[|indicators\[/);
    // The JSON path stays for machines and for the rumbo command.
    expect(read.ok ? [] : read.problems.map((problem) => problem.path)).toContain(
      "objectives[0].indicators[0].unit",
    );
  });

  it("cada texto tiene su límite de largo y el mensaje dice el campo, el largo y el máximo", () => {
    const plan = JSON.parse(JSON.stringify(SEED_PLAN));
    plan.name = "P".repeat(TEXT_LIMITS.plan.name + 1);
    indicatorOf(plan, 0, 0).unit = "u".repeat(61);
    (plan.objectives[1] as Json).name = "o".repeat(TEXT_LIMITS.objective.name);
    const read = readPlanJson(JSON.stringify(plan), "plan.json");
    expect(read.ok ? [] : read.problems.map(describeProblem)).toEqual([
      "Campo «nombre del plan»: el nombre del plan tiene 301 caracteres; el máximo es 300",
      "Objetivo 1, indicador 2307, campo «unidad»: la unidad de medida tiene 61 caracteres; el máximo es 60",
    ]);
  });

  it("el plan debe ser un objeto", () => {
    const read = readPlanJson("[1, 2]", "plan.json");
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual([
      "plan.json: el plan debe ser un objeto JSON, no una lista",
    ]);
  });

  it("un texto con el carácter nulo o medio emoji se rechaza nombrando el campo", () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 0, 0).name = "Entidades\u0000 asistidas";
        indicatorOf(plan, 0, 0).source = "Informe \uD83D";
        plan.entity = "Alcaldía\u0000";
      }),
    ).toEqual([
      "plan.json: objectives[0].indicators[0].name: el nombre del indicador contiene el carácter nulo (U+0000), que no se puede guardar; bórrelo del texto",
      "plan.json: objectives[0].indicators[0].source: el campo «fuente» contiene un carácter incompleto (medio par sustituto UTF-16), que no se puede guardar; bórrelo del texto",
      "plan.json: entity: la entidad contiene el carácter nulo (U+0000), que no se puede guardar; bórrelo del texto",
    ]);
  });

  it("un plan de 1.000 vigencias se rechaza: el máximo es 50", () => {
    expect(
      problemsAfter((plan) => {
        plan.years = Array.from({ length: 1000 }, (_, i) => 1901 + i);
      }),
    ).toEqual(["plan.json: years: el plan tiene 1000 vigencias; el máximo es 50"]);
  });

  it("años y año de la línea base fuera de 1900–2200 se rechazan", () => {
    expect(
      problemsAfter((plan) => {
        indicatorOf(plan, 0, 0).baselineYear = 2147483648;
      }),
    ).toEqual([
      "plan.json: objectives[0].indicators[0].baselineYear: el año de la línea base debe ser un entero entre 1900 y 2200, no 2147483648",
    ]);
    expect(
      problemsAfter((plan) => {
        plan.years = [1899];
      })[0],
    ).toBe("plan.json: years[0]: el año debe ser un entero entre 1900 y 2200, no 1899");
  });
});
