/**
 * ECharts in the browser, only the parts the tablero's charts use (bars,
 * lines, grid, title, legend, mark lines) and the SVG renderer: a small
 * chunk, loaded by chart-loader.ts when a chart mounts. The option is core's
 * (informe-charts.ts): the same the informe's PDF draws on the server.
 */
import { BarChart, LineChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { chartRenderer } from "./chart-loader.ts";

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  SVGRenderer,
]);
chartRenderer.loaded = true;

const FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

/** Draws `option` in `element`; follows the element's width. Returns the clean-up. */
export function drawChart(
  element: HTMLElement,
  option: Record<string, unknown>,
  height: number,
): () => void {
  const width = element.clientWidth || 600;
  const chart = echarts.init(element, null, { renderer: "svg", width, height });
  chart.setOption({ textStyle: { fontFamily: FONT }, ...option });
  if (typeof ResizeObserver === "undefined") return () => chart.dispose();
  const observer = new ResizeObserver(() => {
    const next = element.clientWidth;
    if (next > 0 && next !== chart.getWidth()) chart.resize({ width: next, height });
  });
  observer.observe(element);
  return () => {
    observer.disconnect();
    chart.dispose();
  };
}
