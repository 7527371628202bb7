import { describe, expect, it } from "vitest";
import { anIndicator, anObjective, aPlan } from "../validation/fixtures/clean-plan.ts";
import {
  classifyPlanChange,
  decidePublication,
  decideStatusChange,
  keepsContent,
  PLAN_VERSION_KINDS,
  versionInForceOn,
} from "./lifecycle.ts";
import type { Indicator, Plan } from "./plan.ts";

function withIndicator(plan: Plan, change: Partial<Indicator>): Plan {
  return {
    ...plan,
    objectives: plan.objectives.map((o) => ({
      ...o,
      indicators: o.indicators.map((i) => ({ ...i, ...change })),
    })),
  };
}

// A save that changes nothing writes no version, so every field of the ficha
// must show in the diff or an edit of it alone would be dropped. The type
// makes a new field of Indicator fail to compile until it is listed here.
const ONE_CHANGE_PER_FIELD: { [K in Exclude<keyof Indicator, "code">]-?: Partial<Indicator> } = {
  name: { name: "Otro nombre" },
  goal: { goal: "Otra meta" },
  trend: { trend: "constante" },
  unit: { unit: "%" },
  baseline: { baseline: 5 },
  weight: { weight: 90 },
  targets: { targets: { "2024": 11, "2025": 30 } },
  total: { total: 41 },
  progress: { progress: "from-baseline" },
  goalType: { goalType: "estrategica" },
  goalCode: { goalCode: "2153" },
  baselineYear: { baselineYear: 2023 },
  formula: { formula: "A / B" },
  frequency: { frequency: "trimestral" },
  measure: { measure: "razon" },
  numerator: { numerator: "A" },
  denominator: { denominator: "B" },
  source: { source: "SEGPLAN" },
  responsible: { responsible: "OAP" },
  indicatorType: { indicatorType: "resultado" },
  reportingAreas: { reportingAreas: "Secretaría de Salud; Secretaría de Educación" },
  areaRule: { areaRule: "promedio" },
};

describe("cambios de estado del plan", () => {
  it("un plan en formulación sin errores se pone en vigencia y deja una versión «puesta en vigencia»", () => {
    expect(decideStatusChange("formulacion", "vigente", aPlan())).toEqual({
      outcome: "allowed",
      kind: "puesta-en-vigencia",
    });
  });

  it("un plan en vigencia no vuelve a formulación", () => {
    expect(decideStatusChange("vigente", "formulacion", aPlan())).toEqual({
      outcome: "refused",
      refusal: {
        code: "PLAN_IN_FORCE",
        message:
          "Un plan en vigencia no vuelve a formulación; sus cambios se hacen por reprogramación.",
      },
    });
  });

  it("pedir el estado que el plan ya tiene no cambia nada", () => {
    expect(decideStatusChange("vigente", "vigente", aPlan())).toEqual({ outcome: "unchanged" });
    expect(decideStatusChange("formulacion", "formulacion", aPlan())).toEqual({
      outcome: "unchanged",
    });
  });

  it("un plan con una ponderación negativa no se pone en vigencia y se dice por qué", () => {
    const plan = aPlan({
      objectives: [anObjective({ indicators: [anIndicator({ weight: -10 })] })],
    });
    const decision = decideStatusChange("formulacion", "vigente", plan);
    expect(decision.outcome).toBe("refused");
    if (decision.outcome !== "refused") return;
    expect(decision.refusal.code).toBe("VALIDATION_FAILED");
    expect(decision.refusal.message).toMatch(/^El plan no se puso en vigencia: 1 error\. /);
  });

  it("la puesta en vigencia y la publicación conservan el contenido; la edición y la reprogramación no", () => {
    expect(PLAN_VERSION_KINDS.filter(keepsContent)).toEqual([
      "puesta-en-vigencia",
      "publicacion",
      "retiro-publicacion",
    ]);
  });

  it("publicar un plan publicado no cambia nada; publicar y retirar dejan cada uno su versión", () => {
    expect(decidePublication(true, true)).toEqual({ outcome: "unchanged" });
    expect(decidePublication(false, true)).toEqual({ outcome: "allowed", kind: "publicacion" });
    expect(decidePublication(true, false)).toEqual({
      outcome: "allowed",
      kind: "retiro-publicacion",
    });
  });
});

describe("qué es un cambio del plan", () => {
  it("guardar el plan sin cambios no es una edición", () => {
    expect(classifyPlanChange("vigente", aPlan(), aPlan())).toEqual({ kind: "none" });
    expect(classifyPlanChange("formulacion", aPlan(), aPlan())).toEqual({ kind: "none" });
  });

  it("en formulación, cambiar la meta de 2025 es una edición", () => {
    const after = withIndicator(aPlan(), { targets: { "2024": 10, "2025": 35 }, total: 45 });
    const change = classifyPlanChange("formulacion", aPlan(), after);
    expect(change.kind).toBe("edit");
    if (change.kind !== "edit") return;
    expect(change.changes.map((c) => c.message)).toEqual([
      "Indicador 101: programación 2025: 30 → 35",
      "Indicador 101: programación del cuatrienio: 40 → 45",
    ]);
  });

  it("en vigencia, cambiar la meta de 2025 exige reprogramación y lista solo la programación", () => {
    const after = withIndicator(aPlan(), {
      targets: { "2024": 10, "2025": 35 },
      name: "Entidades asistidas",
    });
    const change = classifyPlanChange("vigente", aPlan(), after);
    expect(change.kind).toBe("reprogramacion-required");
    if (change.kind !== "reprogramacion-required") return;
    expect(change.refusal.code).toBe("REPROGRAMACION_REQUIRED");
    expect(change.changes.map((c) => c.message)).toEqual([
      "Indicador 101: programación 2025: 30 → 35",
    ]);
  });

  it("en vigencia, corregir la fórmula o el responsable es una edición", () => {
    const after = withIndicator(aPlan(), {
      formula: "Entidades asistidas / 40",
      responsible: "OAP",
    });
    const change = classifyPlanChange("vigente", aPlan(), after);
    expect(change.kind).toBe("edit");
    if (change.kind !== "edit") return;
    expect(change.changes).toHaveLength(2);
  });

  it.each(Object.entries(ONE_CHANGE_PER_FIELD))(
    "cambiar solo el campo «%s» de un indicador es un cambio",
    (_field, change) => {
      const after = withIndicator(aPlan(), change);
      expect(classifyPlanChange("formulacion", aPlan(), after).kind).toBe("edit");
    },
  );
});

describe("qué versión regía en una fecha", () => {
  const versions = [
    { version: 1, effectiveFrom: "2025-01-10" },
    { version: 2, effectiveFrom: "2025-02-05" },
    // Approved in March, dated back to 20 January: it already holds the February edit.
    { version: 3, effectiveFrom: "2025-01-20" },
    // Saved today, in force from next year.
    { version: 4, effectiveFrom: "2026-01-01" },
  ];

  it("antes de la primera versión no regía ninguna", () => {
    expect(versionInForceOn(versions, "2025-01-09")).toBeUndefined();
  });

  it("el mismo día de la creación rige la versión 1", () => {
    expect(versionInForceOn(versions, "2025-01-10")?.version).toBe(1);
  });

  it("una reprogramación fechada hacia atrás reemplaza desde su fecha la edición guardada antes", () => {
    expect(versionInForceOn(versions, "2025-01-20")?.version).toBe(3);
    expect(versionInForceOn(versions, "2025-02-10")?.version).toBe(3);
  });

  it("una versión que rige en el futuro no rige todavía", () => {
    expect(versionInForceOn(versions, "2025-12-31")?.version).toBe(3);
    expect(versionInForceOn(versions, "2026-01-01")?.version).toBe(4);
  });
});
