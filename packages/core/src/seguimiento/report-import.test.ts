import { describe, expect, it } from "vitest";
import { formatReportImportProblem, readReportImportRows } from "./report-import.ts";

describe("las filas de una carga masiva de reportes", () => {
  it("encuentra las columnas por su encabezado en español, sin importar mayúsculas ni tildes", () => {
    const read = readReportImportRows(
      [
        ["INDICADOR", "Período", "Área", "Numerador", "Denominador", "Retrasos y dificultades"],
        ["2307", "2024-q1", "Talento Humano", "3", "4", "Demoras en la contratación."],
        [null, null, null, null, null, null],
        ["77", "2024", "", "", "", ""],
      ],
      { decimal: "," },
    );
    expect(read).toMatchObject({
      ok: true,
      skipped: 1,
      rows: [
        {
          row: 2,
          indicator: "2307",
          period: "2024-q1",
          area: "Talento Humano",
          numerator: "3",
          denominator: "4",
          analysis: { difficulties: "Demoras en la contratación." },
        },
      ],
    });
  });

  it("un CSV separado por comas lee el punto decimal; uno por punto y coma deja la coma a core", () => {
    const comma = readReportImportRows(
      [
        ["indicator", "period", "value"],
        ["77", "2024", "68.5"],
      ],
      {
        decimal: ".",
      },
    );
    const semicolon = readReportImportRows(
      [
        ["indicador", "periodo", "valor"],
        ["77", "2024", "68,5"],
      ],
      {
        decimal: ",",
      },
    );
    expect(comma.ok && comma.rows[0]?.value).toBe(68.5);
    expect(semicolon.ok && semicolon.rows[0]?.value).toBe("68,5");
  });

  it("una columna desconocida o una que falta se nombran con su letra, y nada se lee", () => {
    const read = readReportImportRows(
      [
        ["Indicador", "Logors", "Valor"],
        ["77", "x", "1"],
      ],
      {
        decimal: ",",
      },
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => formatReportImportProblem("a.csv", p))).toEqual([
      expect.stringMatching(
        /^a\.csv: fila 1, columna «Logors» \(B\): columna desconocida; las columnas son «indicador», «periodo», «valor»/,
      ),
      "a.csv: fila 1: falta la columna «periodo»",
    ]);
  });
});
