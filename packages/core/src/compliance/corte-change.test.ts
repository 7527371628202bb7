import { describe, expect, it } from "vitest";
import { readActualsCsv } from "../formats/actuals-csv.ts";
import { computeCompliance } from "./compute.ts";
import { compareCells, previousCorte } from "./corte-change.ts";
import { buildDashboard, withPreviousCorte } from "./dashboard.ts";
import type { CellAt } from "./engine.ts";
import { SEED_ACTUALS_2024_CSV } from "./fixtures/seed-actuals-2024.ts";
import { SEED_PLAN } from "./fixtures/seed-plan.ts";
import type { ComplianceOptions } from "./types.ts";

function seedDashboard(asOf: string, at: CellAt) {
  const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
  if (!read.ok) throw new Error("fixture");
  const options: ComplianceOptions = { asOf, missing: "zero", cap: 1 };
  return buildDashboard(
    { plan: SEED_PLAN, result: computeCompliance(SEED_PLAN, read.actuals, options), options },
    at,
  );
}

const SEPTEMBER = { id: 3, periodEnd: "2024-09-30", closedAt: "2024-11-01T00:00:00.000Z" };

describe("cambio desde el corte anterior en el tablero", () => {
  it("el plan en 2024 sube de 12,19 % al 30-sep a 84,23 % al 31-dic: 72,04 puntos", () => {
    const dashboard = withPreviousCorte(
      seedDashboard("2024-12-31", 2024),
      seedDashboard("2024-09-30", 2024),
      SEPTEMBER,
    );
    expect(dashboard.previousCorte).toEqual(SEPTEMBER);
    expect(dashboard.compliance).toBeCloseTo(0.8423023875990027, 15);
    expect(dashboard.change).toEqual({
      direction: "sube",
      previous: 0.12187500000000001,
      previousStatus: "rojo",
      deltaPoints: expect.closeTo(72.04273875990026, 10),
    });
    const objective3 = dashboard.objectives.find((o) => o.code === "3");
    expect(objective3?.change).toMatchObject({ direction: "sube", previous: 0, deltaPoints: 95 });
    const byCode = new Map(
      dashboard.objectives.flatMap((o) => o.indicators.map((i) => [i.code, i.change] as const)),
    );
    // 3979 (creciente) was at 12 of 15 with Q3: amarillo 80 %; 15 at year end.
    expect(byCode.get("3979")).toMatchObject({ direction: "sube", previousStatus: "amarillo" });
    expect(byCode.get("3979")?.deltaPoints).toBeCloseTo(20, 10);
    // The annual row of 2320 did not count at 30-sep: sin reporte (0 with missing=zero).
    expect(byCode.get("2320")).toMatchObject({ previous: 0, previousStatus: "sin_reporte" });
    // Meta 78 is NP in 2024 at both cortes: nothing to compare.
    expect(byCode.get("78")).toEqual({
      direction: "sin_comparacion",
      previous: null,
      previousStatus: "np",
      deltaPoints: null,
    });
    // 4205 has no value at either corte: 0 → 0, the same.
    expect(byCode.get("4205")).toMatchObject({ direction: "igual", deltaPoints: 0 });
  });

  it("sin comparar, cada celda dice «sin comparación»", () => {
    const dashboard = seedDashboard("2024-12-31", "period");
    expect(dashboard.previousCorte).toBeNull();
    expect(dashboard.change.direction).toBe("sin_comparacion");
    expect(dashboard.objectives.every((o) => o.change.direction === "sin_comparacion")).toBe(true);
  });

  it("una diferencia que se muestra como 0,00 puntos es «igual»; 0,01 puntos ya baja", () => {
    expect(
      compareCells({ status: "verde", compliance: 0.95 }, { status: "verde", compliance: 0.95004 }),
    ).toMatchObject({ direction: "igual" });
    expect(
      compareCells({ status: "verde", compliance: 0.95 }, { status: "verde", compliance: 0.9501 })
        .direction,
    ).toBe("baja");
    expect(compareCells({ status: "sin_reporte", compliance: null }, undefined).direction).toBe(
      "sin_comparacion",
    );
  });
});

describe("qué corte es el anterior", () => {
  const cortes = [
    { id: 1, periodEnd: "2024-03-31", closedAt: "2024-05-01T00:00:00.000Z" },
    { id: 2, periodEnd: "2024-06-30", closedAt: "2024-08-01T00:00:00.000Z" },
    { id: 3, periodEnd: "2024-09-30", closedAt: "2024-11-01T00:00:00.000Z" },
    { id: 4, periodEnd: "2024-12-31", closedAt: null },
  ];

  it("el último cerrado estrictamente antes de la fecha de corte", () => {
    expect(previousCorte(cortes, { asOf: "2024-12-31", knownAt: null })?.id).toBe(3);
    expect(previousCorte(cortes, { asOf: "2024-09-30", knownAt: null })?.id).toBe(2);
    expect(previousCorte(cortes, { asOf: "2024-03-31", knownAt: null })).toBeNull();
  });

  it("sin fecha de corte, el último cerrado; un corte abierto no cuenta", () => {
    expect(previousCorte(cortes, { asOf: null, knownAt: null })?.id).toBe(3);
  });

  it("con knownAt, solo los que ya estaban cerrados en ese instante", () => {
    expect(
      previousCorte(cortes, { asOf: "2024-12-31", knownAt: "2024-10-15T00:00:00.000Z" })?.id,
    ).toBe(2);
    expect(
      previousCorte(cortes, { asOf: "2024-12-31", knownAt: "2024-11-01T00:00:00.000Z" })?.id,
    ).toBe(3);
  });
});
