/**
 * The tablero's charts (issue 12 §7): each option holds the engine's numbers
 * for the seed plan with the 2024 avances, and its summary and table say the
 * same numbers.
 */
import { describe, expect, it } from "vitest";
import { readActualsCsv } from "../formats/actuals-csv.ts";
import { computeCompliance } from "./compute.ts";
import { buildDashboard } from "./dashboard.ts";
import { SEED_ACTUALS_2024_CSV } from "./fixtures/seed-actuals-2024.ts";
import { SEED_PLAN } from "./fixtures/seed-plan.ts";
import { buildIndicatorSeries } from "./indicator-series.ts";
import {
  dashboardObjectivesChart,
  esCoAxisLabel,
  formatMeasure,
  indicatorPeriodsChart,
  indicatorYearPoints,
  indicatorYearsChart,
  objectiveContributionsChart,
} from "./informe-charts.ts";
import type { ComplianceOptions } from "./types.ts";

const options: ComplianceOptions = { asOf: "2024-12-31", missing: "zero", cap: 1 };

function seed() {
  const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
  if (!read.ok) throw new Error("fixture");
  const result = computeCompliance(SEED_PLAN, read.actuals, options);
  return { plan: SEED_PLAN, result, options };
}

type Series = { name?: string; data: Array<number | null | { value: number | null }> };
function seriesValues(option: Record<string, unknown>, index: number) {
  const series = (option.series as Series[])[index];
  return series?.data.map((d) => (d !== null && typeof d === "object" ? d.value : d));
}

function indicatorInput(code: string) {
  const { result } = seed();
  const row = result.indicators.find((item) => item.code === code);
  const indicator = SEED_PLAN.objectives
    .flatMap((objective) => objective.indicators)
    .find((item) => item.code === code);
  if (row === undefined || indicator === undefined) throw new Error(code);
  return {
    input: { code, unit: indicator.unit ?? null, trend: indicator.trend, years: row.years },
    row,
  };
}

describe("gráfica del tablero del plan: cumplimiento por objetivo", () => {
  it("2024: una barra por objetivo con el cumplimiento del motor en puntos porcentuales y el semáforo en palabras", () => {
    const dashboard = buildDashboard(seed(), 2024);
    const chart = dashboardObjectivesChart(dashboard);
    expect(seriesValues(chart.option, 0)).toEqual(
      dashboard.objectives.map((o) =>
        o.compliance === null ? null : Math.round(o.compliance * 10000) / 100,
      ),
    );
    expect(seriesValues(chart.option, 0)).toEqual([96.26, 100, 95, 95, 93.4, 94.19, 100, 0]);
    expect(chart.summary).toContain("Objetivo 3 95,00% (verde)");
    expect(chart.summary).toContain("Objetivo 8 0,00% (rojo)");
    expect(chart.summary.startsWith("Cumplimiento por objetivo, vigencia 2024:")).toBe(true);
    const row8 = chart.table.rows.find((row) => row.header === "Objetivo 8");
    expect(row8?.cells).toEqual([
      { kind: "ratio", value: 0 },
      { kind: "status", status: "rojo" },
    ]);
    const label = (
      chart.option.series as Array<{ data: Array<{ label: { formatter: string } }> }>
    )[0]?.data[2]?.label.formatter;
    expect(label).toBe("95,00% verde");
    // The page writes the title in HTML, where it wraps; the PDF draws it in the chart.
    expect(chart.title).toBe("Cumplimiento por objetivo, vigencia 2024");
    expect((chart.option.title as { show: boolean }).show).toBe(false);
  });
});

describe("gráfica del objetivo: aportes de cada indicador", () => {
  it("objetivo 3 en 2024: la 2320 aporta 95,00% de su participación de 100,00%; la 78 NP no cuenta ni tiene barra", () => {
    const dashboard = buildDashboard(seed(), 2024);
    const objective = dashboard.objectives.find((o) => o.code === "3");
    if (objective === undefined) throw new Error("objetivo 3");
    const chart = objectiveContributionsChart(objective, dashboard.at);
    expect(seriesValues(chart.option, 0)).toEqual([null, 95]);
    expect(seriesValues(chart.option, 1)).toEqual([null, 5]);
    expect((chart.option.yAxis as { data: string[] }).data).toEqual([
      "78 (No programado (NP))",
      "2320",
    ]);
    expect(chart.summary).toBe(
      "Aportes al cumplimiento del objetivo 3, vigencia 2024: 95,00% (verde). 78 no cuenta (no programado (NP)); 2320 aporta 95,00% de una participación de 100,00% (cumplimiento 95,00%, verde).",
    );
    expect(chart.table.rows.map((row) => [row.header, ...row.cells])).toEqual([
      [
        "78",
        { kind: "text", text: "no cuenta" },
        { kind: "ratio", value: null },
        { kind: "text", text: "—" },
        { kind: "status", status: "np" },
      ],
      [
        "2320",
        { kind: "ratio", value: 1 },
        { kind: "ratio", value: 0.95 },
        { kind: "ratio", value: 0.95 },
        { kind: "status", status: "verde" },
      ],
    ]);
  });

  it("objetivo 5: los aportes son los del motor y suman el cumplimiento del objetivo (93,40%)", () => {
    const { result } = seed();
    const dashboard = buildDashboard(seed(), 2024);
    const objective = dashboard.objectives.find((o) => o.code === "5");
    if (objective === undefined) throw new Error("objetivo 5");
    const engine = result.objectives.find((o) => o.code === "5")?.years["2024"]?.contributions;
    expect(objective.indicators.map((i) => i.contribution)).toEqual(
      engine?.map((c) => c.contribution),
    );
    const chart = objectiveContributionsChart(objective, dashboard.at);
    expect(seriesValues(chart.option, 0)).toEqual([34, 33, 26.4]);
    expect(chart.summary).toContain("4267 aporta 26,40% de una participación de 33,00%");
    expect(chart.summary).toContain("93,40% (verde)");
  });
});

describe("gráfica del indicador: programado vs ejecutado por vigencia", () => {
  it("3980 (suma): barras de cada año y líneas acumuladas; el acumulado ejecutado es el A* del cuatrienio del motor", () => {
    const { input, row } = indicatorInput("3980");
    const chart = indicatorYearsChart(input);
    expect((chart.option.xAxis as { data: string[] }).data).toEqual([
      "2024",
      "2025",
      "2026",
      "2027",
    ]);
    expect(seriesValues(chart.option, 0)).toEqual([2, 26, 26, 27]);
    expect(seriesValues(chart.option, 1)).toEqual([2, null, null, null]);
    expect(seriesValues(chart.option, 2)).toEqual([2, 28, 54, 81]);
    expect(seriesValues(chart.option, 3)).toEqual([2, null, null, null]);
    // The accumulated programado reaches the cuatrienio total; the ejecutado the engine's A*.
    expect(seriesValues(chart.option, 2)?.at(-1)).toBe(row.period.total);
    const points = indicatorYearPoints(input);
    expect(points.findLast((p) => p.cumulativeActual !== null)?.cumulativeActual).toBe(
      row.period.actual,
    );
    expect(chart.summary).toBe(
      "Programado y ejecutado del indicador 3980 por vigencia: 2024 meta 2 y ejecutado 2 (100,00%, verde); 2025 pendiente (meta 26); 2026 pendiente (meta 26); 2027 pendiente (meta 27). Acumulado a 2024: ejecutado 2 de 2 programado.",
    );
    expect(chart.table.columns).toEqual([
      "Vigencia",
      "Programado",
      "Ejecutado",
      "Programado acumulado",
      "Ejecutado acumulado",
      "Cumplimiento",
      "Estado",
    ]);
  });

  it("2320 (creciente, en %): línea del nivel alcanzado contra la línea de metas; 2024 9,5 % de 10 % (95,00%)", () => {
    const { input } = indicatorInput("2320");
    const chart = indicatorYearsChart(input);
    expect((chart.option.series as Series[]).map((s) => s.name)).toEqual([
      "Meta",
      "Nivel alcanzado",
    ]);
    expect(seriesValues(chart.option, 0)).toEqual([10, 40, 70, 100]);
    expect(seriesValues(chart.option, 1)).toEqual([9.5, null, null, null]);
    expect(chart.summary).toBe(
      "Programado y ejecutado del indicador 2320 por vigencia: 2024 meta 10\u00a0% y nivel 9,5\u00a0% (95,00%, verde); 2025 pendiente (meta 40\u00a0%); 2026 pendiente (meta 70\u00a0%); 2027 pendiente (meta 100\u00a0%).",
    );
    expect(chart.table.rows[0]?.cells).toEqual([
      { kind: "measure", value: 10, unit: "%" },
      { kind: "measure", value: 9.5, unit: "%" },
      { kind: "ratio", value: 0.95 },
      { kind: "status", status: "verde" },
    ]);
  });

  it("78 en 2024 es NP: sin meta en la línea y dicha NP en el resumen y la tabla", () => {
    const { input } = indicatorInput("78");
    const chart = indicatorYearsChart(input);
    expect(seriesValues(chart.option, 0)).toEqual([null, 92, 93.5, 95]);
    expect(chart.summary).toContain("2024 no programado (NP)");
    expect(chart.table.rows[0]?.cells[0]).toEqual({ kind: "text", text: "NP" });
  });
});

describe("números en es-CO para las gráficas", () => {
  it("coma decimal en los ejes y en los valores", () => {
    expect(esCoAxisLabel(0.25)).toBe("0,25");
    expect(esCoAxisLabel(1500)).toBe("1.500");
    expect(formatMeasure(70.72, "índice")).toBe("70,72");
    expect(formatMeasure(null)).toBe("—");
  });
});

describe("gráfica del indicador: avances por periodo", () => {
  function seriesAt(asOf: string, code: string) {
    const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
    if (!read.ok) throw new Error("fixture");
    const at: ComplianceOptions = { ...options, asOf };
    const result = computeCompliance(SEED_PLAN, read.actuals, at);
    const series = buildIndicatorSeries(
      { plan: SEED_PLAN, result, options: at, actuals: read.actuals },
      code,
    );
    if (series === null) throw new Error(code);
    return { series, engine: result.indicators.find((i) => i.code === code) };
  }

  it("4075 (suma) al 30/06/2024: barras de cada trimestre, T3 y T4 huecos porque no cuentan; el acumulado 10 es el A* del motor", () => {
    const { series, engine } = seriesAt("2024-06-30", "4075");
    const chart = indicatorPeriodsChart(series);
    expect((chart.option.xAxis as { data: string[] }).data).toEqual([
      "T1 2024",
      "T2 2024",
      "T3 2024",
      "T4 2024",
    ]);
    expect(seriesValues(chart.option, 0)).toEqual([4, 6, 3, 5]);
    expect(seriesValues(chart.option, 1)).toEqual([4, 10, null, null]);
    expect(seriesValues(chart.option, 2)).toEqual([20, 20, 20, 20]);
    expect(engine?.period.actual).toBe(10);
    expect(chart.summary).toBe(
      "Avances por periodo del indicador 4075: 4 periodos reportados; T1 2024 4; T2 2024 6; T3 2024 3 (no cuenta al corte); T4 2024 5 (no cuenta al corte). Acumulado a T2 2024: 10 de 20 programado al cierre de 2024.",
    );
    expect(chart.table.rows[2]?.cells).toEqual([
      { kind: "measure", value: 3, unit: "número" },
      { kind: "text", text: "No" },
      { kind: "measure", value: null, unit: "número" },
      { kind: "measure", value: 20, unit: "número" },
    ]);
  });

  it("2320 (creciente) al 31/12/2024: el nivel anual 9,5 % contra la meta de la vigencia 10 %", () => {
    const { series } = seriesAt("2024-12-31", "2320");
    const chart = indicatorPeriodsChart(series);
    expect(seriesValues(chart.option, 0)).toEqual([9.5]);
    expect(seriesValues(chart.option, 1)).toEqual([10]);
    expect(chart.summary).toBe(
      "Avances por periodo del indicador 2320: 1 periodo reportado; 2024 9,5\u00a0%. Último nivel que cuenta: 9,5\u00a0% en 2024, meta 10\u00a0%.",
    );
  });
});
