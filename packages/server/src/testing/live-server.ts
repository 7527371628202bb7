/**
 * Rumbo as it runs in production, for the tests and benchmarks that attack
 * it from outside: the compiled server (packages/server/dist, what `npm start`
 * runs) in a process of its own, on a PGlite data directory or a PostgreSQL
 * database of its own, reached over real HTTP. The process can be killed with
 * SIGKILL and started again on the same data; its memory and CPU are read
 * from /proc.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cortePeriodEnd, parsePeriod } from "@rumbo/core";
import { type DatabaseHandle, openDatabase } from "../db/open-database.ts";
import { cortes } from "../db/schema.ts";
import { adminQuery, TEST_PG_URL } from "./test-databases.ts";

export const SERVER_ENTRY = fileURLToPath(new URL("../../dist/server.js", import.meta.url));

/** A database a live server runs on: the environment that points the server at it. */
export type LiveDatabase = {
  engine: "pglite" | "postgres";
  env: Record<string, string>;
  /** Opens it in this process (the server must be stopped for PGlite). */
  open: () => Promise<DatabaseHandle>;
  /** Removes it (data directory or database). */
  drop: () => Promise<void>;
};

export function livePglite(): LiveDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), "rumbo-live-"));
  return {
    engine: "pglite",
    env: { RUMBO_DATA_DIR: dataDir, DATABASE_URL: "" },
    open: () => openDatabase({ engine: "pglite", dataDir }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A fresh, empty PostgreSQL database on the test server (`prefix` keeps helpers apart). */
export async function livePostgres(prefix = "rumbo_live"): Promise<LiveDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    engine: "postgres",
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ engine: "postgres", url: url.toString() }),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export type LiveServer = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** The last 64 kB of the log and stderr. */
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resident memory (bytes) and CPU time used so far (user + system, ms), from /proc. */
  usage: () => { rssBytes: number; cpuMs: number } | null;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("sin puerto libre");
  return address.port;
}

const CLOCK_TICKS_PER_S = 100;
const PAGE_BYTES = 4096;

function usageOf(pid: number): { rssBytes: number; cpuMs: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 (utime), 15 (stime) and 24 (rss, in pages), counted from the 3rd at index 0.
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    return {
      rssBytes: Number(fields[21]) * PAGE_BYTES,
      cpuMs: (cpuTicks * 1000) / CLOCK_TICKS_PER_S,
    };
  } catch {
    return null;
  }
}

/**
 * Starts the compiled server on `database` and waits until /api/ready answers
 * 200. RUMBO_DEMO=false: the tests bring their own plan and accounts.
 */
export async function startLiveServer(
  database: LiveDatabase,
  extraEnv: Record<string, string> = {},
): Promise<LiveServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("./run-compiled-server.mjs", import.meta.url))],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        RUMBO_DEMO: "false",
        ...database.env,
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // The log (pino writes to stdout) and stderr together, the last 64 kB.
  let stderr = "";
  const keep = (chunk: string) => {
    stderr = (stderr + chunk).slice(-65_536);
  };
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", keep);
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (gone) throw new Error(`el servidor terminó al arrancar: ${stderr.slice(0, 2000)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`el servidor no estuvo listo en 120 s: ${stderr.slice(0, 2000)}`);
    }
    try {
      const res = await fetch(`${url}/api/ready`);
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid ?? -1;
  return { url, pid, child, stderr: () => stderr, exited, usage: () => usageOf(pid) };
}

/** SIGTERM and wait for the graceful stop (SIGKILL after 30 s). */
export async function stopLiveServer(server: LiveServer): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 30_000);
  try {
    return await server.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** SIGKILL: no shutdown hook runs, the lock file and half-done transactions stay behind. */
export async function killLiveServer(server: LiveServer): Promise<void> {
  server.child.kill("SIGKILL");
  await server.exited;
}

/**
 * A corte open for reporting (opened, never closed) for every period end the
 * plan's vigencias can name: months and quarters fall in the corte of their
 * quarter, a year in its fourth quarter's.
 */
export async function openEveryCorte(
  database: DatabaseHandle,
  planId: number,
  years: readonly number[],
): Promise<void> {
  const ends = new Set<string>();
  for (const year of years) {
    for (let q = 1; q <= 4; q++) {
      const period = parsePeriod(`${year}-Q${q}`);
      if (period) ends.add(cortePeriodEnd(period));
    }
  }
  await database.db.insert(cortes).values(
    [...ends].map((periodEnd) => ({
      planId,
      periodEnd,
      opensOn: "2024-01-01",
      dueOn: "2099-12-31",
      closesOn: "2099-12-31",
    })),
  );
}

/** Headers of a write by a session (cookie and CSRF token), as a browser sends them. */
export type Login = { headers: Record<string, string> };

/** One JSON request; answers status, body (parsed when JSON) and ETag. */
export async function call(
  base: string,
  method: string,
  path: string,
  who: Login | null,
  options: { json?: unknown; body?: string | Buffer; contentType?: string; ifMatch?: string } = {},
): Promise<{ status: number; body: unknown; etag: string | null }> {
  const headers: Record<string, string> = { ...(who?.headers ?? {}) };
  let body: string | Buffer | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers["content-type"] = options.contentType ?? "application/octet-stream";
    body = options.body;
  }
  if (options.ifMatch) headers["if-match"] = options.ifMatch;
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json")) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed, etag: res.headers.get("etag") };
}
