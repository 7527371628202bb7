import { describe, expect, it } from "vitest";
import type { Plan } from "../plan/plan.ts";
import { type Cell, formatMatrixProblem, type Matrix } from "./matrix.ts";
import { flatRowsToPlan, planToFlatRows } from "./matrix-flat.ts";
import { matrixToPlan } from "./matrix-to-plan.ts";
import { planToMatrix } from "./plan-to-matrix.ts";

const PLAN: Plan = {
  format: "rumbo.plan/v1",
  code: "PES",
  name: "Plan de prueba",
  years: [2024, 2025],
  objectives: [
    {
      code: "1",
      name: "Talento humano",
      indicators: [
        {
          code: "2307",
          name: "Entidades asistidas",
          trend: "constante",
          weight: 50,
          targets: { "2024": 46, "2025": 46 },
        },
        {
          code: "77",
          name: "Índice",
          trend: "creciente",
          weight: 50,
          targets: { "2024": 70.72, "2025": 72 },
        },
      ],
    },
    { code: "2", name: "Paz", indicators: [] },
  ],
};

// Columns of Indicadores for a 2-year plan.
const COL = {
  objetivo: 0,
  codigo: 1,
  tendencia: 6,
  lineaBase: 9,
  p2024: 15,
  p2025: 16,
  total: 17,
  w2024: 18,
  wTotal: 20,
};

function matrix(): Matrix {
  return planToMatrix(PLAN);
}

function set(sheet: Cell[][], row: number, column: number, value: Cell) {
  const cells = sheet[row];
  if (!cells) throw new Error(`no hay fila ${row}`);
  cells[column] = value;
}

function problemsOf(m: Matrix): string[] {
  const read = matrixToPlan(m);
  if (read.ok) throw new Error("se esperaban problemas");
  return read.problems.map(formatMatrixProblem);
}

describe("matriz de formulación: problemas con hoja, fila y columna", () => {
  it("texto en una celda numérica se informa con la columna por nombre y letra", () => {
    const m = matrix();
    set(m.sheets.indicadores, 2, COL.p2025, "cuarenta");
    expect(problemsOf(m)).toEqual([
      "Indicadores, fila 3, columna «Programación 2025» (Q): «cuarenta» no es un número",
    ]);
  });

  it("acepta coma decimal, porcentajes escritos como texto y números de Excel como texto", () => {
    const m = matrix();
    set(m.sheets.indicadores, 2, COL.p2024, "70,72");
    set(m.sheets.indicadores, 2, COL.p2025, " 72 ");
    set(m.sheets.indicadores, 1, COL.wTotal, "50%");
    set(m.sheets.indicadores, 1, COL.p2024, "1.046,0");
    const read = matrixToPlan(m);
    expect(
      read.ok && read.plan.objectives[0]?.indicators.map((i) => [i.weight, i.targets]),
    ).toEqual([
      [50, { "2024": 1046, "2025": 46 }],
      [50, { "2024": 70.72, "2025": 72 }],
    ]);
  });

  it("las filas vacías se saltan y las columnas adicionales del planificador se ignoran", () => {
    const m = matrix();
    m.sheets.indicadores.splice(2, 0, [null, "  ", null], []);
    m.sheets.objetivos.push([null, null]);
    m.sheets.indicadores[0]?.push("Observaciones");
    m.sheets.indicadores[1]?.push("revisar en junio");
    const read = matrixToPlan(m);
    expect(read.ok && read.plan).toEqual(PLAN);
  });

  it("NP: una celda vacía de programación es null; «NP» omite el año; en el total «NP» es null", () => {
    const m = matrix();
    set(m.sheets.indicadores, 1, COL.p2024, null);
    set(m.sheets.indicadores, 1, COL.p2025, "np");
    set(m.sheets.indicadores, 1, COL.total, "N/P");
    const read = matrixToPlan(m);
    const indicator = read.ok ? read.plan.objectives[0]?.indicators[0] : undefined;
    expect(indicator?.targets).toEqual({ "2024": null });
    expect(indicator?.total).toBeNull();
  });

  it("todos los problemas a la vez, en orden de hoja, fila y columna, y ningún plan parcial", () => {
    const m = matrix();
    set(m.sheets.plan, 4, 1, "dos mil");
    set(m.sheets.plan, 9, 1, 70);
    set(m.sheets.objetivos, 2, 0, "1");
    set(m.sheets.indicadores, 1, COL.tendencia, "Sube");
    set(m.sheets.indicadores, 2, COL.codigo, "2307");
    set(m.sheets.indicadores, 2, COL.objetivo, "9");
    set(m.sheets.indicadores, 2, COL.w2024, 30);
    set(m.sheets.indicadores, 1, COL.wTotal, -5);
    expect(problemsOf(m)).toEqual([
      "Plan, fila 5, columna «Valor» (B): «dos mil» no es un año entre 1900 y 2200 (p. ej. 2024)",
      "Plan, fila 11, columna «Valor» (B): falta el umbral: los tres umbrales del semáforo se llenan juntos o se dejan vacíos",
      "Plan, fila 12, columna «Valor» (B): falta el umbral: los tres umbrales del semáforo se llenan juntos o se dejan vacíos",
      "Objetivos, fila 3, columna «Código» (A): el código de objetivo «1» ya está en la fila 2",
      "Indicadores, fila 2, columna «Tendencia» (G): «Sube» no es una opción de tendencia (se espera Suma, Creciente, Constante o Decreciente)",
      "Indicadores, fila 2, columna «Ponderación total (%)» (U): la ponderación no puede ser negativa (-5)",
      "Indicadores, fila 3, columna «Objetivo» (A): el objetivo «9» no está en la hoja «Objetivos»",
      "Indicadores, fila 3, columna «Código» (B): el código de indicador «2307» ya está en la fila 2",
      "Indicadores, fila 3, columna «Ponderación 2025 (%)» (T): falta la ponderación de 2025: si se pondera por año, se llenan todos los años (o solo la total, que vale para todos)",
    ]);
  });

  it("hojas y columnas que faltan o no corresponden a las vigencias del plan", () => {
    const m = matrix();
    set(m.sheets.indicadores, 0, COL.p2025, "Programación 2028");
    set(m.sheets.indicadores, 0, COL.tendencia, "Tendencia (tipo)");
    m.sheets.objetivos = [];
    expect(problemsOf(m)).toEqual([
      "Objetivos: la hoja está vacía: falta la fila de encabezados",
      "Indicadores, fila 1: falta la columna «Tendencia»",
      "Indicadores, fila 1: falta la columna «Programación 2025»",
      "Indicadores, fila 1, columna «Programación 2028» (Q): 2028 no es una vigencia del plan (2024–2025, hoja «Plan»)",
    ]);
  });

  it("las reglas de rumbo.plan/v1 se informan en la celda que las incumple", () => {
    const m = matrix();
    set(m.sheets.indicadores, 2, COL.tendencia, "Decreciente");
    set(m.sheets.indicadores, 2, COL.lineaBase, null);
    set(m.sheets.indicadores, 1, COL.lineaBase, 46);
    set(m.sheets.indicadores, 1, COL.tendencia, "decreciente");
    expect(problemsOf(m)).toEqual([
      "Indicadores, fila 2, columna «Programación 2024» (P): la meta es igual a la línea base (B = T = 46): (B − A) / (B − T) no está definida",
      "Indicadores, fila 2, columna «Programación 2025» (Q): la meta es igual a la línea base (B = T = 46): (B − A) / (B − T) no está definida",
      "Indicadores, fila 3, columna «Línea base» (J): la tendencia decreciente necesita línea base",
    ]);
  });

  it("el plan leído sabe en qué celda está cada parte (para las reglas de validación)", () => {
    const read = matrixToPlan(matrix());
    if (!read.ok) throw new Error("se esperaba un plan");
    expect(read.locate("objectives[0].indicators[1].targets.2025")).toEqual({
      sheet: "Indicadores",
      row: 3,
      column: "«Programación 2025» (Q)",
    });
    expect(read.locate({ indicatorCode: "2307", field: "weight", year: 2024 })).toEqual({
      sheet: "Indicadores",
      row: 2,
      column: "«Ponderación 2024 (%)» (S)",
    });
    expect(read.locate({ objectiveCode: "2" })).toEqual({ sheet: "Objetivos", row: 3, column: "" });
    expect(read.locate("semaforo.amarillo")).toEqual({
      sheet: "Plan",
      row: 11,
      column: "«Valor» (B)",
    });
  });
});

describe("matriz plana (CSV): problemas con la fila y la columna del archivo", () => {
  function flatCells(): Cell[][] {
    return planToFlatRows(PLAN).map((row) =>
      row.map((cell) => (typeof cell === "number" ? String(cell).replace(".", ",") : cell)),
    );
  }

  it("un objetivo sin indicadores tiene su fila, y el plan vuelve idéntico", () => {
    const rows = flatCells();
    expect(rows).toHaveLength(4);
    expect(rows[3]?.slice(11, 13)).toEqual(["2", "Paz"]);
    const read = flatRowsToPlan(rows);
    expect(read.ok && read.plan).toEqual(PLAN);
  });

  it("datos del plan o del objetivo que no coinciden entre filas, y texto en números", () => {
    const rows = flatCells();
    const header = rows[0] ?? [];
    const column = (name: string) => header.indexOf(name);
    const row2 = rows[2] ?? [];
    row2[column("Nombre del plan")] = "Otro plan";
    row2[column("Nombre del objetivo")] = null;
    row2[column("Programación 2025")] = "setenta";
    row2[column("Código del objetivo")] = "3";
    expect(flatRowsToPlan(rows).ok).toBe(false);
    const read = flatRowsToPlan(rows);
    expect(read.ok ? [] : read.problems.map(formatMatrixProblem)).toEqual([
      "fila 3, columna «Nombre del plan» (B): «Otro plan» no coincide con la fila 2 («Plan de prueba»): los datos del plan se repiten iguales en cada fila (o se dejan vacíos)",
      "fila 3, columna «Nombre del objetivo» (M): falta el nombre del objetivo",
      "fila 3, columna «Programación 2025» (AF): «setenta» no es un número",
    ]);
  });

  it("un encabezado sin las columnas obligatorias se informa con los nombres del CSV", () => {
    const rows = flatCells();
    const header = rows[0] ?? [];
    header[header.indexOf("Código del plan")] = "Codigo plan";
    header[header.indexOf("Código del indicador")] = "Cod";
    header[header.indexOf("Ponderación del objetivo 2025 (%)")] = "x";
    const read = flatRowsToPlan(rows);
    expect(read.ok ? [] : read.problems.map(formatMatrixProblem)).toEqual([
      "fila 1: falta la columna «Código del plan»",
      "fila 1: falta la columna «Ponderación del objetivo 2025 (%)»",
      "fila 1: falta la columna «Código del indicador»",
    ]);
  });

  it("«_x0000_» de Excel (carácter nulo) en un nombre se rechaza con hoja, fila y columna", () => {
    const m = matrix();
    set(m.sheets.indicadores, 1, 2, "Entidades\u0000 asistidas");
    expect(problemsOf(m)).toEqual([
      "Indicadores, fila 2, columna «Nombre» (C): el nombre del indicador contiene el carácter nulo (U+0000), que no se puede guardar; bórrelo del texto",
    ]);
  });

  it("una «Vigencia hasta» que daría 101 vigencias se rechaza: el máximo es 50; 3023 no es un año", () => {
    const m = matrix();
    set(m.sheets.plan, 5, 1, 2124);
    expect(problemsOf(m)).toEqual([
      "Plan, fila 6, columna «Valor» (B): el plan abarcaría 101 vigencias (2024–2124); el máximo es 50",
    ]);
    set(m.sheets.plan, 5, 1, 3023);
    expect(problemsOf(m)).toEqual([
      "Plan, fila 6, columna «Valor» (B): «3023» no es un año entre 1900 y 2200 (p. ej. 2024)",
    ]);
  });
});
