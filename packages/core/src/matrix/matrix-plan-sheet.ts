/**
 * The Plan sheet: one row per field (column A the field, column B the value),
 * found by the field's name in any order.
 */
import type { Semaforo } from "../plan/plan.ts";
// A mistyped «Vigencia hasta» must not ask for 8,000 columns.
import { MAX_VIGENCIAS } from "../shared/bounds.ts";
import { type Cell, type CellRef, cellText, isEmptyCell } from "./matrix.ts";
import { normalizeLabel, PLAN_FIELDS, type PlanFieldKey } from "./matrix-columns.ts";
import { shiftDecimal, spanishNumber } from "./matrix-numbers.ts";
import {
  type ReadContext,
  readNumber,
  readText,
  readYear,
  requiredText,
} from "./matrix-read-context.ts";

export type PlanSheetValues = {
  code?: string;
  name?: string;
  /** Undefined when the vigencias are missing or wrong. */
  years?: number[];
  semaforo?: Semaforo;
  texts: { entity?: string; mission?: string; vision?: string; source?: string };
  /** Row of each field, for problems found later (validation of the whole plan). */
  rows: Map<PlanFieldKey, number>;
};

const VALUE = 1;

export function readPlanSheet(context: ReadContext): PlanSheetValues {
  const sheet = context.matrix.sheets.plan;
  const rows = new Map<PlanFieldKey, number>();
  const byLabel = new Map(PLAN_FIELDS.map((field) => [fieldKey(field.label), field]));
  const values: PlanSheetValues = { texts: {}, rows };
  if (sheet.length === 0) {
    context.at({ sheet: "plan", row: -1, column: null }, "la hoja está vacía");
    return values;
  }
  // Row 1 is the header ("Campo", "Valor") unless it already holds a field.
  const start = byLabel.has(fieldKey(cellText(sheet[0]?.[0]))) ? 0 : 1;
  for (let row = start; row < sheet.length; row++) {
    const cells = sheet[row] ?? [];
    const label = cellText(cells[0]);
    if (label.trim() === "") {
      if (!isEmptyCell(cells[VALUE]))
        context.at({ sheet: "plan", row, column: 0 }, "falta el nombre del campo");
      continue;
    }
    const field = byLabel.get(fieldKey(label));
    if (field === undefined) {
      context.at(
        { sheet: "plan", row, column: 0 },
        `campo desconocido «${label.trim()}» (se espera ${PLAN_FIELDS.map((f) => f.label).join(", ")})`,
      );
      continue;
    }
    const first = rows.get(field.key);
    if (first !== undefined) {
      context.at(
        { sheet: "plan", row, column: 0 },
        `el campo «${field.label}» ya está en la fila ${context.describe({ sheet: "plan", row: first, column: null }).row}`,
      );
      continue;
    }
    rows.set(field.key, row);
  }
  for (const field of PLAN_FIELDS) {
    if (field.required && !rows.has(field.key))
      context.at({ sheet: "plan", row: -1, column: null }, `falta la fila «${field.label}»`);
  }
  const cellOf = (key: PlanFieldKey): FieldCell => {
    const row = rows.get(key);
    return row === undefined
      ? { ref: null, cell: null }
      : { ref: { sheet: "plan", row, column: VALUE }, cell: sheet[row]?.[VALUE] ?? null };
  };
  for (const [key, what] of [
    ["code", "el código del plan"],
    ["name", "el nombre del plan"],
  ] as const) {
    const { ref, cell } = cellOf(key);
    if (ref !== null) values[key] = requiredText(context, ref, cell, what);
  }
  for (const key of ["entity", "mission", "vision", "source"] as const) {
    const text = readText(cellOf(key).cell);
    if (text !== undefined) values.texts[key] = text;
  }
  values.years = readYears(context, cellOf("yearFrom"), cellOf("yearTo"));
  values.semaforo = readSemaforo(context, cellOf);
  return values;
}

type FieldCell = { ref: CellRef | null; cell: Cell };

function fieldKey(label: string): string {
  return normalizeLabel(label).replace(/\s*\(\s*%\s*\)$/, "");
}

function readYears(context: ReadContext, from: FieldCell, to: FieldCell): number[] | undefined {
  const first = from.ref === null ? undefined : readYear(context, from.ref, from.cell);
  const last = to.ref === null ? undefined : readYear(context, to.ref, to.cell);
  if (first === null && from.ref !== null)
    context.at(from.ref, "falta la primera vigencia del plan");
  if (last === null && to.ref !== null) context.at(to.ref, "falta la última vigencia del plan");
  if (typeof first !== "number" || typeof last !== "number" || to.ref === null) return undefined;
  if (last < first) {
    context.at(to.ref, `la última vigencia (${last}) es anterior a la primera (${first})`);
    return undefined;
  }
  if (last - first + 1 > MAX_VIGENCIAS) {
    context.at(
      to.ref,
      `el plan abarcaría ${last - first + 1} vigencias (${first}–${last}); el máximo es ${MAX_VIGENCIAS}`,
    );
    return undefined;
  }
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/** Thresholds in percent points in the sheet, fractions in the plan (70 → 0.7). */
function readSemaforo(
  context: ReadContext,
  cellOf: (key: PlanFieldKey) => FieldCell,
): Semaforo | undefined {
  const keys = ["rojo", "amarillo", "sobreejecucion"] as const;
  const read = keys.map((key) => {
    const { ref, cell } = cellOf(key);
    const value =
      ref === null
        ? null
        : readNumber(context, ref, cell, { negative: "el umbral no puede ser negativo" });
    return { key, ref, value };
  });
  if (read.every((item) => item.value === null)) return undefined;
  const thresholds: Partial<Semaforo> = {};
  let complete = true;
  for (const { key, ref, value } of read) {
    if (value === null) {
      complete = false;
      context.at(
        ref ?? { sheet: "plan", row: -1, column: null },
        "falta el umbral: los tres umbrales del semáforo se llenan juntos o se dejan vacíos",
      );
    } else if (value === undefined) complete = false;
    else thresholds[key] = shiftDecimal(value, -2);
  }
  const { rojo, amarillo, sobreejecucion } = thresholds;
  if (!complete || rojo === undefined || amarillo === undefined || sobreejecucion === undefined)
    return undefined;
  if (rojo > amarillo) {
    const rojoRef = read[0]?.ref;
    if (rojoRef)
      context.at(
        rojoRef,
        `el umbral rojo (${spanishNumber(shiftDecimal(rojo, 2))} %) no puede superar al amarillo (${spanishNumber(shiftDecimal(amarillo, 2))} %)`,
      );
    return undefined;
  }
  return { rojo, amarillo, sobreejecucion };
}
