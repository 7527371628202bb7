import { describe, expect, it } from "vitest";
import { parseSpanishDecimal } from "./decimal.ts";

describe("parseSpanishDecimal", () => {
  it("lee la coma decimal del documento: 70,72 es 70.72", () => {
    expect(parseSpanishDecimal("70,72")).toEqual({
      value: 70.72,
      percent: false,
      decimalPoint: false,
    });
  });
  it("lee «15%» como 15 con signo de porcentaje", () => {
    expect(parseSpanishDecimal("15%")).toEqual({ value: 15, percent: true, decimalPoint: false });
  });
  it("lee el punto de miles: 1.234,5 es 1234.5", () => {
    expect(parseSpanishDecimal("1.234,5")?.value).toBe(1234.5);
  });
  it("acepta el punto decimal y lo marca para advertir", () => {
    expect(parseSpanishDecimal("46.25")).toEqual({
      value: 46.25,
      percent: false,
      decimalPoint: true,
    });
  });
  it("rechaza texto que no es número", () => {
    expect(parseSpanishDecimal("cuarenta")).toBeNull();
    expect(parseSpanishDecimal("")).toBeNull();
    expect(parseSpanishDecimal("1e3")).toBeNull();
    expect(parseSpanishDecimal("12,5,3")).toBeNull();
  });
});
