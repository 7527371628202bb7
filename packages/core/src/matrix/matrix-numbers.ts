/**
 * Numbers in matrix cells. Spreadsheets in Spanish show and save a decimal
 * comma ("70,72"); a cell may hold "15%" meaning 15 percent points. Decimal
 * shifts (fraction ⇄ percent) work on the decimal spelling, so 0.57 becomes 57
 * and back 0.57 exactly (0.57 × 100 in binary is 56.99999999999999).
 */

/** Decimal separator of number texts: "," in Spanish spreadsheets and `;` CSV files. */
export type DecimalSeparator = "," | ".";

const COMMA_PLAIN = /^[-+]?\d+(,\d+)?([eE][-+]?\d+)?$/;
const COMMA_THOUSANDS = /^[-+]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
const POINT_PLAIN = /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const POINT_THOUSANDS = /^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;

export type ParsedNumber = { value: number; percent: boolean };

/**
 * A number as a planner types it: "70,72", "1.234,5", "15%", "46.5" (with the
 * comma as decimal separator a point is a decimal point unless it groups
 * thousands: "1.234" is 1234). Null when the text is not a number.
 */
export function parseNumberText(text: string, decimal: DecimalSeparator): ParsedNumber | null {
  let t = text.trim().replace(/[\u00a0\u202f ]/g, "");
  let percent = false;
  if (t.endsWith("%")) {
    percent = true;
    t = t.slice(0, -1);
  }
  let normalized: string | null = null;
  if (decimal === ",") {
    if (COMMA_PLAIN.test(t)) normalized = t.replace(",", ".");
    else if (COMMA_THOUSANDS.test(t)) normalized = t.replace(/\./g, "").replace(",", ".");
    else if (POINT_PLAIN.test(t)) normalized = t;
  } else if (POINT_PLAIN.test(t)) normalized = t;
  else if (POINT_THOUSANDS.test(t)) normalized = t.replace(/,/g, "");
  // A quoted "70,72" in a `,` CSV: a decimal comma all the same.
  else if (COMMA_PLAIN.test(t)) normalized = t.replace(",", ".");
  if (normalized === null) return null;
  const value = Number(normalized);
  return Number.isFinite(value) ? { value, percent } : null;
}

/**
 * The shortest decimal spelling of a number without exponent:
 * 1e-7 → "0.0000001", 1e21 → "1000000000000000000000".
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const sign = value < 0 ? "-" : "";
  const [mantissa = "0", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** value × 10^places on its decimal spelling: shiftDecimal(0.7, 2) = 70, shiftDecimal(70, -2) = 0.7. */
export function shiftDecimal(value: number, places: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const text = plainDecimal(Math.abs(value));
  const [whole = "0", fraction = ""] = text.split(".");
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, "0");
  const shifted = Number(`${digits.slice(0, point) || "0"}.${digits.slice(point) || "0"}`);
  return value < 0 ? -shifted : shifted;
}

/** How many decimals the shortest spelling of a number has (70.72 → 2). */
export function decimalPlaces(value: number): number {
  const text = plainDecimal(value);
  const point = text.indexOf(".");
  return point === -1 ? 0 : text.length - point - 1;
}

/** A number for a message, as a planner writes it: 70.72 → "70,72" (no rounding). */
export function spanishNumber(value: number): string {
  return plainDecimal(value).replace(".", ",");
}
