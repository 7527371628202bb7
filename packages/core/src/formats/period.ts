/**
 * Reporting periods of the actuals file (formats.md §2): `YYYY` (whole year),
 * `YYYY-Qn` (quarter) and `YYYY-MM` (month).
 */

export type PeriodKind = "year" | "quarter" | "month";

/** `index` is 1–4 for a quarter, 1–12 for a month and 0 for a whole year. */
export type Period = { year: number; kind: PeriodKind; index: number };

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-[Qq]([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Parses a period; `null` when it is malformed. A lower-case `q` is accepted. */
export function parsePeriod(text: string): Period | null {
  let match = YEAR.exec(text);
  if (match?.[1] !== undefined) return { year: Number(match[1]), kind: "year", index: 0 };
  match = QUARTER.exec(text);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { year: Number(match[1]), kind: "quarter", index: Number(match[2]) };
  }
  match = MONTH.exec(text);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { year: Number(match[1]), kind: "month", index: Number(match[2]) };
  }
  return null;
}

/** The canonical spelling: `2024`, `2024-Q1`, `2024-03`. */
export function formatPeriod(period: Period): string {
  switch (period.kind) {
    case "year":
      return String(period.year);
    case "quarter":
      return `${period.year}-Q${period.index}`;
    case "month":
      return `${period.year}-${String(period.index).padStart(2, "0")}`;
  }
}

export const PERIOD_KIND_LABEL: Record<PeriodKind, string> = {
  year: "anual",
  quarter: "trimestral",
  month: "mensual",
};

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
