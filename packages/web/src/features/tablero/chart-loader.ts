/**
 * The chart renderer (ECharts) is loaded on first use, when a chart mounts:
 * it stays out of the initial JavaScript (issue 12 §8: ≤ 250 KB gzipped).
 * `chartRenderer.loaded` turns true when the module is evaluated, so a test
 * can tell that nothing imports it up front.
 */
export const chartRenderer = { loaded: false };

export type ChartRendererModule = typeof import("./chart-renderer.ts");

let pending: Promise<ChartRendererModule> | null = null;

export function loadChartRenderer(): Promise<ChartRendererModule> {
  pending ??= import("./chart-renderer.ts").catch((error: unknown) => {
    // A failed chunk (offline, a new deploy) may be asked for again later.
    pending = null;
    throw error;
  });
  return pending;
}
