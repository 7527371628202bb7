/**
 * The flat matrix: the three sheets in one table, one row per indicator with
 * the plan's and the objective's columns repeated (an objective without
 * indicators gets a row of its own; a plan without objectives, one row with
 * the plan only). It is what the CSV export holds. Reading rebuilds the three
 * sheets and reads them with matrixToPlan, naming the CSV's rows and columns.
 */
import type { Plan } from "../plan/plan.ts";
import {
  type Cell,
  type CellRef,
  cellText,
  describeColumn,
  isEmptyCell,
  type Matrix,
  type MatrixLocation,
  type MatrixProblem,
} from "./matrix.ts";
import { PLAN_FIELDS, PLAN_SHEET_HEADER, type PlanFieldKey } from "./matrix-columns.ts";
import { flatHeader, flatLabelOf, flatTargetOf, planFlatLabel } from "./matrix-flat-columns.ts";
import type { DecimalSeparator } from "./matrix-numbers.ts";
import type { MatrixReadResult } from "./matrix-read-context.ts";
import { matrixToPlan } from "./matrix-to-plan.ts";
import { indicatorRow, objectiveRow, planFieldCells } from "./plan-to-matrix.ts";

export function planToFlatRows(plan: Plan): Cell[][] {
  const planCells = PLAN_FIELDS.map((field) => planFieldCells(plan)[field.key]);
  const objectiveWidth = 3 + plan.years.length;
  const indicatorWidth = flatHeader(plan.years).length - planCells.length - objectiveWidth;
  const rows: Cell[][] = [flatHeader(plan.years)];
  for (const objective of plan.objectives) {
    const objectiveCells = objectiveRow(objective, plan.years);
    if (objective.indicators.length === 0) {
      rows.push([...planCells, ...objectiveCells, ...Array<Cell>(indicatorWidth).fill(null)]);
    }
    for (const indicator of objective.indicators) {
      const cells = indicatorRow(objective.code, indicator, plan.years).slice(1);
      rows.push([...planCells, ...objectiveCells, ...cells]);
    }
  }
  if (plan.objectives.length === 0) {
    rows.push([...planCells, ...Array<Cell>(objectiveWidth + indicatorWidth).fill(null)]);
  }
  return rows;
}

/** Row of a problem about a plan column the CSV lacks (reported once, on the header). */
const MISSING = -1;

type SheetBuild = { header: Cell[]; flatColumns: number[]; rows: Cell[][]; flatRows: number[] };

/** Reads flat rows (the header first); problems name the CSV row and column. */
export function flatRowsToPlan(
  rows: readonly (readonly Cell[])[],
  options: { decimal?: DecimalSeparator } = {},
): MatrixReadResult {
  const header = rows[0] ?? [];
  const columnName = (column: number) => describeColumn(cellText(header[column]), column);
  const at = (row: number, column: number | null): MatrixLocation => ({
    sheet: "",
    row: row + 1,
    column: column === null ? "" : columnName(column),
  });
  const problems: MatrixProblem[] = [];
  const targets = header.map((cell) => flatTargetOf(cellText(cell)));
  const planColumns = new Map<PlanFieldKey, number>();
  const objetivos: SheetBuild = { header: [], flatColumns: [], rows: [], flatRows: [] };
  const indicadores: SheetBuild = { header: [], flatColumns: [], rows: [], flatRows: [] };
  targets.forEach((target, column) => {
    if (target === undefined) return;
    if (target.sheet === "plan") {
      if (!planColumns.has(target.key)) planColumns.set(target.key, column);
      return;
    }
    const build = target.sheet === "objetivos" ? objetivos : indicadores;
    build.header.push(target.label);
    build.flatColumns.push(column);
    if (target.sheet === "objetivos" && target.label === "Código") {
      indicadores.header.unshift("Objetivo");
      indicadores.flatColumns.unshift(column);
    }
  });
  for (const field of PLAN_FIELDS) {
    if (field.required && !planColumns.has(field.key))
      problems.push({ ...at(0, null), message: `falta la columna «${planFlatLabel(field.key)}»` });
  }
  const dataRows = rows.flatMap((cells, row) =>
    row > 0 && !cells.every((cell) => isEmptyCell(cell)) ? [row] : [],
  );
  const first = dataRows[0];
  if (first === undefined) {
    problems.push({
      ...at(0, null),
      message: "el archivo no tiene filas de datos (la fila 1 es el encabezado)",
    });
    return { ok: false, problems };
  }
  const firstCells = rows[first] ?? [];
  const objectiveFirstRow = new Map<string, number>();
  const codeColumn = objetivos.flatColumns[objetivos.header.indexOf("Código")];
  const sameAs = (row: number, column: number, firstRow: number, what: string) => {
    const cell = rows[row]?.[column] ?? null;
    const original = rows[firstRow]?.[column] ?? null;
    if (isEmptyCell(cell) || cellText(cell) === cellText(original)) return;
    problems.push({
      ...at(row, column),
      message: `«${cellText(cell)}» no coincide con la fila ${firstRow + 1} («${cellText(original)}»): ${what}`,
    });
  };
  for (const row of dataRows) {
    const cells = rows[row] ?? [];
    for (const column of planColumns.values())
      sameAs(
        row,
        column,
        first,
        "los datos del plan se repiten iguales en cada fila (o se dejan vacíos)",
      );
    const code = codeColumn === undefined ? null : (cells[codeColumn] ?? null);
    const objectiveFilled = objetivos.flatColumns.some((c) => !isEmptyCell(cells[c]));
    const indicatorFilled = indicadores.flatColumns.slice(1).some((c) => !isEmptyCell(cells[c]));
    if (!isEmptyCell(code)) {
      const key = cellText(code);
      const firstRow = objectiveFirstRow.get(key);
      if (firstRow === undefined) {
        objectiveFirstRow.set(key, row);
        objetivos.rows.push(objetivos.flatColumns.map((c) => cells[c] ?? null));
        objetivos.flatRows.push(row);
      } else {
        for (const column of objetivos.flatColumns)
          sameAs(
            row,
            column,
            firstRow,
            `los datos del objetivo «${key}» se repiten iguales en cada una de sus filas (o se dejan vacíos)`,
          );
      }
    } else if (objectiveFilled && codeColumn !== undefined) {
      problems.push({ ...at(row, codeColumn), message: "falta el código del objetivo" });
    }
    if (indicatorFilled) {
      indicadores.rows.push(indicadores.flatColumns.map((c) => cells[c] ?? null));
      indicadores.flatRows.push(row);
    }
  }
  const matrix: Matrix = {
    sheets: {
      plan: [
        [...PLAN_SHEET_HEADER],
        ...PLAN_FIELDS.map((field) => {
          const column = planColumns.get(field.key);
          return [field.label, column === undefined ? null : (firstCells[column] ?? null)];
        }),
      ],
      objetivos: [objetivos.header, ...objetivos.rows],
      indicadores: [indicadores.header, ...indicadores.rows],
    },
  };
  const describe = (ref: CellRef): MatrixLocation => {
    if (ref.sheet === "plan") {
      const field = PLAN_FIELDS[ref.row - 1];
      const column = field === undefined ? undefined : planColumns.get(field.key);
      // A plan column missing from the CSV is already reported on the header.
      if (column === undefined) return { sheet: "", row: MISSING, column: "" };
      return at(first, column);
    }
    const build = ref.sheet === "objetivos" ? objetivos : indicadores;
    const row = ref.row <= 0 ? 0 : (build.flatRows[ref.row - 1] ?? 0);
    return at(row, ref.column === null ? null : (build.flatColumns[ref.column] ?? null));
  };
  const read = matrixToPlan(matrix, {
    ...(options.decimal === undefined ? {} : { decimal: options.decimal }),
    describe,
    columnLabel: flatLabelOf,
  });
  if (read.ok && problems.length === 0) return read;
  const located = read.ok ? [] : read.problems.filter((problem) => problem.row !== MISSING);
  return { ok: false, problems: sortFlat([...problems, ...located], header) };
}

/** Problems by row and column, each once (a CSV column can feed two sheets). */
function sortFlat(problems: MatrixProblem[], header: readonly Cell[]): MatrixProblem[] {
  const columnIndex = new Map(
    header.map((cell, column) => [describeColumn(cellText(cell), column), column]),
  );
  const seen = new Set<string>();
  return problems
    .filter((problem) => {
      const key = `${problem.row}|${problem.column}|${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        a.problem.row - b.problem.row ||
        (columnIndex.get(a.problem.column) ?? -1) - (columnIndex.get(b.problem.column) ?? -1) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}
