import {
  diffPlans,
  MAX_VIGENCIAS,
  type Plan,
  programmingChanges,
  validatePlanRules,
} from "@rumbo/core";
import { describe, expect, it } from "vitest";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import {
  addObjective,
  setObjectiveWeight,
  setObjectiveWeighting,
  setTarget,
  setWeight,
} from "./draft-actions.ts";
import { checkDraft, planFromDraft } from "./draft-to-plan.ts";
import { seedDocument } from "./fixtures/formulation-fixtures.ts";
import {
  draftFromPlan,
  emptyPlanDraft,
  newIndicatorDraft,
  newObjectiveDraft,
  type PlanDraft,
} from "./plan-draft.ts";

function smallDraft(): PlanDraft {
  const objective = newObjectiveDraft(1);
  objective.name = "Gobierno digital";
  const indicator = {
    ...newIndicatorDraft(),
    code: "78",
    name: "Índice de Gobierno Digital",
    trend: "creciente" as const,
    targets: { "2024": "", "2025": "92", "2026": "93,5" },
    weights: { "2024": "50", "2025": "50", "2026": "50" },
  };
  objective.indicators = [indicator];
  return {
    ...emptyPlanDraft(),
    code: "PES-PRUEBA",
    name: "Plan de prueba",
    firstYear: "2024",
    lastYear: "2026",
    objectives: [objective],
  };
}

describe("del borrador al plan (rumbo.plan/v1)", () => {
  it("una razón guarda su tipo de medida, numerador y denominador; al volver al borrador siguen ahí", () => {
    const draft = smallDraft();
    const indicator = draft.objectives[0]?.indicators[0];
    if (!indicator) throw new Error("borrador sin indicador");
    Object.assign(indicator, {
      measure: "razon",
      numerator: "PQRS a tiempo",
      denominator: "PQRS recibidas",
    });
    const { plan } = planFromDraft(draft);
    const saved = plan?.objectives[0]?.indicators[0];
    expect(saved).toMatchObject({
      measure: "razon",
      numerator: "PQRS a tiempo",
      denominator: "PQRS recibidas",
    });
    if (!plan) throw new Error("sin plan");
    expect(draftFromPlan(plan).objectives[0]?.indicators[0]).toMatchObject({
      measure: "razon",
      numerator: "PQRS a tiempo",
      denominator: "PQRS recibidas",
    });
  });

  it("el tipo de indicador elegido se guarda y vuelve al borrador; «Sin especificar» no escribe nada", () => {
    const draft = smallDraft();
    const indicator = draft.objectives[0]?.indicators[0];
    if (!indicator) throw new Error("borrador sin indicador");
    indicator.indicatorType = "impacto";
    const { plan } = planFromDraft(draft);
    if (!plan) throw new Error("sin plan");
    expect(plan.objectives[0]?.indicators[0]?.indicatorType).toBe("impacto");
    expect(draftFromPlan(plan).objectives[0]?.indicators[0]?.indicatorType).toBe("impacto");
    indicator.indicatorType = "";
    expect(planFromDraft(draft).plan?.objectives[0]?.indicators[0]).not.toHaveProperty(
      "indicatorType",
    );
  });

  it("el plan semilla cargado y guardado sin tocar no cambia en nada", () => {
    const { plan, issues } = planFromDraft(draftFromPlan(SEED_PLAN));
    expect(issues).toEqual([]);
    expect(plan).toEqual(SEED_PLAN);
  });

  it("no envía al servidor los campos de la historia (id, versión, estado)", () => {
    const { plan } = planFromDraft(draftFromPlan(seedDocument()));
    expect(plan).not.toBeNull();
    expect(Object.keys(plan ?? {})).not.toEqual(expect.arrayContaining(["id"]));
    for (const key of ["id", "version", "currentVersion", "status", "published"]) {
      expect(plan).not.toHaveProperty(key);
    }
    expect(diffPlans(SEED_PLAN, plan ?? SEED_PLAN)).toEqual([]);
  });

  it("lee la coma decimal, deja NP lo vacío y conserva la ponderación como un solo número", () => {
    const { plan, issues } = planFromDraft(smallDraft());
    expect(issues).toEqual([]);
    expect(plan?.years).toEqual([2024, 2025, 2026]);
    expect(plan?.semaforo).toBeUndefined();
    expect(plan?.objectives[0]?.indicators[0]).toEqual({
      code: "78",
      name: "Índice de Gobierno Digital",
      trend: "creciente",
      weight: 50,
      targets: { "2024": null, "2025": 92, "2026": 93.5 },
    });
  });

  it("ponderaciones distintas por año se escriben por año; el semáforo se guarda como fracción", () => {
    let draft = smallDraft();
    draft = setWeight(0, 0, "2025", "40")(draft);
    draft = setWeight(0, 0, "total", "45,5")(draft);
    draft = { ...draft, semaforo: { rojo: "60", amarillo: "85", sobreejecucion: "130" } };
    const { plan } = planFromDraft(draft);
    expect(plan?.objectives[0]?.indicators[0]?.weight).toEqual({
      "2024": 50,
      "2025": 40,
      "2026": 50,
      total: 45.5,
    });
    expect(plan?.semaforo).toEqual({ rojo: 0.6, amarillo: 0.85, sobreejecucion: 1.3 });
  });

  it("cambiar una meta del plan semilla es un cambio de programación para el diff de core", () => {
    const draft = setTarget(2, 1, "2025", "45")(draftFromPlan(SEED_PLAN));
    const { plan } = planFromDraft(draft);
    const changes = diffPlans(SEED_PLAN, plan ?? SEED_PLAN);
    expect(changes.map((c) => c.path)).toEqual(["objectives[2].indicators[1].targets.2025"]);
  });

  it("el navegador solo señala lo mal escrito (número, vigencias); el nombre vacío y la ponderación faltante los dice core", () => {
    let draft = smallDraft();
    draft = setTarget(0, 0, "2025", "92,x")(draft);
    draft = setWeight(0, 0, "2026", "")(draft);
    draft = { ...draft, name: " ", lastYear: "20" };
    const { plan, issues } = planFromDraft(draft);
    expect(plan).toBeNull();
    expect(issues.map((i) => [i.code, i.path])).toEqual([["local.years", "years"]]);

    const fixedYears = { ...draft, lastYear: "2026" };
    const second = planFromDraft(fixedYears);
    expect(second.issues.map((i) => [i.path, i.message])).toEqual([
      [
        "objectives[0].indicators[0].targets.2025",
        "Indicador 78, programación 2025: «92,x» no es un número. Use coma decimal, por ejemplo 70,72.",
      ],
    ]);

    const typed = setTarget(0, 0, "2025", "92")(fixedYears);
    const checked = checkDraft(typed);
    expect(checked.canSend).toBe(false);
    expect(checked.issues).toEqual(validatePlanRules(planFromDraft(typed).plan as Plan));
    expect(
      checked.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.path]),
    ).toEqual([
      ["plan.name-empty", "name"],
      ["weight.year-missing", "objectives[0].indicators[0].weight.2026"],
    ]);
  });
});

/** What the editor shows for a draft, and what core says of the plan the draft makes. */
function editorAndCore(draft: PlanDraft) {
  const checked = checkDraft(draft);
  const plan = planFromDraft(draft).plan;
  if (plan === null) throw new Error("el borrador tiene errores de escritura");
  return { shown: checked.issues, core: validatePlanRules(plan), canSend: checked.canSend };
}

describe("el editor valida con las reglas de core", () => {
  it("plan semilla: lo que muestra el editor es exactamente lo de validatePlanRules", () => {
    const { shown, core, canSend } = editorAndCore(draftFromPlan(SEED_PLAN));
    expect(shown).toEqual(core);
    expect(canSend).toBe(true);
  });

  it("ponderaciones que no suman 100 o negativas: las advertencias y errores de core, con sus rutas", () => {
    let draft = draftFromPlan(SEED_PLAN);
    draft = setWeight(0, 0, "2024", "-5")(draft);
    draft = setWeight(1, 0, "2025", "99,9999")(draft);
    const { shown, core, canSend } = editorAndCore(draft);
    expect(shown).toEqual(core);
    expect(canSend).toBe(false);
    expect(shown.map((i) => i.code)).toContain("weight.negative");
    expect(shown.map((i) => i.code)).toContain("weights.sum-not-100");
  });

  it("umbrales del semáforo: rojo igual a amarillo se admite como en core; rojo sobre amarillo no", () => {
    const equal = {
      ...draftFromPlan(SEED_PLAN),
      semaforo: { rojo: "80", amarillo: "80", sobreejecucion: "125" },
    };
    const same = editorAndCore(equal);
    expect(same.shown).toEqual(same.core);
    expect(same.shown.filter((i) => i.path.startsWith("semaforo"))).toEqual([]);
    expect(same.canSend).toBe(true);

    const inverted = { ...equal, semaforo: { rojo: "90", amarillo: "70", sobreejecucion: "100" } };
    const wrong = editorAndCore(inverted);
    expect(wrong.shown).toEqual(wrong.core);
    expect(wrong.shown.filter((i) => i.path.startsWith("semaforo")).map((i) => i.message)).toEqual([
      "Semáforo: el umbral rojo (90 %) supera al amarillo (70 %); rojo debe ser menor o igual que amarillo.",
      "Semáforo: el umbral de sobre-ejecución es 100 %; debe pasar de 100 % o un resultado que apenas cumple la meta se marcaría como sobre-ejecución.",
    ]);
    expect(wrong.canSend).toBe(false);
  });

  it(`más de ${MAX_VIGENCIAS} vigencias: el editor dice lo de core, no un límite propio`, () => {
    const thirty = { ...smallDraft(), firstYear: "2024", lastYear: "2053" };
    const allowed = checkDraft(thirty);
    expect(allowed.issues.map((i) => i.code)).not.toContain("years.too-many");
    expect(allowed.issues).toEqual(validatePlanRules(planFromDraft(thirty).plan as Plan));

    const long = { ...smallDraft(), firstYear: "2024", lastYear: "2080" };
    const { shown, core, canSend } = editorAndCore(long);
    expect(shown).toEqual(core);
    expect(canSend).toBe(false);
    expect(shown[0]).toEqual({
      code: "years.too-many",
      severity: "error",
      message: `El plan tiene 57 vigencias; el máximo es ${MAX_VIGENCIAS}.`,
      path: "years",
      field: "years",
    });
  });
});

/** The seed plan with its objectives weighted: 12,5 for objective 1 and per vigencia for the rest. */
function weightedSeed(): Plan {
  return {
    ...SEED_PLAN,
    objectives: SEED_PLAN.objectives.map((objective, index) => ({
      ...objective,
      weight:
        index === 0
          ? 12.5
          : index === 1
            ? { "2024": 10, "2025": 15, "2026": 12.5, "2027": 12.5, total: 12.5 }
            : { "2024": 12.5, "2025": 12.5, "2026": 12.5, "2027": 12.5 },
    })),
  };
}

function weightsOf(plan: Plan | null) {
  return plan?.objectives.map((objective) => objective.weight);
}

describe("ponderación de los objetivos en el borrador", () => {
  it("el plan semilla sin ponderación de objetivos abre «pesan igual» y vuelve idéntico", () => {
    const draft = draftFromPlan(SEED_PLAN);
    expect(draft.objectiveWeighting).toBe("equal");
    const { plan, issues } = planFromDraft(draft);
    expect(issues).toEqual([]);
    expect(plan).toEqual(SEED_PLAN);
    expect(plan?.objectives.some((objective) => "weight" in objective)).toBe(false);
  });

  it("con ponderación de objetivos vuelve idéntico: 12,5 sigue siendo un número y la de cada año un objeto", () => {
    const draft = draftFromPlan(weightedSeed());
    expect(draft.objectiveWeighting).toBe("weighted");
    expect(draft.objectives[0]).toMatchObject({
      weights: { "2024": "12,5", "2025": "12,5", "2026": "12,5", "2027": "12,5" },
      weightTotal: "",
    });
    expect(draft.objectives[1]).toMatchObject({
      weights: { "2024": "10", "2025": "15", "2026": "12,5", "2027": "12,5" },
      weightTotal: "12,5",
    });
    const { plan, issues } = planFromDraft(draft);
    expect(issues).toEqual([]);
    expect(plan).toEqual(weightedSeed());
    expect(diffPlans(weightedSeed(), plan ?? SEED_PLAN)).toEqual([]);
  });

  it("la planeadora pondera 30/30/40 y se guarda un número por objetivo; 2025 distinto lo vuelve por año", () => {
    let draft = draftFromPlan({ ...SEED_PLAN, objectives: SEED_PLAN.objectives.slice(0, 3) });
    draft = setObjectiveWeighting("weighted")(draft);
    ["30", "30", "40"].forEach((weight, oi) => {
      for (const year of SEED_PLAN.years)
        draft = setObjectiveWeight(oi, String(year), weight)(draft);
    });
    expect(weightsOf(planFromDraft(draft).plan)).toEqual([30, 30, 40]);

    draft = setObjectiveWeight(2, "2025", "30")(draft);
    draft = setObjectiveWeight(2, "total", "37,5")(draft);
    expect(weightsOf(planFromDraft(draft).plan)).toEqual([
      30,
      30,
      { "2024": 40, "2025": 30, "2026": 40, "2027": 40, total: 37.5 },
    ]);
  });

  it("lo que no es número nombra el objetivo y el año; lo negativo y la vigencia sin escribir los dice core", () => {
    let draft = draftFromPlan(weightedSeed());
    draft = setObjectiveWeight(1, "2025", "1O")(draft);
    draft = setObjectiveWeight(2, "2026", "-5")(draft);
    draft = setObjectiveWeight(3, "2027", " ")(draft);
    draft = setObjectiveWeight(4, "total", "doce")(draft);
    const { plan, issues } = planFromDraft(draft);
    expect(plan).toBeNull();
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      [
        "objectives[1].weight.2025",
        "Objetivo 2, ponderación 2025: «1O» no es un número. Use coma decimal, por ejemplo 70,72.",
      ],
      [
        "objectives[4].weight.total",
        "Objetivo 5, ponderación del periodo: «doce» no es un número. Use coma decimal, por ejemplo 70,72.",
      ],
    ]);

    let typed = setObjectiveWeight(1, "2025", "10")(draft);
    typed = setObjectiveWeight(4, "total", "12,5")(typed);
    const checked = checkDraft(typed);
    expect(checked.canSend).toBe(false);
    expect(
      checked.issues
        .filter((issue) => issue.severity === "error")
        .map((issue) => [issue.code, issue.path]),
    ).toEqual([
      ["weight.negative", "objectives[2].weight.2026"],
      ["weight.year-missing", "objectives[3].weight.2027"],
    ]);
  });

  it("un objetivo nuevo empieza sin ponderación: se envía sin ella y core pide ponderarlo (todos o ninguno)", () => {
    const draft = addObjective(newObjectiveDraft(9))(draftFromPlan(weightedSeed()));
    const added = draft.objectives[8];
    if (added === undefined) throw new Error("no se agregó el objetivo");
    added.name = "Objetivo nuevo";
    expect(added).toMatchObject({ weights: {}, weightTotal: "" });
    const { plan, issues } = planFromDraft(draft);
    expect(issues).toEqual([]);
    expect(plan?.objectives[8]).not.toHaveProperty("weight");
    const partial = validatePlanRules(plan ?? SEED_PLAN).filter(
      (issue) => issue.code === "objective-weights.partial",
    );
    expect(partial.map((issue) => [issue.path, issue.severity])).toEqual([
      ["objectives[8].weight", "error"],
    ]);
  });

  it("elegir «Todos los objetivos pesan igual» quita las ponderaciones, y es un cambio de programación", () => {
    const draft = setObjectiveWeighting("equal")(draftFromPlan(weightedSeed()));
    const { plan, issues } = planFromDraft(draft);
    expect(issues).toEqual([]);
    expect(plan?.objectives.some((objective) => "weight" in objective)).toBe(false);
    expect(plan).toEqual(SEED_PLAN);
    const changes = programmingChanges(diffPlans(weightedSeed(), plan ?? SEED_PLAN));
    expect(changes.map((change) => change.path)).toContain("objectives[0].weight.2024");
    expect(changes.find((change) => change.path === "objectives[0].weight.2024")?.message).toBe(
      "Objetivo 1: ponderación 2024: 12,5 % → sin ponderación (todos pesan igual)",
    );
  });

  it("«Ponderación por objetivo» sin escribir ninguna pide escribirlas o volver a «pesan igual»", () => {
    const draft = setObjectiveWeighting("weighted")(draftFromPlan(SEED_PLAN));
    const { plan, issues } = planFromDraft(draft);
    expect(plan).toBeNull();
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      [
        "objectiveWeights",
        "Escriba la ponderación de los objetivos o elija «Todos los objetivos pesan igual».",
      ],
    ]);
  });
});
