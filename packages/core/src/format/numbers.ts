/**
 * Display of numbers in es-CO (decimal comma, thousands point), rounded to a
 * number of decimals half away from zero (formats.md §3: "rounding happens
 * only for display (2 decimals, half away from zero)").
 *
 * Rounding works on the shortest decimal spelling of the double (what the
 * result JSON shows), not on its binary value: 1.005 shows as 1,01, as a
 * planner who reads 1.005 in the JSON expects; Intl alone would give 1,00.
 */

const formatters = new Map<number, Intl.NumberFormat>();

function formatter(decimals: number): Intl.NumberFormat {
  let found = formatters.get(decimals);
  if (found === undefined) {
    found = new Intl.NumberFormat("es-CO", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
    });
    formatters.set(decimals, found);
  }
  return found;
}

/**
 * Rounds `value × 10^shift` to `decimals` decimals, half away from zero, on the
 * decimal spelling of `value` (the shift is exact: 0.0105 as percent is 1.05).
 */
export function roundHalfAwayFromZero(value: number, decimals = 2, shift = 0): number {
  if (!Number.isFinite(value)) return value;
  if (value === 0) return 0;
  const sign = value < 0 ? -1 : 1;
  const [mantissa = "0", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  // Position of the decimal point inside `digits` after scaling by 10^shift.
  const point = 1 + Number(exponentText) + shift;
  const keep = point + decimals;
  if (keep < 0) return 0;
  let kept = digits.slice(0, keep).padEnd(Math.max(keep, 0), "0");
  if (keep < digits.length && Number(digits.charAt(keep)) >= 5)
    kept = increment(kept === "" ? "0" : kept);
  const rounded = Number(`${kept === "" ? "0" : kept}e${-decimals}`);
  return rounded === 0 ? 0 : sign * rounded;
}

/** Adds one to a string of decimal digits ("199" → "200"). */
function increment(digits: string): string {
  const chars = digits.split("");
  for (let index = chars.length - 1; index >= 0; index--) {
    if (chars[index] !== "9") {
      chars[index] = String(Number(chars[index]) + 1);
      return chars.join("");
    }
    chars[index] = "0";
  }
  return `1${chars.join("")}`;
}

/** A number in es-CO with `decimals` decimals: 1234.5 → "1.234,50". */
export function formatNumber(value: number | null, decimals = 2): string {
  if (value === null || Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  return formatter(decimals).format(roundHalfAwayFromZero(value, decimals));
}

/**
 * A ratio (fraction of 1) written as a percentage in es-CO: 0.956521 →
 * "95,65%" (Intl es-CO writes no space). Percent points (weights, a target
 * in %) are already percentages: never pass them here.
 */
export function formatRatioAsPercent(ratio: number | null, decimals = 2): string {
  if (ratio === null || Number.isNaN(ratio)) return "—";
  if (!Number.isFinite(ratio)) return ratio > 0 ? "∞" : "−∞";
  return `${formatter(decimals).format(roundHalfAwayFromZero(ratio, decimals, 2))}%`;
}
