import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SEED_ACTUALS_2024_CSV, SEED_PLAN } from "@rumbo/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "./cli-io.ts";
import { computeCommand, explainCommand } from "./compute-command.ts";

const MAIN = fileURLToPath(new URL("./compute-main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

type Run = { code: number; stdout: string; stderr: string };

/** Runs the command as a real process, as a planner would (node --import tsx …). */
function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs a command in this process with an in-memory CliIo. */
async function runInProcess(command: typeof computeCommand, args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readFile: (path) => readFile(path, "utf8"),
  };
  const code = await command(args, io);
  return { code, stdout, stderr };
}

let dir = "";
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rumbo-compute-"));
  await writeFile(file("plan.json"), JSON.stringify(SEED_PLAN, null, 2));
  await writeFile(file("avances-2024.csv"), SEED_ACTUALS_2024_CSV);
  const broken = JSON.parse(JSON.stringify(SEED_PLAN));
  broken.objectives[2].indicators[0].trend = "sube";
  broken.objectives[5].indicators[4].weight = -1;
  await writeFile(file("plan-roto.json"), JSON.stringify(broken, null, 2));
  await writeFile(
    file("avances-rotos.csv"),
    [
      "indicator,period,value",
      "2307,2024,44",
      "9999,2024,1",
      "2307,2024-Q5,1",
      "3980,2024-Q1,1",
      "3980,2024,2",
      "77,2024,7e1",
      "2307,2031,5",
    ].join("\n"),
  );
  const gapped = JSON.parse(JSON.stringify(SEED_PLAN));
  gapped.years = [2024, 2026, 2027];
  gapped.objectives[0].indicators[0].weight = -3;
  await writeFile(file("plan-con-hueco.json"), JSON.stringify(gapped, null, 2));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("rumbo compute (proceso real)", () => {
  it("imprime rumbo.result/v1 del plan semilla con avances en coma decimal y corte 2024-12-31", async () => {
    const result = await run([
      "compute",
      "--plan",
      file("plan.json"),
      "--actuals",
      file("avances-2024.csv"),
      "--as-of",
      "2024-12-31",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.format).toBe("rumbo.result/v1");
    expect(json.asOf).toBe("2024-12-31");
    expect(json.plan.years["2024"].compliance).toBe(0.8423023875990027);
    expect(json.plan.years["2025"].status).toBe("pendiente");
    expect(json.objectives[2].years["2024"].contributions).toEqual([
      { code: "2320", weight: 1, compliance: 0.95, contribution: 0.95 },
    ]);
    expect(json.indicators).toHaveLength(18);
  });

  it("sin --actuals todo está sin reporte y el plan muestra 0 y rojo", async () => {
    const result = await run(["compute", "--plan", file("plan.json")]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.indicators[0].years["2024"]).toMatchObject({
      status: "sin_reporte",
      compliance: 0,
      semaforo: "rojo",
    });
    expect(json.plan.years["2024"]).toMatchObject({ status: "rojo", compliance: 0 });
  });

  it("--missing exclude y --cap none", async () => {
    const result = await run([
      "compute",
      "--plan",
      file("plan.json"),
      "--actuals",
      file("avances-2024.csv"),
      "--missing",
      "exclude",
      "--cap",
      "none",
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    const prototypes = json.indicators.find((item: { code: string }) => item.code === "4248");
    expect(prototypes.years["2024"]).toMatchObject({ compliance: 2, raw: 2, overExecution: true });
    expect(json.objectives[7].years["2024"]).toMatchObject({
      status: "np",
      compliance: null,
      contributions: [],
    });
    expect(json.objectives[0].years["2025"]).toMatchObject({ status: "np" });
  });

  it("entrada mala: estado 2, stdout vacío y una línea por problema de cada archivo", async () => {
    const result = await run([
      "compute",
      "--plan",
      file("plan-roto.json"),
      "--actuals",
      file("avances-rotos.csv"),
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n").filter(Boolean)).toEqual([
      `${file("plan-roto.json")}: objectives[2].indicators[0].trend: tendencia desconocida "sube" (se espera suma, creciente, constante, decreciente, en minúsculas)`,
      `${file("plan-roto.json")}: objectives[5].indicators[4].weight: el peso no puede ser negativo (-1)`,
      // The plan's bad weight does not hide the rows checked against its years and codes.
      `${file("avances-rotos.csv")}: línea 3: indicador desconocido "9999": no está en el plan`,
      `${file("avances-rotos.csv")}: línea 4: periodo mal formado "2024-Q5" (se espera AAAA, AAAA-Qn o AAAA-MM)`,
      `${file("avances-rotos.csv")}: línea 6: el indicador 3980 mezcla periodos en 2024: 2024 es anual y la línea 5 es trimestral`,
      `${file("avances-rotos.csv")}: línea 7: valor mal formado "7e1" (se espera un número con punto decimal, sin separador de miles ni exponente)`,
      `${file("avances-rotos.csv")}: línea 8: el periodo 2031 está fuera de los años del plan (2024–2027)`,
    ]);
  });

  it("años no consecutivos y un peso negativo: se reportan los dos", async () => {
    const result = await run(["compute", "--plan", file("plan-con-hueco.json")]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n").filter(Boolean)).toEqual([
      `${file("plan-con-hueco.json")}: years: los años deben ser consecutivos y ascendentes: 2024 va seguido de 2026`,
      `${file("plan-con-hueco.json")}: objectives[0].indicators[0].weight: el peso no puede ser negativo (-3)`,
    ]);
  });

  it("opciones mal dadas: estado 2 con cada opción nombrada", async () => {
    const result = await run([
      "compute",
      "--plan",
      file("plan.json"),
      "--as-of",
      "31/12/2024",
      "--missing",
      "cero",
      "--cap",
      "no",
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        '--as-of: fecha de corte inválida "31/12/2024" (se espera AAAA-MM-DD, una fecha real)',
        '--missing: valor desconocido "cero" (se espera zero o exclude)',
        '--cap: valor inválido "no" (se espera none o un número decimal mayor que 0, p. ej. 1.25)',
        "",
      ].join("\n"),
    );
  });

  it("explain del objetivo 3 en 2024", async () => {
    const result = await run([
      "explain",
      "--plan",
      file("plan.json"),
      "--actuals",
      file("avances-2024.csv"),
      "--objective",
      "3",
      "--year",
      "2024",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Contribuciones (participación = peso / 50,00):");
    expect(result.stdout).toContain(
      "  - 78 Índice de Gobierno Digital: no programado (NP): no pesa",
    );
  });

  it("explain con un año que no es del plan: estado 2", async () => {
    const result = await run(["explain", "--plan", file("plan.json"), "--year", "2030"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: '--year: año "2030" no es una vigencia del plan (2024, 2025, 2026, 2027)\n',
    });
  });
});

describe("rumbo compute y explain (en proceso)", () => {
  it("falta --plan", async () => {
    expect(await runInProcess(computeCommand, [])).toEqual({
      code: 2,
      stdout: "",
      stderr: "--plan: falta el archivo del plan (--plan PLAN.json)\n",
    });
  });

  it("una opción desconocida", async () => {
    const result = await runInProcess(computeCommand, [
      "--plan",
      file("plan.json"),
      "--corte",
      "2024-12-31",
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^rumbo compute: argumentos no válidos: .*--corte/);
  });

  it("un archivo que no existe", async () => {
    const result = await runInProcess(computeCommand, ["--plan", file("no-existe.json")]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `${file("no-existe.json")}: no se pudo leer el archivo (ENOENT)\n`,
    });
  });

  it("la salida en proceso es la misma que JSON.stringify con sangría de 2", async () => {
    const result = await runInProcess(computeCommand, [
      "--plan",
      file("plan.json"),
      "--actuals",
      file("avances-2024.csv"),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify(JSON.parse(result.stdout), null, 2)}\n`);
  });

  it("explain del indicador 4075 en el cuatrienio", async () => {
    const result = await runInProcess(explainCommand, [
      "--plan",
      file("plan.json"),
      "--actuals",
      file("avances-2024.csv"),
      "--as-of",
      "2024-12-31",
      "--indicator",
      "4075",
      "--period",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Total del cuatrienio: 64,00");
  });

  it("explain del plan (--plan-total) en 2024", async () => {
    const result = await runInProcess(explainCommand, [
      "--plan",
      file("plan.json"),
      "--actuals",
      file("avances-2024.csv"),
      "--plan-total",
      "--year",
      "2024",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "Plan PES-GP-2024-2027 — Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública",
    );
  });

  it("explain con objetivo e indicador a la vez, sin año, y un objetivo desconocido", async () => {
    expect(
      (
        await runInProcess(explainCommand, [
          "--plan",
          file("plan.json"),
          "--objective",
          "3",
          "--indicator",
          "78",
          "--year",
          "2024",
        ])
      ).stderr,
    ).toBe("--objective: indique solo uno: --objective, --indicator o --plan-total\n");
    expect(
      (await runInProcess(explainCommand, ["--plan", file("plan.json"), "--objective", "3"]))
        .stderr,
    ).toBe("--year: indique --year AAAA (una vigencia) o --period (el cuatrienio)\n");
    expect(
      await runInProcess(explainCommand, [
        "--plan",
        file("plan.json"),
        "--objective",
        "99",
        "--period",
      ]),
    ).toEqual({
      code: 2,
      stdout: "",
      stderr: '--objective: objetivo desconocido "99": no está en el plan\n',
    });
  });
});
