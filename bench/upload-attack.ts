/**
 * Hostile uploads to POST /api/plans/import against a real server (PGlite in
 * its own temporary data directory): a zip-bomb-like workbook, a workbook
 * with hundreds of thousands of problems, CSVs with a giant plan name, and a
 * normal 1,000-indicator workbook as the control. For each upload: the time
 * to answer, the server's RSS growth, the worst /api/health latency while it
 * runs (polled every 50 ms) and the size of the answer.
 *
 *   node --import tsx bench/upload-attack.ts          # port 3302 unless PORT is set
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { sampleMatrixPlan } from "../packages/server/src/files/matrix-sample-plan.ts";
import { writePlanCsv } from "../packages/server/src/files/plan-csv.ts";
import { writePlanWorkbook } from "../packages/server/src/files/plan-xlsx.ts";
import { bombWorkbook } from "../packages/server/src/testing/zip-archive.ts";

const PORT = Number(process.env.PORT ?? 3302);
const BASE = `http://127.0.0.1:${PORT}`;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Upload = { name: string; body: Buffer; contentType: string; fileName: string };

/** The matriz of a one-indicator plan plus `rows` indicator rows whose programación and weights are text. */
async function manyProblemsWorkbook(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await writePlanWorkbook(sampleMatrixPlan(1))).buffer);
  const sheet = workbook.getWorksheet("Indicadores");
  if (!sheet) throw new Error("la matriz no trae la hoja Indicadores");
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const column = (title: string) => header.indexOf(title);
  const wrong = header.flatMap((title, i) =>
    /^(Programación|Ponderación) /.test(title) ? [i] : [],
  );
  for (let r = 0; r < rows; r++) {
    const values: unknown[] = [];
    values[column("Objetivo")] = "1";
    values[column("Código")] = `X${r}`;
    values[column("Nombre")] = "Indicador";
    values[column("Tendencia")] = "Creciente";
    for (const i of wrong) values[i] = "no";
    sheet.addRow(values.slice(1));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The flat CSV of a 3-indicator plan whose plan name (first data row) is `megabytes` MB long. */
function giantNameCsv(megabytes: number): Buffer {
  const csv = writePlanCsv(sampleMatrixPlan(3));
  const lines = csv.split("\r\n");
  const plan = sampleMatrixPlan(3);
  lines[1] = (lines[1] ?? "").replace(plan.name, "N".repeat(megabytes * 1024 * 1024));
  return Buffer.from(lines.join("\r\n"), "utf8");
}

function rssKib(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function startServer(dataDir: string): Promise<ChildProcess> {
  if (
    await fetch(`${BASE}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`el puerto ${PORT} ya está en uso`);
  const server = spawn(process.execPath, ["packages/server/bin/rumbo-server.js"], {
    env: { ...process.env, PORT: String(PORT), RUMBO_DATA_DIR: dataDir, RUMBO_LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("el servidor no arrancó");
}

async function logIn(dataDir: string): Promise<{ cookie: string; csrf: string }> {
  const text = readFileSync(join(dataDir, "credenciales-demo.txt"), "utf8");
  const password = /admin@rumbo\.local\s+(\S+)/.exec(text)?.[1] ?? "";
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@rumbo.local", password }),
  });
  const first = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const changed = await fetch(`${BASE}/api/auth/password`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": first.csrfToken },
    body: JSON.stringify({ currentPassword: password, newPassword: "Banco de pruebas 2026 carga" }),
  });
  const session = (await changed.json()) as { csrfToken: string };
  return {
    cookie: (changed.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    csrf: session.csrfToken,
  };
}

async function measure(upload: Upload) {
  // A fresh server for each upload: an upload that kills the server spoils no other figure.
  const dataDir = mkdtempSync(join(tmpdir(), "rumbo-upload-bench-"));
  const server = await startServer(dataDir);
  try {
    const auth = await logIn(dataDir);
    return await measureOn(server.pid ?? 0, auth, upload);
  } finally {
    server.kill("SIGTERM");
    if (server.exitCode === null) await new Promise((resolve) => server.on("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureOn(pid: number, auth: { cookie: string; csrf: string }, upload: Upload) {
  const rssBefore = rssKib(pid);
  let rssMax = rssBefore;
  let healthMax = 0;
  let healthFailures = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await fetch(`${BASE}/api/health`).then((r) => r.arrayBuffer());
      } catch {
        healthFailures++;
      }
      healthMax = Math.max(healthMax, performance.now() - started);
      try {
        rssMax = Math.max(rssMax, rssKib(pid));
      } catch {
        // The server is gone.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  let status = "";
  let answer = Buffer.alloc(0);
  try {
    const response = await fetch(
      `${BASE}/api/plans/import?dryRun=true&fileName=${encodeURIComponent(upload.fileName)}`,
      {
        method: "POST",
        headers: {
          "content-type": upload.contentType,
          cookie: auth.cookie,
          "x-csrf-token": auth.csrf,
        },
        body: upload.body,
      },
    );
    answer = Buffer.from(await response.arrayBuffer());
    status = String(response.status);
  } catch (error) {
    status = `sin respuesta (${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message})`;
  }
  const ms = performance.now() - started;
  running = false;
  await poll;
  try {
    rssMax = Math.max(rssMax, rssKib(pid));
  } catch {
    status += "; el servidor murió";
  }
  let code = "";
  try {
    code = (JSON.parse(answer.toString("utf8")) as { error?: { code?: string } }).error?.code ?? "";
  } catch {
    code = answer.length === 0 ? "" : "(no JSON)";
  }
  return {
    upload: upload.name,
    tamaño: `${(upload.body.length / 1024 / 1024).toFixed(1)} MB`,
    respuesta: `${status} ${code}`.trim(),
    "tiempo (s)": (ms / 1000).toFixed(1),
    "RSS + (MB)": ((rssMax - rssBefore) / 1024).toFixed(0),
    "RSS máx (MB)": (rssMax / 1024).toFixed(0),
    "salud máx (ms)":
      healthMax.toFixed(0) + (healthFailures > 0 ? ` (${healthFailures} fallos)` : ""),
    "cuerpo respuesta": `${(answer.length / 1024).toFixed(1)} KiB`,
  };
}

process.stdout.write("Generando los archivos…\n");
const uploads: Upload[] = [
  {
    name: "control: matriz válida de 1.000 indicadores",
    body: await writePlanWorkbook(sampleMatrixPlan(1000)),
    contentType: XLSX,
    fileName: "control.xlsx",
  },
  {
    name: "libro que se descomprime a ~320 MB",
    body: bombWorkbook(320),
    contentType: XLSX,
    fileName: "bomba.xlsx",
  },
  {
    name: "libro con 120.000 filas de programación en texto",
    body: await manyProblemsWorkbook(120_000),
    contentType: XLSX,
    fileName: "problemas.xlsx",
  },
  {
    name: "CSV con un nombre de plan de 8 MB",
    body: giantNameCsv(8),
    contentType: "text/csv",
    fileName: "nombre-8mb.csv",
  },
  {
    name: "CSV con un nombre de plan de 20 MB",
    body: giantNameCsv(20),
    contentType: "text/csv",
    fileName: "nombre-20mb.csv",
  },
];

const results = [];
for (const upload of uploads) {
  process.stdout.write(`${upload.name} (${(upload.body.length / 1024 / 1024).toFixed(1)} MB)…\n`);
  const result = await measure(upload);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  results.push(result);
}
console.table(results);
