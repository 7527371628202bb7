/**
 * A place in a plan file in the planner's words — «Objetivo 1, indicador 900,
 * campo «unidad»» — for messages people read; the JSON path
 * (`objectives[0].indicators[3].unit`) stays for machines and for the
 * `rumbo` command (formats.md §4).
 */
import { isRecord } from "./json-fields.ts";

const PLAN_FIELDS: Record<string, string> = {
  format: "formato",
  code: "código del plan",
  name: "nombre del plan",
  years: "vigencias",
  semaforo: "semáforo",
  entity: "entidad",
  mission: "misión",
  vision: "visión",
  source: "fuente",
  objectives: "objetivos",
};

const SEMAFORO_FIELDS: Record<string, string> = {
  rojo: "umbral rojo",
  amarillo: "umbral amarillo",
  sobreejecucion: "umbral de sobreejecución",
};

const OBJECTIVE_FIELDS: Record<string, string> = {
  code: "código",
  name: "nombre",
  weight: "ponderación",
  indicators: "indicadores",
};

const INDICATOR_FIELDS: Record<string, string> = {
  code: "código",
  name: "nombre",
  goal: "meta",
  trend: "tendencia",
  unit: "unidad",
  baseline: "línea base",
  weight: "ponderación",
  targets: "programación",
  total: "total del cuatrienio",
  progress: "forma de medir el avance",
  goalType: "tipo de meta",
  goalCode: "código de la meta",
  baselineYear: "año de la línea base",
  formula: "fórmula",
  frequency: "periodicidad",
  measure: "tipo de medida",
  numerator: "numerador",
  denominator: "denominador",
  source: "fuente",
  responsible: "responsable",
};

function tokens(path: string): string[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2] ?? "");
}

function codeAt(list: unknown, index: number): string | null {
  if (!Array.isArray(list)) return null;
  const item: unknown = list[index];
  if (!isRecord(item) || typeof item.code !== "string" || item.code.trim() === "") return null;
  return item.code;
}

/** `campo «ponderación»`, with the year or total a weight or target is about. */
function field(labels: Record<string, string>, key: string, rest: readonly string[]): string {
  const label = labels[key] ?? key;
  const sub = rest[0];
  if (sub === undefined) return `campo «${label}»`;
  if (/^\d{4}$/.test(sub)) return `campo «${label}», vigencia ${sub}`;
  if (sub === "total") return `campo «${label}», total`;
  return `campo «${label}», «${sub}»`;
}

/**
 * The place a JSON path points at, named by the codes the plan itself gives
 * (`plan` is the value as read, possibly malformed); by position when a code
 * is missing. `""` for the plan as a whole.
 */
export function describePlanPlace(plan: unknown, path: string): string {
  const [head, ...rest] = tokens(path);
  if (head === undefined || head === "") return "";
  if (head === "semaforo" && rest[0] !== undefined)
    return `campo «${SEMAFORO_FIELDS[rest[0]] ?? rest[0]}»`;
  if (head === "years" && rest[0] !== undefined) {
    return `campo «vigencias», posición ${Number(rest[0]) + 1}`;
  }
  if (head !== "objectives" || rest[0] === undefined) return field(PLAN_FIELDS, head, []);
  const objectives = isRecord(plan) ? plan.objectives : undefined;
  const o = Number(rest[0]);
  const objectiveCode = codeAt(objectives, o);
  const objective =
    objectiveCode === null ? `Objetivo en la posición ${o + 1}` : `Objetivo ${objectiveCode}`;
  const [objectiveKey, index, indicatorKey, ...indicatorRest] = rest.slice(1);
  if (objectiveKey === undefined) return objective;
  if (objectiveKey !== "indicators" || index === undefined) {
    return `${objective}, ${field(OBJECTIVE_FIELDS, objectiveKey, rest.slice(2))}`;
  }
  const objectiveValue = Array.isArray(objectives) ? objectives[o] : undefined;
  const k = Number(index);
  const indicatorCode = codeAt(isRecord(objectiveValue) ? objectiveValue.indicators : undefined, k);
  const indicator =
    indicatorCode === null ? `indicador en la posición ${k + 1}` : `indicador ${indicatorCode}`;
  if (indicatorKey === undefined) return `${objective}, ${indicator}`;
  return `${objective}, ${indicator}, ${field(INDICATOR_FIELDS, indicatorKey, indicatorRest)}`;
}
