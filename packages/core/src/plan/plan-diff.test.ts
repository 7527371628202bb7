import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSeedDocument } from "../seed/seed-document.ts";
import type { Plan } from "./plan.ts";
import { diffPlans, programmingChanges } from "./plan-diff.ts";

const SEED = fileURLToPath(
  new URL(
    "../../../../seeds/plan-estrategico-sectorial-gestion-publica-2024-2027.txt",
    import.meta.url,
  ),
);

function seed(): Plan {
  const plan = importSeedDocument(readFileSync(SEED, "utf8")).plan;
  if (!plan) throw new Error("semilla inválida");
  return plan;
}

function indicator(plan: Plan, code: string) {
  const found = plan.objectives.flatMap((o) => o.indicators).find((i) => i.code === code);
  if (!found) throw new Error(code);
  return found;
}

describe("diferencias entre dos versiones del plan", () => {
  it("un plan igual a sí mismo no tiene cambios", () => {
    expect(diffPlans(seed(), seed())).toEqual([]);
  });

  it("cambiar el tipo de indicador de la ficha se lista con sus palabras y no es reprogramación", () => {
    const before = seed();
    const after = seed();
    indicator(before, "4075").indicatorType = "producto";
    indicator(after, "4075").indicatorType = "resultado";
    const changes = diffPlans(before, after);
    expect(changes).toEqual([
      {
        path: expect.stringMatching(/\.indicatorType$/),
        kind: "changed",
        objectiveCode: expect.any(String),
        indicatorCode: "4075",
        field: "indicatorType",
        before: "producto",
        after: "resultado",
        message: "Indicador 4075: tipo de indicador: «Producto» → «Resultado»",
      },
    ]);
    expect(programmingChanges(changes)).toEqual([]);
  });

  it("reprogramar 2025 de la meta 2153 y su total aparece como cambio de programación", () => {
    const before = seed();
    const after = seed();
    indicator(after, "4075").targets["2025"] = 20;
    indicator(after, "4075").total = 67;
    const changes = diffPlans(before, after);
    expect(changes.map((c) => c.message)).toEqual([
      "Indicador 4075: programación 2025: 17 → 20",
      "Indicador 4075: programación del cuatrienio: 64 → 67",
    ]);
    expect(changes[0]).toMatchObject({
      path: "objectives[3].indicators[1].targets.2025",
      kind: "changed",
      objectiveCode: "4",
      indicatorCode: "4075",
      field: "targets",
      year: 2025,
      before: 17,
      after: 20,
    });
    expect(programmingChanges(changes)).toHaveLength(2);
  });

  it("programar la meta 78 en 2024 y cambiar pesos: NP → valor, ponderación por vigencia", () => {
    const before = seed();
    const after = seed();
    indicator(after, "78").targets["2024"] = 90;
    indicator(after, "78").weight = { "2024": 40, "2025": 50, "2026": 50, "2027": 50 };
    expect(diffPlans(before, after).map((c) => c.message)).toEqual([
      "Indicador 78: programación 2024: NP → 90",
      "Indicador 78: ponderación 2024: 50 % → 40 %",
      "Indicador 78: ponderación del cuatrienio: 50 % → 47,5 % (promedio de las vigencias)",
    ]);
  });

  it("renombrar un texto no es programación; agregar, retirar y mover indicadores se nombran", () => {
    const before = seed();
    const after = seed();
    indicator(after, "2320").goal =
      "Meta sectorial 2320: Implementación del Portafolio de servicios TIC";
    const [o7, o8] = [after.objectives[6], after.objectives[7]];
    const moved = o8?.indicators.pop();
    if (!o7 || !moved) throw new Error("fixture");
    o7.indicators.push(moved);
    after.objectives[0]?.indicators.splice(1, 1);
    after.objectives[0]?.indicators.push({
      code: "N1",
      name: "Nuevo indicador",
      trend: "suma",
      weight: 50,
      targets: { "2025": 3 },
    });
    const changes = diffPlans(before, after);
    expect(changes.map((c) => c.message)).toEqual([
      "Indicador N1 agregado al objetivo 1: Nuevo indicador",
      "Indicador 2320: meta: «Meta sectorial 2320: Poner en funcionamiento 14244. Implementación del Portaf…» → «Meta sectorial 2320: Implementación del Portafolio de servicios TIC»",
      "Indicador 4205: pasa del objetivo 8 al 7",
      "Indicador 77 retirado del objetivo 1: Índice de Desarrollo del Servicio Civil Distrital",
    ]);
    expect(programmingChanges(changes.filter((c) => c.indicatorCode === "2320"))).toEqual([]);
  });

  it("el orden de los objetivos y el semáforo también cuentan", () => {
    const before = seed();
    const after = seed();
    after.objectives.reverse();
    after.semaforo = { rojo: 0.5, amarillo: 0.75, sobreejecucion: 1.25 };
    const messages = diffPlans(before, after).map((c) => c.message);
    expect(messages[0]).toBe(
      "Plan: semáforo por omisión → rojo < 50 %, amarillo < 75 %, sobreejecución > 125 %",
    );
    expect(messages).toContain("Objetivo 1: pasa de la posición 1 a la 8");
  });

  it("ponderar los objetivos, cambiar su peso o quitarlo es programación (se reprograma en un plan vigente)", () => {
    const before = seed();
    const weighted = seed();
    weighted.objectives.forEach((objective) => {
      objective.weight = 12.5;
    });
    const given = diffPlans(before, weighted);
    expect(programmingChanges(given)).toEqual(given);
    expect(given.find((c) => c.path === "objectives[0].weight.2024")).toMatchObject({
      kind: "changed",
      objectiveCode: "1",
      field: "weight",
      year: 2024,
      before: null,
      after: 12.5,
      message: "Objetivo 1: ponderación 2024: sin ponderación (todos pesan igual) → 12,5 %",
    });

    const reweighted = seed();
    reweighted.objectives.forEach((objective) => {
      objective.weight = 12.5;
    });
    const third = reweighted.objectives[2];
    if (!third) throw new Error("fixture");
    third.weight = { "2024": 12.5, "2025": 20, "2026": 12.5, "2027": 12.5 };
    const changed = programmingChanges(diffPlans(weighted, reweighted));
    expect(changed.map((c) => c.message)).toContain("Objetivo 3: ponderación 2025: 12,5 % → 20 %");
    expect(changed.every((c) => c.objectiveCode === "3" && c.field === "weight")).toBe(true);

    const removed = programmingChanges(diffPlans(weighted, before));
    expect(removed.map((c) => c.path)).toContain("objectives[7].weight.total");
  });
});
