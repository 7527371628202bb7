import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { planSchema } from "@rumbo/core";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../db/open-database.ts";
import { listPlans } from "../plans/plans-repository.ts";
import { SEED_PATH } from "../testing/seed-plan.ts";

const BIN = fileURLToPath(new URL("../../bin/rumbo.js", import.meta.url));
const run = promisify(execFile);

async function rumbo(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("rumbo plan import-seed", () => {
  it("--json imprime un rumbo.plan/v1 válido y las advertencias en stderr con su línea", async () => {
    const r = await rumbo(["plan", "import-seed", SEED_PATH, "--json"]);
    expect(r.code).toBe(0);
    const plan = planSchema.parse(JSON.parse(r.stdout));
    expect(plan.objectives).toHaveLength(8);
    expect(plan.objectives.flatMap((o) => o.indicators)).toHaveLength(18);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(9);
    expect(lines).toContain(
      `${SEED_PATH}:154: advertencia: Meta 2153: el texto de la meta dice 50 pero la programación del cuatrienio (suma) es 64.`,
    );
  });

  it("un documento mal formado sale con estado 2, errores con línea y nada en stdout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rumbo-cli-"));
    const broken = join(dir, "plan.txt");
    writeFileSync(
      broken,
      readFileSync(SEED_PATH, "utf8").replace("\tSuma\t50%\t20,00", "\tSuma\t50%\tveinte"),
    );
    const r = await rumbo(["plan", "import-seed", broken, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      `${broken}:154: error: Columna «Programación 2024»: «veinte» no es un número (se espera p. ej. 46,00 o 15%).`,
    );
    expect(r.stderr.trim().split("\n").at(-1)).toBe(`rumbo: ${broken} no se importó (1 error).`);
  });

  it("un archivo inexistente o sin argumentos da un error claro con estado 2", async () => {
    expect(await rumbo(["plan", "import-seed", "/no/existe.txt"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "rumbo: no se pudo leer /no/existe.txt: el archivo no existe\n",
    });
    const none = await rumbo(["plan", "import-seed"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "rumbo: indique un único archivo a importar.\nUso: rumbo plan import-seed ARCHIVO [--json] [--db]\n",
    );
  });

  it("--db guarda el plan en la base embebida; repetirlo no cambia nada", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rumbo-cli-db-"));
    const first = await rumbo(["plan", "import-seed", SEED_PATH, "--db"], {
      RUMBO_DATA_DIR: dataDir,
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      "PES-GP-2024-2027: Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública\n8 objetivos, 18 indicadores, vigencias 2024, 2025, 2026, 2027; 9 advertencias.\n",
    );
    const again = await rumbo(["plan", "import-seed", SEED_PATH, "--db"], {
      RUMBO_DATA_DIR: dataDir,
    });
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split("\n").at(-1)).toBe(
      "rumbo: Ya existe un plan con el código PES-GP-2024-2027. No se modificó nada.",
    );
    const handle = await openDatabase({ engine: "pglite", dataDir });
    const plans = await listPlans(handle.db);
    await handle.close();
    expect(plans.map((p) => [p.code, p.indicatorCount])).toEqual([["PES-GP-2024-2027", 18]]);
  });

  it("un comando desconocido muestra la ayuda con estado 2", async () => {
    const r = await rumbo(["planear"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rumbo: comando desconocido «planear»\.\n\nRumbo — formulación/);
  });
});
