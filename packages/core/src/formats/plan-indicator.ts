/**
 * One indicator of a `rumbo.plan/v1` file (formats.md §1), with the checks
 * that make the formulas of §3.4 defined: a known trend, a baseline for
 * `decreciente` (and for the `from-baseline` variant) that differs from every
 * programmed target and from the total.
 */
import { effectiveTotal } from "../compliance/plan-rules.ts";
import {
  FICHA_TEXT_MAX_LENGTH,
  type FieldOptions,
  INDICATOR_FICHA_FIELDS,
} from "../plan/field-catalogue.ts";
import { type Indicator, isProgrammed, TRENDS, type Trend } from "../plan/plan.ts";
import { TEXT_LIMITS } from "../plan/text-limits.ts";
import { isSaneYear, YEAR_MAX, YEAR_MIN } from "../shared/bounds.ts";
import {
  describe,
  isRecord,
  join,
  optionalEnum,
  optionalNumberOrNull,
  optionalString,
  type Reporter,
  requiredString,
} from "./json-fields.ts";
import { type PlanYears, readTargets, readWeight } from "./plan-weights.ts";

const LIMITS = TEXT_LIMITS.indicator;

function readTrend(report: Reporter, value: unknown, path: string): Trend | undefined {
  if (value === undefined) {
    report.at(path, `falta la tendencia (${TRENDS.join(", ")})`);
    return undefined;
  }
  const trend = TRENDS.find((item) => item === value);
  if (trend === undefined) {
    report.at(
      path,
      typeof value === "string"
        ? `tendencia desconocida "${value}" (se espera ${TRENDS.join(", ")}, en minúsculas)`
        : `la tendencia debe ser texto, no ${describe(value)}`,
    );
  }
  return trend;
}

/**
 * Where the baseline B enters a formula — `decreciente` (B − A)/(B − T) and
 * `from-baseline` (A − B)/(T − B) — B must differ from every programmed
 * target and from the period total, or the ratio divides by zero (formats.md §4).
 */
function checkBaseline(
  report: Reporter,
  indicator: Indicator,
  path: string,
  years: readonly number[],
) {
  const formula =
    indicator.trend === "decreciente" ? "(B − A) / (B − T)" : "(A − B) / (T − B) de from-baseline";
  const baseline = indicator.baseline;
  if (baseline === undefined || baseline === null) {
    report.at(
      join(path, "baseline"),
      indicator.trend === "decreciente"
        ? "la tendencia decreciente necesita línea base (baseline)"
        : 'progress "from-baseline" necesita línea base (baseline)',
    );
    return;
  }
  for (const year of years) {
    const target = indicator.targets[String(year)];
    if (isProgrammed(target, indicator.trend) && target === baseline) {
      report.at(
        join(join(path, "targets"), String(year)),
        `la meta es igual a la línea base (B = T = ${baseline}): ${formula} no está definida`,
      );
    }
  }
  const total = effectiveTotal(indicator, years);
  if (total !== null && total === baseline && indicator.total !== undefined) {
    report.at(
      join(path, "total"),
      `el total es igual a la línea base (B = ${baseline}): ${formula} no está definida`,
    );
  }
}

/** Reads one indicator; `undefined` when it has problems (all recorded). */
export function readIndicator(
  report: Reporter,
  value: unknown,
  path: string,
  planYears: PlanYears,
): Indicator | undefined {
  const years = planYears.years;
  if (!isRecord(value)) {
    report.at(path, `el indicador debe ser un objeto, no ${describe(value)}`);
    return undefined;
  }
  const before = report.problems.length;
  const code = requiredString(report, value, "code", path, "el código del indicador", LIMITS.code);
  const name = requiredString(report, value, "name", path, "el nombre del indicador", LIMITS.name);
  const goal = optionalString(report, value, "goal", path, LIMITS.goal, "la meta");
  const trend = readTrend(report, value.trend, join(path, "trend"));
  const unit = optionalString(report, value, "unit", path, LIMITS.unit, "la unidad de medida");
  const baseline = optionalNumberOrNull(report, value, "baseline", path, "la línea base");
  const weight = readWeight(report, value.weight, join(path, "weight"), planYears);
  const targets = readTargets(report, value.targets, join(path, "targets"), planYears);
  const total = optionalNumberOrNull(report, value, "total", path, "el total");
  const baselineYear = optionalNumberOrNull(
    report,
    value,
    "baselineYear",
    path,
    "el año de la línea base",
  );
  if (typeof baselineYear === "number" && !isSaneYear(baselineYear)) {
    report.at(
      join(path, "baselineYear"),
      `el año de la línea base debe ser un entero entre ${YEAR_MIN} y ${YEAR_MAX}, no ${describe(baselineYear)}`,
    );
  }
  const ficha: Record<string, string> = {};
  for (const field of INDICATOR_FICHA_FIELDS) {
    const read =
      field.kind === "enum"
        ? optionalEnum(report, value, field.key, path, (field.options as FieldOptions).values)
        : optionalString(
            report,
            value,
            field.key,
            path,
            field.maxLength ?? FICHA_TEXT_MAX_LENGTH,
            `el campo «${field.noun}»`,
          );
    if (read !== undefined) ficha[field.key] = read;
  }
  const progress = value.progress;
  if (progress !== undefined && progress !== null && progress !== "from-baseline") {
    report.at(
      join(path, "progress"),
      `variante desconocida ${describe(progress)} (se espera "from-baseline")`,
    );
  } else if (progress === "from-baseline" && trend !== undefined && trend !== "creciente") {
    report.at(
      join(path, "progress"),
      `"from-baseline" solo aplica a la tendencia creciente, no a ${trend}`,
    );
  }
  if (
    code === undefined ||
    name === undefined ||
    trend === undefined ||
    weight === undefined ||
    targets === undefined ||
    report.problems.length > before
  ) {
    // The baseline checks still run on what could be read, to report every problem.
    const usesBaseline =
      trend === "decreciente" || (trend === "creciente" && progress === "from-baseline");
    if (trend !== undefined && targets !== undefined && usesBaseline) {
      const partial: Indicator = { code: "", name: "", trend, weight: 0, targets, baseline };
      if (total !== undefined) partial.total = total;
      if (progress === "from-baseline") partial.progress = "from-baseline";
      checkBaseline(report, partial, path, years);
    }
    return undefined;
  }
  const indicator: Indicator = { code, name, trend, weight, targets };
  if (goal !== undefined) indicator.goal = goal;
  if (unit !== undefined) indicator.unit = unit;
  if (baseline !== undefined) indicator.baseline = baseline;
  if (total !== undefined) indicator.total = total;
  if (progress === "from-baseline") indicator.progress = "from-baseline";
  if (baselineYear !== undefined) indicator.baselineYear = baselineYear;
  Object.assign(indicator, ficha);
  if (
    trend === "decreciente" ||
    (trend === "creciente" && indicator.progress === "from-baseline")
  ) {
    checkBaseline(report, indicator, path, years);
  }
  if (trend === "suma") checkSumaSigns(report, indicator, path);
  return report.problems.length > before ? undefined : indicator;
}

/**
 * `suma` targets add up (formats.md §1, total = Σ years); a negative one could
 * cancel another and make T* = 0, so Rumbo rejects it (extension of §4).
 */
function checkSumaSigns(report: Reporter, indicator: Indicator, path: string) {
  for (const year in indicator.targets) {
    const target = indicator.targets[year];
    if (typeof target === "number" && target < 0) {
      report.at(
        join(join(path, "targets"), year),
        `una meta de tendencia suma no puede ser negativa (${target})`,
      );
    }
  }
  if (typeof indicator.total === "number" && indicator.total < 0) {
    report.at(
      join(path, "total"),
      `el total de tendencia suma no puede ser negativo (${indicator.total})`,
    );
  }
}
