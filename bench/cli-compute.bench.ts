/**
 * `rumbo compute` end to end on the 100,000-indicator workload: writes the
 * plan JSON and the actuals CSV to a temporary folder, runs the command as a
 * process and reports wall time and peak memory (`/usr/bin/time -v` when
 * present, else `process.resourceUsage()` in a wrapper process).
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateWorkload, type Workload } from "../packages/core/src/testing/workload.ts";
import type { BenchFigure } from "./bench-figure.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
// The compiled CLI, as `npx rumbo compute` runs it.
const RUMBO = join(ROOT, "packages/server/bin/rumbo.js");
const WRAPPER = join(ROOT, "bench/cli-rss-wrapper.ts");

export type CliBenchOptions = { workload?: Workload; keepFiles?: boolean };

export async function runCliComputeBench(options: CliBenchOptions = {}): Promise<BenchFigure[]> {
  const workload = options.workload ?? generateWorkload();
  const dir = await mkdtemp(join(tmpdir(), "rumbo-bench-"));
  try {
    const planPath = join(dir, "plan.json");
    const actualsPath = join(dir, "avances.csv");
    const outPath = join(dir, "resultado.json");
    await writeFile(planPath, JSON.stringify(workload.plan));
    const lines = ["indicator,period,value"];
    for (const row of workload.actuals) lines.push(`${row.indicator},${row.period},${row.value}`);
    await writeFile(actualsPath, `${lines.join("\n")}\n`);
    const args = ["compute", "--plan", planPath, "--actuals", actualsPath];
    const useTime = existsSync("/usr/bin/time");
    const command = useTime
      ? ["/usr/bin/time", "-v", process.execPath, RUMBO, ...args]
      : [process.execPath, "--import", "tsx", WRAPPER, ...args];
    const started = performance.now();
    const { code, stderr } = await runTo(command, outPath);
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`rumbo compute terminó con ${code}: ${stderr.slice(0, 2000)}`);
    const peakKb = useTime
      ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN)
      : Number(/maxRSS_KB=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
    const sizes = await Promise.all(
      [planPath, actualsPath, outPath].map(async (path) => (await stat(path)).size),
    );
    const [planBytes = 0, actualsBytes = 0, outBytes = 0] = sizes;
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    return [
      {
        name: "rumbo compute de punta a punta (100.000 indicadores), tiempo",
        value: wallMs,
        unit: "ms",
        detail: `plan ${mb(planBytes)} MB, avances ${mb(actualsBytes)} MB (${workload.valueCount} filas), salida ${mb(outBytes)} MB; incluye arrancar node y cargar la CLI compilada`,
      },
      {
        name: "rumbo compute de punta a punta, memoria pico (RSS)",
        value: peakKb / 1024,
        unit: "MB",
        detail: useTime ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS",
      },
    ];
  } finally {
    if (options.keepFiles !== true) await rm(dir, { recursive: true, force: true });
  }
}

function runTo(command: string[], outPath: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const out = openSync(outPath, "w");
    const [file = "", ...args] = command;
    const child = spawn(file, args, { cwd: ROOT, stdio: ["ignore", out, "pipe"] });
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      closeSync(out);
      resolve({ code: code ?? 1, stderr });
    });
  });
}
