/**
 * What a user waits for before Rumbo does anything: the compiled CLI and the
 * server's start, each measured as a ratio to a bare Node process in the same
 * run (the machine's load changes both alike), except the start of the server,
 * which has an absolute target.
 *
 * - `rumbo --help` ÷ `node -e ""` (target ≤ 3);
 * - `rumbo compute` on 20,000 indicators × 16 quarters ÷ a Node process that
 *   only JSON.parses the plan and splits the CSV lines (target ≤ 2);
 * - `npm start` on an existing data directory until the first page answers
 *   (target ≤ 1.5 s, and nothing rebuilt).
 */
import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateWorkload } from "../packages/core/src/testing/workload.ts";
import { type BenchFigure, median } from "./bench-figure.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const RUMBO = join(ROOT, "packages/server/bin/rumbo.js");
const ROUNDS = 7;
const ms = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 0 });

type Run = { ms: number; code: number; stderr: string };

/** Runs a command to its end; stdout goes to `stdoutPath` or is dropped. */
function timed(command: string, args: string[], stdoutPath?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const out = stdoutPath === undefined ? "ignore" : openSync(stdoutPath, "w");
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", out, "pipe"] });
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (typeof out === "number") closeSync(out);
      resolve({ ms: performance.now() - started, code: code ?? 1, stderr });
    });
  });
}

/** Alternates the two commands so a change in the machine's load hits both. */
async function compare(
  bare: () => Promise<Run>,
  rumbo: () => Promise<Run>,
): Promise<{ bare: number; rumbo: number }> {
  const bareTimes: number[] = [];
  const rumboTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareTimes.push((await bare()).ms);
    const run = await rumbo();
    if (run.code !== 0)
      throw new Error(`rumbo terminó con ${run.code}: ${run.stderr.slice(0, 2000)}`);
    rumboTimes.push(run.ms);
  }
  return { bare: median(bareTimes), rumbo: median(rumboTimes) };
}

async function helpFigure(): Promise<BenchFigure> {
  const times = await compare(
    () => timed(process.execPath, ["-e", ""]),
    () => timed(process.execPath, [RUMBO, "--help"]),
  );
  return {
    name: 'rumbo --help ÷ node -e ""',
    value: times.rumbo / times.bare,
    unit: "×",
    detail: `meta ≤ 3; medianas de ${ROUNDS}: ${ms.format(times.rumbo)} ms ÷ ${ms.format(times.bare)} ms`,
  };
}

/** The bare process: read and parse both files as a program that does nothing else would. */
const BARE_READ = `const fs = require("node:fs");
const plan = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const lines = fs.readFileSync(process.argv[2], "utf8").split("\\n");
if (plan === null || lines.length === 0) process.exitCode = 1;`;

async function computeFigure(dir: string): Promise<BenchFigure> {
  const workload = generateWorkload({ indicators: 20_000, objectives: 400 });
  const plan = join(dir, "plan.json");
  const actuals = join(dir, "avances.csv");
  writeFileSync(plan, JSON.stringify(workload.plan));
  const lines = ["indicator,period,value"];
  for (const row of workload.actuals) lines.push(`${row.indicator},${row.period},${row.value}`);
  writeFileSync(actuals, `${lines.join("\n")}\n`);
  const out = join(dir, "resultado.json");
  const times = await compare(
    () => timed(process.execPath, ["-e", BARE_READ, plan, actuals]),
    () => timed(process.execPath, [RUMBO, "compute", "--plan", plan, "--actuals", actuals], out),
  );
  return {
    name: "rumbo compute (20.000 indicadores × 16 trimestres) ÷ node que solo lee",
    value: times.rumbo / times.bare,
    unit: "×",
    detail: `meta ≤ 2; medianas de ${ROUNDS}: ${ms.format(times.rumbo)} ms ÷ ${ms.format(times.bare)} ms (JSON.parse del plan y split de las ${ms.format(workload.valueCount)} filas)`,
  };
}

/**
 * The same command on the 18-indicator seed plan: what loading the compiled CLI
 * and the engine costs, with next to no data.
 */
async function smallComputeFigure(dir: string): Promise<BenchFigure> {
  const plan = join(dir, "plan-semilla.json");
  const seed = join(ROOT, "seeds/plan-estrategico-sectorial-gestion-publica-2024-2027.txt");
  const imported = await timed(
    process.execPath,
    [RUMBO, "plan", "import-seed", seed, "--json"],
    plan,
  );
  if (imported.code !== 0) throw new Error(`import-seed terminó con ${imported.code}`);
  const actuals = join(ROOT, "seeds/avances-2024-ejemplo.csv");
  const times = await compare(
    () => timed(process.execPath, ["-e", ""]),
    () => timed(process.execPath, [RUMBO, "compute", "--plan", plan, "--actuals", actuals]),
  );
  return {
    name: 'rumbo compute (plan semilla, 18 indicadores) ÷ node -e ""',
    value: times.rumbo / times.bare,
    unit: "×",
    detail: `sin meta: lo que cuesta cargar la CLI y el motor; medianas de ${ROUNDS}: ${ms.format(times.rumbo)} ms ÷ ${ms.format(times.bare)} ms`,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * CPU time (user + system) the processes of a group have used so far, from
 * /proc (Linux; 0 elsewhere). On a busy machine the wall time to the first
 * page grows with the load of others; the CPU time does not, and on an idle
 * machine the start (one thread doing one thing after another) takes about as
 * long as the CPU time it uses.
 */
function groupCpuMs(group: number): number {
  let ticks = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group) continue;
      // utime, stime, and the same for children already waited for (npm's shell).
      for (const index of [11, 12, 13, 14]) ticks += Number(fields[index] ?? 0);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** `npm start` until GET / answers; then SIGTERM to its process group. */
async function startOnce(dataDir: string, port: number): Promise<Run & { cpuMs: number }> {
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      RUMBO_DATA_DIR: dataDir,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
    },
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  let answered = false;
  let elapsed = 0;
  while (!answered && child.exitCode === null) {
    answered = await fetch(`http://127.0.0.1:${port}/`).then(
      (response) => response.ok,
      () => false,
    );
    elapsed = performance.now() - started;
    if (!answered) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const cpuMs = child.pid === undefined ? 0 : groupCpuMs(child.pid);
  if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
  const code = await exited;
  if (!answered) throw new Error(`npm start terminó con ${code}: ${stderr.slice(0, 2000)}`);
  return { ms: elapsed, code: 0, stderr, cpuMs };
}

async function startFigures(dir: string): Promise<BenchFigure[]> {
  // Everything built and a data directory with the demo plan, as after a first `npm start`.
  spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, stdio: "inherit" });
  const dataDir = join(dir, "data");
  const port = await freePort();
  await startOnce(dataDir, port);
  const times: number[] = [];
  const cpu: number[] = [];
  let rebuilt = false;
  for (let round = 0; round < 3; round++) {
    const run = await startOnce(dataDir, port);
    times.push(run.ms);
    cpu.push(run.cpuMs);
    rebuilt ||= run.stderr.includes("compilando");
  }
  const bare = (await timed(process.execPath, ["-e", ""])).ms;
  return [
    {
      name: "npm start con datos hasta la primera página",
      value: median(times),
      unit: "ms",
      detail: `meta ≤ 1.500 ms; mediana de 3 (${times.map((t) => ms.format(t)).join(", ")} ms); ${rebuilt ? "RECOMPILÓ" : "sin recompilar"}; node -e "" tarda ${ms.format(bare)} ms`,
    },
    {
      name: "npm start con datos hasta la primera página, tiempo de CPU",
      value: median(cpu),
      unit: "ms",
      detail:
        "npm, su shell y el servidor (usuario + sistema, /proc): no crece con la carga de otros",
    },
  ];
}

/** The parts of this benchmark; `npm run bench -- startup:compute` runs one. */
export const STARTUP_PARTS = ["help", "seed", "compute", "start"] as const;
export type StartupPart = (typeof STARTUP_PARTS)[number];

export async function runStartupBench(
  parts: ReadonlySet<StartupPart> = new Set(STARTUP_PARTS),
): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), "rumbo-bench-startup-"));
  try {
    const figures: BenchFigure[] = [];
    if (parts.has("help")) figures.push(await helpFigure());
    if (parts.has("seed")) figures.push(await smallComputeFigure(dir));
    if (parts.has("compute")) figures.push(await computeFigure(dir));
    if (parts.has("start")) figures.push(...(await startFigures(dir)));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
