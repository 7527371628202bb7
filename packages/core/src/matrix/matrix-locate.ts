/**
 * From a place in the plan (a JSON path such as
 * `objectives[2].indicators[0].targets.2025`, or the codes of a validation
 * issue) to the matrix cell that holds it, so a problem found in the plan is
 * reported where the planner can fix it.
 */
import type { Plan } from "../plan/plan.ts";
import type { CellRef } from "./matrix.ts";
import {
  ALL_INDICATOR_COLUMNS,
  type IndicatorColumnKey,
  type ObjectiveColumnKey,
  type PlanFieldKey,
} from "./matrix-columns.ts";
import type { SheetColumns } from "./matrix-headers.ts";
import type { PlanPointer } from "./matrix-read-context.ts";

export type MatrixPlacement = {
  planRows: ReadonlyMap<PlanFieldKey, number>;
  objectiveColumns: SheetColumns<ObjectiveColumnKey>;
  indicatorColumns: SheetColumns<IndicatorColumnKey>;
  /** Sheet row of objectives[i] and of objectives[i].indicators[k] of the plan read. */
  objectiveRows: number[];
  indicatorRows: number[][];
};

const PLAN_PATH_FIELDS: Record<string, PlanFieldKey> = {
  code: "code",
  name: "name",
  entity: "entity",
  mission: "mission",
  vision: "vision",
  source: "source",
  years: "yearFrom",
};

/** A field of the indicator in the plan file is the column of the same key. */
const INDICATOR_FIELDS: ReadonlyMap<string, IndicatorColumnKey> = new Map(
  ALL_INDICATOR_COLUMNS.filter((column) => column.key !== "objective").map((column) => [
    column.key,
    column.key,
  ]),
);

function tokens(path: string): string[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2] ?? "");
}

/** Column of a weight or target: `.2025` → that year's column, `.total` or none → the total. */
function yearColumn(
  byYear: ReadonlyMap<number, number>,
  total: number | undefined,
  key: string | undefined,
): number | null {
  if (key !== undefined && /^\d{4}$/.test(key)) return byYear.get(Number(key)) ?? total ?? null;
  return total ?? byYear.values().next().value ?? null;
}

export function pathToCell(placement: MatrixPlacement, path: string): CellRef | null {
  const [head, ...rest] = tokens(path);
  if (head === undefined || head === "" || head === "format")
    return { sheet: "plan", row: -1, column: null };
  if (head === "semaforo") {
    const key = rest[0] === "amarillo" || rest[0] === "sobreejecucion" ? rest[0] : "rojo";
    const row = placement.planRows.get(key);
    return row === undefined ? null : { sheet: "plan", row, column: 1 };
  }
  if (head !== "objectives") {
    const field = PLAN_PATH_FIELDS[head];
    const row = field === undefined ? undefined : placement.planRows.get(field);
    return row === undefined ? null : { sheet: "plan", row, column: 1 };
  }
  // The objectives as a whole (their number, the sum of their weights): the Objetivos sheet.
  if (rest[0] === undefined) return { sheet: "objetivos", row: -1, column: null };
  const objectiveIndex = Number(rest[0]);
  const objectiveRow = placement.objectiveRows[objectiveIndex];
  if (objectiveRow === undefined) return null;
  const [field, sub, ...more] = rest.slice(1);
  if (field !== "indicators") {
    const columns = placement.objectiveColumns;
    const column =
      field === "code" || field === "name"
        ? (columns.fixed.get(field) ?? null)
        : field === "weight"
          ? yearColumn(columns.weights, columns.weightTotal, sub)
          : null;
    return { sheet: "objetivos", row: objectiveRow, column };
  }
  const row = placement.indicatorRows[objectiveIndex]?.[Number(sub)];
  if (row === undefined) return null;
  const [indicatorField, key] = more;
  const columns = placement.indicatorColumns;
  let column: number | null = null;
  if (indicatorField === "weight") column = yearColumn(columns.weights, columns.weightTotal, key);
  else if (indicatorField === "targets")
    column = yearColumn(columns.targets, columns.targetTotal, key);
  else if (indicatorField === "total") column = columns.targetTotal ?? null;
  else if (indicatorField !== undefined) {
    const fixed = INDICATOR_FIELDS.get(indicatorField);
    column = fixed === undefined ? null : (columns.fixed.get(fixed) ?? null);
  }
  return { sheet: "indicadores", row, column };
}

/** A validation issue's place: its JSON path, or else its objective/indicator codes, year and field. */
export function pointerToCell(
  placement: MatrixPlacement,
  plan: Plan,
  pointer: PlanPointer,
): CellRef | null {
  if (typeof pointer === "string") return pathToCell(placement, pointer);
  if (pointer.path !== undefined && pointer.path !== "") {
    const found = pathToCell(placement, pointer.path);
    if (found !== null) return found;
  }
  const suffix =
    pointer.field === undefined
      ? ""
      : `.${pointer.field}${pointer.year === undefined ? "" : `.${pointer.year}`}`;
  for (const [o, objective] of plan.objectives.entries()) {
    if (pointer.indicatorCode !== undefined) {
      const k = objective.indicators.findIndex((i) => i.code === pointer.indicatorCode);
      if (k !== -1) return pathToCell(placement, `objectives[${o}].indicators[${k}]${suffix}`);
    } else if (objective.code === pointer.objectiveCode) {
      return pathToCell(placement, `objectives[${o}]${suffix}`);
    }
  }
  return null;
}
