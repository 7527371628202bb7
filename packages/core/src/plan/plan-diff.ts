/**
 * What changed between two versions of a plan (a reprogramación keeps
 * every version; a diff lists what changed; a 409 says what the other person
 * changed). Objectives and indicators are matched by code, so a reordering or
 * a move between objectives reads as such, not as a removal plus an addition.
 */
import { weightOfPeriod, weightOfYear } from "../compliance/plan-rules.ts";
import {
  type CatalogueField,
  type FieldOptions,
  INDICATOR_CATALOGUE,
  PLAN_CATALOGUE,
  PROGRAMMING_FIELDS,
} from "./field-catalogue.ts";
import type { Indicator, Objective, Plan, Semaforo, WeightPct } from "./plan.ts";

export type PlanChangeKind = "added" | "removed" | "changed";

export type PlanChange = {
  path: string;
  kind: PlanChangeKind;
  objectiveCode?: string;
  indicatorCode?: string;
  field?: string;
  year?: number;
  before: unknown;
  after: unknown;
  message: string;
};

export { PROGRAMMING_FIELDS };

/** The plan's texts, compared one by one (vigencias and semáforo have messages of their own). */
const PLAN_TEXT_FIELDS = PLAN_CATALOGUE.filter((field) => field.kind === "text").map(
  (field) => [field.key, field.noun] as const,
);

/**
 * The indicator's own fields, compared one by one; the code identifies it and
 * the programación (targets, total, weight) is compared year by year below.
 */
const INDICATOR_FIELDS = INDICATOR_CATALOGUE.filter(
  (field) => !["code", "targets", "total", "weight"].includes(field.key),
).map((field) => [field.key as keyof Indicator, field.noun, field] as const);

export function diffPlans(before: Plan, after: Plan): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const [field, label] of PLAN_TEXT_FIELDS) {
    if (!same(before[field], after[field])) {
      changes.push({
        path: field,
        kind: "changed",
        field,
        before: before[field] ?? null,
        after: after[field] ?? null,
        message: `Plan: ${label}: ${show(before[field])} → ${show(after[field])}`,
      });
    }
  }
  if (!same(before.years, after.years)) {
    changes.push({
      path: "years",
      kind: "changed",
      field: "years",
      before: before.years,
      after: after.years,
      message: `Plan: vigencias ${before.years.join(", ")} → ${after.years.join(", ")}`,
    });
  }
  if (!same(before.semaforo ?? null, after.semaforo ?? null)) {
    changes.push({
      path: "semaforo",
      kind: "changed",
      field: "semaforo",
      before: before.semaforo ?? null,
      after: after.semaforo ?? null,
      message: `Plan: semáforo ${showSemaforo(before.semaforo)} → ${showSemaforo(after.semaforo)}`,
    });
  }
  const years = [...new Set([...before.years, ...after.years])].sort((a, b) => a - b);
  diffObjectives(before.objectives, after.objectives, years, changes);
  return changes;
}

/** The changes that touch programación (targets, totals, weights, vigencias). */
export function programmingChanges(changes: readonly PlanChange[]): PlanChange[] {
  return changes.filter((c) => c.field !== undefined && PROGRAMMING_FIELDS.has(c.field));
}

function diffObjectives(
  before: Objective[],
  after: Objective[],
  years: number[],
  out: PlanChange[],
): void {
  const oldByCode = new Map(before.map((o, i) => [o.code, { o, i }]));
  const newByCode = new Map(after.map((o, i) => [o.code, { o, i }]));
  after.forEach((o, i) => {
    const old = oldByCode.get(o.code);
    const path = `objectives[${i}]`;
    if (!old) {
      out.push({
        path,
        kind: "added",
        objectiveCode: o.code,
        before: null,
        after: o.name,
        message: `Objetivo ${o.code} agregado: ${o.name}`,
      });
      return;
    }
    if (old.o.name !== o.name) {
      out.push({
        path: `${path}.name`,
        kind: "changed",
        objectiveCode: o.code,
        field: "name",
        before: old.o.name,
        after: o.name,
        message: `Objetivo ${o.code}: nombre «${old.o.name}» → «${o.name}»`,
      });
    }
    if (old.i !== i) {
      out.push({
        path,
        kind: "changed",
        objectiveCode: o.code,
        field: "position",
        before: old.i + 1,
        after: i + 1,
        message: `Objetivo ${o.code}: pasa de la posición ${old.i + 1} a la ${i + 1}`,
      });
    }
    diffWeight(
      old.o.weight,
      o.weight,
      years,
      `${path}.weight`,
      `Objetivo ${o.code}`,
      { objectiveCode: o.code },
      out,
    );
  });
  before.forEach((o, i) => {
    if (!newByCode.has(o.code)) {
      out.push({
        path: `objectives[${i}]`,
        kind: "removed",
        objectiveCode: o.code,
        before: o.name,
        after: null,
        message: `Objetivo ${o.code} retirado: ${o.name}`,
      });
    }
  });

  const oldIndicators = indexIndicators(before);
  const newIndicators = indexIndicators(after);
  for (const [code, now] of newIndicators) {
    const old = oldIndicators.get(code);
    const where = { objectiveCode: now.objective, indicatorCode: code };
    if (!old) {
      out.push({
        path: now.path,
        kind: "added",
        ...where,
        before: null,
        after: now.ind.name,
        message: `Indicador ${code} agregado al objetivo ${now.objective}: ${now.ind.name}`,
      });
      continue;
    }
    if (old.objective !== now.objective) {
      out.push({
        path: now.path,
        kind: "changed",
        ...where,
        field: "objective",
        before: old.objective,
        after: now.objective,
        message: `Indicador ${code}: pasa del objetivo ${old.objective} al ${now.objective}`,
      });
    }
    diffIndicator(old.ind, now.ind, years, now.path, where, out);
  }
  for (const [code, old] of oldIndicators) {
    if (!newIndicators.has(code)) {
      out.push({
        path: old.path,
        kind: "removed",
        objectiveCode: old.objective,
        indicatorCode: code,
        before: old.ind.name,
        after: null,
        message: `Indicador ${code} retirado del objetivo ${old.objective}: ${old.ind.name}`,
      });
    }
  }
}

function diffIndicator(
  a: Indicator,
  b: Indicator,
  years: number[],
  path: string,
  where: { objectiveCode: string; indicatorCode: string },
  out: PlanChange[],
): void {
  const label = `Indicador ${where.indicatorCode}`;
  for (const [field, name, spec] of INDICATOR_FIELDS) {
    if (!same(a[field] ?? null, b[field] ?? null)) {
      out.push({
        path: `${path}.${field}`,
        kind: "changed",
        ...where,
        field,
        before: a[field] ?? null,
        after: b[field] ?? null,
        message: `${label}: ${name}: ${showField(spec, a[field])} → ${showField(spec, b[field])}`,
      });
    }
  }
  for (const year of years) {
    const before = a.targets[String(year)] ?? null;
    const after = b.targets[String(year)] ?? null;
    if (before !== after) {
      out.push({
        path: `${path}.targets.${year}`,
        kind: "changed",
        ...where,
        field: "targets",
        year,
        before,
        after,
        message: `${label}: programación ${year}: ${showTarget(before)} → ${showTarget(after)}`,
      });
    }
  }
  if (
    (a.total === undefined) !== (b.total === undefined) ||
    (a.total ?? null) !== (b.total ?? null)
  ) {
    out.push({
      path: `${path}.total`,
      kind: "changed",
      ...where,
      field: "total",
      before: a.total ?? null,
      after: b.total ?? null,
      message: `${label}: programación del cuatrienio: ${showTotal(a.total)} → ${showTotal(b.total)}`,
    });
  }
  diffWeight(a.weight, b.weight, years, `${path}.weight`, label, where, out);
}

function diffWeight(
  a: WeightPct | undefined,
  b: WeightPct | undefined,
  years: number[],
  path: string,
  label: string,
  where: { objectiveCode?: string; indicatorCode?: string },
  out: PlanChange[],
): void {
  if (same(a ?? null, b ?? null)) return;
  // The weight that applies: a period without `total` weighs the mean of its years.
  const at = (w: WeightPct | undefined, key: string): number | null =>
    w === undefined
      ? null
      : key === "total"
        ? weightOfPeriod(w, years)
        : weightOfYear(w, Number(key));
  const show = (w: WeightPct | undefined, key: string): string => {
    if (w === undefined) return "sin ponderación (todos pesan igual)";
    const pct = showPct(at(w, key));
    return key === "total" && typeof w === "object" && w.total === undefined
      ? `${pct} (promedio de las vigencias)`
      : pct;
  };
  for (const key of [...years.map(String), "total"]) {
    const before = at(a, key);
    const after = at(b, key);
    if (before === after) continue;
    const year = key === "total" ? undefined : Number(key);
    out.push({
      path: `${path}.${key}`,
      kind: "changed",
      ...where,
      field: "weight",
      ...(year === undefined ? {} : { year }),
      before,
      after,
      message: `${label}: ponderación ${key === "total" ? "del cuatrienio" : year}: ${show(a, key)} → ${show(b, key)}`,
    });
  }
  // Same numbers written differently (one number vs the same per year) still is a change of form.
  if (!out.some((c) => c.path.startsWith(`${path}.`))) {
    out.push({
      path,
      kind: "changed",
      ...where,
      field: "weight",
      before: a ?? null,
      after: b ?? null,
      message: `${label}: forma de la ponderación`,
    });
  }
}

type IndexedIndicator = { ind: Indicator; objective: string; path: string };

function indexIndicators(objectives: Objective[]): Map<string, IndexedIndicator> {
  const out = new Map<string, IndexedIndicator>();
  objectives.forEach((o, oi) => {
    o.indicators.forEach((ind, ii) => {
      out.set(ind.code, { ind, objective: o.code, path: `objectives[${oi}].indicators[${ii}]` });
    });
  });
  return out;
}

// Plan values as the planner typed them (70,72; 93,5): no fixed decimals, and
// enough digits that a change never hides behind rounding.
const PLAIN = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 6 });
function formatNumber(value: number): string {
  return PLAIN.format(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "(vacío)";
  if (typeof value === "number") return formatNumber(value);
  const text = String(value);
  return `«${text.length > 80 ? `${text.slice(0, 77)}…` : text}»`;
}

/** A value of a closed list of the ficha by its word («Razón (numerador / denominador)»). */
function showField(field: CatalogueField, value: unknown): string {
  if ("options" in field && typeof value === "string") {
    const labels: Readonly<Record<string, string>> = (field.options as FieldOptions).labels;
    return show(labels[value] ?? value);
  }
  return show(value);
}

function showTarget(value: number | null): string {
  return value === null ? "NP" : formatNumber(value);
}

function showTotal(value: number | null | undefined): string {
  if (value === undefined) return "según la tendencia";
  return value === null ? "NP" : formatNumber(value);
}

function showPct(value: number | null): string {
  return value === null ? "(sin peso)" : `${formatNumber(value)} %`;
}

function showSemaforo(s: Semaforo | undefined): string {
  if (!s) return "por omisión";
  return `rojo < ${formatNumber(s.rojo * 100)} %, amarillo < ${formatNumber(s.amarillo * 100)} %, sobreejecución > ${formatNumber(s.sobreejecucion * 100)} %`;
}
