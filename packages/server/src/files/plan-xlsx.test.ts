import type { Plan } from "@rumbo/core";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { seedPlan } from "../testing/seed-plan.ts";
import { sampleMatrixPlan } from "./matrix-sample-plan.ts";
import { readPlanWorkbook, writePlanWorkbook } from "./plan-xlsx.ts";

async function roundTrip(plan: Plan): Promise<Plan> {
  const read = await readPlanWorkbook(await writePlanWorkbook(plan), "plan.xlsx");
  if (!read.ok) throw new Error(JSON.stringify(read.problems.slice(0, 5), null, 2));
  return read.plan;
}

/** The exported seed workbook, open in exceljs to be broken by a test. */
async function seedWorkbook(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await writePlanWorkbook(seedPlan())).buffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no hay hoja ${name}`);
  return found;
}

async function problemsOf(workbook: ExcelJS.Workbook): Promise<string[]> {
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const read = await readPlanWorkbook(bytes, "matriz.xlsx");
  if (read.ok) throw new Error("se esperaban problemas y se leyó un plan");
  return read.problems.map((p) =>
    [p.sheet, p.row > 0 ? `fila ${p.row}` : "", p.column ? `columna ${p.column}` : ""]
      .filter((part) => part !== "")
      .join(", ")
      .concat(`: ${p.message}`)
      .replace(/^: /, ""),
  );
}

/** A date as Excel stores one typed into a cell: the value and a date format. */
function setDate(cell: ExcelJS.Cell, date: Date) {
  cell.value = date;
  cell.style = { ...cell.style, numFmt: "dd/mm/yyyy" };
}

async function planOf(workbook: ExcelJS.Workbook): Promise<Plan> {
  const read = await readPlanWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()), "m.xlsx");
  if (!read.ok) throw new Error(JSON.stringify(read.problems, null, 2));
  return read.plan;
}

describe("matriz de formulación en Excel: exportar e importar da el mismo plan", () => {
  it("el plan estratégico sectorial 2024-2027 vuelve idéntico", async () => {
    const plan = seedPlan();
    expect(await roundTrip(plan)).toEqual(plan);
  });

  it("un plan sintético de 5.000 indicadores con ficha técnica completa vuelve idéntico", async () => {
    const plan = sampleMatrixPlan(5000);
    expect(plan.objectives.flatMap((o) => o.indicators)).toHaveLength(5000);
    expect(await roundTrip(plan)).toEqual(plan);
  }, 60_000);

  it("un nombre =HYPERLINK(…) se exporta como texto con apóstrofo, no como fórmula, y vuelve exacto", async () => {
    const plan = seedPlan();
    const name = '=HYPERLINK("http://x")';
    const first = plan.objectives[0]?.indicators[0];
    if (!first) throw new Error("el plan semilla no tiene indicadores");
    first.name = name;
    first.goal = "'cita'\r\nsegunda línea _x0041_ \u0001";
    plan.mission = "";
    const bytes = await writePlanWorkbook(plan);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const cell = sheet(workbook, "Indicadores").getCell("C2");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${name}`);
    expect(cell.formula).toBeUndefined();
    expect(sheet(workbook, "Plan").getCell("B7").value).toBe("'");
    expect(await roundTrip(plan)).toEqual(plan);
  });

  it("el libro empieza por Léame y cada hoja tiene encabezado en negrilla, fijo y con filtro", async () => {
    const workbook = await seedWorkbook();
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Léame",
      "Plan",
      "Objetivos",
      "Indicadores",
    ]);
    const readme = sheet(workbook, "Léame");
    const texts: string[] = [];
    readme.eachRow((row) => {
      row.eachCell((cell) => {
        texts.push(String(cell.value));
      });
    });
    const all = texts.join("\n");
    for (const phrase of [
      "Programación total",
      "NP",
      "apóstrofo",
      "=, +, -, @",
      "Ponderación total (%)",
    ])
      expect(all).toContain(phrase);
    const indicators = sheet(workbook, "Indicadores");
    expect(indicators.getCell("A1").font?.bold).toBe(true);
    expect(indicators.views[0]).toMatchObject({ state: "frozen", ySplit: 1, xSplit: 2 });
    expect(indicators.autoFilter).toBeDefined();
    expect(indicators.getColumn(3).width).toBe(60);
    // Indicador 77, programación 2024: 70,72 en un Excel en español.
    expect(indicators.getCell("P3").value).toBe(70.72);
    expect(indicators.getCell("P3").numFmt).toBe("#,##0.00");
    expect(indicators.getCell("P2").numFmt).toBe("#,##0");
    expect(sheet(workbook, "Plan").getCell("B5").value).toBe(2024);
    expect(sheet(workbook, "Plan").getCell("B5").numFmt).toBe("0");
  });
});

describe("matriz de formulación en Excel: libros con problemas", () => {
  it("una hoja que falta o cambió de nombre se nombra, con las hojas que sí tiene el libro", async () => {
    const workbook = await seedWorkbook();
    sheet(workbook, "Indicadores").name = "Indicadores 2024";
    workbook.removeWorksheet(sheet(workbook, "Objetivos").id);
    expect(await problemsOf(workbook)).toEqual([
      "No se encontró la hoja «Objetivos» (hojas del libro: «Léame», «Plan», «Indicadores 2024»)",
      "No se encontró la hoja «Indicadores» (hojas del libro: «Léame», «Plan», «Indicadores 2024»)",
    ]);
  });

  it("texto en una celda numérica da hoja, fila, columna por nombre y letra", async () => {
    const workbook = await seedWorkbook();
    sheet(workbook, "Indicadores").getCell("Q3").value = "cuarenta";
    expect(await problemsOf(workbook)).toEqual([
      "Indicadores, fila 3, columna «Programación 2025» (Q): «cuarenta» no es un número",
    ]);
  });

  it("acepta coma decimal y porcentajes escritos como texto, y porcentajes con formato de Excel", async () => {
    const workbook = await seedWorkbook();
    const indicators = sheet(workbook, "Indicadores");
    indicators.getCell("P3").value = "70,72";
    indicators.getCell("Y3").value = "50%";
    indicators.getCell("Y2").value = 0.5;
    // A style of its own: after loading, exceljs shares one style object among alike cells.
    indicators.getCell("Y2").style = { ...indicators.getCell("Y2").style, numFmt: "0%" };
    sheet(workbook, "Plan").getCell("B5").value = "2024";
    expect(await planOf(workbook)).toEqual(seedPlan());
  });

  it("las filas vacías (o con solo espacios) se saltan", async () => {
    const workbook = await seedWorkbook();
    const indicators = sheet(workbook, "Indicadores");
    indicators.spliceRows(3, 0, [], [null, "   ", null]);
    indicators.addRow([]);
    indicators.addRow(["", " "]);
    sheet(workbook, "Objetivos").spliceRows(2, 0, []);
    expect(await planOf(workbook)).toEqual(seedPlan());
  });

  it("celdas combinadas se informan una vez, en la primera celda, sin fallar", async () => {
    const workbook = await seedWorkbook();
    sheet(workbook, "Indicadores").mergeCells("A2:A3");
    expect(await problemsOf(workbook)).toEqual([
      "Indicadores, fila 2, columna «Objetivo» (A): celdas combinadas (A2:A3): sepárelas y escriba el valor en cada celda",
    ]);
  });

  it("fórmulas: se usa su resultado guardado; sin resultado o con error se informan", async () => {
    const workbook = await seedWorkbook();
    const indicators = sheet(workbook, "Indicadores");
    indicators.getCell("P2").value = { formula: "40+6", result: 46 };
    expect(await planOf(workbook)).toEqual(seedPlan());
    indicators.getCell("Q2").value = { formula: "P2*2" };
    indicators.getCell("R2").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    expect(await problemsOf(workbook)).toEqual([
      "Indicadores, fila 2, columna «Programación 2025» (Q): la celda tiene la fórmula «=P2*2» sin resultado guardado: ábrala y guárdela en Excel, o escriba el valor",
      "Indicadores, fila 2, columna «Programación 2026» (R): la fórmula «=1/0» da el error #DIV/0!",
    ]);
  });

  it("texto enriquecido se lee como su texto; una fecha en una celda numérica es un error", async () => {
    const workbook = await seedWorkbook();
    const indicators = sheet(workbook, "Indicadores");
    const name = String(indicators.getCell("C2").value);
    indicators.getCell("C2").value = {
      richText: [{ text: name.slice(0, 10), font: { bold: true } }, { text: name.slice(10) }],
    };
    expect(await planOf(workbook)).toEqual(seedPlan());
    setDate(indicators.getCell("S2"), new Date(Date.UTC(2027, 11, 31)));
    expect(await problemsOf(workbook)).toEqual([
      "Indicadores, fila 2, columna «Programación 2027» (S): «31/12/2027» es una fecha; la matriz no usa fechas: escriba el número, o el texto con un apóstrofo delante",
    ]);
  });

  it("un archivo que no es un .xlsx da un problema claro", async () => {
    const read = await readPlanWorkbook(new TextEncoder().encode("no soy un libro"), "plan.xlsx");
    expect(read.ok ? [] : read.problems.map((p) => p.message)).toEqual([
      "plan.xlsx no se pudo abrir como libro de Excel (.xlsx): ¿es un archivo .xls antiguo, está dañado o protegido con contraseña?",
    ]);
  });

  it("un libro con 50 errores da exactamente la lista de los 50, en orden, y ningún plan", async () => {
    const workbook = await seedWorkbook();
    const indicators = sheet(workbook, "Indicadores");
    const expected: string[] = [];
    for (let row = 2; row <= 19; row++) {
      indicators.getCell(`G${row}`).value = "Sube";
      expected.push(
        `Indicadores, fila ${row}, columna «Tendencia» (G): «Sube» no es una opción de tendencia (se espera Suma, Creciente, Constante o Decreciente)`,
      );
      indicators.getCell(`P${row}`).value = "cuarenta";
      expected.push(
        `Indicadores, fila ${row}, columna «Programación 2024» (P): «cuarenta» no es un número`,
      );
      if (row <= 8) {
        setDate(indicators.getCell(`R${row}`), new Date(Date.UTC(2026, 0, 5)));
        expected.push(
          `Indicadores, fila ${row}, columna «Programación 2026» (R): «05/01/2026» es una fecha; la matriz no usa fechas: escriba el número, o el texto con un apóstrofo delante`,
        );
        indicators.getCell(`Y${row}`).value = -1;
        expected.push(
          `Indicadores, fila ${row}, columna «Ponderación total (%)» (Y): la ponderación no puede ser negativa (-1)`,
        );
      }
    }
    expect(expected).toHaveLength(50);
    expect(await problemsOf(workbook)).toEqual(expected);
  });
});
