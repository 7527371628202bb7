import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/rumbo-server.js", import.meta.url));

type Running = { child: ChildProcess; url: string; stdout: () => string; stderr: () => string };

/** Starts the server as `npm start` does (without the web build) and waits until it listens. */
function startServer(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, [BIN], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      RUMBO_DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      DATABASE_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (m?.[1]) resolve({ child, url: m[1], stdout: () => out, stderr: () => err });
    });
    child.on("exit", (code) => reject(new Error(`el servidor terminó con ${code}: ${err}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

describe("arranque y parada del servidor sobre la base embebida", () => {
  it("arranca con el plan de demostración, y un segundo servidor en el mismo directorio se niega sin dañar nada", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rumbo-main-"));
    const first = await startServer(dataDir);
    const plans = (await (await fetch(`${first.url}/api/plans`)).json()) as {
      plans: { code: string }[];
    };
    expect(plans.plans.map((p) => p.code)).toEqual(["PES-GP-2024-2027"]);

    // First start: the accounts' passwords are shown once and kept only for the owner.
    expect(first.stdout()).toContain(
      "Cuentas creadas (las contraseñas se muestran solo esta vez):",
    );
    const credentials = join(dataDir, "credenciales-demo.txt");
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    const adminLine = readFileSync(credentials, "utf8")
      .split("\n")
      .find((l) => l.includes("admin@rumbo.local"));
    const adminPassword = adminLine?.trim().split(/\s+/)[2] ?? "";
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@rumbo.local", password: adminPassword }),
    });
    expect(
      ((await login.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword,
    ).toBe(true);

    const second = spawn(process.execPath, [BIN], {
      env: { ...process.env, PORT: "0", RUMBO_DATA_DIR: dataDir, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let secondErr = "";
    second.stderr?.on("data", (d: Buffer) => {
      secondErr += d.toString();
    });
    expect(await exitOf(second)).toBe(1);
    expect(secondErr).toBe(
      `rumbo: El directorio de datos ${dataDir} está en uso por otro proceso de Rumbo (pid ${first.child.pid}). Detenga ese proceso o use otro directorio con RUMBO_DATA_DIR.\n`,
    );

    // The first server kept working through the refusal.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    // SIGTERM: requests finish, the database closes, the lock is released.
    const exited = exitOf(first.child);
    first.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, "rumbo.lock"))).toBe(false);

    // A restart finds the same data and does not load the demo a second time.
    const again = await startServer(dataDir);
    const after = (await (await fetch(`${again.url}/api/plans`)).json()) as { plans: unknown[] };
    expect(after.plans).toHaveLength(1);
    expect(again.stdout()).not.toContain("Cuentas creadas");
    const stopped = exitOf(again.child);
    again.child.kill("SIGINT");
    expect(await stopped).toBe(0);
    // Three starts on a fresh data directory, the first one writing the demo's seguimiento history.
  }, 180_000);

  it("una configuración no válida detiene el arranque nombrando la variable", async () => {
    const child = spawn(process.execPath, [BIN], {
      env: { ...process.env, PORT: "puerto", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    expect(await exitOf(child)).toBe(1);
    expect(err).toBe(
      'rumbo: Configuración no válida:\n  - PORT="puerto": debe ser un número de puerto\n',
    );
  });
});
