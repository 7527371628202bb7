import { describe, expect, it } from "vitest";
import { readActualsCsv } from "../formats/actuals-csv.ts";
import { computeCompliance } from "./compute.ts";
import { SEED_ACTUALS_2024_CSV } from "./fixtures/seed-actuals-2024.ts";
import { SEED_PLAN } from "./fixtures/seed-plan.ts";
import {
  buildInforme,
  type InformeInput,
  informeCoversPeriod,
  informeRows,
  isoDay,
} from "./informe.ts";
import { complianceBarsChart } from "./informe-charts.ts";
import type { ComplianceOptions } from "./types.ts";

const options: ComplianceOptions = { asOf: "2024-12-31", missing: "zero", cap: 1 };

function input(overrides: Partial<InformeInput> = {}): InformeInput {
  const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
  if (!read.ok) throw new Error("fixture");
  return {
    plan: SEED_PLAN,
    result: computeCompliance(SEED_PLAN, read.actuals, options),
    options,
    corte: { id: 7, periodEnd: "2024-12-31", closedAt: "2025-02-01T00:00:00.000Z" },
    generatedAt: "2025-03-10T15:00:00.000Z",
    knownAt: "2025-02-01T00:00:00.000Z",
    reports: [
      {
        indicator: "2320",
        period: "2024",
        version: 4,
        achievements: "Portafolio TIC publicado",
        difficulties: "",
        actions: "",
        benefits: "Trámites en línea",
      },
      {
        indicator: "78",
        period: "2024",
        version: 2,
        achievements: "",
        difficulties: "",
        actions: "",
        benefits: "",
      },
    ],
    // Every seed value approved once (2320 on its fourth version, 78 on its second), plus
    // the 2025 Q1 of 3979 that a 2024 corte does not use and an area's part of 2307
    // that its whole-indicator report overrides.
    versionsUsed: [
      ...read.actuals.map((a, index) => ({
        id: 100 + index,
        indicator: a.indicator,
        period: a.period,
        area: "",
        version: a.indicator === "2320" ? 4 : a.indicator === "78" ? 2 : 1,
        value: a.value,
        recordedAt: "2025-01-20T15:00:00.000Z",
      })),
      {
        id: 300,
        indicator: "3979",
        period: "2025-Q1",
        area: "",
        version: 1,
        value: 16,
        recordedAt: "2025-04-10T15:00:00.000Z",
      },
      {
        id: 301,
        indicator: "2307",
        period: "2024",
        area: "Salud",
        version: 1,
        value: 20,
        recordedAt: "2025-01-20T15:00:00.000Z",
      },
    ],
    dataQuality: [],
    ...overrides,
  };
}

describe("informe de seguimiento de un corte", () => {
  it("el objetivo 3 en 2024 trae el 95 % del motor, la 2320 en verde y la 78 como NP en palabras", () => {
    const informe = buildInforme(input());
    const objective3 = informe.sections.find((s) => s.code === "3");
    expect(objective3).toMatchObject({
      compliance: 0.95,
      semaforo: "verde",
      statusLabel: "Verde",
    });
    expect(objective3?.indicators.map((i) => [i.code, i.statusLabel, i.compliance])).toEqual([
      ["78", "No programado (NP)", null],
      ["2320", "Verde", 0.95],
    ]);
    expect(objective3?.indicators.find((i) => i.code === "2320")).toMatchObject({
      target: 10,
      actual: 9.5,
    });
  });

  it("el resumen es el cumplimiento del plan en 2024 y del cuatrienio que da el motor", () => {
    const data = input();
    const informe = buildInforme(data);
    expect(informe.summary.compliance).toBe(data.result.plan.years["2024"]?.compliance);
    expect(informe.summary.cuatrienio.compliance).toBe(data.result.plan.period.compliance);
    expect(informe.sections.map((s) => s.code)).toEqual(SEED_PLAN.objectives.map((o) => o.code));
    expect(informe.year).toBe(2024);
    expect(informe.asOf).toBe("2024-12-31");
  });

  it("el análisis va con el objetivo de su indicador y solo cuando tiene texto; las versiones usadas quedan todas", () => {
    const informe = buildInforme(input());
    const withAnalysis = informe.sections.filter((s) => s.analysis.length > 0);
    expect(withAnalysis.map((s) => s.code)).toEqual(["3"]);
    expect(withAnalysis[0]?.analysis).toEqual([
      expect.objectContaining({ indicator: "2320", version: 4, benefits: "Trámites en línea" }),
    ]);
    // Every value the engine counted for the corte, in the plan's order, with its id.
    expect(informe.reportVersions).toHaveLength(26);
    expect(
      informe.reportVersions.filter((v) => v.indicator === "3979").map((v) => v.period),
    ).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    expect(informe.reportVersions.filter((v) => v.indicator === "2307")).toEqual([
      expect.objectContaining({ area: "", value: 44 }),
    ]);
    expect(informe.reportVersions.find((v) => v.indicator === "2320")).toEqual({
      id: 111,
      indicator: "2320",
      period: "2024",
      area: "",
      version: 4,
      value: 9.5,
      recordedAt: "2025-01-20T15:00:00.000Z",
    });
  });

  it("con las mismas entradas el informe sale idéntico", () => {
    expect(buildInforme(input())).toEqual(buildInforme(input()));
  });

  it("el CSV largo nombra cada medida del indicador 2320 con su valor", () => {
    const rows = informeRows(buildInforme(input())).filter((r) => r.indicador === "2320");
    expect(rows.filter((r) => r.seccion === "indicador").map((r) => [r.medida, r.valor])).toEqual([
      ["peso", 50],
      ["meta", 100],
      ["programado", 10],
      ["ejecutado", 9.5],
      ["cumplimiento", 0.95],
    ]);
    expect(rows.find((r) => r.seccion === "version usada")).toMatchObject({
      valor: 4,
      texto: "id 111 · valor 9,50 · registrada 20/01/2025 10:00 (hora de Colombia)",
    });
  });

  it("un corte fuera de las vigencias del plan no tiene informe", () => {
    expect(() =>
      buildInforme(input({ corte: { id: 1, periodEnd: "2030-03-31", closedAt: null } })),
    ).toThrow(RangeError);
  });

  it("un periodo entra al informe si es de la vigencia y termina a más tardar en la fecha de corte", () => {
    expect(informeCoversPeriod("2024", 2024, "2024-12-31")).toBe(true);
    expect(informeCoversPeriod("2024", 2024, "2024-06-30")).toBe(false);
    expect(informeCoversPeriod("2024-Q2", 2024, "2024-06-30")).toBe(true);
    expect(informeCoversPeriod("2024-Q3", 2024, "2024-06-30")).toBe(false);
    expect(informeCoversPeriod("2024-02", 2024, "2024-02-29")).toBe(true);
    expect(informeCoversPeriod("2023-Q4", 2024, "2024-12-31")).toBe(false);
    expect(isoDay("2024-12-31")).toBe("31/12/2024");
  });
});

describe("gráfico de cumplimiento (una sola definición para navegador y PDF)", () => {
  it("las barras del objetivo 3 son las del motor en puntos porcentuales, la 78 sin barra y dicha NP", () => {
    const informe = buildInforme(input());
    const objective3 = informe.sections.find((s) => s.code === "3");
    const chart = complianceBarsChart(
      "Objetivo 3",
      (objective3?.indicators ?? []).map((i) => ({ ...i, label: i.code })),
      informe.thresholds,
    );
    const series = (chart.option.series as Array<{ data: Array<{ value: number | null }> }>)[0];
    expect(series?.data.map((d) => d.value)).toEqual([null, 95]);
    expect((chart.option.yAxis as { data: string[] }).data).toEqual([
      "78 (No programado (NP))",
      "2320",
    ]);
    expect(chart.summary).toBe("Objetivo 3: 78 no programado (NP); 2320 95,00% (verde).");
  });
});
