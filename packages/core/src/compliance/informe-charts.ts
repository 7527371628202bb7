/**
 * One chart definition: ECharts options built by pure functions
 * from the engine's cells, so the browser (tablero, loaded lazily) and the
 * server (SVG for the PDF) draw the same chart. Plain objects (and es-CO
 * formatter functions for axes): core does not depend on ECharts. Every chart
 * comes with a text summary and a table of the same numbers.
 */
import { formatRatioAsPercent, roundHalfAwayFromZero } from "../format/numbers.ts";
import type { Semaforo, Trend } from "../plan/plan.ts";
import type { DashboardObjective, PlanDashboard } from "./dashboard.ts";
import type { IndicatorSeries } from "./indicator-series.ts";
import { INFORME_STATUS_LABELS, type InformeCell } from "./informe.ts";
import type { CellStatus, IndicatorYearCell } from "./types.ts";

export const SEMAFORO_CHART_COLORS = {
  verde: "#1b7f3b",
  amarillo: "#b88a00",
  rojo: "#b3261e",
} as const;
const NO_VALUE = "#8a8a8a";

export type ComplianceBar = InformeCell & { code: string; label: string };

/** One cell of a chart's table: the web formats it (es-CO), core only says what it is. */
export type ChartTableCell =
  | { kind: "text"; text: string }
  /** A ratio (1 = 100 %), written as a percentage. */
  | { kind: "ratio"; value: number | null }
  /** A value in the indicator's unit. */
  | { kind: "measure"; value: number | null; unit: string | null }
  | { kind: "status"; status: CellStatus };

/** The chart's numbers as a table: one row per category, first column the row header. */
export type ChartTable = {
  caption: string;
  columns: string[];
  rows: { header: string; cells: ChartTableCell[] }[];
};

export type ChartDefinition = {
  /** The chart's name; the tablero writes it above the drawing, the PDF draws it inside. */
  title: string;
  /** The ECharts option (plain data; axis label formatters are es-CO functions). */
  option: Record<string, unknown>;
  /** The same numbers in words, for readers who do not see the chart. */
  summary: string;
  /** The same numbers as a table. */
  table: ChartTable;
};

const measureFormat = new Intl.NumberFormat("es-CO", {
  maximumFractionDigits: 2,
  useGrouping: true,
});

/** A value in its unit, as the tablero writes it: 9.5 → "9,5"; 15 with unit "%" → "15 %". */
export function formatMeasure(value: number | null, unit: string | null = null): string {
  if (value === null || Number.isNaN(value)) return "—";
  const text = measureFormat.format(roundHalfAwayFromZero(value, 2));
  return unit === "%" ? `${text}\u00a0%` : text;
}

/** Axis ticks in es-CO (decimal comma): ECharts would write a decimal point. */
export function esCoAxisLabel(value: number): string {
  return measureFormat.format(value);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Horizontal bars of compliance (a ratio, shown as %), one per row in the
 * given order, coloured by semáforo with the thresholds as reference lines;
 * a row without compliance (NP, sin reporte, pendiente) has no bar and says
 * its status beside its name.
 */
export function complianceBarsChart(
  title: string,
  bars: readonly ComplianceBar[],
  thresholds: Semaforo,
  /** Write the semáforo's word beside each bar's value (the tablero: colour never alone). */
  {
    statusInLabel = false,
    rowHeader = "Nombre",
    inlineTitle = true,
  }: {
    statusInLabel?: boolean;
    rowHeader?: string;
    /** Draw the title inside the chart (the PDF); a page writes it in HTML, where it wraps. */
    inlineTitle?: boolean;
  } = {},
): ChartDefinition {
  // The axis speaks percent points (integer ticks: no decimal separator to localise).
  const points = (ratio: number) => Math.round(ratio * 10000) / 100;
  const max = Math.max(1, ...bars.map((b) => b.compliance ?? 0));
  const categories = bars.map((b) =>
    truncate(b.compliance === null ? `${b.label} (${b.statusLabel})` : b.label, 38),
  );
  const option = {
    animation: false,
    title: {
      show: inlineTitle,
      text: title,
      left: 0,
      textStyle: { fontSize: 13, fontWeight: "bold" },
    },
    // The axis labels stay inside these margins (ECharts 6; containLabel is its legacy spelling).
    grid: {
      left: 8,
      right: statusInLabel ? 112 : 56,
      top: inlineTitle ? 36 : 8,
      bottom: 24,
      outerBoundsMode: "same",
    },
    xAxis: {
      type: "value",
      min: 0,
      max: Math.ceil(max * 10) * 10,
      interval: 20,
      axisLabel: { formatter: "{value}%", hideOverlap: true },
      splitLine: { lineStyle: { color: "#e5e5e5" } },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: categories,
      axisLabel: { fontSize: 10 },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 18,
        data: bars.map((b) => ({
          value: b.compliance === null ? null : points(b.compliance),
          itemStyle: { color: b.semaforo ? SEMAFORO_CHART_COLORS[b.semaforo] : NO_VALUE },
          label: {
            show: b.compliance !== null,
            position: "right",
            fontSize: 10,
            color: "#333333",
            // No halo: a PDF has no paint-order, the halo would cover the text.
            textBorderWidth: 0,
            formatter: statusInLabel
              ? `${formatRatioAsPercent(b.compliance)} ${lowerFirst(b.statusLabel)}`
              : formatRatioAsPercent(b.compliance),
          },
        })),
        markLine: {
          silent: true,
          symbol: "none",
          label: { show: false },
          lineStyle: { type: "dashed", width: 1 },
          data: [
            { xAxis: points(thresholds.rojo), lineStyle: { color: SEMAFORO_CHART_COLORS.rojo } },
            {
              xAxis: points(thresholds.amarillo),
              lineStyle: { color: SEMAFORO_CHART_COLORS.amarillo },
            },
          ],
        },
      },
    ],
  };
  const summary = `${title}: ${bars
    .map(
      (b) =>
        `${b.label} ${b.compliance === null ? lowerFirst(INFORME_STATUS_LABELS[b.status]) : `${formatRatioAsPercent(b.compliance)} (${lowerFirst(b.statusLabel)})`}`,
    )
    .join("; ")}.`;
  const table: ChartTable = {
    caption: title,
    columns: [rowHeader, "Cumplimiento", "Estado"],
    rows: bars.map((b) => ({
      header: b.label,
      cells: [
        { kind: "ratio", value: b.compliance },
        { kind: "status", status: b.status },
      ],
    })),
  };
  return { title, option, summary, table };
}

function informeCell(source: {
  status: CellStatus;
  compliance: number | null;
  semaforo: InformeCell["semaforo"];
}): InformeCell {
  return {
    status: source.status,
    statusLabel: INFORME_STATUS_LABELS[source.status],
    compliance: source.compliance,
    semaforo: source.semaforo,
  };
}

/** "vigencia 2024" or "cuatrienio", as the tablero names what it shows. */
function whenText(at: PlanDashboard["at"]): string {
  return at === "period" ? "cuatrienio" : `vigencia ${at}`;
}

/**
 * The plan's tablero: each objective's compliance with its semáforo (the
 * engine's cells of getDashboard), in plan order.
 */
export function dashboardObjectivesChart(
  dashboard: Pick<PlanDashboard, "at" | "objectives" | "thresholds">,
): ChartDefinition {
  return complianceBarsChart(
    `Cumplimiento por objetivo, ${whenText(dashboard.at)}`,
    dashboard.objectives.map((objective) => ({
      ...informeCell(objective),
      code: objective.code,
      label: `Objetivo ${objective.code}`,
    })),
    dashboard.thresholds,
    { statusInLabel: true, rowHeader: "Objetivo", inlineTitle: false },
  );
}

/**
 * What each indicator adds to its objective's compliance (the engine's
 * contributions: renormalised share × compliance). Each bar is as long as the
 * indicator's share; its filled part is the contribution, coloured by the
 * indicator's semáforo, the rest is what it did not reach. An indicator that
 * does not count (NP, pendiente, sin reporte excluded) has no bar and says why.
 */
export function objectiveContributionsChart(
  objective: Pick<DashboardObjective, "code" | "status" | "compliance" | "indicators">,
  at: PlanDashboard["at"],
): ChartDefinition {
  const points = (ratio: number | null) =>
    ratio === null ? null : Math.round(ratio * 10000) / 100;
  const title = `Aportes al cumplimiento del objetivo ${objective.code}, ${whenText(at)}`;
  const rows = objective.indicators;
  const counts = (row: (typeof rows)[number]) => row.contribution !== null && row.share !== null;
  const categories = rows.map((row) =>
    truncate(counts(row) ? row.code : `${row.code} (${INFORME_STATUS_LABELS[row.status]})`, 38),
  );
  const option = {
    animation: false,
    legend: { bottom: 0, data: ["Aporte", "Participación no alcanzada"] },
    grid: { left: 8, right: 112, top: 8, bottom: 40, outerBoundsMode: "same" },
    xAxis: {
      type: "value",
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { formatter: "{value}%", hideOverlap: true },
      splitLine: { lineStyle: { color: "#e5e5e5" } },
    },
    yAxis: { type: "category", inverse: true, data: categories, axisLabel: { fontSize: 10 } },
    series: [
      {
        name: "Aporte",
        type: "bar",
        stack: "participacion",
        barMaxWidth: 18,
        itemStyle: { color: "#4a4a4a" },
        data: rows.map((row) => ({
          value: counts(row) ? points(row.contribution) : null,
          itemStyle: { color: row.semaforo ? SEMAFORO_CHART_COLORS[row.semaforo] : NO_VALUE },
        })),
      },
      {
        name: "Participación no alcanzada",
        type: "bar",
        stack: "participacion",
        barMaxWidth: 18,
        // Hollow: the unreached share differs by shape, not by colour alone.
        itemStyle: {
          color: "#ffffff",
          borderColor: "#6b6b6b",
          borderWidth: 1,
          borderType: "dashed",
        },
        data: rows.map((row) => ({
          value:
            counts(row) && row.share !== null && row.contribution !== null
              ? Math.max(0, (points(row.share) ?? 0) - (points(row.contribution) ?? 0))
              : null,
          label: {
            show: counts(row),
            position: "right",
            fontSize: 10,
            color: "#333333",
            textBorderWidth: 0,
            formatter: `${formatRatioAsPercent(row.contribution)} de ${formatRatioAsPercent(row.share)}`,
          },
        })),
      },
    ],
  };
  const parts = rows.map((row) =>
    counts(row)
      ? `${row.code} aporta ${formatRatioAsPercent(row.contribution)} de una participación de ${formatRatioAsPercent(row.share)} (cumplimiento ${formatRatioAsPercent(row.compliance)}, ${lowerFirst(INFORME_STATUS_LABELS[row.status])})`
      : `${row.code} no cuenta (${lowerFirst(INFORME_STATUS_LABELS[row.status])})`,
  );
  const head =
    objective.compliance === null
      ? `${title}: el objetivo no tiene cumplimiento (${lowerFirst(INFORME_STATUS_LABELS[objective.status])})`
      : `${title}: ${formatRatioAsPercent(objective.compliance)} (${lowerFirst(INFORME_STATUS_LABELS[objective.status])})`;
  const summary = `${head}. ${parts.join("; ")}.`;
  const table: ChartTable = {
    caption: title,
    columns: ["Indicador", "Participación", "Cumplimiento", "Aporte", "Estado"],
    rows: rows.map((row) => ({
      header: row.code,
      cells: [
        counts(row) ? { kind: "ratio", value: row.share } : { kind: "text", text: "no cuenta" },
        { kind: "ratio", value: row.compliance },
        counts(row) ? { kind: "ratio", value: row.contribution } : { kind: "text", text: "—" },
        { kind: "status", status: row.status },
      ],
    })),
  };
  return { title, option, summary, table };
}

export type IndicatorChartInput = {
  code: string;
  unit: string | null;
  trend: Trend;
  /** The engine's cells of each vigencia (getCompliance), in plan order. */
  years: Readonly<Record<string, IndicatorYearCell>>;
};

export type IndicatorYearPoint = {
  year: string;
  cell: IndicatorYearCell;
  /** `suma`: programado accumulated through this vigencia (NP counts 0). */
  cumulativeTarget: number | null;
  /** `suma`: ejecutado accumulated through this vigencia; null once the years are pendiente. */
  cumulativeActual: number | null;
};

/**
 * The vigencias of an indicator with, for `suma` (yearly flows whose
 * cuatrienio is their sum, domain rule), programado and ejecutado accumulated
 * year by year. The last accumulated ejecutado is the engine's cuatrienio A*.
 */
export function indicatorYearPoints(input: IndicatorChartInput): IndicatorYearPoint[] {
  let target = 0;
  let actual = 0;
  return Object.entries(input.years).map(([year, cell]) => {
    if (input.trend !== "suma")
      return { year, cell, cumulativeTarget: null, cumulativeActual: null };
    target += cell.target ?? 0;
    if (cell.status !== "pendiente") actual += cell.actual ?? 0;
    return {
      year,
      cell,
      cumulativeTarget: target,
      cumulativeActual: cell.status === "pendiente" ? null : actual,
    };
  });
}

/**
 * Programado vs ejecutado of an indicator per vigencia. `suma`: bars of each
 * year (programado hollow, ejecutado filled) and the accumulated lines;
 * other trends: the level reached against the target line of each year.
 */
export function indicatorYearsChart(input: IndicatorChartInput): ChartDefinition {
  const points = indicatorYearPoints(input);
  const suma = input.trend === "suma";
  const title = `Programado y ejecutado del indicador ${input.code} por vigencia`;
  const years = points.map((p) => p.year);
  const label = (value: number | null) => formatMeasure(value, input.unit);
  const valueAxis = {
    type: "value",
    axisLabel: { formatter: esCoAxisLabel, hideOverlap: true },
    splitLine: { lineStyle: { color: "#e5e5e5" } },
  };
  const lineLabel = { show: true, position: "top", fontSize: 10, textBorderWidth: 0 };
  const series = suma
    ? [
        {
          name: "Programado",
          type: "bar",
          barMaxWidth: 24,
          itemStyle: { color: "#ffffff", borderColor: "#1f4e79", borderWidth: 2 },
          data: points.map((p) => p.cell.target),
        },
        {
          name: "Ejecutado",
          type: "bar",
          barMaxWidth: 24,
          itemStyle: { color: "#1f4e79" },
          data: points.map((p) => ({
            value: p.cell.status === "pendiente" ? null : p.cell.actual,
            label: { ...lineLabel, formatter: label(p.cell.actual) },
          })),
        },
        {
          name: "Programado acumulado",
          type: "line",
          symbol: "diamond",
          symbolSize: 8,
          lineStyle: { type: "dashed", color: "#6b6b6b" },
          itemStyle: { color: "#6b6b6b" },
          data: points.map((p) => p.cumulativeTarget),
        },
        {
          name: "Ejecutado acumulado",
          type: "line",
          symbol: "circle",
          symbolSize: 8,
          lineStyle: { type: "solid", color: "#b35c00" },
          itemStyle: { color: "#b35c00" },
          data: points.map((p) => p.cumulativeActual),
        },
      ]
    : [
        {
          name: "Meta",
          type: "line",
          symbol: "diamond",
          symbolSize: 9,
          lineStyle: { type: "dashed", color: "#6b6b6b" },
          itemStyle: { color: "#6b6b6b" },
          data: points.map((p) => (p.cell.status === "np" ? null : p.cell.target)),
        },
        {
          name: "Nivel alcanzado",
          type: "line",
          symbol: "circle",
          symbolSize: 9,
          lineStyle: { type: "solid", color: "#1f4e79", width: 2 },
          itemStyle: { color: "#1f4e79" },
          data: points.map((p) => ({
            value: p.cell.status === "pendiente" ? null : p.cell.actual,
            label: { ...lineLabel, formatter: label(p.cell.actual) },
          })),
        },
      ];
  const option = {
    animation: false,
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 24, bottom: 48, outerBoundsMode: "same" },
    xAxis: { type: "category", data: years },
    yAxis: valueAxis,
    series,
  };
  const yearText = (p: IndicatorYearPoint) => {
    const { cell } = p;
    if (cell.status === "np") return `${p.year} no programado (NP)`;
    if (cell.status === "pendiente") return `${p.year} pendiente (meta ${label(cell.target)})`;
    if (cell.compliance === null || cell.actual === null)
      return `${p.year} meta ${label(cell.target)}, ${lowerFirst(INFORME_STATUS_LABELS[cell.status])}`;
    return `${p.year} meta ${label(cell.target)} y ${suma ? "ejecutado" : "nivel"} ${label(cell.actual)} (${formatRatioAsPercent(cell.compliance)}, ${lowerFirst(INFORME_STATUS_LABELS[cell.status])})`;
  };
  const last = [...points].reverse().find((p) => p.cumulativeActual !== null);
  const accumulated =
    suma && last !== undefined
      ? ` Acumulado a ${last.year}: ejecutado ${label(last.cumulativeActual)} de ${label(last.cumulativeTarget)} programado.`
      : "";
  const summary = `${title}: ${points.map(yearText).join("; ")}.${accumulated}`;
  const measure = (value: number | null): ChartTableCell => ({
    kind: "measure",
    value,
    unit: input.unit,
  });
  const table: ChartTable = {
    caption: title,
    columns: suma
      ? [
          "Vigencia",
          "Programado",
          "Ejecutado",
          "Programado acumulado",
          "Ejecutado acumulado",
          "Cumplimiento",
          "Estado",
        ]
      : ["Vigencia", "Meta", "Nivel alcanzado", "Cumplimiento", "Estado"],
    rows: points.map((p) => ({
      header: p.year,
      cells: [
        p.cell.status === "np" ? { kind: "text", text: "NP" } : measure(p.cell.target),
        measure(p.cell.actual),
        ...(suma ? [measure(p.cumulativeTarget), measure(p.cumulativeActual)] : []),
        { kind: "ratio", value: p.cell.compliance },
        { kind: "status", status: p.cell.status },
      ],
    })),
  };
  return { title, option, summary, table };
}

const MONTHS = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];

/** `2024-Q1` → "T1 2024", `2024-03` → "mar 2024", `2024` → "2024". */
export function shortPeriodLabel(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `T${quarter[2]} ${quarter[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${MONTHS[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  return period;
}

/**
 * Programado vs ejecutado of an indicator per reported period (getIndicatorSeries).
 * `suma`: a bar per period (hollow when it does not count at the corte), the
 * accumulated ejecutado and the programado accumulated to each vigencia's end;
 * other trends: the level reported each period against its vigencia's target.
 */
export function indicatorPeriodsChart(series: IndicatorSeries): ChartDefinition {
  const suma = series.trend === "suma";
  const title = `Avances por periodo del indicador ${series.code}`;
  const label = (value: number | null) => formatMeasure(value, series.unit);
  const periods = series.periods;
  const counted = periods.filter((p) => p.counted);
  const lineLabel = { show: false };
  const reported = {
    name: suma ? "Ejecutado en el periodo" : "Nivel reportado",
    type: suma ? "bar" : "line",
    barMaxWidth: 24,
    symbol: "circle",
    symbolSize: 8,
    lineStyle: { color: "#1f4e79", width: 2 },
    itemStyle: { color: "#1f4e79" },
    data: periods.map((p) => ({
      value: p.value,
      // A period after the corte is drawn hollow: it does not count yet.
      itemStyle: p.counted
        ? { color: "#1f4e79" }
        : { color: "#ffffff", borderColor: "#1f4e79", borderWidth: 2, borderType: "dashed" },
    })),
  };
  const seriesList = suma
    ? [
        reported,
        {
          name: "Ejecutado acumulado",
          type: "line",
          symbol: "circle",
          symbolSize: 7,
          lineStyle: { color: "#b35c00" },
          itemStyle: { color: "#b35c00" },
          label: lineLabel,
          data: periods.map((p) => p.cumulative),
        },
        {
          name: "Programado acumulado al cierre de la vigencia",
          type: "line",
          step: "end",
          symbol: "diamond",
          symbolSize: 8,
          lineStyle: { type: "dashed", color: "#6b6b6b" },
          itemStyle: { color: "#6b6b6b" },
          data: periods.map((p) => p.cumulativeTarget),
        },
      ]
    : [
        reported,
        {
          name: "Meta de la vigencia",
          type: "line",
          step: "end",
          symbol: "diamond",
          symbolSize: 8,
          lineStyle: { type: "dashed", color: "#6b6b6b" },
          itemStyle: { color: "#6b6b6b" },
          data: periods.map((p) => p.target),
        },
      ];
  const option = {
    animation: false,
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 56, outerBoundsMode: "same" },
    xAxis: {
      type: "category",
      data: periods.map((p) => shortPeriodLabel(p.period)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: {
      type: "value",
      axisLabel: { formatter: esCoAxisLabel, hideOverlap: true },
      splitLine: { lineStyle: { color: "#e5e5e5" } },
    },
    series: seriesList,
  };
  const last = counted.at(-1);
  const summary =
    periods.length === 0
      ? `${title}: no tiene avances reportados.`
      : `${title}: ${periods.length} ${periods.length === 1 ? "periodo reportado" : "periodos reportados"}; ${periods
          .map(
            (p) =>
              `${shortPeriodLabel(p.period)} ${label(p.value)}${p.counted ? "" : " (no cuenta al corte)"}`,
          )
          .join("; ")}.${
          suma && last !== undefined
            ? ` Acumulado a ${shortPeriodLabel(last.period)}: ${label(last.cumulative)} de ${label(last.cumulativeTarget)} programado al cierre de ${last.year}.`
            : !suma && last !== undefined
              ? ` Último nivel que cuenta: ${label(last.value)} en ${shortPeriodLabel(last.period)}, meta ${label(last.target)}.`
              : ""
        }`;
  const measure = (value: number | null): ChartTableCell => ({
    kind: "measure",
    value,
    unit: series.unit,
  });
  const table: ChartTable = {
    caption: title,
    columns: suma
      ? [
          "Periodo",
          "Ejecutado en el periodo",
          "Cuenta al corte",
          "Ejecutado acumulado",
          "Programado acumulado al cierre de la vigencia",
        ]
      : ["Periodo", "Nivel reportado", "Cuenta al corte", "Meta de la vigencia"],
    rows: periods.map((p) => ({
      header: shortPeriodLabel(p.period),
      cells: [
        measure(p.value),
        { kind: "text", text: p.counted ? "Sí" : "No" },
        ...(suma
          ? [measure(p.cumulative), measure(p.cumulativeTarget)]
          : [p.target === null ? ({ kind: "text", text: "NP" } as const) : measure(p.target)]),
      ],
    })),
  };
  return { title, option, summary, table };
}
