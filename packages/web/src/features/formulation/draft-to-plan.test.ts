import { diffPlans } from "@rumbo/core";
import { describe, expect, it } from "vitest";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import { setTarget, setWeight } from "./draft-actions.ts";
import { planFromDraft } from "./draft-to-plan.ts";
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

  it("lo que no es número, los nombres vacíos y la ponderación faltante quedan en su ruta JSON", () => {
    let draft = smallDraft();
    draft = setTarget(0, 0, "2025", "92,x")(draft);
    draft = setWeight(0, 0, "2026", "")(draft);
    draft = { ...draft, name: " ", lastYear: "20" };
    const { plan, issues } = planFromDraft(draft);
    expect(plan).toBeNull();
    expect(issues.map((i) => [i.path, i.severity])).toEqual([
      ["name", "error"],
      ["years", "error"],
    ]);

    const fixedYears = { ...draft, name: "Plan", lastYear: "2026" };
    const second = planFromDraft(fixedYears);
    expect(second.issues.map((i) => i.path)).toEqual([
      "objectives[0].indicators[0].targets.2025",
      "objectives[0].indicators[0].weight.2026",
    ]);
    expect(second.issues[0]?.message).toBe(
      "Indicador 78, programación 2025: «92,x» no es un número. Use coma decimal, por ejemplo 70,72.",
    );
  });

  it("el semáforo debe crecer: rojo < amarillo < sobre-ejecución", () => {
    const draft = {
      ...smallDraft(),
      semaforo: { rojo: "90", amarillo: "70", sobreejecucion: "125" },
    };
    expect(planFromDraft(draft).issues.map((i) => i.path)).toEqual(["semaforo.amarillo"]);
  });
});
