/**
 * Number display for es-CO: decimal comma, thousands point, as Colombian
 * public documents write them. Values arrive in full precision and are rounded once, here.
 */

/** No-break space: keeps "15 %" on one line, as the RAE writes percentages. */
export const NBSP = "\u00a0";

const numberFormats = new Map<number, Intl.NumberFormat>();

function numberFormat(maxDecimals: number): Intl.NumberFormat {
  let format = numberFormats.get(maxDecimals);
  if (format === undefined) {
    format = new Intl.NumberFormat("es-CO", {
      maximumFractionDigits: maxDecimals,
      roundingMode: "halfExpand",
      // Group thousands even in 4-digit numbers ("1.234,5"), whatever the ICU data says.
      useGrouping: "always",
      // No "-0" when a small negative value rounds to zero.
      signDisplay: "negative",
    });
    numberFormats.set(maxDecimals, format);
  }
  return format;
}

/**
 * `1234.5` → "1.234,5"; at most `maxDecimals` decimals, half away from zero.
 *
 * The value is formatted from its shortest decimal string (Intl.NumberFormat
 * accepts numeric strings since ES2023) so that 1.005 rounds to "1,01" as the
 * plan writes it, not as its binary approximation 1.00499…
 */
export function formatNumber(value: number, maxDecimals = 2): string {
  return numberFormat(maxDecimals).format(`${value}` as const);
}

/** A quantity already in percent points (a weight, a target in %): 15 → "15 %". Ratios go through core's formatRatioAsPercent. */
export function formatPercentPoints(pct: number): string {
  return `${formatNumber(pct)}${NBSP}%`;
}

/** A programmed value in its unit; only "%" is written next to the number. */
export function formatValue(value: number, unit?: string): string {
  return unit === "%" ? formatPercentPoints(value) : formatNumber(value);
}

const yearList = new Intl.ListFormat("es-CO", { type: "conjunction" });

/** Vigencias: consecutive years as a range ("2024–2027"), otherwise a list ("2024, 2025 y 2027"). */
export function formatYears(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return "";
  if (first === last) return String(first);
  const consecutive = sorted.every((year, i) => year === first + i);
  return consecutive ? `${first}–${last}` : yearList.format(sorted.map(String));
}

/** Rumbo's users are in Colombia (UTC−5, no daylight saving); the server stores UTC. */
export const TIME_ZONE = "America/Bogota";

const dateTimeFormat = new Intl.DateTimeFormat("es-CO", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** An ISO instant as dd/mm/aaaa, hh:mm:ss in Bogotá time; the text as is when it is not a date. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** A calendar date as the API writes it (AAAA-MM-DD) in the Colombian order: 31/03/2025. */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match === null ? isoDate : `${match[3]}/${match[2]}/${match[1]}`;
}
