/**
 * The matriz de formulación as an Excel workbook: "Léame" first, then the
 * sheets Plan, Objetivos and Indicadores of planToMatrix, cell by cell.
 * Numbers stay numbers (a Spanish Excel shows them with decimal comma) with a
 * format that shows every decimal they have; texts come protected against
 * formula injection from the matrix (a leading apostrophe, matrix-text.ts).
 */
import type { Plan } from "@rumbo/core";
import {
  type Cell,
  decimalPlaces,
  type FieldOptions,
  FROM_BASELINE_LABEL,
  headerKey,
  INDICATOR_FICHA_FIELDS,
  planToMatrix,
  SHEET_NAMES,
  type SheetKey,
  TREND_LABELS,
} from "@rumbo/core";
import type ExcelJS from "exceljs";
import { addReadmeSheet } from "./plan-xlsx-readme.ts";

export { readPlanWorkbook } from "./plan-xlsx-reader.ts";

/** Years are shown without thousands separator (2024, not 2.024). */
const YEAR_FORMAT = "0";
const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFDDEBF7" },
};
/** Rows below the data that still get the drop-down lists, for indicators the planner adds. */
const SPARE_ROWS = 200;

type ColumnLook = { width: number; wrap?: boolean; year?: boolean };

/** Width and look of a column, by its header (years and weights are narrow, texts wide). */
function columnLook(sheet: SheetKey, header: string): ColumnLook {
  const key = headerKey(header);
  if (sheet === "plan") return key === "campo" ? { width: 34 } : { width: 90, wrap: true };
  if (key === "nombre") return { width: 60, wrap: true };
  if (key === "meta (texto)") return { width: 60, wrap: true };
  if (key === "formula") return { width: 36, wrap: true };
  if (key === "fuente" || key === "responsable") return { width: 24, wrap: true };
  if (key === "ano linea base") return { width: 12, year: true };
  if (key === "tipo de meta" || key === "variante de avance") return { width: 20 };
  if (key === "objetivo" || key === "codigo") return { width: 11 };
  return { width: 15 };
}

/**
 * A number format that shows the value's own decimals: 46 → "#,##0",
 * 70.72 → "#,##0.00" (shown 70,72 in Spanish Excel). "#,##0.##" would
 * leave a trailing comma on whole numbers ("46,").
 */
function numberFormat(value: number): string {
  const decimals = Math.min(decimalPlaces(value), 15);
  return decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
}

/**
 * OOXML keeps only some characters as they are: a carriage return comes back
 * as a line feed and control characters are dropped. Excel's escape _xHHHH_
 * keeps them (and a literal "_x0041_" gets its underscore escaped), so any
 * text round-trips exactly; exceljs decodes the escape when reading.
 */
export function encodeXlsxText(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to escape.
    /_x[0-9A-F]{4}_|[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (match) =>
      match.length > 1
        ? `_x005F_${match.slice(1)}`
        : `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

function fillSheet(workbook: ExcelJS.Workbook, key: SheetKey, rows: readonly Cell[][]) {
  const header = (rows[0] ?? []).map((cell) => String(cell ?? ""));
  const sheet = workbook.addWorksheet(SHEET_NAMES[key], {
    views: [{ state: "frozen", ySplit: 1, xSplit: key === "indicadores" ? 2 : 0 }],
  });
  const looks = header.map((label) => columnLook(key, label));
  looks.forEach((look, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = look.width;
    if (look.wrap) column.alignment = { vertical: "top", wrapText: true };
  });
  rows.forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    cells.forEach((value, c) => {
      if (value === null) return;
      const cell = row.getCell(c + 1);
      if (typeof value === "string") {
        cell.value = encodeXlsxText(value);
        return;
      }
      cell.value = value;
      const yearRow = key === "plan" && /^vigencia/i.test(String(cells[0] ?? ""));
      cell.numFmt = looks[c]?.year || yearRow ? YEAR_FORMAT : numberFormat(value);
    });
  });
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: "middle", wrapText: true };
  headerRow.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.font = { bold: true };
  });
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: Math.max(1, header.length) },
  };
  if (key === "indicadores") addListValidations(sheet, header, rows.length + SPARE_ROWS);
}

type ListValidation = {
  type: "list";
  allowBlank: boolean;
  formulae: string[];
  showErrorMessage: boolean;
  errorStyle: "warning";
  error: string;
};
/** exceljs writes worksheet.dataValidations (a range per list) but leaves it out of its typings. */
type WithValidations = {
  dataValidations: { add(range: string, validation: ListValidation): void };
};

/** Drop-down lists for the columns with fixed words (a warning, so other spellings still go in). */
function addListValidations(sheet: ExcelJS.Worksheet, header: readonly string[], lastRow: number) {
  const lists: [string, string[]][] = [
    ["Tendencia", Object.values(TREND_LABELS)],
    ["Variante de avance", [FROM_BASELINE_LABEL]],
    // Every closed list of the ficha (tipo de meta, frecuencia, tipo de medida…).
    ...INDICATOR_FICHA_FIELDS.flatMap((field): [string, string[]][] =>
      field.kind === "enum"
        ? [[field.column, Object.values<string>((field.options as FieldOptions).labels)]]
        : [],
    ),
  ];
  const validations = (sheet as unknown as WithValidations).dataValidations;
  for (const [label, values] of lists) {
    const index = header.indexOf(label);
    if (index === -1) continue;
    const letter = sheet.getColumn(index + 1).letter;
    validations.add(`${letter}2:${letter}${lastRow}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${values.join(",")}"`],
      showErrorMessage: true,
      errorStyle: "warning",
      error: `Se espera: ${values.join(", ")}.`,
    });
  }
}

export async function writePlanWorkbook(plan: Plan): Promise<Buffer> {
  const matrix = planToMatrix(plan);
  // exceljs is large: loaded by the commands and requests that write a workbook, not at start.
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  workbook.creator = "Rumbo";
  workbook.title = `Matriz de formulación ${plan.code}`;
  addReadmeSheet(workbook, plan);
  fillSheet(workbook, "plan", matrix.sheets.plan);
  fillSheet(workbook, "objetivos", matrix.sheets.objetivos);
  fillSheet(workbook, "indicadores", matrix.sheets.indicadores);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
