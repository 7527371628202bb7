/**
 * Rows of the Objetivos and Indicadores sheets. Empty rows are skipped; a row
 * with a problem is left out of the plan (and every problem is recorded).
 */
import { type FieldOptions, INDICATOR_FICHA_FIELDS } from "../plan/field-catalogue.ts";
import type { Indicator, Objective, Targets, WeightPct } from "../plan/plan.ts";
import { type Cell, type CellRef, isEmptyCell, type SheetKey } from "./matrix.ts";
import {
  FROM_BASELINE_LABEL,
  type IndicatorColumnKey,
  ND_TOKEN,
  NP_TOKEN,
  type ObjectiveColumnKey,
  TREND_LABELS,
} from "./matrix-columns.ts";
import type { SheetColumns } from "./matrix-headers.ts";
import {
  isToken,
  type ReadContext,
  readListed,
  readNumber,
  readText,
  requiredText,
} from "./matrix-read-context.ts";
import { readWeightCells } from "./matrix-weights.ts";

export type ObjectiveRow = {
  row: number;
  code?: string;
  objective?: Omit<Objective, "indicators">;
};
export type IndicatorRow = {
  row: number;
  objectiveCode?: string;
  code?: string;
  indicator?: Indicator;
};

function isEmptyRow(cells: readonly Cell[], used: readonly number[]): boolean {
  return used.every((column) => isEmptyCell(cells[column]));
}

/** A second row with a code already used: names the first one. */
function checkUnique(
  context: ReadContext,
  seen: Map<string, number>,
  ref: CellRef,
  code: string | undefined,
  what: string,
): boolean {
  if (code === undefined) return true;
  const first = seen.get(code);
  if (first === undefined) {
    seen.set(code, ref.row);
    return true;
  }
  const firstRow = context.describe({ sheet: ref.sheet, row: first, column: null }).row;
  context.at(ref, `el código de ${what} «${code}» ya está en la fila ${firstRow}`);
  return false;
}

export function readObjectiveRows(
  context: ReadContext,
  columns: SheetColumns<ObjectiveColumnKey>,
  years: readonly number[],
): ObjectiveRow[] {
  const sheet: SheetKey = "objetivos";
  const rows = context.matrix.sheets.objetivos;
  const out: ObjectiveRow[] = [];
  const seen = new Map<string, number>();
  for (let row = 1; row < rows.length; row++) {
    const cells = rows[row] ?? [];
    if (isEmptyRow(cells, columns.used)) continue;
    const before = context.found.length;
    const at = (column: number | undefined): CellRef => ({ sheet, row, column: column ?? null });
    const codeColumn = columns.fixed.get("code");
    const nameColumn = columns.fixed.get("name");
    const code =
      codeColumn === undefined
        ? undefined
        : requiredText(context, at(codeColumn), cells[codeColumn], "el código del objetivo");
    const name =
      nameColumn === undefined
        ? undefined
        : requiredText(context, at(nameColumn), cells[nameColumn], "el nombre del objetivo");
    checkUnique(context, seen, at(codeColumn), code, "objetivo");
    const weight = readWeightCells(context, sheet, row, cells, columns, years, false);
    const entry: ObjectiveRow = { row };
    if (code !== undefined) entry.code = code;
    if (context.found.length === before && code !== undefined && name !== undefined) {
      entry.objective = { code, name };
      if (weight !== undefined && weight !== "invalid") entry.objective.weight = weight;
    }
    out.push(entry);
  }
  return out;
}

export function readIndicatorRows(
  context: ReadContext,
  columns: SheetColumns<IndicatorColumnKey>,
  years: readonly number[],
  /** Codes of the Objetivos sheet; null when that sheet cannot be read (no cascade of problems). */
  objectiveCodes: ReadonlySet<string> | null,
): IndicatorRow[] {
  const sheet: SheetKey = "indicadores";
  const rows = context.matrix.sheets.indicadores;
  const out: IndicatorRow[] = [];
  const seen = new Map<string, number>();
  for (let row = 1; row < rows.length; row++) {
    const cells = rows[row] ?? [];
    if (isEmptyRow(cells, columns.used)) continue;
    const before = context.found.length;
    const read = new IndicatorRowReader(context, columns, cells, row);
    const objectiveCode = read.required("objective", "el objetivo");
    const code = read.required("code", "el código del indicador");
    const name = read.required("name", "el nombre del indicador");
    const objectiveColumn = columns.fixed.get("objective");
    if (
      objectiveCode !== undefined &&
      objectiveCodes !== null &&
      !objectiveCodes.has(objectiveCode) &&
      objectiveColumn !== undefined
    ) {
      context.at(
        read.ref(objectiveColumn),
        `el objetivo «${objectiveCode}» no está en la hoja «Objetivos»`,
      );
    }
    checkUnique(context, seen, read.ref(columns.fixed.get("code") ?? null), code, "indicador");
    const trend = read.listed("trend", TREND_LABELS, "tendencia");
    if (trend === undefined && read.has("trend") && read.isEmpty("trend"))
      read.problem("trend", "falta la tendencia");
    const progress = read.progress();
    const ficha: Record<string, string> = {};
    for (const field of INDICATOR_FICHA_FIELDS) {
      const value =
        field.kind === "enum"
          ? read.listed(field.key, (field.options as FieldOptions).labels, field.noun)
          : read.text(field.key);
      if (value !== undefined) ficha[field.key] = value;
    }
    const baseline = read.numberOrToken("baseline", ND_TOKEN, { empty: null, token: undefined });
    const baselineYear = read.numberOrToken("baselineYear", ND_TOKEN, {
      empty: undefined,
      token: null,
    });
    const targets = read.targets(years);
    const total =
      columns.targetTotal === undefined
        ? undefined
        : read.numberAt(columns.targetTotal, { empty: undefined, token: null });
    const weight: WeightPct | undefined | "invalid" = readWeightCells(
      context,
      sheet,
      row,
      cells,
      columns,
      years,
      true,
    );
    const entry: IndicatorRow = { row };
    if (objectiveCode !== undefined) entry.objectiveCode = objectiveCode;
    if (code !== undefined) entry.code = code;
    if (
      context.found.length > before ||
      code === undefined ||
      name === undefined ||
      trend === undefined ||
      weight === undefined ||
      weight === "invalid" ||
      targets === undefined ||
      total === "invalid" ||
      baseline === "invalid" ||
      baselineYear === "invalid"
    ) {
      out.push(entry);
      continue;
    }
    const indicator: Indicator = { code, name, trend, weight, targets };
    for (const key of ["goal", "unit"] as const) {
      const text = read.text(key);
      if (text !== undefined) indicator[key] = text;
    }
    if (baseline !== undefined) indicator.baseline = baseline;
    if (baselineYear !== undefined) indicator.baselineYear = baselineYear;
    if (total !== undefined) indicator.total = total;
    if (progress === "from-baseline") indicator.progress = progress;
    Object.assign(indicator, ficha);
    entry.indicator = indicator;
    out.push(entry);
  }
  return out;
}

type Spelling = { empty: number | null | undefined; token: number | null | undefined };

/** Cell readers for one Indicadores row; a missing optional column reads as empty. */
class IndicatorRowReader {
  constructor(
    private readonly context: ReadContext,
    private readonly columns: SheetColumns<IndicatorColumnKey>,
    private readonly cells: readonly Cell[],
    private readonly row: number,
  ) {}

  ref(column: number | null): CellRef {
    return { sheet: "indicadores", row: this.row, column };
  }

  private cellOf(key: IndicatorColumnKey): { ref: CellRef; cell: Cell } | undefined {
    const column = this.columns.fixed.get(key);
    return column === undefined
      ? undefined
      : { ref: this.ref(column), cell: this.cells[column] ?? null };
  }

  has(key: IndicatorColumnKey): boolean {
    return this.columns.fixed.has(key);
  }

  isEmpty(key: IndicatorColumnKey): boolean {
    return isEmptyCell(this.cellOf(key)?.cell);
  }

  problem(key: IndicatorColumnKey, message: string): void {
    this.context.at(this.cellOf(key)?.ref ?? this.ref(null), message);
  }

  required(key: IndicatorColumnKey, what: string): string | undefined {
    const found = this.cellOf(key);
    return found === undefined
      ? undefined
      : requiredText(this.context, found.ref, found.cell, what);
  }

  text(key: IndicatorColumnKey): string | undefined {
    return readText(this.cellOf(key)?.cell);
  }

  listed<T extends string>(
    key: IndicatorColumnKey,
    labels: Record<T, string>,
    what: string,
  ): T | undefined {
    const found = this.cellOf(key);
    return found === undefined
      ? undefined
      : readListed(this.context, found.ref, found.cell, labels, what);
  }

  progress(): "from-baseline" | undefined {
    return this.listed("progress", { "from-baseline": FROM_BASELINE_LABEL }, "variante de avance");
  }

  /** A number, or the token, or empty, each with its plan spelling; "invalid" when recorded. */
  numberAt(
    column: number,
    spelling: Spelling,
    token = NP_TOKEN,
  ): number | null | undefined | "invalid" {
    const cell = this.cells[column] ?? null;
    if (isEmptyCell(cell)) return spelling.empty;
    if (isToken(cell, token)) return spelling.token;
    const value = readNumber(this.context, this.ref(column), cell);
    return value === undefined || value === null ? "invalid" : value;
  }

  numberOrToken(
    key: IndicatorColumnKey,
    token: string,
    spelling: Spelling,
  ): number | null | undefined | "invalid" {
    const column = this.columns.fixed.get(key);
    return column === undefined ? spelling.empty : this.numberAt(column, spelling, token);
  }

  /** Programación per year: empty = null (NP), «NP» = year left out (also NP). */
  targets(years: readonly number[]): Targets | undefined {
    const targets: Targets = {};
    let complete = true;
    for (const year of years) {
      const column = this.columns.targets.get(year);
      if (column === undefined) continue;
      const value = this.numberAt(column, { empty: null, token: undefined });
      if (value === "invalid") complete = false;
      else if (value !== undefined) targets[String(year)] = value;
    }
    return complete ? targets : undefined;
  }
}
