/**
 * The tablero of a big plan in the browser (issue 12 §8): a plan of 2,000
 * indicators in 40 objectives (packages/core/src/testing/workload.ts), its
 * values up to 2025-Q2 approved, served by the compiled server on a PGlite
 * data directory of its own, opened by a visitor in Debian's chromium
 * (e2e/chromium.ts). Measured from the navigation's start (the page's time
 * origin) to the frame where the tablero shows every objective card and the
 * alerts: target < 1 s. Each run is a fresh browser context (nothing cached in
 * the browser); the first run, which also computes the plan in the server, is
 * reported apart from the median of the others.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../e2e/chromium.ts";
import { generateWorkload } from "../packages/core/src/testing/workload.ts";
import { reportVersions } from "../packages/server/src/db/schema.ts";
import { savePlan } from "../packages/server/src/plans/plans-repository.ts";
import {
  livePglite,
  startLiveServer,
  stopLiveServer,
} from "../packages/server/src/testing/live-server.ts";
import { type BenchFigure, median } from "./bench-figure.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const TARGET_MS = 1000;
const REPORTED = new Set(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]);

/** What the page-side checks use of the browser (bench is compiled without the DOM's types). */
type PageGlobals = {
  document: {
    querySelectorAll: (selector: string) => { length: number };
    getElementById: (id: string) => unknown;
  };
};

export type DashboardBenchOptions = { indicators?: number; objectives?: number; runs?: number };

export async function runDashboardRenderBench(
  options: DashboardBenchOptions = {},
): Promise<BenchFigure[]> {
  const indicators = options.indicators ?? 2_000;
  const objectives = options.objectives ?? 40;
  const runs = options.runs ?? 7;
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("no se pudo construir el servidor y la web");

  const { plan, actuals } = generateWorkload({ indicators, objectives });
  const database = livePglite();
  let planId: number;
  const handle = await database.open();
  try {
    planId = await savePlan(handle.db, plan, { published: true });
    const rows = actuals
      .filter((row) => REPORTED.has(row.period))
      .map((row) => ({
        planId,
        indicatorCode: row.indicator,
        period: row.period,
        area: "",
        version: 1,
        action: "approve",
        status: "aprobado",
        value: row.value,
        source: "demo",
      }));
    for (let start = 0; start < rows.length; start += 2_000)
      await handle.db.insert(reportVersions).values(rows.slice(start, start + 2_000));
  } finally {
    await handle.close();
  }

  const server = await startLiveServer(database);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const times: number[] = [];
  const apiStarts: number[] = [];
  const apiEnds: number[] = [];
  let bytes = 0;
  try {
    const view = "vigencia=2025&corte=2025-06-30";
    const url = `${server.url}/planes/${planId}/tablero?${view}`;
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext({
        locale: "es-CO",
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "commit" });
      // The frame where every objective card and the alerts are on screen.
      const ready = await page.waitForFunction(
        (count) => {
          const { document } = globalThis as unknown as PageGlobals;
          return document.querySelectorAll(".objective-card").length === count &&
            document.getElementById("alertas") !== null
            ? performance.now()
            : false;
        },
        objectives,
        { polling: "raf", timeout: 60_000 },
      );
      times.push(Number(await ready.jsonValue()));
      // When the dashboard's answer started and finished arriving, on the same clock.
      const api = await page.evaluate(() => {
        const entry = performance
          .getEntriesByType("resource")
          .find((item) => item.name.includes("/dashboard?")) as
          | { startTime: number; responseEnd: number }
          | undefined;
        return entry === undefined ? [0, 0] : [entry.startTime, entry.responseEnd];
      });
      apiStarts.push(api[0] ?? 0);
      apiEnds.push(api[1] ?? 0);
      await context.close();
    }
    const answer = await fetch(
      `${server.url}/api/plans/${planId}/dashboard?year=2025&asOf=2025-06-30`,
    );
    bytes = (await answer.arrayBuffer()).byteLength;
  } finally {
    await browser.close();
    await stopLiveServer(server);
    await database.drop();
  }
  const [first = 0, ...rest] = times;
  const value = median(rest);
  const ms = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 0 });
  const load = loadavg()
    .map((l) => l.toFixed(1).replace(".", ","))
    .join(" / ");
  return [
    {
      name: `tablero en Chromium: ${ms.format(indicators)} indicadores, hasta mostrar objetivos y alertas`,
      value,
      unit: "ms",
      detail: `meta < ${ms.format(TARGET_MS)} ms: ${value < TARGET_MS ? "cumple" : "NO CUMPLE"}; mediana de ${runs} (${rest.map((t) => ms.format(t)).join(", ")}); getDashboard pedido a los ${ms.format(median(apiStarts.slice(1)))} ms y recibido a los ${ms.format(median(apiEnds.slice(1)))} ms (medianas), ${ms.format(bytes / 1024)} KiB; carga promedio ${load}`,
    },
    {
      name: "tablero en Chromium: primera visita (el servidor calcula el plan)",
      value: first,
      unit: "ms",
      detail: `${ms.format(objectives)} objetivos, vigencia 2025, corte 30/06/2025`,
    },
  ];
}
