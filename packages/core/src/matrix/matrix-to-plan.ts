/**
 * Matrix → plan, all or nothing: the plan when every cell reads well and the
 * plan passes the rumbo.plan/v1 checks (validatePlan), or every problem with
 * its sheet, row and column — never a partial plan.
 *
 * Reading happens in two passes. The first reads each cell (types, lists,
 * codes, weights). The second gives validatePlan the rows that read well and
 * places its problems (decreciente without línea base, meta = línea base…)
 * back on their cells; rows with a problem of the first pass are not
 * reported twice.
 */
import { validatePlan } from "../formats/plan-json.ts";
import { type Indicator, type Objective, PLAN_FORMAT, type Plan } from "../plan/plan.ts";
import type { Matrix } from "./matrix.ts";
import { ALL_INDICATOR_COLUMNS, OBJECTIVE_COLUMNS } from "./matrix-columns.ts";
import { checkYearColumns, resolveColumns, yearsOfColumns } from "./matrix-headers.ts";
import { type MatrixPlacement, pathToCell, pointerToCell } from "./matrix-locate.ts";
import { readPlanSheet } from "./matrix-plan-sheet.ts";
import {
  createReadContext,
  type MatrixReadOptions,
  type MatrixReadResult,
  type ReadContext,
  sortedProblems,
} from "./matrix-read-context.ts";
import { readIndicatorRows, readObjectiveRows } from "./matrix-rows.ts";

export function matrixToPlan(matrix: Matrix, options: MatrixReadOptions = {}): MatrixReadResult {
  const context = createReadContext(matrix, options);
  const planValues = readPlanSheet(context);
  const { objetivos, indicadores } = matrix.sheets;
  for (const [sheet, rows] of [
    ["objetivos", objetivos],
    ["indicadores", indicadores],
  ] as const) {
    if (rows.length === 0)
      context.at(
        { sheet, row: -1, column: null },
        "la hoja está vacía: falta la fila de encabezados",
      );
  }
  const objectiveColumns = resolveColumns(
    context,
    "objetivos",
    objetivos[0] ?? [],
    OBJECTIVE_COLUMNS,
    false,
  );
  const indicatorColumns = resolveColumns(
    context,
    "indicadores",
    indicadores[0] ?? [],
    ALL_INDICATOR_COLUMNS,
    true,
  );
  const years = planValues.years ?? yearsOfColumns(indicatorColumns);
  if (planValues.years !== undefined) {
    checkYearColumns(context, "objetivos", objectiveColumns, years, false);
    checkYearColumns(context, "indicadores", indicatorColumns, years, true);
  }
  const objectiveRows = readObjectiveRows(context, objectiveColumns, years);
  const objectiveCodes = objectiveColumns.fixed.has("code")
    ? new Set(objectiveRows.flatMap((o) => (o.code === undefined ? [] : [o.code])))
    : null;
  const indicatorRows = readIndicatorRows(context, indicatorColumns, years, objectiveCodes);

  // The plan of the rows that read well, with the sheet row of each part.
  const placement: MatrixPlacement = {
    planRows: planValues.rows,
    objectiveColumns,
    indicatorColumns,
    objectiveRows: [],
    indicatorRows: [],
  };
  const objectives: Objective[] = [];
  const byCode = new Map<string, { indicators: Indicator[]; rows: number[] }>();
  for (const entry of objectiveRows) {
    if (entry.objective === undefined || entry.code === undefined || byCode.has(entry.code))
      continue;
    const objective: Objective = { ...entry.objective, indicators: [] };
    const rows: number[] = [];
    objectives.push(objective);
    placement.objectiveRows.push(entry.row);
    placement.indicatorRows.push(rows);
    byCode.set(entry.code, { indicators: objective.indicators, rows });
  }
  for (const entry of indicatorRows) {
    const owner = entry.objectiveCode === undefined ? undefined : byCode.get(entry.objectiveCode);
    if (entry.indicator === undefined || owner === undefined) continue;
    owner.indicators.push(entry.indicator);
    owner.rows.push(entry.row);
  }
  if (planValues.years === undefined || planValues.years.length === 0) {
    return { ok: false, problems: sortedProblems(context) };
  }
  const plan: Plan = {
    format: PLAN_FORMAT,
    code: planValues.code ?? "?",
    name: planValues.name ?? "?",
    years: planValues.years,
    objectives,
    ...planValues.texts,
  };
  if (planValues.semaforo !== undefined) plan.semaforo = planValues.semaforo;

  const checked = validatePlan(plan, "");
  if (!checked.ok) placeProblems(context, placement, checked.problems);
  if (context.found.length > 0 || !checked.ok) {
    return { ok: false, problems: sortedProblems(context) };
  }
  const describe = context.describe;
  const valid = checked.plan;
  return {
    ok: true,
    plan: valid,
    locate: (pointer) => {
      const ref = pointerToCell(placement, valid, pointer);
      return ref === null ? null : describe(ref);
    },
  };
}

/** validatePlan's problems on their cells, in the words of the matrix. */
function placeProblems(
  context: ReadContext,
  placement: MatrixPlacement,
  problems: readonly { path?: string; message: string }[],
) {
  const firstPass = new Set(context.rowsWithProblems);
  for (const problem of problems) {
    const ref = pathToCell(placement, problem.path ?? "") ?? {
      sheet: "plan" as const,
      row: -1,
      column: null,
    };
    if (firstPass.has(`${ref.sheet}:${ref.row}`)) continue;
    context.at(ref, matrixWords(problem.message));
  }
}

/** The plan file names fields in English; the matrix names them by its columns. */
function matrixWords(message: string): string {
  return message
    .replace(/progress "from-baseline"/g, "la variante «Desde la línea base»")
    .replace(/"from-baseline"/g, "la variante «Desde la línea base»")
    .replace(/ \(baseline\)/g, "")
    .replace(/el peso del objetivo/g, "la ponderación del objetivo");
}
