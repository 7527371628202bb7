/**
 * Compliance as known at an instant (ADR 0015) on the 100,000-indicator
 * workload in PGlite: the plan saved as the server saves it, 16 quarters of
 * report versions (every report approved once; a third of them later
 * un-approved, and half of those corrected and approved again, so ≥ 2
 * versions for a third of the reports), then `GET /compliance?knownAt=…`
 * through the app and the reader of report versions on its own.
 */

import { sql } from "drizzle-orm";
import { generateWorkload, type Workload } from "../packages/core/src/testing/workload.ts";
import { openDatabase } from "../packages/server/src/db/open-database.ts";
import { buildApp } from "../packages/server/src/http/app.ts";
import { savePlan } from "../packages/server/src/plans/plans-repository.ts";
import { actualsAsKnown } from "../packages/server/src/seguimiento/actuals-as-known.ts";
import { type BenchFigure, median } from "./bench-figure.ts";

/** Every quarter's report approved on the 10th of the month after the quarter; corrections 5 and 10 days later. */
const VERSIONS_SQL = (planId: number, indicators: number) =>
  sql.raw(`
INSERT INTO report_versions (plan_id, indicator_code, period, area, version, action, status, value, source, recorded_at)
SELECT ${planId}, 'I' || lpad(i::text, 6, '0'), y || '-Q' || q, '', v.version, v.action, v.status,
       ((i * 7 + y * 3 + q) % 50) + 1 + CASE WHEN v.version = 3 THEN 0.5 ELSE 0 END, 'demo',
       make_timestamptz(y + (q / 4), (q * 3) % 12 + 1, 10, 12, 0, 0, 'UTC') + (v.days || ' days')::interval
FROM generate_series(0, ${indicators - 1}) i
CROSS JOIN generate_series(2024, 2027) y
CROSS JOIN generate_series(1, 4) q
JOIN (VALUES (1, 'approve', 'aprobado', 0), (2, 'unapprove', 'enviado', 5), (3, 'approve', 'aprobado', 10))
  AS v(version, action, status, days)
  ON v.version = 1 OR (v.version = 2 AND i % 3 = 0) OR (v.version = 3 AND i % 6 = 0)`);

export async function runComplianceKnownAtBench(
  options: { workload?: Workload; runs?: number } = {},
): Promise<BenchFigure[]> {
  const runs = options.runs ?? 3;
  const { plan } = options.workload ?? generateWorkload();
  const indicators = plan.objectives.reduce((n, o) => n + o.indicators.length, 0);
  const database = await openDatabase({ engine: "pglite", dataDir: null });
  const figures: BenchFigure[] = [];
  try {
    let started = performance.now();
    const planId = await savePlan(database.db, plan, {
      published: true,
      at: new Date("2024-01-02T12:00:00Z"),
    });
    figures.push({
      name: "knownAt: guardar el plan de 100.000 indicadores (PGlite)",
      value: performance.now() - started,
      unit: "ms",
    });
    started = performance.now();
    await database.db.execute(VERSIONS_SQL(planId, indicators));
    await database.db.execute(sql`ANALYZE report_versions`);
    const counted = (await database.db.execute(
      sql`select count(*)::int as n from report_versions`,
    )) as unknown as { rows: { n: number }[] };
    const versions = counted.rows[0]?.n ?? 0;
    figures.push({
      name: "knownAt: escribir las versiones de reporte (16 trimestres)",
      value: performance.now() - started,
      unit: "ms",
      detail: `${versions.toLocaleString("es-CO")} versiones de ${(indicators * 16).toLocaleString("es-CO")} reportes`,
    });

    // Mid-history: 2024 and 2025 known with their corrections, nothing of 2026–2027 yet.
    const knownAt = "2026-02-01T00:00:00-05:00";
    const reader: number[] = [];
    let rows = 0;
    for (let run = 0; run < runs; run++) {
      started = performance.now();
      rows = (
        await actualsAsKnown(database.db, planId, {
          basis: "approved",
          knownAt: new Date(knownAt),
          plan,
        })
      ).length;
      reader.push(performance.now() - started);
    }
    figures.push({
      name: "knownAt: leer los valores conocidos (una consulta DISTINCT ON)",
      value: median(reader),
      unit: "ms",
      detail: `mediana de ${runs}; ${rows.toLocaleString("es-CO")} valores`,
    });

    const app = await buildApp({ database, logger: false, webDist: null, version: "bench" });
    try {
      const http: number[] = [];
      let bytes = 0;
      for (let run = 0; run < runs; run++) {
        started = performance.now();
        const res = await app.inject({
          method: "GET",
          url: `/api/plans/${planId}/compliance?knownAt=${encodeURIComponent(knownAt)}`,
        });
        http.push(performance.now() - started);
        if (res.statusCode !== 200)
          throw new Error(`compliance respondió ${res.statusCode}: ${res.body.slice(0, 300)}`);
        bytes = res.rawPayload.length;
      }
      figures.push({
        name: "knownAt: GET /compliance?knownAt= de punta a punta (plan conocido, lectura, motor, JSON)",
        value: median(http),
        unit: "ms",
        detail: `mediana de ${runs}; ${(bytes / 1e6).toFixed(1)} MB de respuesta`,
      });
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
  return figures;
}
