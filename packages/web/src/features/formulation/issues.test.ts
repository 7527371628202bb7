import { describe, expect, it } from "vitest";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import type { ValidationIssue } from "./formulation-api.ts";
import { editorPaths, resolveIssuePath } from "./issues.tsx";
import { draftFromPlan } from "./plan-draft.ts";
import { fieldId, parentPath } from "./plan-paths.ts";

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
    // The editor has no objective weight: the objective's group takes it.
    expect(resolveIssuePath(issue("objectives[4].weight.2025"), DRAFT, KNOWN)).toBe(
      "objectives[4]",
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
});
