/**
 * Compliance engine throughput on the synthetic district workload
 * (100,000 indicators × 4 years × quarterly values = 1.6M values):
 * full recompute in values/second, and the incremental path after one value
 * changes (indicator → objective → plan), in milliseconds.
 */
import { createEngine } from "../packages/core/src/compliance/engine.ts";
import {
  createRandom,
  generateWorkload,
  type Workload,
} from "../packages/core/src/testing/workload.ts";
import { type BenchFigure, median, percentile } from "./bench-figure.ts";

export type EngineBenchOptions = {
  runs?: number;
  changes?: number;
  warmup?: number;
  workload?: Workload;
};

export async function runEngineBench(options: EngineBenchOptions = {}): Promise<BenchFigure[]> {
  const runs = options.runs ?? 7;
  const changes = options.changes ?? 10_000;
  const warmup = options.warmup ?? 1_000;
  const workload = options.workload ?? generateWorkload();
  const { plan, actuals, valueCount } = workload;
  const indicators = plan.objectives.reduce(
    (sum, objective) => sum + objective.indicators.length,
    0,
  );
  const figures: BenchFigure[] = [];
  const workloadText = `${indicators} indicadores × ${plan.years.length} años, ${valueCount} valores`;

  let started = performance.now();
  const engine = createEngine(plan);
  figures.push({
    name: "motor: compilar el plan (validación incluida)",
    value: performance.now() - started,
    unit: "ms",
    detail: workloadText,
  });

  const loadTimes: number[] = [];
  const recomputeTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    started = performance.now();
    engine.setActuals(actuals);
    loadTimes.push(performance.now() - started);
    started = performance.now();
    engine.recompute();
    recomputeTimes.push(performance.now() - started);
  }
  const rate = (ms: number) => valueCount / (ms / 1000);
  figures.push(
    {
      name: "motor: recálculo completo, mejor",
      value: rate(Math.min(...recomputeTimes)),
      unit: "valores/s",
      detail: `${Math.min(...recomputeTimes).toFixed(1)} ms; ${runs} corridas; avances ya cargados`,
    },
    {
      name: "motor: recálculo completo, mediana",
      value: rate(median(recomputeTimes)),
      unit: "valores/s",
      detail: `${median(recomputeTimes).toFixed(1)} ms`,
    },
    {
      name: "motor: setActuals (cargar 1,6 M filas + recálculo), mejor",
      value: rate(Math.min(...loadTimes)),
      unit: "valores/s",
      detail: `${Math.min(...loadTimes).toFixed(1)} ms`,
    },
    {
      name: "motor: setActuals (cargar 1,6 M filas + recálculo), mediana",
      value: rate(median(loadTimes)),
      unit: "valores/s",
      detail: `${median(loadTimes).toFixed(1)} ms`,
    },
  );

  const codes = plan.objectives.flatMap((objective) =>
    objective.indicators.map((item) => item.code),
  );
  const random = createRandom(42);
  // Period strings made once, so the timed loop allocates nothing itself.
  const planTarget = { level: "plan" } as const;
  const periods = plan.years.map((year) => [1, 2, 3, 4].map((quarter) => `${year}-Q${quarter}`));
  const change = () => {
    const code = codes[Math.floor(random() * codes.length)] ?? "";
    const y = Math.floor(random() * plan.years.length);
    // The workload is quarterly: every change keeps the indicator-year quarterly.
    const period = periods[y]?.[Math.floor(random() * 4)] ?? "";
    engine.updateValue(code, period, Math.round(random() * 10_000) / 100);
    return plan.years[y] ?? 0;
  };
  for (let index = 0; index < warmup; index++) change();
  const times = new Float64Array(changes);
  let sink = 0;
  for (let index = 0; index < changes; index++) {
    started = performance.now();
    const year = change();
    // Reading the plan's compliance proves the path was recomputed.
    sink += engine.complianceOf(planTarget, year) ?? 0;
    times[index] = performance.now() - started;
  }
  times.sort();
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  const detail = `${changes} cambios aleatorios de un valor trimestral (tras ${warmup} de calentamiento), incluye leer el cumplimiento del plan en ese año; control ${sink.toFixed(3)}`;
  figures.push(
    { name: "motor: incremental, media", value: mean, unit: "ms", detail },
    { name: "motor: incremental, p99", value: percentile(times, 0.99), unit: "ms" },
    { name: "motor: incremental, máximo", value: times[times.length - 1] ?? 0, unit: "ms" },
  );
  // Materialising the whole result last: its garbage must not land in the incremental timings.
  started = performance.now();
  const result = engine.result();
  figures.push({
    name: "motor: result() (materializar rumbo.result/v1)",
    value: performance.now() - started,
    unit: "ms",
    detail: `${result.indicators.length} indicadores`,
  });

  return figures;
}
