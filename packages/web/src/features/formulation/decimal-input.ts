/**
 * Number inputs as Colombian planners type them: decimal comma ("70,72"),
 * optional thousands point ("1.234,5"); an empty input means "no value"
 * (for a programación: no programado, NP). Parsing is core's, so the editor
 * and the importers read "70,72" the same way.
 */
import { parseSpanishDecimal } from "@rumbo/core";

export type DecimalInput =
  | { kind: "empty" }
  | { kind: "number"; value: number }
  | { kind: "invalid" };

export function parseDecimalInput(text: string): DecimalInput {
  if (text.trim() === "") return { kind: "empty" };
  const parsed = parseSpanishDecimal(text);
  if (parsed === null || !Number.isFinite(parsed.value)) return { kind: "invalid" };
  return { kind: "number", value: parsed.value };
}

/** The number, or null when the text is empty or not a number. */
export function decimalOrNull(text: string): number | null {
  const parsed = parseDecimalInput(text);
  return parsed.kind === "number" ? parsed.value : null;
}

/**
 * A number as the planner would type it back: decimal comma, no thousands
 * point, every digit kept (70.72 → "70,72", 1234.5 → "1234,5").
 */
export function formatDecimalInput(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  let text = String(value);
  // 1e-7 and the like: write the digits out, never an exponent.
  if (/e/i.test(text)) text = value.toFixed(20).replace(/\.?0+$/, "");
  return text.replace(".", ",");
}

/** Whole years (vigencias, año de la línea base): digits only. */
export function parseYearInput(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{4}$/.test(trimmed) ? Number(trimmed) : null;
}
