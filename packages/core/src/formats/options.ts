import { daysInMonth } from "./period.ts";
import type { Problem } from "./problem.ts";

/** How `sin_reporte` counts (formats.md §3.5): as 0 (default) or left out like NP. */
export type MissingPolicy = "zero" | "exclude";

export type ParsedOption<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** A date of corte split in parts; `asOf` strings are validated with `parseAsOf`. */
export type CalendarDate = { year: number; month: number; day: number };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Splits a `YYYY-MM-DD` date; `null` when malformed or not a real calendar day. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = DATE.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/*
 * Each parser takes the name the user typed the option under: the command
 * line says `--as-of`, the API's query string `asOf`, and the message names
 * what the user wrote.
 */

/** A corte date `YYYY-MM-DD` (formats.md §3.2); absent means every plan year is evaluated. */
export function parseAsOf(
  text: string | undefined | null,
  option: string,
): ParsedOption<string | null> {
  if (text === undefined || text === null) return { ok: true, value: null };
  if (parseCalendarDate(text) === null) {
    return {
      ok: false,
      problem: {
        source: option,
        message: `fecha de corte inválida "${text}" (se espera AAAA-MM-DD, una fecha real)`,
      },
    };
  }
  return { ok: true, value: text };
}

/** `zero|exclude` (formats.md §3.5); default `zero`. */
export function parseMissing(
  text: string | undefined | null,
  option: string,
): ParsedOption<MissingPolicy> {
  if (text === undefined || text === null) return { ok: true, value: "zero" };
  if (text === "zero" || text === "exclude") return { ok: true, value: text };
  return {
    ok: false,
    problem: {
      source: option,
      message: `valor desconocido "${text}" (se espera zero o exclude)`,
    },
  };
}

const CAP_NUMBER = /^\d+(\.\d+)?$/;

/**
 * `none` removes the cap (formats.md §3.5); Rumbo also accepts a positive
 * decimal such as `1.25` (extension). Default: 1.
 */
export function parseCap(
  text: string | undefined | null,
  option: string,
): ParsedOption<number | null> {
  if (text === undefined || text === null) return { ok: true, value: 1 };
  if (text === "none") return { ok: true, value: null };
  const cap = Number(text);
  if (CAP_NUMBER.test(text) && cap > 0) return { ok: true, value: cap };
  return {
    ok: false,
    problem: {
      source: option,
      message: `valor inválido "${text}" (se espera none o un número decimal mayor que 0, p. ej. 1.25)`,
    },
  };
}
