/**
 * The compliance cache (ADR 0018, issue 12 §8), as ratios measured in one run:
 *
 * 1. getCompliance of the seed plan over loopback HTTP (autocannon) against
 *    the no-op route of the same server, GET /api/health (one `select 1`):
 *    target ≥ 50 % of its throughput.
 * 2. On the 100,000-indicator workload in PostgreSQL: the answer after one
 *    report is approved (incremental path) against the answer from a warm
 *    cache with no change: target ≤ 10×. Measured through the service layer
 *    (resolveCompliance with the server's cache: the stamp check, the reports
 *    read again, the engine and the shared result), not through HTTP: the
 *    JSON of 100,000 indicators (~100 MB) would be the same work in both and
 *    hide what is compared.
 */
import { sql } from "drizzle-orm";
import type { Workload } from "../packages/core/src/testing/workload.ts";
import { generateWorkload } from "../packages/core/src/testing/workload.ts";
import { type DatabaseHandle, openDatabase } from "../packages/server/src/db/open-database.ts";
import { loadDemoDataIfEmpty } from "../packages/server/src/demo-data.ts";
import { buildApp } from "../packages/server/src/http/app.ts";
import { resolveCompliance } from "../packages/server/src/http/routes/compliance-routes.ts";
import { savePlan } from "../packages/server/src/plans/plans-repository.ts";
import { createComplianceCache } from "../packages/server/src/seguimiento/compliance-cache.ts";
import {
  appendReportVersion,
  lockPlanForReports,
} from "../packages/server/src/seguimiento/report-store.ts";
import { type BenchFigure, median } from "./bench-figure.ts";
import { loadAverageText as load, throughput } from "./loopback-load.ts";

const number = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 1 });
/** Ratio 1: the seed plan's getCompliance against /api/health, alternated twice. */
export async function runSeedThroughputBench(seconds = 5): Promise<BenchFigure[]> {
  const database = await openDatabase({ engine: "pglite", dataDir: null });
  const demo = await loadDemoDataIfEmpty(database.db);
  if (!demo.loaded) throw new Error("la base de la medición debía estar vacía");
  const app = await buildApp({ database, logger: false, webDist: null, version: "bench" });
  try {
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const health = `${address}/api/health`;
    const compliance = `${address}/api/plans/${demo.planId}/compliance?asOf=2024-12-31`;
    // Warm-up: JIT, the cache's first (full) computation.
    await throughput(health, 1);
    await throughput(compliance, 1);
    let healthSum = 0;
    let complianceSum = 0;
    for (let round = 0; round < 2; round++) {
      healthSum += await throughput(health, seconds);
      complianceSum += await throughput(compliance, seconds);
    }
    const ratio = complianceSum / healthSum;
    return [
      {
        name: "caché: GET /api/health (ruta sin trabajo), solicitudes/s",
        value: healthSum / 2,
        unit: "sol/s",
        detail: `autocannon, 8 conexiones, 2 × ${seconds} s alternados; ${load()}`,
      },
      {
        name: "caché: getCompliance del plan semilla, solicitudes/s",
        value: complianceSum / 2,
        unit: "sol/s",
        detail: `plan semilla, asOf 2024-12-31, ${(await app.inject({ url: compliance.slice(address.length) })).rawPayload.length} bytes`,
      },
      {
        name: "caché: getCompliance / health (meta ≥ 50 %)",
        value: ratio * 100,
        unit: "%",
        detail: ratio >= 0.5 ? "cumple" : "NO CUMPLE",
      },
    ];
  } finally {
    await app.close();
    await database.close();
  }
}

/** One approved value per indicator for 2024-Q4 and 2025-Q1 (200,000 reports), as one INSERT … SELECT. */
const REPORTS_SQL = (planId: number, indicators: number) =>
  sql.raw(`
INSERT INTO report_versions (plan_id, indicator_code, period, area, version, action, status, value, source)
SELECT ${planId}, 'I' || lpad(i::text, 6, '0'), p.period, '', 1, 'approve', 'aprobado', ((i * 7 + p.n) % 50) + 1, 'demo'
FROM generate_series(0, ${indicators - 1}) i
CROSS JOIN (VALUES ('2024-Q4', 1), ('2025-Q1', 2)) AS p(period, n)`);

async function openBenchPostgres(url: string): Promise<DatabaseHandle> {
  const name = `rumbo_bench_cache_${process.pid}`;
  const admin = await openDatabase({ engine: "postgres", url });
  try {
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
  } finally {
    await admin.close();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ engine: "postgres", url: target.toString() });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const again = await openDatabase({ engine: "postgres", url });
      try {
        await again.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      } finally {
        await again.close();
      }
    },
  };
}

/** Ratio 2: incremental answer after one approval against a warm answer, 100,000 indicators. */
export async function runIncrementalBench(
  pgUrl: string,
  options: { workload?: Workload; runs?: number } = {},
): Promise<BenchFigure[]> {
  const runs = options.runs ?? 7;
  const { plan } = options.workload ?? generateWorkload();
  const codes = plan.objectives.flatMap((o) => o.indicators.map((i) => i.code));
  const database = await openBenchPostgres(pgUrl);
  const figures: BenchFigure[] = [];
  try {
    let started = performance.now();
    const planId = await savePlan(database.db, plan, { published: true });
    await database.db.execute(REPORTS_SQL(planId, codes.length));
    await database.db.execute(sql`ANALYZE report_versions`);
    figures.push({
      name: "caché: preparar el plan de 100.000 indicadores y 200.000 reportes (PostgreSQL)",
      value: performance.now() - started,
      unit: "ms",
      detail: "preparación, no cuenta",
    });

    const cache = createComplianceCache();
    const query = { asOf: "2025-06-30" };
    const answer = () => resolveCompliance(database.db, planId, query, cache);
    started = performance.now();
    const first = await answer();
    figures.push({
      name: "caché: primera respuesta (plan, lectura de reportes, motor completo)",
      value: performance.now() - started,
      unit: "ms",
      detail: `${number.format(first.result.indicators.length)} indicadores; ${load()}`,
    });

    const warm: number[] = [];
    const incremental: number[] = [];
    for (let run = 0; run < runs; run++) {
      // Warm: nothing changed since the last answer.
      started = performance.now();
      await answer();
      warm.push(performance.now() - started);
      // One report approved (2025-Q2 of an indicator), through the store every writer uses.
      const indicator = codes[(run * 7919) % codes.length] ?? "";
      await database.db.transaction(async (tx) => {
        await lockPlanForReports(tx, planId);
        await appendReportVersion(tx, {
          planId,
          indicatorCode: indicator,
          period: "2025-Q2",
          area: "",
          version: 1,
          action: "approve",
          status: "aprobado",
          value: 25 + run,
          source: "demo",
        });
      });
      started = performance.now();
      const after = await answer();
      incremental.push(performance.now() - started);
      const row = after.result.indicators.find((item) => item.code === indicator);
      if (row?.years["2025"]?.actual === undefined)
        throw new Error(`la respuesta no trae el indicador ${indicator}`);
    }
    const warmMedian = median(warm);
    const incrementalMedian = median(incremental);
    const ratio = incrementalMedian / warmMedian;
    figures.push(
      {
        name: "caché: respuesta con la caché caliente, sin cambios",
        value: warmMedian,
        unit: "ms",
        detail: `mediana de ${runs}; consulta de la versión y resultado compartido`,
      },
      {
        name: "caché: respuesta tras aprobar un reporte (incremental)",
        value: incrementalMedian,
        unit: "ms",
        detail: `mediana de ${runs}; versión, reportes nuevos, motor y resultado parcial`,
      },
      {
        name: "caché: incremental / caliente (meta ≤ 10×)",
        value: ratio,
        unit: "×",
        detail: `${ratio <= 10 ? "cumple" : "NO CUMPLE"}; ${load()}`,
      },
    );
  } finally {
    await database.close();
  }
  return figures;
}
