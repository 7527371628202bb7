import { describe, expect, it } from "vitest";
import { formatNumber, formatRatioAsPercent, roundHalfAwayFromZero } from "./numbers.ts";

describe("números para mostrar (es-CO, 2 decimales, mitad lejos de cero)", () => {
  it("coma decimal y punto de miles", () => {
    expect(formatNumber(1234.5)).toBe("1.234,50");
    expect(formatNumber(70.72)).toBe("70,72");
    expect(formatNumber(1234567.891)).toBe("1.234.567,89");
  });

  it("redondea la mitad lejos de cero sobre el decimal que se ve (1.005 → 1,01; 2.675 → 2,68)", () => {
    expect(formatNumber(1.005)).toBe("1,01");
    expect(formatNumber(2.675)).toBe("2,68");
    expect(formatNumber(-0.125)).toBe("-0,13");
    expect(formatNumber(0.125)).toBe("0,13");
    expect(formatNumber(99.995)).toBe("100,00");
    expect(roundHalfAwayFromZero(0.004999)).toBe(0);
  });

  it("no muestra -0", () => {
    expect(formatNumber(-0.001)).toBe("0,00");
    expect(formatRatioAsPercent(-0.00001)).toBe("0,00%");
  });

  it("porcentajes desde fracciones, desplazando la coma sin errores binarios", () => {
    expect(formatRatioAsPercent(0.9565217391304348)).toBe("95,65%");
    expect(formatRatioAsPercent(0.0105)).toBe("1,05%");
    expect(formatRatioAsPercent(0.18125)).toBe("18,13%");
    expect(formatRatioAsPercent(0.7999999999999999)).toBe("80,00%");
    expect(formatRatioAsPercent(12.345678)).toBe("1.234,57%");
  });

  it("sin valor se muestra una raya", () => {
    expect(formatNumber(null)).toBe("—");
    expect(formatRatioAsPercent(null)).toBe("—");
  });

  it("otros decimales", () => {
    expect(formatNumber(2.5, 0)).toBe("3");
    expect(formatNumber(-2.5, 0)).toBe("-3");
    expect(formatNumber(0.000125, 4)).toBe("0,0001");
    expect(formatNumber(1e-7)).toBe("0,00");
  });
});
