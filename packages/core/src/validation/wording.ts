/**
 * How numbers, lists and periods read in the validation messages (es-CO,
 * through formatNumber so rounding is the product's display rounding).
 */
import { formatNumber } from "../format/numbers.ts";

/**
 * A quantity as a planner writes it: es-CO, up to `decimals` decimals, without
 * trailing zeros ("50", "59,2", "0,25"), since "50,00 %" reads as false precision.
 */
export function formatQuantity(value: number, decimals = 2): string {
  const text = formatNumber(value, decimals);
  if (!text.includes(",")) return text;
  return text.replace(/0+$/, "").replace(/,$/, "");
}

/**
 * Two quantities that differ, with enough decimals that they read differently:
 * "suman 99,999 %, no 100 %" rather than "suman 100 %, no 100 %".
 */
export function formatDistinct(a: number, b: number): [string, string] {
  for (let decimals = 2; decimals < 10; decimals++) {
    const pair: [string, string] = [formatQuantity(a, decimals), formatQuantity(b, decimals)];
    if (pair[0] !== pair[1]) return pair;
  }
  return [formatQuantity(a, 10), formatQuantity(b, 10)];
}

/** "a", "a y b", "a, b y c". */
export function listInSpanish(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} y ${items[items.length - 1]}`;
}

/** "periodo 2024-2027", as the seed document names its column "Programación 2024-2027". */
export function periodOf(years: readonly number[]): string {
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return "periodo";
  return first === last ? `periodo ${first}` : `periodo ${first}-${last}`;
}
