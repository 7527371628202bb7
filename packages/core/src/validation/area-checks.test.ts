import { describe, expect, it } from "vitest";
import { aBareIndicator, planWithIndicators } from "./fixtures/clean-plan.ts";
import { validatePlanRules } from "./validate-plan.ts";

/** The plan's issues about reporting areas (a level indicator has its own remark on the total). */
const issuesOf = (overrides: Parameters<typeof aBareIndicator>[0]) =>
  validatePlanRules(planWithIndicators(aBareIndicator(overrides)))
    .filter((issue) => issue.code.startsWith("areas."))
    .map((issue) => ({
      code: issue.code,
      severity: issue.severity,
      message: issue.message,
      field: issue.field,
    }));

describe("áreas que reportan un indicador, en la ficha", () => {
  it("dos áreas que suman sus partes no tienen observaciones", () => {
    expect(issuesOf({ reportingAreas: "Salud; Educación" })).toEqual([]);
    expect(
      issuesOf({
        trend: "constante",
        areaRule: "ponderado",
        reportingAreas: "Salud = 60; Educación = 40",
      }),
    ).toEqual([]);
  });

  it("una regla sin áreas que reporten es un error que nombra el indicador y el campo", () => {
    expect(issuesOf({ areaRule: "suma" })).toEqual([
      {
        code: "areas.rule-without-areas",
        severity: "error",
        message:
          "Objetivo 1, indicador 101: regla de las áreas: «Suma» sin áreas que reporten; escriba las áreas o deje la regla vacía.",
        field: "areaRule",
      },
    ]);
  });

  it("los pesos del promedio ponderado deben sumar 100 y cada área llevar el suyo", () => {
    expect(
      issuesOf({
        trend: "constante",
        areaRule: "ponderado",
        reportingAreas: "Salud = 60; Educación = 30",
      }),
    ).toEqual([
      {
        code: "areas.weights-sum-not-100",
        severity: "error",
        message: "Objetivo 1, indicador 101: áreas que reportan: los pesos suman 90, no 100.",
        field: "reportingAreas",
      },
    ]);
    expect(
      issuesOf({
        trend: "constante",
        areaRule: "ponderado",
        reportingAreas: "Salud = 60; Educación",
      }),
    ).toEqual([
      {
        code: "areas.weights-missing",
        severity: "error",
        message:
          "Objetivo 1, indicador 101: áreas que reportan: con promedio ponderado cada área lleva su peso («Área = 40»); falta el de «Educación».",
        field: "reportingAreas",
      },
    ]);
  });

  it("una razón nunca promedia porcentajes entre áreas", () => {
    expect(
      issuesOf({
        trend: "creciente",
        measure: "razon",
        areaRule: "promedio",
        reportingAreas: "Salud; Educación",
      }),
    ).toEqual([
      {
        code: "areas.ratio-mean",
        severity: "error",
        message:
          "Objetivo 1, indicador 101: regla de las áreas: es una razón y sus áreas se combinan sumando numeradores y denominadores, nunca con «Promedio» de porcentajes; deje la regla en Suma o vacía.",
        field: "areaRule",
      },
    ]);
  });

  it("un flujo con promedio y pesos sin promedio ponderado se advierten", () => {
    expect(
      issuesOf({ areaRule: "promedio", reportingAreas: "Salud = 50; Educación = 50" }),
    ).toEqual([
      {
        code: "areas.flow-mean",
        severity: "warning",
        message:
          "Objetivo 1, indicador 101: regla de las áreas: la tendencia es suma y las partes de las áreas siempre se suman; «Promedio» no se aplica.",
        field: "areaRule",
      },
      {
        code: "areas.weights-unused",
        severity: "warning",
        message:
          "Objetivo 1, indicador 101: áreas que reportan: tienen pesos pero la regla es «Promedio»; los pesos solo se usan con promedio ponderado.",
        field: "reportingAreas",
      },
    ]);
  });
});
