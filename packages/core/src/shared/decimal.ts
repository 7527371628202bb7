/**
 * Numbers as Colombian planners write them: decimal comma ("70,72"),
 * optional thousands point ("1.234,5"), optional percent sign ("15%").
 * Returns null when the text is not such a number.
 */
export type ParsedDecimal = { value: number; percent: boolean; decimalPoint: boolean };

const COMMA_DECIMAL = /^[-+]?\d+(,\d+)?$/;
const THOUSANDS_POINT = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const POINT_DECIMAL = /^[-+]?\d+\.\d+$/;

export function parseSpanishDecimal(text: string): ParsedDecimal | null {
  let t = text.trim().replace(/\u00a0/g, " ");
  let percent = false;
  if (t.endsWith("%")) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  if (COMMA_DECIMAL.test(t)) {
    return { value: Number(t.replace(",", ".")), percent, decimalPoint: false };
  }
  if (THOUSANDS_POINT.test(t)) {
    return { value: Number(t.replace(/\./g, "").replace(",", ".")), percent, decimalPoint: false };
  }
  // "46.00" is not how the seed writes numbers, but a spreadsheet export may:
  // accept it and let the caller warn.
  if (POINT_DECIMAL.test(t)) {
    return { value: Number(t), percent, decimalPoint: true };
  }
  return null;
}
