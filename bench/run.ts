/**
 * `npm run bench`: every benchmark of Rumbo on one synthetic district workload
 * (packages/core/src/testing/workload.ts), printed as a table. Figures are recorded by hand in
 * docs/benchmarks.md with the machine they were measured on.
 *
 *   npm run bench                 # all
 *   npm run bench -- engine sql   # some: engine, sql, cli, known, cache, portal, matrix, startup, web, dashboard
 *   npm run bench -- startup:compute startup:start   # parts of startup: help, seed, compute, start
 */
import { spawnSync } from "node:child_process";
import { generateWorkload } from "../packages/core/src/testing/workload.ts";
import type { BenchFigure } from "./bench-figure.ts";
import { runCliComputeBench } from "./cli-compute.bench.ts";
import { runIncrementalBench, runSeedThroughputBench } from "./compliance-cache.bench.ts";
import { runComplianceKnownAtBench } from "./compliance-known-at.bench.ts";
import { runDashboardRenderBench } from "./dashboard-render.bench.ts";
import { runEngineBench } from "./engine.bench.ts";
import { runMatrixImportBench } from "./matrix-import.bench.ts";
import { runPortalBench } from "./portal.bench.ts";
import { runSqlRollupBench } from "./sql-rollup.ts";
import { runStartupBench, STARTUP_PARTS, type StartupPart } from "./startup.bench.ts";
import { runWebBundleBench } from "./web-bundle.bench.ts";

const PG_URL = process.env.RUMBO_BENCH_PG_URL ?? "postgres://root@127.0.0.1:5432/test";
const selected = new Set(process.argv.slice(2));
// `startup:compute` picks one part of the start-up benchmark.
const startupParts = new Set(
  STARTUP_PARTS.filter((part) => selected.has("startup") || selected.has(`startup:${part}`)),
);
if (startupParts.size > 0) selected.add("startup");
const wants = (name: string) => selected.size === 0 || selected.has(name);

const started = performance.now();
const figures: BenchFigure[] = [];
// The CLI benchmarks time the compiled CLI, not a build of it.
if (["cli", "startup"].some(wants))
  spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
if (["engine", "sql", "cli", "known", "cache"].some(wants)) {
  process.stdout.write("Generando la carga sintética (100.000 indicadores, 1,6 M valores)…\n");
  const workload = generateWorkload();
  if (wants("engine")) figures.push(...(await runEngineBench({ workload })));
  if (wants("sql")) figures.push(...(await runSqlRollupBench(PG_URL, { workload })));
  if (wants("cli")) figures.push(...(await runCliComputeBench({ workload })));
  if (wants("known")) figures.push(...(await runComplianceKnownAtBench({ workload })));
  // The compliance cache (ADR 0018): seed plan throughput vs. a no-op route, incremental vs. warm.
  if (wants("cache")) {
    figures.push(...(await runSeedThroughputBench()));
    figures.push(...(await runIncrementalBench(PG_URL, { workload })));
  }
}
// The public portal's plan page: throughput vs. a no-op route, warm latency, gzip size.
if (wants("portal")) figures.push(...(await runPortalBench()));
// The matriz de formulación has its own plan of 5,000 indicators with a full ficha técnica.
if (wants("matrix")) figures.push(...(await runMatrixImportBench()));
// Start-up of the compiled CLI and server: ratios to a bare node process in this same run.
if (wants("startup"))
  figures.push(
    ...(await runStartupBench(
      startupParts.size > 0 ? startupParts : new Set<StartupPart>(STARTUP_PARTS),
    )),
  );
// The web's initial JavaScript and the lazy chart chunk, gzipped (sizes, not times).
if (wants("web")) figures.push(...(await runWebBundleBench()));
// The tablero of a 2,000-indicator plan in Chromium, served by the compiled server (target < 1 s).
if (wants("dashboard")) figures.push(...(await runDashboardRenderBench()));

const number = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 3 });
const rows = figures.map((f) => [f.name, `${number.format(f.value)} ${f.unit}`, f.detail ?? ""]);
const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length), 6));
for (const [name, value, detail] of rows) {
  process.stdout.write(
    `${(name ?? "").padEnd(widths[0] ?? 0)}  ${(value ?? "").padStart(widths[1] ?? 0)}  ${detail}\n`,
  );
}
process.stdout.write(`\nTotal: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
