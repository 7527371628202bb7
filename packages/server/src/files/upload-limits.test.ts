import { describe, expect, it } from "vitest";
import { bombWorkbook, oneSheetWorkbook } from "../testing/zip-archive.ts";
import { sampleMatrixPlan } from "./matrix-sample-plan.ts";
import { checkPlanFile, readPlanFile, writePlanFile } from "./plan-files.ts";
import { boundProblemLine, UPLOAD_LIMITS } from "./upload-limits.ts";
import { readZipEntries } from "./zip-entries.ts";

/** The flat CSV of a 3-indicator plan with its first row's plan name replaced. */
async function csvWithPlanName(name: string): Promise<Buffer> {
  const plan = sampleMatrixPlan(3);
  const lines = (await writePlanFile(plan, "csv")).toString("utf8").split("\r\n");
  lines[1] = (lines[1] ?? "").replace(plan.name, name);
  return Buffer.from(lines.join("\r\n"), "utf8");
}

describe("límites de un archivo de plan antes de leerlo", () => {
  it("la matriz de 5.000 indicadores cabe holgadamente en los límites", async () => {
    const bytes = await writePlanFile(sampleMatrixPlan(5_000), "xlsx");
    const unzipped = readZipEntries(bytes).reduce((sum, e) => sum + e.uncompressedSize, 0);
    expect(unzipped).toBeLessThan(UPLOAD_LIMITS.maxUnzippedBytes / 2);
    const read = await readPlanFile(bytes, "grande.xlsx", "xlsx");
    expect(read.ok).toBe(true);
  });

  it("un libro que declara 300 MB descomprimido se rechaza sin abrirlo, nombrando el límite", async () => {
    // The sheet holds a few bytes but its headers say 300 MB: only the directory is read.
    const bytes = oneSheetWorkbook("<row/>", 300 * 1024 * 1024);
    const read = await readPlanFile(bytes, "bomba.xlsx", "xlsx");
    expect(read).toEqual({
      ok: false,
      problems: [
        "bomba.xlsx: el libro ocupa 300 MB al descomprimirlo; el máximo es 64 MB. Quite filas, hojas o formatos que no son de la matriz.",
      ],
      omitted: 0,
    });
  });

  it("un libro de 1 MB cuya hoja se descomprime a 70 MB se rechaza por su tamaño real declarado", async () => {
    const bytes = bombWorkbook(70);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const read = await readPlanFile(bytes, "bomba.xlsx", "xlsx");
    expect(read.ok ? [] : read.problems).toEqual([
      "bomba.xlsx: el libro ocupa 70 MB al descomprimirlo; el máximo es 64 MB. Quite filas, hojas o formatos que no son de la matriz.",
    ]);
  });

  it("una hoja que contiene más de lo que declara su encabezado se rechaza como dañada", async () => {
    const rows = Array.from({ length: 2_000 }, (_, r) => `<row r="${r + 1}"/>`).join("");
    const bytes = oneSheetWorkbook(rows, 1_000);
    const read = await readPlanFile(bytes, "mentira.xlsx", "xlsx");
    expect(read.ok ? [] : read.problems).toEqual([
      "mentira.xlsx: el libro está dañado: la parte xl/worksheets/sheet1.xml contiene más de lo que declara.",
    ]);
  });

  it("una hoja de 20.001 filas se rechaza antes de que la lea la hoja de cálculo", async () => {
    const rows = Array.from({ length: 20_001 }, (_, r) => `<row r="${r + 1}"/>`).join("");
    const read = await readPlanFile(oneSheetWorkbook(rows), "filas.xlsx", "xlsx");
    expect(read.ok ? [] : read.problems).toEqual([
      "filas.xlsx: una hoja del libro tiene 20.001 filas; el máximo es 20.000.",
    ]);
  });

  it("un CSV con un nombre de plan de 20 MB responde un problema corto que cita solo el comienzo", async () => {
    const read = await readPlanFile(
      await csvWithPlanName("N".repeat(20 * 1024 * 1024)),
      "n.csv",
      "csv",
    );
    expect(read.ok ? [] : read.problems).toEqual([
      `n.csv: fila 2, columna B: la celda tiene 20.971.520 caracteres; el máximo es 32.767 («${"N".repeat(60)}…»)`,
    ]);
  });

  it("un CSV de 15.000 filas malas lista los primeros 200 problemas y cuenta el resto", async () => {
    // Without the mission, whose text spans two lines.
    const plan = { ...sampleMatrixPlan(1), mission: "Misión" };
    const [header, first] = (await writePlanFile(plan, "csv")).toString("utf8").split("\r\n");
    const bad = (first ?? "").replace(/;I000000;/, ";X;").replace(/;24,04;/, ";no;");
    const text = [header, ...Array.from({ length: 15_000 }, () => bad)].join("\r\n");
    const check = await checkPlanFile(Buffer.from(text, "utf8"), "malo.csv", "csv");
    if (check.ok) throw new Error("se esperaba un rechazo");
    expect(check.problems[0]).toBe(
      "malo.csv: fila 2, columna «Programación 2025» (AH): «no» no es un número",
    );
    expect(check.problems).toHaveLength(UPLOAD_LIMITS.maxProblems);
    expect(check.problems.length + check.omitted).toBeGreaterThan(15_000);
  });

  it("un problema que cita una celda larga la recorta a 60 caracteres con «…»", () => {
    const line = `m.csv: fila 3: «${"x".repeat(5_000)}» no coincide con la fila 2 («Plan»)`;
    expect(boundProblemLine(line)).toBe(
      `m.csv: fila 3: «${"x".repeat(60)}…» no coincide con la fila 2 («Plan»)`,
    );
  });
});
