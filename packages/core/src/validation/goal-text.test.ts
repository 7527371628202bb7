import { describe, expect, it } from "vitest";
import { aBareIndicator, anIndicator, planWithIndicators } from "./fixtures/clean-plan.ts";
import { goalStatement } from "./goal-text.ts";
import { validatePlanRules } from "./validate-plan.ts";

describe("texto de la meta frente a su programación", () => {
  it("la meta 2153 dice 50 instrumentos pero su programación suma 64", () => {
    const plan = planWithIndicators(
      anIndicator({
        code: "4075",
        goalCode: "2153",
        goal: "Meta sectorial 2153 Participar en 50 Instrumento(s) estratégicos de cooperación internacional",
        targets: { "2024": 20, "2025": 44 },
        total: 64,
      }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "goal.total-mismatch",
        severity: "warning",
        message:
          "Objetivo 1, indicador 4075 (meta 2153): el texto de la meta dice 50 pero la programación del periodo 2024-2025 (suma) es 64.",
        path: "objectives[0].indicators[0].goal",
        objectiveCode: "1",
        indicatorCode: "4075",
        field: "goal",
      },
    ]);
  });

  it("el texto de la meta 2320 trae un código pegado («14244.») y se advierte", () => {
    const plan = planWithIndicators(
      anIndicator({
        code: "2320",
        goal: "Meta sectorial 2320: Poner en funcionamiento 14244. Implementación del Portafolio(s) de servicios TIC",
      }),
    );
    expect(validatePlanRules(plan)).toEqual([
      {
        code: "goal.text-artefact",
        severity: "warning",
        message:
          "Objetivo 1, indicador 2320: el texto de la meta contiene «14244.» en medio de la frase, que parece un código pegado por error; revise el texto.",
        path: "objectives[0].indicators[0].goal",
        objectiveCode: "1",
        indicatorCode: "2320",
        field: "goal",
      },
    ]);
  });

  it("«Consolidar 1 Modelo» medido en % del modelo es 100 %", () => {
    const plan = planWithIndicators(
      aBareIndicator({
        trend: "creciente",
        unit: "%",
        goal: "Meta sectorial 2057 Consolidar 1 Modelo de integración de servicios",
        targets: { "2024": 15, "2025": 100 },
        total: 100,
      }),
    );
    expect(validatePlanRules(plan)).toEqual([]);
  });

  it("«Fortalecer 100 % del modelo» medido como fracción es 1,00", () => {
    const plan = planWithIndicators(
      aBareIndicator({
        goal: "Meta sectorial 2276: Fortalecer 100 % del modelo de Gobierno Abierto",
        targets: { "2024": 0.5, "2025": 0.5 },
        total: 1,
      }),
    );
    expect(validatePlanRules(plan)).toEqual([]);
  });

  it("una meta sin el prefijo «Meta sectorial» también se compara, con punto de miles", () => {
    const plan = planWithIndicators(
      aBareIndicator({
        goal: "Atender 1.500 personas en los puntos de la Red CADE",
        targets: { "2024": 500, "2025": 900 },
        total: 1400,
      }),
    );
    expect(validatePlanRules(plan).map((i) => i.message)).toEqual([
      "Objetivo 1, indicador 101: el texto de la meta dice 1.500 pero la programación del periodo 2024-2025 (suma) es 1.400.",
    ]);
  });

  it("el prefijo de la meta se separa del enunciado como lo escribe el documento", () => {
    expect(goalStatement("Meta proyecto: 3. Implementar 1 modelo")).toEqual({
      code: "3",
      statement: "Implementar 1 modelo",
    });
    expect(goalStatement("Índice de Gobierno Digital")).toEqual({
      code: null,
      statement: "Índice de Gobierno Digital",
    });
  });
});
