import { type Objective, type Plan, validatePlanRules } from "@rumbo/core";
import { describe, expect, it } from "vitest";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import type { ValidationIssue } from "./formulation-api.ts";
import { editorPaths, placeIssues, resolveIssuePath } from "./issues.tsx";
import { draftFromPlan } from "./plan-draft.ts";
import { fieldId, OBJECTIVE_WEIGHTS_PATH, parentPath } from "./plan-paths.ts";

const DRAFT = draftFromPlan(SEED_PLAN);
const KNOWN = editorPaths(DRAFT);

function issue(path: string, extra: Partial<ValidationIssue> = {}): ValidationIssue {
  return { code: "x", severity: "warning", message: "m", path, ...extra };
}

describe("rutas JSON de los problemas y sus campos", () => {
  it("cada ruta tiene el id de su campo", () => {
    expect(fieldId("objectives[2].indicators[0].targets.2025")).toBe(
      "campo-objectives-2-indicators-0-targets-2025",
    );
    expect(fieldId("code")).toBe("campo-code");
    expect(fieldId("")).toBe("campo-plan");
  });

  it("sube un nivel de la ruta cada vez", () => {
    expect(parentPath("objectives[2].indicators[0].targets.2025")).toBe(
      "objectives[2].indicators[0].targets",
    );
    expect(parentPath("objectives[2].indicators[0]")).toBe("objectives[2].indicators");
    expect(parentPath("objectives[2]")).toBe("objectives");
    expect(parentPath("objectives")).toBe("");
  });

  it("una meta de un año queda junto a su casilla; un peso del periodo junto a la suya", () => {
    expect(resolveIssuePath(issue("objectives[2].indicators[0].targets.2025"), DRAFT, KNOWN)).toBe(
      "objectives[2].indicators[0].targets.2025",
    );
    expect(resolveIssuePath(issue("objectives[5].indicators[4].weight.total"), DRAFT, KNOWN)).toBe(
      "objectives[5].indicators[4].weight.total",
    );
  });

  it("lo que el editor no muestra va al campo o grupo más cercano", () => {
    // The seed plan's objectives weigh the same: no row of weights, the section where it is chosen.
    expect(resolveIssuePath(issue("objectives[4].weight.2025"), DRAFT, KNOWN)).toBe(
      OBJECTIVE_WEIGHTS_PATH,
    );
    // A year outside the plan's vigencias: the indicator's programación.
    expect(resolveIssuePath(issue("objectives[0].indicators[1].targets.2031"), DRAFT, KNOWN)).toBe(
      "objectives[0].indicators[1].targets",
    );
    expect(resolveIssuePath(issue("semaforo"), DRAFT, KNOWN)).toBe("semaforo");
    expect(resolveIssuePath(issue("years[1]"), DRAFT, KNOWN)).toBe("years");
  });

  it("la suma de ponderaciones de un objetivo va junto a su tabla de ponderación", () => {
    const sum = issue("objectives[2]", { field: "weight", year: 2024, objectiveCode: "3" });
    expect(resolveIssuePath(sum, DRAFT, KNOWN)).toBe("objectives[2].weights");
    expect(resolveIssuePath(issue("objectives[2]"), DRAFT, KNOWN)).toBe("objectives[2]");
  });

  it("sin ruta, los códigos del indicador lo encuentran; si no, va solo al resumen", () => {
    expect(resolveIssuePath(issue("", { indicatorCode: "2320" }), DRAFT, KNOWN)).toBe(
      "objectives[2].indicators[1]",
    );
    expect(resolveIssuePath(issue("", { objectiveCode: "6" }), DRAFT, KNOWN)).toBe("objectives[5]");
    expect(resolveIssuePath(issue(""), DRAFT, KNOWN)).toBe("");
  });

  describe("ponderación de los objetivos (reglas de core)", () => {
    /** The seed plan's first three objectives weighing 30/30/40, objective 3 only 30 in 2025. */
    function weighted(): Plan {
      const weights: Objective["weight"][] = [
        30,
        { "2024": 30, "2025": 30, "2026": 30, "2027": 30, total: 30 },
        { "2024": 40, "2025": 30, "2026": 40, "2027": 40 },
      ];
      return {
        ...SEED_PLAN,
        objectives: SEED_PLAN.objectives
          .slice(0, 3)
          .map((objective, index) => ({ ...objective, weight: weights[index] })),
      };
    }

    function placed(plan: Plan, code: string) {
      const draft = draftFromPlan(plan);
      return placeIssues(validatePlanRules(plan), draft)
        .filter((found) => found.code === code)
        .map(({ path, fieldPath, message }) => ({ path, fieldPath, message }));
    }

    it("la vigencia 2025 que suma 90 % se señala junto a la tabla de ponderación de los objetivos", () => {
      expect(placed(weighted(), "objective-weights.sum-not-100")).toEqual([
        {
          path: "objectives",
          fieldPath: OBJECTIVE_WEIGHTS_PATH,
          message:
            "Las ponderaciones de los objetivos para el periodo 2024-2027 (total) suman 97,5 %, no 100 %; el cumplimiento del plan se renormaliza sobre ellas.",
        },
        {
          path: "objectives",
          fieldPath: OBJECTIVE_WEIGHTS_PATH,
          message:
            "Vigencia 2025: las ponderaciones de los objetivos suman 90 %, no 100 %; el cumplimiento del plan se renormaliza sobre ellas.",
        },
      ]);
    });

    it("un objetivo sin ponderación entre objetivos ponderados se señala en su fila", () => {
      const plan = weighted();
      const third = plan.objectives[2];
      if (third === undefined) throw new Error("sin objetivo 3");
      delete third.weight;
      expect(placed(plan, "objective-weights.partial")).toEqual([
        {
          path: "objectives[2].weight",
          fieldPath: "objectives[2].weight",
          message:
            "Objetivo 3: no tiene ponderación y otros objetivos sí; la ponderación de los objetivos se da para todos o para ninguno.",
        },
      ]);
    });

    it("una ponderación negativa de un objetivo queda en su casilla de la vigencia", () => {
      const plan = weighted();
      const second = plan.objectives[1];
      if (second === undefined) throw new Error("sin objetivo 2");
      second.weight = { "2024": 30, "2025": -5, "2026": 30, "2027": 30 };
      expect(placed(plan, "weight.negative").map((found) => found.fieldPath)).toEqual([
        "objectives[1].weight.2025",
      ]);
    });
  });
});
