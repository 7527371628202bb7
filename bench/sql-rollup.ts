/**
 * The same full rollup as the engine (yearly compliance per indicator from
 * quarterly values, then objective and plan weighted means; cap 1, missing
 * zero, no corte) as ONE SQL query in PostgreSQL, timed against the engine.
 * It creates its own temporary schema and drops it at the end.
 */
import pg from "pg";
import { createEngine } from "../packages/core/src/compliance/engine.ts";
import { weightOfYear } from "../packages/core/src/compliance/plan-rules.ts";
import { parsePeriod } from "../packages/core/src/formats/period.ts";
import { generateWorkload, type Workload } from "../packages/core/src/testing/workload.ts";
import { type BenchFigure, median } from "./bench-figure.ts";

const TREND = { suma: 0, creciente: 1, constante: 2, decreciente: 3 } as const;

/** formats.md §3.1, §3.3–3.7 for every vigencia, without corte, cap 1, --missing zero. */
const ROLLUP_SQL = `
WITH actual AS (
  SELECT v.i, v.y,
         CASE WHEN min(ind.trend) = 0 THEN sum(v.value)
              ELSE (array_agg(v.value ORDER BY v.q DESC))[1] END AS actual
  FROM quarter_values v JOIN indicators ind ON ind.i = v.i
  GROUP BY v.i, v.y
),
cell AS (
  SELECT iy.i, iy.y, ind.objective, iy.weight,
         CASE WHEN a.actual IS NULL THEN 0
              ELSE LEAST(1, GREATEST(0,
                CASE WHEN ind.trend = 3 THEN (ind.baseline - a.actual) / (ind.baseline - iy.target)
                     WHEN ind.from_baseline THEN (a.actual - ind.baseline) / (iy.target - ind.baseline)
                     ELSE a.actual / iy.target END)) END AS compliance
  FROM indicator_years iy
  JOIN indicators ind ON ind.i = iy.i
  LEFT JOIN actual a ON a.i = iy.i AND a.y = iy.y
  WHERE iy.target IS NOT NULL AND (iy.target <> 0 OR ind.trend = 3)
),
objective AS (
  SELECT objective AS o, y, sum(weight * compliance) / NULLIF(sum(weight), 0) AS compliance
  FROM cell GROUP BY objective, y
),
plan AS (
  SELECT o.y, sum(ow.weight * o.compliance) / NULLIF(sum(ow.weight), 0) AS compliance
  FROM objective o JOIN objective_years ow ON ow.o = o.o AND ow.y = o.y
  WHERE o.compliance IS NOT NULL
  GROUP BY o.y
)
SELECT o AS objective, y, compliance FROM objective
UNION ALL
SELECT NULL, y, compliance FROM plan`;

export type SqlBenchOptions = { runs?: number; workload?: Workload };

export async function runSqlRollupBench(
  pgUrl: string,
  options: SqlBenchOptions = {},
): Promise<BenchFigure[]> {
  const runs = options.runs ?? 5;
  const workload = options.workload ?? generateWorkload();
  const { plan, actuals, valueCount } = workload;
  const schema = `rumbo_bench_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  const figures: BenchFigure[] = [];
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    await client.query(`
      CREATE TABLE indicators (i int PRIMARY KEY, objective int NOT NULL, trend smallint NOT NULL,
                               baseline float8, from_baseline boolean NOT NULL);
      CREATE TABLE indicator_years (i int NOT NULL, y int NOT NULL, target float8, weight float8 NOT NULL,
                                    PRIMARY KEY (i, y));
      CREATE TABLE objective_years (o int NOT NULL, y int NOT NULL, weight float8 NOT NULL, PRIMARY KEY (o, y));
      CREATE TABLE quarter_values (i int NOT NULL, y int NOT NULL, q smallint NOT NULL, value float8 NOT NULL);`);
    let started = performance.now();
    const indexOf = await loadWorkload(client, workload);
    await client.query("CREATE INDEX ON quarter_values (i, y); ANALYZE");
    figures.push({
      name: "SQL: cargar el plan y 1,6 M valores (unnest por lotes)",
      value: performance.now() - started,
      unit: "ms",
    });

    const times: number[] = [];
    let rows: { objective: number | null; y: number; compliance: number | null }[] = [];
    for (let run = 0; run < runs; run++) {
      started = performance.now();
      rows = (await client.query(ROLLUP_SQL)).rows;
      times.push(performance.now() - started);
    }

    const engine = createEngine(plan, { asOf: null, missing: "zero", cap: 1 });
    engine.setActuals(actuals);
    const engineTimes: number[] = [];
    for (let run = 0; run < 7; run++) {
      started = performance.now();
      engine.recompute();
      engineTimes.push(performance.now() - started);
    }
    // The SQL must give the engine's numbers (summing order differs: 1e-9).
    let maxDifference = 0;
    for (const row of rows) {
      const year = plan.years[row.y] ?? 0;
      const target =
        row.objective === null
          ? ({ level: "plan" } as const)
          : { level: "objective" as const, code: indexOf.objectiveCodes[row.objective] ?? "" };
      const expected = engine.complianceOf(target, year);
      if (expected === null || row.compliance === null) {
        if (expected !== row.compliance)
          throw new Error(`SQL y motor difieren en ${JSON.stringify(row)}`);
        continue;
      }
      maxDifference = Math.max(maxDifference, Math.abs(expected - row.compliance));
    }
    if (maxDifference > 1e-9) throw new Error(`SQL y motor difieren hasta en ${maxDifference}`);

    const sqlBest = Math.min(...times);
    const engineBest = Math.min(...engineTimes);
    figures.push(
      {
        name: "SQL: rollup completo en una consulta, mejor",
        value: sqlBest,
        unit: "ms",
        detail: `${runs} corridas; ${rows.length} filas (objetivos×años y plan)`,
      },
      { name: "SQL: rollup completo en una consulta, mediana", value: median(times), unit: "ms" },
      { name: "SQL: rendimiento", value: valueCount / (sqlBest / 1000), unit: "valores/s" },
      {
        name: "motor: el mismo rollup (recálculo completo), mejor",
        value: engineBest,
        unit: "ms",
        detail: `diferencia máxima con SQL ${maxDifference.toExponential(2)}`,
      },
      {
        name: "motor ÷ SQL (rendimiento = tiempo SQL ÷ tiempo motor)",
        value: sqlBest / engineBest,
        unit: "×",
        detail: "el motor calcula además el cuatrienio, el estado y el avance",
      },
    );
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  return figures;
}

/** Loads the workload with `unnest` arrays, 200,000 rows per statement. */
async function loadWorkload(client: pg.Client, workload: Workload) {
  const { plan, actuals } = workload;
  const indicatorIndex = new Map<string, number>();
  const objectiveCodes: string[] = [];
  const ind = {
    i: [] as number[],
    o: [] as number[],
    trend: [] as number[],
    baseline: [] as (number | null)[],
    fromBaseline: [] as boolean[],
  };
  const iy = {
    i: [] as number[],
    y: [] as number[],
    target: [] as (number | null)[],
    weight: [] as number[],
  };
  const oy = { o: [] as number[], y: [] as number[], weight: [] as number[] };
  let i = 0;
  plan.objectives.forEach((objective, o) => {
    objectiveCodes.push(objective.code);
    plan.years.forEach((year, y) => {
      oy.o.push(o);
      oy.y.push(y);
      oy.weight.push(objective.weight === undefined ? 1 : weightOfYear(objective.weight, year));
    });
    for (const indicator of objective.indicators) {
      indicatorIndex.set(indicator.code, i);
      ind.i.push(i);
      ind.o.push(o);
      ind.trend.push(TREND[indicator.trend]);
      ind.baseline.push(indicator.baseline ?? null);
      ind.fromBaseline.push(indicator.progress === "from-baseline");
      plan.years.forEach((year, y) => {
        iy.i.push(i);
        iy.y.push(y);
        iy.target.push(indicator.targets[String(year)] ?? null);
        iy.weight.push(weightOfYear(indicator.weight, year));
      });
      i++;
    }
  });
  await client.query(
    "INSERT INTO indicators SELECT * FROM unnest($1::int[], $2::int[], $3::smallint[], $4::float8[], $5::boolean[])",
    [ind.i, ind.o, ind.trend, ind.baseline, ind.fromBaseline],
  );
  await insertBatches(
    client,
    "INSERT INTO indicator_years SELECT * FROM unnest($1::int[], $2::int[], $3::float8[], $4::float8[])",
    [iy.i, iy.y, iy.target, iy.weight],
  );
  await client.query(
    "INSERT INTO objective_years SELECT * FROM unnest($1::int[], $2::int[], $3::float8[])",
    [oy.o, oy.y, oy.weight],
  );
  const firstYear = plan.years[0] ?? 0;
  const qv = { i: [] as number[], y: [] as number[], q: [] as number[], value: [] as number[] };
  for (const row of actuals) {
    const period = parsePeriod(row.period);
    if (period === null || period.kind !== "quarter")
      throw new Error(`la carga de SQL espera trimestres: ${row.period}`);
    qv.i.push(indicatorIndex.get(row.indicator) ?? -1);
    qv.y.push(period.year - firstYear);
    qv.q.push(period.index);
    qv.value.push(row.value);
  }
  await insertBatches(
    client,
    "INSERT INTO quarter_values SELECT * FROM unnest($1::int[], $2::int[], $3::smallint[], $4::float8[])",
    [qv.i, qv.y, qv.q, qv.value],
  );
  return { objectiveCodes };
}

async function insertBatches(client: pg.Client, sql: string, columns: unknown[][]) {
  const size = 200_000;
  const length = columns[0]?.length ?? 0;
  for (let start = 0; start < length; start += size) {
    await client.query(
      sql,
      columns.map((column) => column.slice(start, start + size)),
    );
  }
}
