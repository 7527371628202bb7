import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listActuals } from "../actuals/actuals-repository.ts";
import { runCli } from "../cli.ts";
import { openDatabase } from "../db/open-database.ts";
import { findPlanIdByCode } from "../plans/plans-repository.ts";
import { captureIo } from "../testing/capture-io.ts";
import { SEED_PATH } from "../testing/seed-plan.ts";

describe("rumbo actuals import", () => {
  it("carga los avances de un plan guardado, todo o nada, y --dry-run no guarda", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rumbo-actuals-"));
    const env = { RUMBO_DATA_DIR: join(dir, "data") };
    expect(await runCli(["plan", "import-seed", SEED_PATH, "--db"], captureIo(), env)).toBe(0);

    const good = join(dir, "avances.csv");
    writeFileSync(
      good,
      "indicator;period;value\n2307;2024;44\n77;2024;70,5\n3980;2024-Q1;0\n3980;2024-Q2;1\n",
    );
    const dry = captureIo();
    expect(
      await runCli(["actuals", "import", "PES-GP-2024-2027", good, "--dry-run"], dry, env),
    ).toBe(0);
    expect(dry.out).toBe(
      `${good}: 4 valores válidos para el plan PES-GP-2024-2027 (prueba: no se guardó nada).\n`,
    );

    const bad = join(dir, "malo.csv");
    writeFileSync(
      bad,
      "indicator,period,value\n2307,2024,44\n9999,2024,1\n2307,2024,45\n77,2031,70\n",
    );
    const rejected = captureIo();
    expect(await runCli(["actuals", "import", "PES-GP-2024-2027", bad], rejected, env)).toBe(2);
    const lines = rejected.err.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).every((l) => l.startsWith(`${bad}: línea `))).toBe(true);
    expect(lines[3]).toBe(`rumbo: ${bad} no se cargó (3 problemas); no se modificó nada.`);

    const loaded = captureIo();
    expect(await runCli(["actuals", "import", "PES-GP-2024-2027", good], loaded, env)).toBe(0);
    expect(loaded.out).toBe(
      `${good}: 4 valores cargados en el plan PES-GP-2024-2027; reemplazan los anteriores.\n`,
    );

    const handle = await openDatabase({ engine: "pglite", dataDir: env.RUMBO_DATA_DIR });
    const planId = await findPlanIdByCode(handle.db, "PES-GP-2024-2027");
    const stored = planId === null ? [] : await listActuals(handle.db, planId);
    await handle.close();
    expect(stored).toEqual([
      { indicator: "2307", period: "2024", value: 44 },
      { indicator: "77", period: "2024", value: 70.5 },
      { indicator: "3980", period: "2024-Q1", value: 0 },
      { indicator: "3980", period: "2024-Q2", value: 1 },
    ]);
  });

  it("un plan que no existe se nombra en el error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rumbo-actuals-"));
    const file = join(dir, "a.csv");
    writeFileSync(file, "indicator,period,value\n");
    const io = captureIo();
    expect(
      await runCli(["actuals", "import", "NO-EXISTE", file], io, {
        RUMBO_DATA_DIR: join(dir, "d"),
      }),
    ).toBe(2);
    expect(io.err).toBe(
      `rumbo: no existe un plan con el código NO-EXISTE en PGlite en ${join(dir, "d")}.\n`,
    );
  });
});
