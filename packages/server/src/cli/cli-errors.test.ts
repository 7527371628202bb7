import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli.ts";
import { sampleMatrixPlan } from "../files/matrix-sample-plan.ts";
import { writePlanFile } from "../files/plan-files.ts";
import { readReportFile } from "../files/report-file.ts";
import { captureIo } from "../testing/capture-io.ts";

const BIN = fileURLToPath(new URL("../../bin/rumbo.js", import.meta.url));
const run = promisify(execFile);

async function rumbo(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", RUMBO_DEBUG: "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const INTERNAL_ERROR =
  "rumbo: error interno: la orden no terminó por un fallo del programa o de la base de datos, no por el contenido de los archivos. Repita con RUMBO_DEBUG=1 para ver el detalle técnico.\n";

describe("rumbo ante lo inesperado y ante archivos enormes", () => {
  it("un fallo de la base de datos da una línea en español y estado 1, sin pila ni detalle técnico", async () => {
    // Nothing listens on port 1: the connection fails inside the command.
    const unreachable = { DATABASE_URL: "postgres://rumbo@127.0.0.1:1/rumbo" };
    const plain = await rumbo(["plan", "list"], unreachable);
    expect(plain).toEqual({ code: 1, stdout: "", stderr: INTERNAL_ERROR });

    const debug = await rumbo(["plan", "list"], { ...unreachable, RUMBO_DEBUG: "1" });
    expect(debug.code).toBe(1);
    expect(debug.stderr.startsWith(INTERNAL_ERROR)).toBe(true);
    expect(debug.stderr).toContain("ECONNREFUSED");
  }, 180_000);

  it("un CSV de 15.000 filas malas imprime 200 problemas, cuántos faltan y el resumen, con estado 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rumbo-cli-caps-"));
    const plan = { ...sampleMatrixPlan(1), mission: "Misión" };
    const [header, first] = (await writePlanFile(plan, "csv")).toString("utf8").split("\r\n");
    const bad = (first ?? "").replace(/;I000000;/, ";X;").replace(/;24,04;/, ";no;");
    const file = join(dir, "malo.csv");
    writeFileSync(file, [header, ...Array.from({ length: 15_000 }, () => bad)].join("\r\n"));
    const io = captureIo();
    expect(await runCli(["plan", "import", file, "--dry-run"], io, {})).toBe(2);
    const lines = io.err.trimEnd().split("\n");
    expect(lines).toHaveLength(202);
    expect(lines[0]).toBe(
      `${file}: fila 2, columna «Programación 2025» (AH): «no» no es un número`,
    );
    const total = Number(/\(([\d.]+) problemas\)/.exec(lines[201] ?? "")?.[1]?.replace(/\./g, ""));
    expect(total).toBeGreaterThan(15_000);
    expect(lines[200]).toBe(
      `… y ${(total - 200).toLocaleString("es-CO")} problemas más (se muestran los primeros 200).`,
    );
    expect(lines[201]).toBe(
      `rumbo: ${file} no se importó (${total.toLocaleString("es-CO")} problemas); no se modificó nada.`,
    );
  });
});

describe("archivos guardados en UTF-16", () => {
  const utf16le = (text: string) =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);

  it("una matriz .csv en UTF-16 con marca se importa como la de UTF-8", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rumbo-utf16-"));
    const text = (await writePlanFile({ ...sampleMatrixPlan(2), mission: "Misión" }, "csv"))
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const file = join(dir, "matriz.csv");
    writeFileSync(file, utf16le(text));
    const io = captureIo();
    const code = await runCli(["plan", "import", file, "--dry-run"], io, {
      RUMBO_DATA_DIR: join(dir, "data"),
    });
    expect({ code, out: io.out }).toEqual({
      code: 0,
      out: `${file}: plan BENCH-DISTRITO válido (1 objetivos, 2 indicadores; 8 advertencias); prueba: no se guardó nada.\n`,
    });
  }, 180_000);

  it("un archivo de avances en UTF-16 se lee igual que en UTF-8", async () => {
    // The reader behind `rumbo actuals import` and the bulk load of reports.
    const text = "indicador;periodo;valor\r\n2307;2024;44\r\n77;2024;70,5\r\n";
    const utf8 = await readReportFile(Buffer.from(text, "utf8"), "avances.csv", "csv");
    const utf16 = await readReportFile(utf16le(text), "avances.csv", "csv");
    expect(utf8.ok).toBe(true);
    expect(utf16).toEqual(utf8);
    expect(utf16.ok && utf16.rows.map((r) => [r.indicator, r.period, r.value])).toEqual([
      ["2307", "2024", "44"],
      ["77", "2024", "70,5"],
    ]);
  });
});
