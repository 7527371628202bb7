/**
 * A reported value checked against the indicator's ficha técnica. Hard errors
 * block saving; warnings block only the submission until the reporter explains
 * them (the explanation is stored with that version).
 */
import { formatPeriod, type Period, parsePeriod } from "../formats/period.ts";
import type { Frequency, Indicator, Measure } from "../plan/plan.ts";
import { parseSpanishDecimal } from "../shared/decimal.ts";

export type ReportValueInput = {
  /** The value as typed (decimal comma accepted) or as a number. */
  value?: string | number | null;
  /** `razon` only: the terms as typed. */
  numerator?: string | number | null;
  denominator?: string | number | null;
};

export type ReportField = "period" | "value" | "numerator" | "denominator";
export type ReportProblem = { field: ReportField; message: string };

export type CheckedReportValue =
  | {
      ok: true;
      /** The indicator's value for the period (for a razón: numerator / denominator, ×100 in %). */
      value: number;
      numerator: number | null;
      denominator: number | null;
    }
  | { ok: false; problems: ReportProblem[] };

const FREQUENCY_KIND: Record<Frequency, Period["kind"]> = {
  mensual: "month",
  trimestral: "quarter",
  anual: "year",
};

const KIND_EXAMPLE: Record<Period["kind"], string> = {
  month: "AAAA-MM, p. ej. 2025-03",
  quarter: "AAAA-Qn, p. ej. 2025-Q1",
  year: "AAAA, p. ej. 2025",
};

/** The period of a report, checked against the indicator's frecuencia and the plan's vigencias. */
export function checkReportPeriod(
  text: string,
  indicator: Pick<Indicator, "frequency">,
  years: readonly number[],
): { ok: true; period: Period } | { ok: false; problem: ReportProblem } {
  const period = parsePeriod(text);
  const shown = text.slice(0, 20);
  if (!period) {
    return {
      ok: false,
      problem: {
        field: "period",
        message: `El periodo «${shown}» no se entiende: use AAAA, AAAA-Qn o AAAA-MM.`,
      },
    };
  }
  if (indicator.frequency && FREQUENCY_KIND[indicator.frequency] !== period.kind) {
    const kind = FREQUENCY_KIND[indicator.frequency];
    return {
      ok: false,
      problem: {
        field: "period",
        message: `El indicador se mide con frecuencia ${indicator.frequency}: el periodo ${formatPeriod(period)} no corresponde (use ${KIND_EXAMPLE[kind]}).`,
      },
    };
  }
  if (!years.includes(period.year)) {
    return {
      ok: false,
      problem: {
        field: "period",
        message: `El periodo ${formatPeriod(period)} está fuera de las vigencias del plan (${years[0]}–${years[years.length - 1]}).`,
      },
    };
  }
  return { ok: true, period };
}

/** The indicator is measured in percent (tipo de medida or unit). */
export function isPercentUnit(indicator: Pick<Indicator, "unit" | "measure">): boolean {
  return indicator.measure === "porcentaje" || /^\s*%|porcentaje/i.test(indicator.unit ?? "");
}

/** Only an index (índice) may go below zero; counts, percentages and ratios cannot. */
function allowsNegative(measure: Measure | undefined): boolean {
  return measure === "indice";
}

function readNumber(
  raw: string | number | null | undefined,
  field: ReportField,
  label: string,
): { ok: true; value: number | null } | { ok: false; problem: ReportProblem } {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
    return { ok: true, value: null };
  }
  if (typeof raw === "number") {
    return Number.isFinite(raw)
      ? { ok: true, value: raw }
      : { ok: false, problem: { field, message: `${label}: no es un número finito.` } };
  }
  const parsed = parseSpanishDecimal(raw.trim());
  if (!parsed || !Number.isFinite(parsed.value)) {
    return {
      ok: false,
      problem: {
        field,
        message: `${label}: «${raw.trim().slice(0, 30)}» no es un número (use coma decimal, p. ej. 44,5).`,
      },
    };
  }
  return { ok: true, value: parsed.value };
}

/**
 * Every hard error of a value for the indicator: not a number, a percentage
 * outside 0–100, a negative where the measure does not allow it, and for a
 * razón both terms, a positive denominator and, when it is a percentage, a
 * numerator not above the denominator.
 */
export function checkReportValue(
  indicator: Pick<Indicator, "unit" | "measure">,
  input: ReportValueInput,
): CheckedReportValue {
  const problems: ReportProblem[] = [];
  const percent = isPercentUnit(indicator);
  if (indicator.measure === "razon") {
    const numerator = readNumber(input.numerator, "numerator", "Numerador");
    const denominator = readNumber(input.denominator, "denominator", "Denominador");
    if (!numerator.ok) problems.push(numerator.problem);
    if (!denominator.ok) problems.push(denominator.problem);
    if (!numerator.ok || !denominator.ok) return { ok: false, problems };
    if (numerator.value === null)
      problems.push({ field: "numerator", message: "Numerador: falta el valor." });
    if (denominator.value === null)
      problems.push({ field: "denominator", message: "Denominador: falta el valor." });
    if (numerator.value === null || denominator.value === null) return { ok: false, problems };
    if (numerator.value < 0)
      problems.push({ field: "numerator", message: "Numerador: no puede ser negativo." });
    if (denominator.value <= 0)
      problems.push({ field: "denominator", message: "Denominador: debe ser mayor que cero." });
    if (percent && numerator.value > denominator.value) {
      problems.push({
        field: "numerator",
        message: `Numerador: ${numerator.value} es mayor que el denominador ${denominator.value}, y el indicador es un porcentaje.`,
      });
    }
    if (problems.length > 0) return { ok: false, problems };
    const ratio = numerator.value / denominator.value;
    return {
      ok: true,
      value: percent ? ratio * 100 : ratio,
      numerator: numerator.value,
      denominator: denominator.value,
    };
  }
  const read = readNumber(input.value, "value", "Valor");
  if (!read.ok) return { ok: false, problems: [read.problem] };
  if (read.value === null) {
    return {
      ok: false,
      problems: [{ field: "value", message: "Valor: falta el valor reportado." }],
    };
  }
  if (read.value < 0 && !allowsNegative(indicator.measure)) {
    problems.push({ field: "value", message: "Valor: no puede ser negativo para este indicador." });
  }
  if (percent && (read.value < 0 || read.value > 100)) {
    problems.push({
      field: "value",
      message: `Valor: ${read.value} está fuera de 0–100 y el indicador se mide en porcentaje.`,
    });
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, value: read.value, numerator: null, denominator: null };
}
