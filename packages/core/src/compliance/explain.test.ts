import { describe, expect, it } from "vitest";
import { readActualsCsv } from "../formats/actuals-csv.ts";
import { computeCompliance } from "./compute.ts";
import { explainCell, explainCellData, renderExplanation } from "./explain.ts";
import { SEED_ACTUALS_2024_CSV } from "./fixtures/seed-actuals-2024.ts";
import { SEED_PLAN } from "./fixtures/seed-plan.ts";
import { onePlan } from "./fixtures/test-plan.ts";
import type { ComplianceOptions } from "./types.ts";

const options: ComplianceOptions = { asOf: "2024-12-31", missing: "zero", cap: 1 };

function seedInput() {
  const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
  if (!read.ok) throw new Error("fixture");
  return { plan: SEED_PLAN, result: computeCompliance(SEED_PLAN, read.actuals, options), options };
}

describe("explicación de una celda", () => {
  it("objetivo 3 en 2024: fórmula, la contribución de la 2320 y la 78 excluida por NP", () => {
    expect(explainCell(seedInput(), { level: "objective", code: "3" }, 2024)).toBe(
      [
        "Objetivo 3 — Mejorar el uso y aprovechamiento de las tecnologías de la información y las comunicaciones TIC de las entidades distritales que generan valor público y confianza digital.",
        "vigencia 2024 · estado: verde",
        "Fórmula (regla 6): Σ(peso × cumplimiento) / Σ(peso) sobre los indicadores evaluados; los pesos se renormalizan sobre lo evaluado.",
        "Cumplimiento: 95,00% → semáforo verde (rojo < 70,00%, amarillo < 90,00%, si no verde)",
        "Contribuciones (participación = peso / 50,00):",
        "  - 2320 Implementación del portafolio de servicios TIC para la transformación…: peso 50,00 → participación 100,00% × cumplimiento 95,00% = 95,00%",
        "Suma de contribuciones: 95,00%",
        "Excluidos:",
        "  - 78 Índice de Gobierno Digital: no programado (NP): no pesa",
        "",
      ].join("\n"),
    );
  });

  it("objetivo 3 en 2024 como datos: la 2320 toma toda la participación y la 78 queda fuera por NP", () => {
    const data = explainCellData(seedInput(), { level: "objective", code: "3" }, 2024);
    expect(data).toMatchObject({
      level: "objective",
      code: "3",
      at: 2024,
      status: "verde",
      compliance: 0.95,
      evaluatedWeight: 50,
      contributions: [{ code: "2320", weight: 50, share: 1, compliance: 0.95, contribution: 0.95 }],
      excluded: [
        {
          code: "78",
          name: "Índice de Gobierno Digital",
          status: "np",
          reason: "no programado (NP): no pesa",
        },
      ],
    });
    // The text `rumbo explain` prints is these same data, line by line.
    expect(renderExplanation(data)).toBe(
      explainCell(seedInput(), { level: "objective", code: "3" }, 2024),
    );
  });

  it("indicador 2320 en 2024 como datos: meta 10, avance 9,5, razón 95 %", () => {
    const data = explainCellData(seedInput(), { level: "indicator", code: "2320" }, 2024);
    expect(data.values).toEqual([
      { key: "target", label: "Meta programada (T)", value: 10 },
      { key: "actual", label: "Avance (A)", value: 9.5 },
    ]);
    expect(data).toMatchObject({ raw: 0.95, compliance: 0.95, semaforo: "verde", objective: "3" });
  });

  it("indicador con sobre-ejecución: razón, tope y bandera", () => {
    const text = explainCell(seedInput(), { level: "indicator", code: "4248" }, 2024);
    expect(text).toContain("Razón (regla 4): r = A / T = 2,00 / 1,00 = 200,00%");
    expect(text).toContain(
      "Cumplimiento (regla 5): c = mín(r; 100,00%) = 100,00% → semáforo verde",
    );
    expect(text).toContain(
      "Sobre-ejecución: r = 200,00% supera 125,00%; se marca para revisión y el color no cambia (regla 9).",
    );
  });

  it("indicador sin reporte con --missing zero", () => {
    expect(explainCell(seedInput(), { level: "indicator", code: "4205" }, 2024)).toContain(
      "Sin reporte: no hay avance reportado hasta el corte; cuenta como 0 (--missing zero, regla 5).",
    );
  });

  it("un año después del corte está pendiente", () => {
    expect(explainCell(seedInput(), { level: "plan" }, 2026)).toContain(
      "Pendiente: 2026 es posterior al año de la fecha de corte 2024-12-31; no se evalúa (regla 2).",
    );
  });

  it("decreciente: muestra la línea base y la fórmula (B − A)/(B − T)", () => {
    const plan = onePlan([
      { code: "D", trend: "decreciente", baseline: 20, targets: { "2024": 10 } },
    ]);
    const result = computeCompliance(
      plan,
      [{ indicator: "D", period: "2024", value: 14 }],
      options,
    );
    const text = explainCell({ plan, result, options }, { level: "indicator", code: "D" }, 2024);
    expect(text).toContain("Línea base (B): 20,00");
    expect(text).toContain(
      "Razón (regla 4): r = (B − A) / (B − T) = (20,00 − 14,00) / (20,00 − 10,00) = 60,00%",
    );
  });

  it("cuatrienio del indicador 4075: A*, T*, total 64 y avance", () => {
    const text = explainCell(seedInput(), { level: "indicator", code: "4075" }, "period");
    expect(text).toContain(
      "Avance a la fecha (A*): 18,00 — suma de los avances anuales de los años evaluados (regla 8)",
    );
    expect(text).toContain("Meta a la fecha (T*): 20,00");
    expect(text).toContain("Total del cuatrienio: 64,00");
    expect(text).toContain(
      "Avance hacia la meta del cuatrienio: A* frente al total, como en las reglas 4–5 = 28,13%",
    );
  });

  it("objetivo 6 en 2025 con --missing exclude lista el peso 0 de la meta 80 y los excluidos sin reporte", () => {
    const excludeOptions: ComplianceOptions = { asOf: null, missing: "exclude", cap: 1 };
    const actuals = [
      { indicator: "80", period: "2025", value: 50 },
      { indicator: "72", period: "2025", value: 89.5 },
    ];
    const result = computeCompliance(SEED_PLAN, actuals, excludeOptions);
    const text = explainCell(
      { plan: SEED_PLAN, result, options: excludeOptions },
      { level: "objective", code: "6" },
      2025,
    );
    expect(text).toContain(
      "  - 80 Índice de Innovación Pública: peso 0,00 → participación 0,00% × cumplimiento 93,84% = 0,00% (peso 0: se muestra, no pondera)",
    );
    expect(text).toContain(
      "  - 4226 Servicio de asistencia técnica integral para el mejoramiento de la…: sin reporte, excluido (--missing exclude)",
    );
  });

  it("un año que no es del plan es un error", () => {
    expect(() => explainCell(seedInput(), { level: "plan" }, 2030)).toThrow(
      "el año 2030 no es una vigencia del plan",
    );
  });
});
