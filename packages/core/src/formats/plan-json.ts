/**
 * Reader of the plan file `rumbo.plan/v1` (formats.md §1). It returns the plan
 * or every problem with its JSON path, never a partial plan (formats.md §4).
 */
import {
  type Indicator,
  type Objective,
  PLAN_FORMAT,
  type Plan,
  type Semaforo,
  type WeightPct,
} from "../plan/plan.ts";
import { TEXT_LIMITS } from "../plan/text-limits.ts";
import { isSaneYear, MAX_VIGENCIAS, YEAR_MAX, YEAR_MIN } from "../shared/bounds.ts";
import type { PlanOutline } from "./actuals-rows.ts";
import {
  createReporter,
  describe,
  isRecord,
  type JsonRecord,
  join,
  optionalString,
  type Reporter,
  requiredString,
} from "./json-fields.ts";
import { findJsonSyntaxError } from "./json-syntax.ts";
import { readIndicator } from "./plan-indicator.ts";
import { describePlanPlace } from "./plan-place.ts";
import { type PlanYears, planYears, readWeight } from "./plan-weights.ts";
import type { Problem } from "./problem.ts";

export type ReadPlanResult =
  | { ok: true; plan: Plan }
  /** `outline`: the years and indicator codes that could be read, to check the actuals against. */
  | { ok: false; problems: Problem[]; outline?: PlanOutline };

/** Parses and validates a plan file's text; `fileName` prefixes every problem. */
export function readPlanJson(text: string, fileName: string): ReadPlanResult {
  let value: unknown;
  // A UTF-8 BOM is not JSON; editors on Windows add it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [jsonSyntaxProblem(text, fileName, error)] };
  }
  return validatePlan(value, fileName);
}

function jsonSyntaxProblem(text: string, fileName: string, error: unknown): Problem {
  const found = findJsonSyntaxError(text);
  if (found === null) {
    const detail = error instanceof Error ? error.message : String(error);
    return { source: fileName, message: `JSON mal formado (${detail})` };
  }
  return {
    source: fileName,
    line: found.line,
    message: `columna ${found.column}: JSON mal formado: ${found.message}`,
  };
}

/**
 * Plans that passed `validatePlan` (the one it returned and the object it was
 * given), so the engine does not validate 100,000 indicators twice. Treat a
 * validated plan as immutable.
 */
const validatedPlans = new WeakSet<object>();

export function isValidatedPlan(plan: object): boolean {
  return validatedPlans.has(plan);
}

/** Validates a parsed value (or a plan built elsewhere) against rumbo.plan/v1. */
export function validatePlan(value: unknown, fileName: string): ReadPlanResult {
  const report = createReporter(fileName);
  const plan = readPlan(report, value);
  if (plan === undefined || report.problems.length > 0) {
    const problems = report.problems.map((problem) =>
      problem.path === undefined
        ? problem
        : { ...problem, place: describePlanPlace(value, problem.path) },
    );
    return { ok: false, problems, outline: readOutline(value) };
  }
  validatedPlans.add(plan);
  if (isRecord(value)) validatedPlans.add(value);
  return { ok: true, plan };
}

function readPlan(report: Reporter, value: unknown): Plan | undefined {
  if (!isRecord(value)) {
    report.at("", `el plan debe ser un objeto JSON, no ${describe(value)}`);
    return undefined;
  }
  if (value.format !== PLAN_FORMAT) {
    report.at(
      "format",
      value.format === undefined
        ? `falta el formato (se espera "${PLAN_FORMAT}")`
        : `formato ${describe(value.format)} no soportado (se espera "${PLAN_FORMAT}")`,
    );
  }
  const code = requiredString(
    report,
    value,
    "code",
    "",
    "el código del plan",
    TEXT_LIMITS.plan.code,
  );
  const name = requiredString(
    report,
    value,
    "name",
    "",
    "el nombre del plan",
    TEXT_LIMITS.plan.name,
  );
  const read = readYears(report, value.years);
  const semaforo = readSemaforo(report, value.semaforo);
  // With a broken year list the objectives are still read, their weights and
  // targets checked as numbers but not against years nobody can be sure of.
  const objectives = readObjectives(
    report,
    value.objectives,
    planYears(read.valid ? read.years : [], read.valid),
  );
  const extensions = readPlanExtensions(report, value);
  if (code === undefined || name === undefined || !read.valid) return undefined;
  const years = read.years;
  if (objectives === undefined || semaforo === null) return undefined;
  const plan: Plan = { format: PLAN_FORMAT, code, name, years, objectives, ...extensions };
  if (semaforo !== undefined) plan.semaforo = semaforo;
  return plan;
}

/** The years (when valid) and indicator codes (when all are text) of a plan with problems. */
function readOutline(value: unknown): PlanOutline {
  if (!isRecord(value)) return { years: null, indicatorCodes: null };
  const years = readYears(createReporter(""), value.years);
  return {
    years: years.valid ? years.years : null,
    indicatorCodes: readIndicatorCodes(value.objectives),
  };
}

function readIndicatorCodes(objectives: unknown): Set<string> | null {
  if (!Array.isArray(objectives)) return null;
  const codes = new Set<string>();
  for (const objective of objectives) {
    if (!isRecord(objective) || !Array.isArray(objective.indicators)) return null;
    for (const indicator of objective.indicators) {
      if (!isRecord(indicator) || typeof indicator.code !== "string") return null;
      codes.add(indicator.code);
    }
  }
  return codes;
}

const PLAN_TEXT_LABELS = {
  entity: "la entidad",
  mission: "la misión",
  vision: "la visión",
  source: "la fuente del plan",
} as const;

function readPlanExtensions(report: Reporter, value: JsonRecord): Partial<Plan> {
  const extensions: Partial<Plan> = {};
  for (const key of ["entity", "mission", "vision", "source"] as const) {
    const text = optionalString(
      report,
      value,
      key,
      "",
      TEXT_LIMITS.plan[key],
      PLAN_TEXT_LABELS[key],
    );
    if (text !== undefined) extensions[key] = text;
  }
  return extensions;
}

/**
 * The plan's years as read: `valid` when they are integers in the sane range (at most MAX_VIGENCIAS of them),
 * ascending and contiguous (formats.md §1); `years` holds the ones that
 * parsed. The rest of the plan is read either way, so a gap in the years
 * does not hide a negative weight (formats.md §4).
 */
type ReadYears = { valid: boolean; years: number[] };

function readYears(report: Reporter, value: unknown): ReadYears {
  if (!Array.isArray(value)) {
    report.at(
      "years",
      value === undefined
        ? "faltan los años del plan"
        : `los años deben ser una lista, no ${describe(value)}`,
    );
    return { valid: false, years: [] };
  }
  if (value.length === 0) {
    report.at("years", "el plan debe tener al menos un año");
    return { valid: false, years: [] };
  }
  if (value.length > MAX_VIGENCIAS) {
    report.at("years", `el plan tiene ${value.length} vigencias; el máximo es ${MAX_VIGENCIAS}`);
    return { valid: false, years: [] };
  }
  const years: number[] = [];
  value.forEach((year: unknown, index) => {
    if (typeof year !== "number" || !isSaneYear(year)) {
      report.at(
        join("years", index),
        `el año debe ser un entero entre ${YEAR_MIN} y ${YEAR_MAX}, no ${describe(year)}`,
      );
    } else {
      years.push(year);
    }
  });
  for (let index = 1; index < years.length; index++) {
    const previous = years[index - 1];
    const year = years[index];
    if (previous !== undefined && year !== previous + 1) {
      report.at(
        "years",
        `los años deben ser consecutivos y ascendentes: ${previous} va seguido de ${year}`,
      );
      return { valid: false, years };
    }
  }
  return { valid: years.length === value.length, years };
}

/** `undefined` = absent (defaults apply), `null` = malformed. */
function readSemaforo(report: Reporter, value: unknown): Semaforo | undefined | null {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    report.at("semaforo", `el semáforo debe ser un objeto, no ${describe(value)}`);
    return null;
  }
  const thresholds: Partial<Semaforo> = {};
  for (const key of ["rojo", "amarillo", "sobreejecucion"] as const) {
    const threshold = value[key];
    if (typeof threshold !== "number" || !Number.isFinite(threshold) || threshold < 0) {
      report.at(
        join("semaforo", key),
        `el umbral debe ser una fracción ≥ 0 (0.7 = 70 %), no ${describe(threshold)}`,
      );
    } else {
      thresholds[key] = threshold;
    }
  }
  const { rojo, amarillo, sobreejecucion } = thresholds;
  if (rojo === undefined || amarillo === undefined || sobreejecucion === undefined) return null;
  if (rojo > amarillo) {
    report.at("semaforo", `el umbral rojo (${rojo}) no puede superar al amarillo (${amarillo})`);
    return null;
  }
  return { rojo, amarillo, sobreejecucion };
}

function readObjectives(
  report: Reporter,
  value: unknown,
  years: PlanYears,
): Objective[] | undefined {
  if (!Array.isArray(value)) {
    report.at(
      "objectives",
      value === undefined
        ? "faltan los objetivos"
        : `los objetivos deben ser una lista, no ${describe(value)}`,
    );
    return undefined;
  }
  const objectives: Objective[] = [];
  const objectiveCodes = new Map<string, string>();
  const indicatorCodes = new Map<string, string>();
  const weighted: string[] = [];
  const unweighted: string[] = [];
  value.forEach((item: unknown, index) => {
    const path = join("objectives", index);
    if (!isRecord(item)) {
      report.at(path, `el objetivo debe ser un objeto, no ${describe(item)}`);
      return;
    }
    const code = typeof item.code === "string" ? item.code : undefined;
    const label =
      code === undefined ? `el objetivo en la posición ${index + 1}` : `el objetivo ${code}`;
    const objective = readObjective(report, item, path, label, years, indicatorCodes);
    if (code !== undefined) {
      const first = objectiveCodes.get(code);
      if (first !== undefined)
        report.at(
          join(path, "code"),
          `código de objetivo repetido "${code}" (ya lo usa el objetivo en la posición ${first})`,
        );
      else objectiveCodes.set(code, String(index + 1));
    }
    (item.weight === undefined ? unweighted : weighted).push(path);
    if (objective !== undefined) objectives.push(objective);
  });
  // formats.md §1: objective weights are given for all objectives or for none.
  if (weighted.length > 0 && unweighted.length > 0) {
    for (const path of unweighted) {
      report.at(
        join(path, "weight"),
        "falta el peso del objetivo: se da para todos los objetivos o para ninguno",
      );
    }
  }
  return objectives.length === value.length ? objectives : undefined;
}

function readObjective(
  report: Reporter,
  item: JsonRecord,
  path: string,
  /** How a duplicate indicator code names this objective: "el objetivo 3". */
  label: string,
  years: PlanYears,
  indicatorCodes: Map<string, string>,
): Objective | undefined {
  const before = report.problems.length;
  const code = requiredString(
    report,
    item,
    "code",
    path,
    "el código del objetivo",
    TEXT_LIMITS.objective.code,
  );
  const name = requiredString(
    report,
    item,
    "name",
    path,
    "el nombre del objetivo",
    TEXT_LIMITS.objective.name,
  );
  let weight: WeightPct | undefined;
  if (item.weight !== undefined)
    weight = readWeight(report, item.weight, join(path, "weight"), years);
  const indicators: Indicator[] = [];
  const list = item.indicators;
  if (!Array.isArray(list)) {
    report.at(
      join(path, "indicators"),
      list === undefined
        ? "faltan los indicadores"
        : `los indicadores deben ser una lista, no ${describe(list)}`,
    );
  } else {
    list.forEach((entry: unknown, index) => {
      const indicatorPath = join(join(path, "indicators"), index);
      const indicator = readIndicator(report, entry, indicatorPath, years);
      const indicatorCode =
        isRecord(entry) && typeof entry.code === "string" ? entry.code : undefined;
      if (indicatorCode !== undefined) {
        const first = indicatorCodes.get(indicatorCode);
        if (first !== undefined) {
          report.at(
            join(indicatorPath, "code"),
            `código de indicador repetido "${indicatorCode}" (ya está en ${first})`,
          );
        } else {
          indicatorCodes.set(indicatorCode, label);
        }
      }
      if (indicator !== undefined) indicators.push(indicator);
    });
  }
  if (code === undefined || name === undefined || report.problems.length > before) return undefined;
  const objective: Objective = { code, name, indicators };
  if (weight !== undefined) objective.weight = weight;
  return objective;
}
