import { describe, expect, it } from "vitest";
import { readActualsCsv, writeActualsCsv } from "../formats/actuals-csv.ts";
import type { Indicator, Plan } from "../plan/plan.ts";
import { officialActuals, type ReportedValue } from "./official-actuals.ts";

const indicator = (code: string, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  name: `Indicador ${code}`,
  trend: "suma",
  weight: 50,
  targets: { "2024": 10, "2025": 10 },
  ...extra,
});

const plan: Plan = {
  format: "rumbo.plan/v1",
  code: "P",
  name: "Plan",
  years: [2024, 2025],
  objectives: [
    {
      code: "1",
      name: "Uno",
      indicators: [
        indicator("B"),
        indicator("A", { trend: "creciente", frequency: "trimestral" }),
        indicator("R", { measure: "razon", unit: "%" }),
      ],
    },
  ],
};

const row = (r: Partial<ReportedValue> & Pick<ReportedValue, "indicator" | "period">) => ({
  area: "",
  value: null,
  numerator: null,
  denominator: null,
  ...r,
});

describe("valores oficiales para el motor desde los reportes que cuentan", () => {
  it("siguen el orden del plan y suman las partes de dos áreas de un flujo", () => {
    expect(
      officialActuals(plan, [
        row({ indicator: "A", period: "2024-Q1", value: 4 }),
        row({ indicator: "B", period: "2024", area: "Norte", value: 3 }),
        row({ indicator: "B", period: "2024", area: "Sur", value: 4.5 }),
      ]),
    ).toEqual([
      { indicator: "B", period: "2024", value: 7.5 },
      { indicator: "A", period: "2024-Q1", value: 4 },
    ]);
  });

  it("una razón en % suma numeradores y denominadores de las áreas, nunca promedia porcentajes", () => {
    expect(
      officialActuals(plan, [
        row({
          indicator: "R",
          period: "2024",
          area: "Norte",
          value: 50,
          numerator: 1,
          denominator: 2,
        }),
        row({
          indicator: "R",
          period: "2024",
          area: "Sur",
          value: 100,
          numerator: 8,
          denominator: 8,
        }),
      ]),
    ).toEqual([{ indicator: "R", period: "2024", value: 90 }]);
  });

  it("un nivel combina sus áreas con la regla de la ficha: suma por omisión, promedio o promedio ponderado", () => {
    const level = (code: string, extra: Partial<Indicator>) =>
      indicator(code, { trend: "constante", reportingAreas: "Norte = 75; Sur = 25", ...extra });
    const levels: Plan = {
      ...plan,
      objectives: [
        {
          code: "1",
          name: "Uno",
          indicators: [
            level("S", {}),
            level("M", { areaRule: "promedio" }),
            level("W", { areaRule: "ponderado" }),
          ],
        },
      ],
    };
    const shares = (code: string) => [
      row({ indicator: code, period: "2024", area: "Norte", value: 80 }),
      row({ indicator: code, period: "2024", area: "Sur", value: 60 }),
    ];
    expect(officialActuals(levels, [...shares("S"), ...shares("M"), ...shares("W")])).toEqual([
      { indicator: "S", period: "2024", value: 140 },
      { indicator: "M", period: "2024", value: 70 },
      { indicator: "W", period: "2024", value: 75 },
    ]);
  });

  it("el reporte del indicador completo prevalece sobre las partes de las áreas", () => {
    expect(
      officialActuals(plan, [
        row({ indicator: "B", period: "2024", area: "Norte", value: 3 }),
        row({ indicator: "B", period: "2024", value: 9 }),
      ]),
    ).toEqual([{ indicator: "B", period: "2024", value: 9 }]);
  });

  it("deja fuera un código que el plan no tiene, un año fuera de sus vigencias y, si cambió la frecuencia, la clase de periodo que no es la de la ficha", () => {
    expect(
      officialActuals(plan, [
        row({ indicator: "X", period: "2024", value: 1 }),
        row({ indicator: "B", period: "2023", value: 1 }),
        row({ indicator: "A", period: "2024", value: 8 }),
        row({ indicator: "A", period: "2024-Q2", value: 5 }),
        // Without a frecuencia in the ficha, the coarsest kind (the year) wins.
        row({ indicator: "B", period: "2025-Q1", value: 2 }),
        row({ indicator: "B", period: "2025", value: 6 }),
      ]),
    ).toEqual([
      { indicator: "B", period: "2025", value: 6 },
      { indicator: "A", period: "2024-Q2", value: 5 },
    ]);
  });

  it("el CSV escrito se lee de nuevo con los mismos valores, sin exponente ni separador de miles", () => {
    const actuals = [
      { indicator: "B", period: "2024", value: 1e-7 },
      { indicator: "B", period: "2025", value: 1.5e21 },
      { indicator: "A", period: "2024-Q1", value: 0.1 + 0.2 },
    ];
    const text = writeActualsCsv(actuals);
    expect(text).toBe(
      "indicator,period,value\nB,2024,0.0000001\nB,2025,1500000000000000000000\nA,2024-Q1,0.30000000000000004\n",
    );
    const read = readActualsCsv(text, "avances.csv", plan);
    expect(read.ok && read.actuals.map(({ line: _l, ...a }) => a)).toEqual(actuals);
  });
});
