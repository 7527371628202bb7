import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  acquireDataDirLock,
  DataDirLockedError,
  LOCK_FILE,
  processStartOf,
} from "./data-dir-lock.ts";
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
  it("un segundo dueño en el mismo directorio recibe un error claro con el directorio y el pid", async () => {
    const dir = tempDir();
    const lock = await acquireDataDirLock(dir);
    let error: unknown;
    try {
      await acquireDataDirLock(dir);
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

  it("recupera el candado abandonado por un proceso que murió", async () => {
    const dir = tempDir();
    const stale = deadPid();
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: stale, host: hostname(), startedAt: "2025-01-01" }),
    );
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("un candado con nuestro propio pid pero de otro arranque (pid 1 en un contenedor reiniciado) se recupera", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        startedAt: "2025-01-01T00:00:00.000Z",
        processStart: "1",
        token: "el-proceso-anterior",
      }),
    );
    const lock = await acquireDataDirLock(dir);
    const held = JSON.parse(readFileSync(lock.path, "utf8"));
    expect(held.pid).toBe(process.pid);
    expect(held.token).not.toBe("el-proceso-anterior");
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("un candado con el pid de un proceso vivo que no es su dueño (arrancó en otro momento) se recupera", async () => {
    const dir = tempDir();
    const unrelated = spawn("sleep", ["60"]);
    try {
      const pid = unrelated.pid ?? -1;
      expect(processStartOf(pid)).not.toBeNull();
      writeFileSync(
        join(dir, LOCK_FILE),
        JSON.stringify({ pid, host: hostname(), startedAt: "2025-01-01", processStart: "1" }),
      );
      const lock = await acquireDataDirLock(dir);
      expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
      lock.release();
    } finally {
      unrelated.kill("SIGKILL");
    }
  });

  it("un dueño vivo con el mismo arranque se respeta aunque su candado no tenga socket", async () => {
    const dir = tempDir();
    const holder = spawn("sleep", ["60"]);
    try {
      const pid = holder.pid ?? -1;
      writeFileSync(
        join(dir, LOCK_FILE),
        JSON.stringify({
          pid,
          host: hostname(),
          startedAt: "2025-01-01",
          processStart: processStartOf(pid),
          token: "otro",
        }),
      );
      await expect(acquireDataDirLock(dir)).rejects.toThrow(
        `El directorio de datos ${dir} está en uso por otro proceso de Rumbo (pid ${pid}).`,
      );
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("recupera un candado ilegible (el proceso murió mientras lo escribía)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), "{");
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("liberar no borra el candado de otro dueño", async () => {
    const dir = tempDir();
    const lock = await acquireDataDirLock(dir);
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
  }, 180_000);

  const unshareWorks =
    spawnSync("unshare", ["--pid", "--fork", "--mount-proc", "true"]).status === 0;

  it.skipIf(!unshareWorks)(
    "en un espacio de pids propio (contenedor): tras un kill -9 del pid 1 el siguiente arranque recupera el candado, y dos vivos no comparten el directorio",
    async () => {
      const dir = tempDir();
      // Each run is pid 1 of its own namespace, as a server in a container.
      const holdLock = () => {
        const child = spawn(
          "unshare",
          [
            "--pid",
            "--fork",
            "--kill-child",
            "--mount-proc",
            process.execPath,
            "--import",
            "tsx",
            "-e",
            `
            const { acquireDataDirLock } = await import("./src/db/data-dir-lock.ts");
            try {
              const lock = await acquireDataDirLock(${JSON.stringify(dir)});
              process.stdout.write("listo pid " + process.pid + "\\n");
              process.stdin.resume();
              process.stdin.on("end", () => { lock.release(); process.exit(0); });
            } catch (error) {
              process.stdout.write("negado: " + error.message + "\\n");
              process.exit(3);
            }
            `,
          ],
          { cwd: SERVER_ROOT, stdio: ["pipe", "pipe", "inherit"] },
        );
        const firstLine = new Promise<string>((resolve, reject) => {
          let out = "";
          child.stdout.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes("\n")) resolve(out.trim());
          });
          child.on("exit", (code) => reject(new Error(`terminó con ${code} sin decir nada`)));
        });
        return { child, firstLine };
      };
      const exited = (child: ReturnType<typeof spawn>) =>
        new Promise((resolve) => child.on("exit", resolve));

      const first = holdLock();
      expect(await first.firstLine).toBe("listo pid 1");
      const second = holdLock();
      expect(await second.firstLine).toBe(
        `negado: El directorio de datos ${dir} está en uso por otro proceso de Rumbo (pid 1). Detenga ese proceso o use otro directorio con RUMBO_DATA_DIR.`,
      );

      first.child.kill("SIGKILL");
      await exited(first.child);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).pid).toBe(1);

      const restarted = holdLock();
      expect(await restarted.firstLine).toBe("listo pid 1");
      restarted.child.stdin?.end();
      await exited(restarted.child);
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    },
    30_000,
  );
});
