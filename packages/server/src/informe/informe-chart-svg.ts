/**
 * Server-side rendering of core's chart definitions (informe-charts.ts): the
 * same ECharts option the browser draws, as SVG, without a browser.
 */
import type { ChartDefinition } from "@rumbo/core";
import * as echarts from "echarts";

export function chartSvg(chart: ChartDefinition, width: number, height: number): string {
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    instance.setOption({ textStyle: { fontFamily: "Helvetica" }, ...chart.option });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
