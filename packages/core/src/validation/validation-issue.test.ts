import { describe, expect, it } from "vitest";
import { VALIDATION_RULES } from "./rule-catalogue.ts";
import { hasBlockingErrors, summariseIssues, type ValidationIssue } from "./validation-issue.ts";

const warning: ValidationIssue = {
  code: "weights.sum-not-100",
  severity: "warning",
  message: "Objetivo 3, vigencia 2024: …",
  path: "objectives[2]",
};
const error: ValidationIssue = {
  code: "plan.code-empty",
  severity: "error",
  message: "El plan no tiene código.",
  path: "code",
};

describe("resumen de las observaciones", () => {
  it("solo advertencias: el plan se puede guardar", () => {
    expect(hasBlockingErrors([warning, warning])).toBe(false);
    expect(summariseIssues([warning, warning])).toEqual({ error: 0, warning: 2, total: 2 });
  });

  it("un error basta para bloquear el guardado", () => {
    expect(hasBlockingErrors([warning, error])).toBe(true);
    expect(summariseIssues([warning, error])).toEqual({ error: 1, warning: 1, total: 2 });
  });

  it("sin observaciones, todo en cero", () => {
    expect(hasBlockingErrors([])).toBe(false);
    expect(summariseIssues([])).toEqual({ error: 0, warning: 0, total: 0 });
  });
});

describe("catálogo de reglas", () => {
  it("cada código aparece una vez, con gravedad y descripción en español", () => {
    const codes = VALIDATION_RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of VALIDATION_RULES) {
      expect(rule.code).toMatch(/^[a-z-]+\.[a-z0-9-]+$/);
      expect(["error", "warning"]).toContain(rule.severity);
      expect(rule.description).toMatch(/^[A-ZÁÉÍÓÚÑ¿].*[.?]$/);
    }
  });
});
