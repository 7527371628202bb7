/**
 * The "Léame" sheet of the exported workbook: what each sheet and column
 * holds, how NP, weights and totals are written, and why some texts start
 * with an apostrophe. Built from the same column table the importer reads
 * (matrix-columns.ts), so the explanation cannot drift from the reader.
 */
import type { Plan } from "@rumbo/core";
import {
  FROM_BASELINE_LABEL,
  INDICATOR_COLUMNS,
  INDICATOR_TRAILING_COLUMNS,
  ND_TOKEN,
  NP_TOKEN,
  OBJECTIVE_COLUMNS,
  PLAN_FIELDS,
  TARGET_TOTAL_HEADER,
  WEIGHT_TOTAL_HEADER,
} from "@rumbo/core";
import type ExcelJS from "exceljs";

type ReadmeLine = { text: string; kind: "title" | "section" | "text" | "column"; sheet?: string };

export function readmeLines(plan: Plan): ReadmeLine[] {
  const first = plan.years[0] ?? "AAAA";
  const section = (text: string): ReadmeLine => ({ text, kind: "section" });
  const text = (value: string): ReadmeLine => ({ text: value, kind: "text" });
  const column = (sheet: string, label: string, help: string): ReadmeLine => ({
    text: `${label}: ${help}`,
    kind: "column",
    sheet,
  });
  return [
    { text: "Matriz de formulación del plan", kind: "title" },
    text(`Plan ${plan.code} — ${plan.name}. Vigencias ${plan.years.join(", ")}.`),
    text(
      "Este libro es el plan completo. Puede editarlo en Excel o LibreOffice y volver a cargarlo con «rumbo plan import ARCHIVO.xlsx»: la carga es todo o nada; si hay un problema, Rumbo lista cada uno con su hoja, fila y columna y no guarda nada.",
    ),
    text(
      "No cambie el nombre de las hojas Plan, Objetivos e Indicadores ni de sus columnas (el orden sí puede cambiar, y puede agregar columnas propias, que se ignoran). No combine celdas. Las filas vacías se ignoran.",
    ),
    section("Hoja Plan (una fila por campo: columna A el campo, columna B el valor)"),
    ...PLAN_FIELDS.map((field) => column("Plan", field.label, field.help)),
    section("Hoja Objetivos (una fila por objetivo)"),
    ...OBJECTIVE_COLUMNS.map((c) => column("Objetivos", c.label, c.help)),
    column(
      "Objetivos",
      WEIGHT_TOTAL_HEADER,
      "peso del objetivo en el plan. Si solo se llena esta columna, el objetivo pesa lo mismo todos los años.",
    ),
    column(
      "Objetivos",
      `Ponderación ${first} (%) …`,
      "peso del objetivo en cada vigencia, cuando cambia por año: se llenan todos los años o ninguno. Si el plan no pondera los objetivos (todos pesan igual), todas las ponderaciones quedan vacías; si pondera uno, pondera todos.",
    ),
    section("Hoja Indicadores (una fila por indicador)"),
    ...INDICATOR_COLUMNS.map((c) => column("Indicadores", c.label, c.help)),
    column(
      "Indicadores",
      `Programación ${first} …`,
      `meta de cada vigencia. Vacía = no programado (NP); «${NP_TOKEN}» también es NP (el año no figura en el plan).`,
    ),
    column(
      "Indicadores",
      TARGET_TOTAL_HEADER,
      `meta del cuatrienio. Vacía = se calcula según la tendencia (Suma: suma de los años; las demás: último año programado). «${NP_TOKEN}» = no programado en el periodo. Un número = la meta que fija el plan.`,
    ),
    column(
      "Indicadores",
      `Ponderación ${first} (%) …`,
      "peso del indicador dentro de su objetivo en cada vigencia; se llenan todos los años o ninguno.",
    ),
    column(
      "Indicadores",
      WEIGHT_TOTAL_HEADER,
      "si las ponderaciones por año están vacías, es el peso de todos los años; si están llenas, es el peso para el cuatrienio (vacía = promedio de los años). Los pesos no tienen que sumar 100: se reparten entre lo programado.",
    ),
    ...INDICATOR_TRAILING_COLUMNS.map((c) => column("Indicadores", c.label, c.help)),
    section("Números"),
    text(
      "Los números se escriben como número de la hoja (Excel en español muestra coma decimal: 70,72). También se aceptan como texto: «70,72», «1.234,5» o «15%» (que es 15). No use fechas en las celdas de números. Las fórmulas se aceptan si Excel guardó su resultado; se usa el resultado.",
    ),
    text(
      `Variante de avance «${FROM_BASELINE_LABEL}»: solo para tendencia Creciente y con línea base. En «Línea base» y «Año línea base», «${ND_TOKEN}» conserva la diferencia entre «no se da» y «vacío» del archivo JSON del plan; para la planeación ambos significan «sin dato».`,
    ),
    section("Textos protegidos contra fórmulas"),
    text(
      "Un texto que empieza por =, +, -, @, tabulador o retorno de carro se exporta con un apóstrofo (') delante, para que la hoja de cálculo no lo ejecute como fórmula al editarlo o al guardarlo como CSV. Al importar, Rumbo quita ese único apóstrofo inicial. Si escribe un texto así, agregue el apóstrofo. Una celda con solo un apóstrofo es un texto vacío; una celda vacía es un dato que no se da.",
    ),
  ];
}

export function addReadmeSheet(workbook: ExcelJS.Workbook, plan: Plan): void {
  const sheet = workbook.addWorksheet("Léame", { properties: { tabColor: { argb: "FF1F4E79" } } });
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 110;
  let row = 1;
  for (const line of readmeLines(plan)) {
    if (line.kind === "column") {
      const [label = "", ...rest] = line.text.split(": ");
      sheet.getCell(row, 1).value = `${line.sheet ?? ""} · ${label}`;
      sheet.getCell(row, 1).font = { bold: true };
      sheet.getCell(row, 1).alignment = { vertical: "top", wrapText: true };
      sheet.getCell(row, 2).value = rest.join(": ");
      sheet.getCell(row, 2).alignment = { vertical: "top", wrapText: true };
    } else if (line.kind === "text") {
      sheet.getCell(row, 2).value = line.text;
      sheet.getCell(row, 2).alignment = { vertical: "top", wrapText: true };
    } else {
      // Titles overflow into the empty column B; no merged cells (Excel would not fit their height).
      if (line.kind === "section") row++;
      const cell = sheet.getCell(row, 1);
      cell.value = line.text;
      cell.font = { bold: true, size: line.kind === "title" ? 16 : 12 };
    }
    row++;
  }
}
