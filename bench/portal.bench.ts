/**
 * The public portal's plan page (issue 13 §6), as figures of one run:
 *
 * 1. GET /publico/planes/:id of the published seed plan over loopback HTTP
 *    (autocannon) against the no-op route of the same server, GET /api/health
 *    (one `select 1`): target ≥ 50 % of its throughput.
 * 2. The page's warm latency (median and p95 of sequential requests after the
 *    first, which renders it): target < 50 ms.
 * 3. The page's size, plain and gzipped (a reverse proxy compresses it).
 */
import { gzipSync } from "node:zlib";
import { openDatabase } from "../packages/server/src/db/open-database.ts";
import { prepareFirstStart } from "../packages/server/src/first-start.ts";
import { buildApp } from "../packages/server/src/http/app.ts";
import { PUBLISHED_SEED_NOW } from "../packages/server/src/testing/published-seed.ts";
import { type BenchFigure, median, percentile } from "./bench-figure.ts";
import { loadAverageText as load, throughput } from "./loopback-load.ts";

export async function runPortalBench(seconds = 5): Promise<BenchFigure[]> {
  const database = await openDatabase({ engine: "pglite", dataDir: null });
  const start = await prepareFirstStart(database.db, { demo: true, now: PUBLISHED_SEED_NOW });
  if (!start.demo.loaded) throw new Error("la base de la medición debía estar vacía");
  const app = await buildApp({
    database,
    logger: false,
    webDist: null,
    version: "bench",
    now: () => PUBLISHED_SEED_NOW,
  });
  try {
    const path = `/publico/planes/${start.demo.planId}`;
    const first = await app.inject({ url: path });
    if (first.statusCode !== 200) throw new Error(`${path}: ${first.statusCode}`);
    const latencies: number[] = [];
    for (let run = 0; run < 200; run++) {
      const started = performance.now();
      const answer = await app.inject({ url: path });
      latencies.push(performance.now() - started);
      if (answer.statusCode !== 200) throw new Error(`${path}: ${answer.statusCode}`);
    }
    latencies.sort((a, b) => a - b);

    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const health = `${address}/api/health`;
    const page = `${address}${path}`;
    // Warm-up: JIT on both routes.
    await throughput(health, 1);
    await throughput(page, 1);
    let healthSum = 0;
    let pageSum = 0;
    for (let round = 0; round < 2; round++) {
      healthSum += await throughput(health, seconds);
      pageSum += await throughput(page, seconds);
    }
    const ratio = pageSum / healthSum;
    const warm = median(latencies);
    return [
      {
        name: "portal: GET /api/health (ruta sin trabajo), solicitudes/s",
        value: healthSum / 2,
        unit: "sol/s",
        detail: `autocannon, 8 conexiones, 2 × ${seconds} s alternados; ${load()}`,
      },
      {
        name: "portal: GET /publico/planes/:id del plan semilla, solicitudes/s",
        value: pageSum / 2,
        unit: "sol/s",
        detail: "página en caché, sin If-None-Match (200 con el cuerpo)",
      },
      {
        name: "portal: página del plan / health (meta ≥ 50 %)",
        value: ratio * 100,
        unit: "%",
        detail: ratio >= 0.5 ? "cumple" : "NO CUMPLE",
      },
      {
        name: "portal: página del plan caliente, latencia (meta < 50 ms)",
        value: warm,
        unit: "ms",
        detail: `mediana de 200 seguidas (inject); p95 ${percentile(latencies, 0.95).toFixed(2).replace(".", ",")} ms; ${warm < 50 ? "cumple" : "NO CUMPLE"}`,
      },
      {
        name: "portal: página del plan, tamaño gzip",
        value: gzipSync(first.rawPayload).length / 1024,
        unit: "KiB",
        detail: `${(first.rawPayload.length / 1024).toFixed(1).replace(".", ",")} KiB sin comprimir`,
      },
    ];
  } finally {
    await app.close();
    await database.close();
  }
}
