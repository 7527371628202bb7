import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSeedDocument } from "../seed/seed-document.ts";
import { validatePlanRules } from "./validate-plan.ts";
import { hasBlockingErrors, summariseIssues } from "./validation-issue.ts";

const SEED = fileURLToPath(
  new URL(
    "../../../../seeds/plan-estrategico-sectorial-gestion-publica-2024-2027.txt",
    import.meta.url,
  ),
);

describe("el plan sectorial de Gestión Pública 2024-2027 revisado como lo haría un analista", () => {
  const imported = importSeedDocument(readFileSync(SEED, "utf8"));
  const plan = imported.plan;
  if (plan === null) throw new Error("la semilla no se importó");
  const issues = validatePlanRules(plan);

  it("no tiene errores: se puede guardar", () => {
    expect(hasBlockingErrors(issues)).toBe(false);
    expect(summariseIssues(issues)).toEqual({ error: 0, warning: 3, total: 3 });
  });

  it("da exactamente sus tres advertencias reales, en el orden del plan", () => {
    expect(issues).toEqual([
      {
        code: "weights.sum-not-100",
        severity: "warning",
        message:
          "Objetivo 3, vigencia 2024: las ponderaciones de los indicadores programados suman 50 %, no 100 %: no está programado el indicador 78 (pondera 50 %); el cumplimiento se renormaliza sobre los programados.",
        path: "objectives[2]",
        objectiveCode: "3",
        year: 2024,
        field: "weight",
      },
      {
        code: "goal.text-artefact",
        severity: "warning",
        message:
          "Objetivo 3, indicador 2320: el texto de la meta contiene «14244.» en medio de la frase, que parece un código pegado por error; revise el texto.",
        path: "objectives[2].indicators[1].goal",
        objectiveCode: "3",
        indicatorCode: "2320",
        field: "goal",
      },
      {
        code: "goal.total-mismatch",
        severity: "warning",
        message:
          "Objetivo 4, indicador 4075 (meta 2153): el texto de la meta dice 50 pero la programación del periodo 2024-2027 (suma) es 64.",
        path: "objectives[3].indicators[1].goal",
        objectiveCode: "4",
        indicatorCode: "4075",
        field: "goal",
      },
    ]);
  });

  it("los ceros de las metas 78 y 80 llegan como NP (null): las reglas no los ven como meta 0", () => {
    const all = plan.objectives.flatMap((objective) => objective.indicators);
    expect(all.find((indicator) => indicator.code === "78")?.targets["2024"]).toBeNull();
    expect(all.find((indicator) => indicator.code === "80")?.targets["2026"]).toBeNull();
    expect(issues.some((issue) => issue.code === "targets.zero-read-as-np")).toBe(false);
    // The importer already warned about them, with their document line.
    expect(
      imported.warnings.filter((w) => w.code === "seed.zero-target-np").map((w) => w.line),
    ).toEqual([143, 178, 178]);
  });

  it("la meta 80 pondera 0 % y no está programada en 2024 ni 2026: el objetivo 6 no se advierte", () => {
    expect(issues.some((issue) => issue.objectiveCode === "6")).toBe(false);
  });
});
