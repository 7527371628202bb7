/**
 * One chart definition: ECharts options built by pure functions
 * from the engine's cells, so the browser and the server (SVG for the PDF)
 * draw the same chart. Plain objects only: core does not depend on ECharts.
 * Every chart comes with a text summary of the same numbers.
 */
import { formatRatioAsPercent } from "../format/numbers.ts";
import type { Semaforo } from "../plan/plan.ts";
import { INFORME_STATUS_LABELS, type InformeCell } from "./informe.ts";

export const SEMAFORO_CHART_COLORS = {
  verde: "#1b7f3b",
  amarillo: "#b88a00",
  rojo: "#b3261e",
} as const;
const NO_VALUE = "#8a8a8a";

export type ComplianceBar = InformeCell & { code: string; label: string };

export type ChartDefinition = {
  /** The ECharts option (JSON-serialisable). */
  option: Record<string, unknown>;
  /** The same numbers in words, for readers who do not see the chart. */
  summary: string;
};

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
): ChartDefinition {
  // The axis speaks percent points (integer ticks: no decimal separator to localise).
  const points = (ratio: number) => Math.round(ratio * 10000) / 100;
  const max = Math.max(1, ...bars.map((b) => b.compliance ?? 0));
  const categories = bars.map((b) =>
    truncate(b.compliance === null ? `${b.label} (${b.statusLabel})` : b.label, 38),
  );
  const option = {
    animation: false,
    title: { text: title, left: 0, textStyle: { fontSize: 13, fontWeight: "bold" } },
    grid: { left: 8, right: 56, top: 36, bottom: 24, containLabel: true },
    xAxis: {
      type: "value",
      min: 0,
      max: Math.ceil(max * 10) * 10,
      interval: 20,
      axisLabel: { formatter: "{value}%" },
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
            formatter: formatRatioAsPercent(b.compliance),
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
  return { option, summary };
}
