import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.ts";
import { openDatabase } from "../db/open-database.ts";
import { listPlans } from "../plans/plans-repository.ts";
import { captureIo } from "../testing/capture-io.ts";
import { fillDatabase } from "../testing/fill-every-table.ts";

const dir = mkdtempSync(join(tmpdir(), "rumbo-backup-cli-"));
const office = { RUMBO_DATA_DIR: join(dir, "oficina"), DATABASE_URL: "" };
const drill = { RUMBO_DATA_DIR: join(dir, "simulacro"), DATABASE_URL: "" };
const file = join(dir, "rumbo-2026-12-07.backup.gz");

async function rumbo(env: Record<string, string>, ...args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io, env);
  return { code, out: io.out, err: io.err };
}

async function planCodes(dataDir: string): Promise<string[]> {
  const handle = await openDatabase({ engine: "pglite", dataDir });
  try {
    return (await listPlans(handle.db)).map((p) => p.code);
  } finally {
    await handle.close();
  }
}

describe("rumbo backup | restore con la base embebida", () => {
  beforeAll(async () => {
    const handle = await openDatabase({ engine: "pglite", dataDir: office.RUMBO_DATA_DIR });
    try {
      await fillDatabase(handle.db);
    } finally {
      await handle.close();
    }
  });

  it("backup escribe la copia, legible solo por su dueño, y restore la carga en otro directorio", async () => {
    const backup = await rumbo(office, "backup", "--out", file);
    expect(backup.err).toBe("");
    expect(backup.out).toMatch(
      new RegExp(
        `^Copia de PGlite en ${office.RUMBO_DATA_DIR} escrita en ${file}: \\d+ tablas, \\d+ filas, esquema 0\\d{3}_\\w+\\.\\n$`,
      ),
    );
    expect(backup.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restore = await rumbo(drill, "restore", file);
    expect(restore.err).toBe("");
    expect(restore.out).toMatch(`restaurada en PGlite en ${drill.RUMBO_DATA_DIR}: `);
    expect(restore.code).toBe(0);
    expect(await planCodes(drill.RUMBO_DATA_DIR)).toEqual(["PES-GP-2024-2027", "PA-2025"]);
  });

  it("restore sobre una base con datos se niega sin --replace y no cambia nada", async () => {
    const again = await rumbo(drill, "restore", file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^rumbo: no se restauró .*: la base de datos de destino no está vacía: .*\. Use --replace para reemplazar todo su contenido por el de la copia\. No se cambió nada\.\n$/,
    );
    expect((await rumbo(drill, "restore", file, "--replace")).code).toBe(0);
  });

  it("una copia dañada se rechaza con estado 2 antes de abrir la base", async () => {
    const broken = join(dir, "dañada.gz");
    writeFileSync(broken, readFileSync(file).subarray(0, 200));
    const result = await rumbo(drill, "restore", broken);
    expect(result).toEqual({
      code: 2,
      out: "",
      err: `rumbo: no se restauró ${broken}: el archivo está incompleto (cortado). No se cambió nada.\n`,
    });
    expect(await planCodes(drill.RUMBO_DATA_DIR)).toEqual(["PES-GP-2024-2027", "PA-2025"]);
  });

  it("con el servidor usando la base embebida, backup lo dice y no escribe nada", async () => {
    const server = await openDatabase({ engine: "pglite", dataDir: office.RUMBO_DATA_DIR });
    try {
      const other = join(dir, "con-servidor.gz");
      const result = await rumbo(office, "backup", "--out", other);
      expect(result.code).toBe(1);
      expect(result.err).toBe(
        `rumbo: no se puede copiar la base embebida de ${office.RUMBO_DATA_DIR} mientras el servidor de Rumbo la usa (pid ${process.pid}). Detenga el servidor, repita la orden y vuelva a iniciarlo; con PostgreSQL (DATABASE_URL) la copia se hace con el servidor en marcha.\n`,
      );
      expect(() => statSync(other)).toThrow();
    } finally {
      await server.close();
    }
  });

  it("sin --out, backup explica su uso", async () => {
    expect(await rumbo(office, "backup")).toEqual({
      code: 2,
      out: "",
      err: "rumbo: backup necesita --out ARCHIVO y nada más.\nUso: rumbo backup --out ARCHIVO\n",
    });
  });
});
