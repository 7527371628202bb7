/**
 * The matriz de formulación on a 5,000-indicator plan (packages/core/src/testing/workload.ts plus
 * a full ficha técnica, packages/server/src/files/matrix-sample-plan.ts):
 * export and import of the .xlsx workbook and of the flat .csv, each the
 * median of a few runs, checking that every import gives the same plan back.
 */
import { isDeepStrictEqual } from "node:util";
import { sampleMatrixPlan } from "../packages/server/src/files/matrix-sample-plan.ts";
import { readPlanCsv, writePlanCsv } from "../packages/server/src/files/plan-csv.ts";
import { readPlanWorkbook, writePlanWorkbook } from "../packages/server/src/files/plan-xlsx.ts";
import { type BenchFigure, median } from "./bench-figure.ts";

export type MatrixBenchOptions = { indicators?: number; runs?: number };

async function timed<T>(
  runs: number,
  work: () => Promise<T> | T,
): Promise<{ ms: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    last = await work();
    times.push(performance.now() - started);
  }
  if (last === undefined) throw new Error("runs debe ser al menos 1");
  return { ms: median(times), last };
}

export async function runMatrixImportBench(
  options: MatrixBenchOptions = {},
): Promise<BenchFigure[]> {
  const indicators = options.indicators ?? 5_000;
  const runs = options.runs ?? 5;
  const plan = sampleMatrixPlan(indicators);
  const detail = `${indicators} indicadores × ${plan.years.length} años, mediana de ${runs}`;
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

  const xlsxOut = await timed(runs, () => writePlanWorkbook(plan));
  const xlsxIn = await timed(runs, () => readPlanWorkbook(xlsxOut.last, "bench.xlsx"));
  if (!xlsxIn.last.ok || !isDeepStrictEqual(xlsxIn.last.plan, plan))
    throw new Error("la matriz .xlsx no devolvió el mismo plan");

  const csvOut = await timed(runs, () => Buffer.from(writePlanCsv(plan), "utf8"));
  const csvIn = await timed(runs, () => readPlanCsv(csvOut.last, "bench.csv"));
  if (!csvIn.last.ok || !isDeepStrictEqual(csvIn.last.plan, plan))
    throw new Error("la matriz .csv no devolvió el mismo plan");

  return [
    {
      name: "matriz: exportar .xlsx",
      value: xlsxOut.ms,
      unit: "ms",
      detail: `${detail}; ${kib(xlsxOut.last.length)}`,
    },
    { name: "matriz: importar .xlsx (validación incluida)", value: xlsxIn.ms, unit: "ms", detail },
    {
      name: "matriz: exportar .csv",
      value: csvOut.ms,
      unit: "ms",
      detail: `${detail}; ${kib(csvOut.last.length)}`,
    },
    { name: "matriz: importar .csv (validación incluida)", value: csvIn.ms, unit: "ms", detail },
  ];
}
