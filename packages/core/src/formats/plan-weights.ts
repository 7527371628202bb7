/**
 * Weights and targets of the plan file (formats.md §1): weights in percent
 * points ≥ 0, one number or one per plan year plus an optional `total`;
 * targets keyed by plan year, a number or `null`.
 */
import type { Targets, WeightPct, WeightPctByYear } from "../plan/plan.ts";
import { describe, isRecord, join, type Reporter } from "./json-fields.ts";

function checkWeightNumber(report: Reporter, value: unknown, path: string): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    report.at(path, `el peso debe ser un número, no ${describe(value)}`);
    return undefined;
  }
  if (value < 0) {
    report.at(path, `el peso no puede ser negativo (${value})`);
    return undefined;
  }
  return value;
}

/**
 * The plan's years, spelled once as JSON keys (validation runs on 100,000
 * indicators). `known: false` when the plan's year list could not be read:
 * weights and targets are then still checked as numbers, but not against the
 * years, so one broken list does not hide the other problems (formats.md §4).
 */
export type PlanYears = {
  years: readonly number[];
  keys: readonly string[];
  keySet: ReadonlySet<string>;
  known: boolean;
};

export function planYears(years: readonly number[], known = true): PlanYears {
  const keys = years.map(String);
  return { years, keys, keySet: new Set(keys), known };
}

/** A weight: a number ≥ 0, or an object naming every plan year (formats.md §1). */
export function readWeight(
  report: Reporter,
  value: unknown,
  path: string,
  { keys, keySet, known }: PlanYears,
): WeightPct | undefined {
  if (!isRecord(value)) {
    if (value === undefined) {
      report.at(path, "falta el peso");
      return undefined;
    }
    if (typeof value !== "number") {
      report.at(path, `el peso debe ser un número o un objeto por año, no ${describe(value)}`);
      return undefined;
    }
    return checkWeightNumber(report, value, path);
  }
  const weight: WeightPctByYear = {};
  let complete = true;
  for (const key of keys) {
    if (value[key] === undefined) {
      report.at(path, `falta el peso de ${key}: el objeto de pesos nombra todos los años del plan`);
      complete = false;
      continue;
    }
    const yearWeight = checkWeightNumber(report, value[key], join(path, key));
    if (yearWeight === undefined) complete = false;
    else weight[key] = yearWeight;
  }
  for (const key in value) {
    if (key === "total") {
      const total = checkWeightNumber(report, value[key], join(path, key));
      if (total === undefined) complete = false;
      else weight.total = total;
    } else if (!known) {
      const yearWeight = checkWeightNumber(report, value[key], join(path, key));
      if (yearWeight === undefined) complete = false;
      else weight[key] = yearWeight;
    } else if (!keySet.has(key)) {
      report.at(join(path, key), `"${key}" no es un año del plan ni "total"`);
      complete = false;
    }
  }
  return complete ? weight : undefined;
}

/** Targets keyed by plan year; a missing year or `null` is NP (formats.md §1). */
export function readTargets(
  report: Reporter,
  value: unknown,
  path: string,
  { years, keySet, known }: PlanYears,
): Targets | undefined {
  if (!isRecord(value)) {
    report.at(
      path,
      value === undefined
        ? "faltan las metas (targets)"
        : `las metas deben ser un objeto por año, no ${describe(value)}`,
    );
    return undefined;
  }
  // The usual case, checked without building anything: every key a plan year
  // and every target a number or null. The object is then kept as read
  // (a parsed plan is not changed afterwards): copying 100,000 objects keyed
  // by year was most of the reader's time.
  let clean = true;
  for (const key in value) {
    const target = value[key];
    if ((known && !keySet.has(key)) || (target !== null && !Number.isFinite(target))) {
      clean = false;
      break;
    }
  }
  if (clean) return value as Targets;
  const targets: Targets = {};
  let complete = true;
  for (const key in value) {
    const target = value[key];
    if (known && !keySet.has(key)) {
      report.at(join(path, key), `"${key}" no es un año del plan (${years.join(", ")})`);
      complete = false;
    } else if (target === null) {
      targets[key] = null;
    } else if (typeof target !== "number" || !Number.isFinite(target)) {
      report.at(join(path, key), `la meta debe ser un número o null, no ${describe(target)}`);
      complete = false;
    } else {
      targets[key] = target;
    }
  }
  return complete ? targets : undefined;
}
