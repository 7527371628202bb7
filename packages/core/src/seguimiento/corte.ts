/**
 * Cortes de seguimiento: a reporting cut at the end of a period (31/03, 30/06,
 * 30/09, 31/12) with an opening date, an on-time deadline (`dueOn`) and a
 * scheduled closing date. Lateness and locking are different things: a report
 * sent after `dueOn` is late but accepted while the corte is open; only the
 * explicit, audited closing by planeación locks it. Dates are ISO `AAAA-MM-DD`
 * calendar days in Bogotá; the caller passes today (core reads no clock).
 */
import { daysInMonth, type Period } from "../formats/period.ts";
import type { Frequency } from "../plan/plan.ts";

export const CORTE_STATES = ["programado", "abierto", "cerrado"] as const;
export type CorteState = (typeof CORTE_STATES)[number];

export type CorteDates = {
  /** Last day of the period the corte cuts: a quarter's or the year's end. */
  periodEnd: string;
  opensOn: string;
  dueOn: string;
  closesOn: string;
};

export type CorteProblem = { field: keyof CorteDates; message: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of an ISO `AAAA-MM-DD` text, or null when it is not a real date. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

const FIELD_LABEL: Record<keyof CorteDates, string> = {
  periodEnd: "fin del periodo",
  opensOn: "fecha de apertura",
  dueOn: "fecha límite de reporte",
  closesOn: "fecha de cierre",
};

/**
 * Every problem of a corte's dates, in the planner's words: each date real,
 * the period end the last day of a quarter inside the plan's vigencias (when
 * `planYears` is given), and apertura ≤ límite ≤ cierre.
 */
export function checkCorteDates(dates: CorteDates, planYears?: readonly number[]): CorteProblem[] {
  const problems: CorteProblem[] = [];
  for (const field of ["periodEnd", "opensOn", "dueOn", "closesOn"] as const) {
    if (!parseIsoDate(dates[field])) {
      problems.push({
        field,
        message: `La ${FIELD_LABEL[field]} «${dates[field].slice(0, 20)}» no es una fecha AAAA-MM-DD válida.`,
      });
    }
  }
  if (problems.length > 0) return problems;
  const end = parseIsoDate(dates.periodEnd);
  if (end && !isQuarterEnd(end)) {
    problems.push({
      field: "periodEnd",
      message: `El fin del periodo ${dates.periodEnd} no es el último día de un trimestre (31/03, 30/06, 30/09 o 31/12).`,
    });
  }
  if (end && planYears && !planYears.includes(end.year)) {
    const sorted = [...planYears].sort((a, b) => a - b);
    const span =
      sorted.length === 0
        ? "el plan no tiene vigencias"
        : `vigencias ${sorted[0]}–${sorted[sorted.length - 1]}`;
    problems.push({
      field: "periodEnd",
      message: `El fin del periodo ${dates.periodEnd} está fuera de las vigencias del plan (${span}).`,
    });
  }
  if (dates.dueOn < dates.opensOn) {
    problems.push({
      field: "dueOn",
      message: `La fecha límite de reporte (${dates.dueOn}) es anterior a la apertura (${dates.opensOn}).`,
    });
  }
  if (dates.closesOn < dates.dueOn) {
    problems.push({
      field: "closesOn",
      message: `La fecha de cierre (${dates.closesOn}) es anterior a la fecha límite de reporte (${dates.dueOn}).`,
    });
  }
  return problems;
}

function isQuarterEnd(date: { year: number; month: number; day: number }): boolean {
  return date.month % 3 === 0 && date.day === daysInMonth(date.year, date.month);
}

/**
 * State of a corte on a day: `cerrado` once planeación closed it (an explicit
 * act, never by the calendar alone), else `abierto` from its opening date,
 * else `programado`.
 */
export function corteState(
  corte: Pick<CorteDates, "opensOn"> & { closedAt: string | null },
  today: string,
): CorteState {
  if (corte.closedAt !== null) return "cerrado";
  return today >= corte.opensOn ? "abierto" : "programado";
}

/** A reopening is in force through its `until` day, inclusive (Bogotá's calendar). */
export function isReopeningActive(reopening: { until: string }, today: string): boolean {
  return reopening.until >= today;
}

/**
 * The problem of a reopening's expiry, or null: a real date, today or later
 * (a reopening that has already expired would reopen nothing).
 */
export function checkReopeningUntil(until: string, today: string): string | null {
  if (!parseIsoDate(until)) {
    return `La fecha de vencimiento de la reapertura «${until.slice(0, 20)}» no es una fecha AAAA-MM-DD válida.`;
  }
  if (until < today) {
    return `La fecha de vencimiento de la reapertura (${until}) ya pasó: debe ser hoy (${today}) o posterior.`;
  }
  return null;
}

/** A report sent after the corte's deadline is late (it still counts while the corte is open). */
export function isLate(corte: Pick<CorteDates, "dueOn">, submittedOn: string): boolean {
  return submittedOn > corte.dueOn;
}

/**
 * The periods an indicator of a given frecuencia reports at a corte: the
 * quarter for trimestral, the quarter's three months for mensual, and the
 * year only at the 31/12 corte for anual (formats.md §2 spellings).
 */
export function periodsDueAt(periodEnd: string, frequency: Frequency): Period[] {
  const end = parseIsoDate(periodEnd);
  if (!end || !isQuarterEnd(end)) return [];
  const quarter = end.month / 3;
  switch (frequency) {
    case "trimestral":
      return [{ year: end.year, kind: "quarter", index: quarter }];
    case "mensual":
      return [0, 1, 2].map((i) => ({ year: end.year, kind: "month", index: end.month - 2 + i }));
    case "anual":
      return quarter === 4 ? [{ year: end.year, kind: "year", index: 0 }] : [];
  }
}

/**
 * The period end of the corte that collects a period's report: the quarter's
 * last day for a quarter or a month, the 31/12 for a year.
 */
export function cortePeriodEnd(period: Period): string {
  const month =
    period.kind === "year"
      ? 12
      : period.kind === "quarter"
        ? period.index * 3
        : Math.ceil(period.index / 3) * 3;
  const day = daysInMonth(period.year, month);
  return `${String(period.year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
