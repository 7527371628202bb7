import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from "./data-dir-lock.ts";
import { openDatabase } from "./open-database.ts";

const SERVER_ROOT = fileURLToPath(new URL("../..", import.meta.url));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "rumbo-lock-"));
}

/** A pid that surely belongs to no running process: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("candado del directorio de datos de PGlite", () => {
  it("un segundo dueño en el mismo directorio recibe un error claro con el directorio y el pid", () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    let error: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toBe(
      `El directorio de datos ${dir} está en uso por otro proceso de Rumbo (pid ${process.pid}). Detenga ese proceso o use otro directorio con RUMBO_DATA_DIR.`,
    );
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("recupera el candado abandonado por un proceso que murió", () => {
    const dir = tempDir();
    const stale = deadPid();
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: stale, host: hostname(), startedAt: "2025-01-01" }),
    );
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("recupera un candado ilegible (el proceso murió mientras lo escribía)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), "{");
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("liberar no borra el candado de otro dueño", () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    writeFileSync(lock.path, JSON.stringify({ pid: 1, host: hostname(), startedAt: "x" }));
    lock.release();
    expect(existsSync(lock.path)).toBe(true);
  });

  it("dos procesos sobre el mismo directorio: el segundo se niega y no se pierde nada", async () => {
    const dir = tempDir();
    // First process: opens the database, stores a row, and holds it open until its stdin closes.
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `
        const { openDatabase } = await import("./src/db/open-database.ts");
        const { sql } = await import("drizzle-orm");
        const h = await openDatabase({ engine: "pglite", dataDir: ${JSON.stringify(dir)} });
        await h.db.execute(sql\`insert into plans (code, name) values ('P1', 'Plan uno')\`);
        process.stdout.write("listo\\n");
        process.stdin.resume();
        process.stdin.on("end", async () => { await h.close(); process.exit(0); });
        `,
      ],
      { cwd: SERVER_ROOT, stdio: ["pipe", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (d: Buffer) => d.toString().includes("listo") && resolve());
      holder.on("exit", (code) => reject(new Error(`el primer proceso terminó con ${code}`)));
    });

    await expect(openDatabase({ engine: "pglite", dataDir: dir })).rejects.toThrow(
      `El directorio de datos ${dir} está en uso por otro proceso de Rumbo (pid ${holder.pid}).`,
    );

    holder.stdin.end();
    await new Promise((resolve) => holder.on("exit", resolve));
    const reopened = await openDatabase({ engine: "pglite", dataDir: dir });
    const { sql } = await import("drizzle-orm");
    const rows = await reopened.db.execute(sql`select code from plans`);
    expect((rows as { rows: unknown[] }).rows).toEqual([{ code: "P1" }]);
    await reopened.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
