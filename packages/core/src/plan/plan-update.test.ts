import { describe, expect, it } from "vitest";
import type { PlanChange } from "./plan-diff.ts";
import { planUpdateActionOf } from "./plan-update.ts";

const target2025: PlanChange = {
  path: "objectives[3].indicators[1].targets.2025",
  kind: "changed",
  indicatorCode: "4075",
  field: "targets",
  year: 2025,
  before: 17,
  after: 20,
  message: "Indicador 4075: programación 2025: 17 → 20",
};

const name: PlanChange = {
  path: "objectives[3].indicators[1].name",
  kind: "changed",
  indicatorCode: "4075",
  field: "name",
  before: "Instrumentos",
  after: "Instrumentos de planeación",
  message: "Indicador 4075: nombre: Instrumentos → Instrumentos de planeación",
};

describe("qué significa guardar un contenido nuevo sobre un plan existente", () => {
  it("la matriz exportada sin cambios no cambia nada, esté en formulación o en vigencia", () => {
    expect(planUpdateActionOf("formulacion", [])).toBe("sin cambios");
    expect(planUpdateActionOf("vigente", [])).toBe("sin cambios");
  });

  it("en formulación, cambiar la meta 2025 del indicador 4075 es una edición", () => {
    expect(planUpdateActionOf("formulacion", [target2025])).toBe("editar");
  });

  it("en vigencia, cambiar la meta 2025 del indicador 4075 es una reprogramación", () => {
    expect(planUpdateActionOf("vigente", [name, target2025])).toBe("reprogramar");
  });

  it("en vigencia, cambiar solo el nombre de un indicador es una edición", () => {
    expect(planUpdateActionOf("vigente", [name])).toBe("editar");
  });
});
