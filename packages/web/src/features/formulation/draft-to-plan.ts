/**
 * From what the person typed to the plan the API receives (rumbo.plan/v1
 * shape). The browser keeps only the issues of typing (a number that is not a
 * number, a year that is not a year, a threshold left empty); every rule of
 * the plan is core's validatePlanRules, the same the server applies, run here
 * on the plan the draft makes (checkDraft) so the editor shows what the server
 * would answer, on the same JSON paths.
 */
import {
  DEFAULT_SEMAFORO,
  fichaOption,
  hasBlockingErrors,
  INDICATOR_FICHA_FIELDS,
  type Indicator,
  type Objective,
  PLAN_FORMAT,
  type Plan,
  type Semaforo,
  validatePlanRules,
  type WeightPct,
} from "@rumbo/core";
import { parseDecimalInput, parseYearInput } from "./decimal-input.ts";
import type { ValidationIssue } from "./formulation-api.ts";
import {
  draftYears,
  type IndicatorDraft,
  type ObjectiveDraft,
  type PlanDraft,
  typedYears,
  type WeightDraft,
} from "./plan-draft.ts";
import { indicatorPath, OBJECTIVE_WEIGHTS_PATH, objectivePath } from "./plan-paths.ts";

/** Issues of typing carry codes of their own, never core's. */
const LOCAL = {
  required: "local.required",
  number: "local.not-a-number",
  years: "local.years",
  objectiveWeights: "local.objective-weights-empty",
} as const;

class IssueList {
  readonly issues: ValidationIssue[] = [];

  error(code: string, path: string, message: string): void {
    this.issues.push({ code, severity: "error", path, message });
  }

  /** The number typed at `path`; null when empty; an error when it is not a number. */
  number(path: string, text: string, what: string): number | null {
    const parsed = parseDecimalInput(text);
    if (parsed.kind === "invalid") {
      this.error(
        LOCAL.number,
        path,
        `${what}: «${text.trim()}» no es un número. Use coma decimal, por ejemplo 70,72.`,
      );
      return null;
    }
    return parsed.kind === "number" ? parsed.value : null;
  }
}

/** Keys the editor writes; everything else on the loaded object is kept as it was. */
const EDITED_PLAN_KEYS = [
  "code",
  "name",
  "years",
  "semaforo",
  "objectives",
  "entity",
  "mission",
  "vision",
] as const;
/** The indicator fields the editor edits (the rest of a loaded indicator is kept as it was). */
export const EDITED_INDICATOR_KEYS: readonly string[] = [
  "code",
  "name",
  "goal",
  "trend",
  "progress",
  "unit",
  "baseline",
  "baselineYear",
  ...INDICATOR_FICHA_FIELDS.map((field) => field.key),
  "targets",
  "total",
  "weight",
];
/** What the API adds to a plan document and does not take back. */
const SERVER_KEYS = ["id", "version", "currentVersion", "status", "published"] as const;

function without<T extends object>(value: T | null, keys: readonly string[]): Partial<T> {
  if (value === null) return {};
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of keys) delete copy[key];
  return copy as Partial<T>;
}

/** `{ key: text }` when the text is not empty, `{}` otherwise (so no empty strings are stored). */
function text<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  return value.trim() === "" ? {} : ({ [key]: value } as Record<K, string>);
}

function indicatorLabel(draft: IndicatorDraft, position: string): string {
  return draft.code.trim() === "" ? `Indicador ${position}` : `Indicador ${draft.code.trim()}`;
}

/**
 * The weight typed at `path` (an indicator's or an objective's) in the form it
 * had (one number or one per year) so that saving without touching it is not
 * a change (a form change is a reprogramación). A year left empty is left out:
 * core's `weight.year-missing` names it, as `weight.negative` a negative one.
 */
function weightOf(
  draft: WeightDraft,
  baseWeight: WeightPct | undefined,
  years: readonly number[],
  path: string,
  label: string,
  list: IssueList,
): WeightPct {
  const perYear: Record<string, number> = {};
  for (const year of years) {
    const key = String(year);
    const typed = draft.weights[key] ?? "";
    const value = list.number(`${path}.weight.${key}`, typed, `${label}, ponderación ${key}`);
    if (value !== null) perYear[key] = value;
  }
  const total = list.number(
    `${path}.weight.total`,
    draft.weightTotal,
    `${label}, ponderación del periodo`,
  );
  const values = Object.values(perYear);
  const uniform = values.length === years.length && values.every((value) => value === values[0]);
  const baseIsObject = typeof baseWeight === "object";
  if (uniform && total === null && !baseIsObject && values[0] !== undefined) return values[0];
  return total === null ? perYear : { ...perYear, total };
}

function isEmptyWeight(draft: WeightDraft, years: readonly number[]): boolean {
  return (
    draft.weightTotal.trim() === "" &&
    years.every((year) => (draft.weights[String(year)] ?? "").trim() === "")
  );
}

/**
 * The objective's weight when the plan weighs its objectives. A row left
 * empty gives no weight: core's `objective-weights.partial` then names the
 * objective (a new objective starts empty so the planner decides its weight).
 */
function objectiveWeightOf(
  draft: ObjectiveDraft,
  years: readonly number[],
  path: string,
  label: string,
  list: IssueList,
): WeightPct | undefined {
  if (isEmptyWeight(draft, years)) return undefined;
  return weightOf(draft, draft.base?.weight, years, path, label, list);
}

function indicatorOf(
  draft: IndicatorDraft,
  years: readonly number[],
  path: string,
  position: string,
  list: IssueList,
): Indicator {
  const label = indicatorLabel(draft, position);

  const targets: Record<string, number | null> = {};
  for (const year of years) {
    const key = String(year);
    targets[key] = list.number(
      `${path}.targets.${key}`,
      draft.targets[key] ?? "",
      `${label}, programación ${key}`,
    );
  }
  const total = list.number(`${path}.total`, draft.total, `${label}, programación del periodo`);
  const baseline = list.number(`${path}.baseline`, draft.baseline, `${label}, línea base`);
  let baselineYear: number | null = null;
  if (draft.baselineYear.trim() !== "") {
    baselineYear = parseYearInput(draft.baselineYear);
    if (baselineYear === null) {
      list.error(
        LOCAL.number,
        `${path}.baselineYear`,
        `${label}: el año de la línea base debe tener cuatro cifras.`,
      );
    }
  }

  const indicator: Indicator = {
    ...without(draft.base, EDITED_INDICATOR_KEYS),
    code: draft.code,
    name: draft.name,
    ...text("goal", draft.goal),
    trend: draft.trend,
    ...text("unit", draft.unit),
    weight: weightOf(draft, draft.base?.weight, years, path, label, list),
    targets,
  };
  // Absent and null mean different things for the total (computed vs NP): keep a loaded null.
  if (total !== null) indicator.total = total;
  else if (draft.base?.total === null && draft.total.trim() === "") indicator.total = null;
  if (baseline !== null) indicator.baseline = baseline;
  else if (draft.base?.baseline === null) indicator.baseline = null;
  if (draft.trend === "creciente" && draft.fromBaseline) indicator.progress = "from-baseline";
  if (baselineYear !== null) indicator.baselineYear = baselineYear;
  else if (draft.base?.baselineYear === null) indicator.baselineYear = null;
  // The ficha's fields as the catalogue defines them: a closed list keeps only one of its values.
  for (const field of INDICATOR_FICHA_FIELDS) {
    const typed = draft[field.key];
    if (field.kind === "enum") {
      const option = fichaOption(field, typed);
      if (option !== undefined) Object.assign(indicator, { [field.key]: option });
    } else {
      Object.assign(indicator, text(field.key, typed));
    }
  }
  return indicator;
}

function semaforoOf(draft: PlanDraft, list: IssueList): Semaforo | undefined {
  const pct = {
    rojo: list.number("semaforo.rojo", draft.semaforo.rojo, "Semáforo, rojo"),
    amarillo: list.number("semaforo.amarillo", draft.semaforo.amarillo, "Semáforo, amarillo"),
    sobreejecucion: list.number(
      "semaforo.sobreejecucion",
      draft.semaforo.sobreejecucion,
      "Semáforo, sobre-ejecución",
    ),
  };
  for (const key of ["rojo", "amarillo", "sobreejecucion"] as const) {
    if (draft.semaforo[key].trim() === "") {
      list.error(
        LOCAL.required,
        `semaforo.${key}`,
        "Escriba el umbral del semáforo en porcentaje.",
      );
    }
  }
  // Their order is core's rule (semaforo.order and the other semáforo checks).
  if (pct.rojo === null || pct.amarillo === null || pct.sobreejecucion === null) return undefined;
  const semaforo: Semaforo = {
    rojo: pct.rojo / 100,
    amarillo: pct.amarillo / 100,
    sobreejecucion: pct.sobreejecucion / 100,
  };
  const isDefault =
    semaforo.rojo === DEFAULT_SEMAFORO.rojo &&
    semaforo.amarillo === DEFAULT_SEMAFORO.amarillo &&
    semaforo.sobreejecucion === DEFAULT_SEMAFORO.sobreejecucion;
  // The defaults are not written into a plan that did not have them.
  return isDefault && draft.base?.semaforo === undefined ? undefined : semaforo;
}

export type DraftResult = { plan: Plan | null; issues: ValidationIssue[] };

/** The plan to send, or null with the reasons when the browser already sees it cannot be sent. */
export function planFromDraft(draft: PlanDraft): DraftResult {
  const list = new IssueList();
  const years = typedYears(draft);
  if (years === null) {
    list.error(
      LOCAL.years,
      "years",
      "Escriba la primera y la última vigencia (años de cuatro cifras, la última igual o posterior a la primera).",
    );
  }
  // The programación of a span longer than core admits is not read: core names the span.
  const editedYears = draftYears(draft) ?? [];
  const semaforo = semaforoOf(draft, list);
  const weighted = draft.objectiveWeighting === "weighted";
  const objectives: Objective[] = draft.objectives.map((objective, oi) => {
    const path = objectivePath(oi);
    const label = `Objetivo ${objective.code.trim() || oi + 1}`;
    // "Todos los objetivos pesan igual": no objective carries a weight (formats.md §1).
    const weight = weighted
      ? objectiveWeightOf(objective, editedYears, path, label, list)
      : undefined;
    return {
      ...without(objective.base, ["code", "name", "indicators", "weight"]),
      code: objective.code,
      name: objective.name,
      ...(weight === undefined ? {} : { weight }),
      indicators: objective.indicators.map((indicator, ii) =>
        indicatorOf(indicator, editedYears, indicatorPath(oi, ii), `${oi + 1}.${ii + 1}`, list),
      ),
    };
  });
  if (
    weighted &&
    editedYears.length > 0 &&
    draft.objectives.length > 0 &&
    objectives.every((objective) => objective.weight === undefined)
  ) {
    list.error(
      LOCAL.objectiveWeights,
      OBJECTIVE_WEIGHTS_PATH,
      "Escriba la ponderación de los objetivos o elija «Todos los objetivos pesan igual».",
    );
  }
  const plan: Plan = {
    ...without(draft.base, [...EDITED_PLAN_KEYS, ...SERVER_KEYS]),
    format: PLAN_FORMAT,
    code: draft.code,
    name: draft.name,
    years: years ?? [],
    ...(semaforo === undefined ? {} : { semaforo }),
    objectives,
    ...text("entity", draft.entity),
    ...text("mission", draft.mission),
    ...text("vision", draft.vision),
  };
  return { plan: list.issues.length === 0 ? plan : null, issues: list.issues };
}

/**
 * What the editor shows for a draft: the issues of typing when there are any
 * (the plan cannot be built), or else exactly core's validatePlanRules for the
 * plan the draft makes. `canSend` is false while an error remains.
 */
export function checkDraft(draft: PlanDraft): DraftResult & { canSend: boolean } {
  const { plan, issues } = planFromDraft(draft);
  if (plan === null) return { plan, issues, canSend: false };
  const rules = validatePlanRules(plan);
  return { plan, issues: rules, canSend: !hasBlockingErrors(rules) };
}
