import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatNumber,
  formatPercentPoints,
  formatValue,
  formatYears,
  NBSP,
} from "./format.ts";

describe("formatNumber (es-CO)", () => {
  it("usa coma decimal y punto de miles", () => {
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(1234567.891)).toBe("1.234.567,89");
    expect(formatNumber(0.1)).toBe("0,1");
    expect(formatNumber(70.72)).toBe("70,72");
    expect(formatNumber(46)).toBe("46");
  });

  it("redondea a 2 decimales, la mitad lejos de cero", () => {
    expect(formatNumber(0.125)).toBe("0,13");
    expect(formatNumber(-0.125)).toBe("-0,13");
    expect(formatNumber(2.675)).toBe("2,68");
    expect(formatNumber(1.005)).toBe("1,01");
    expect(formatNumber(0.124)).toBe("0,12");
    expect(formatNumber(0.1 + 0.2)).toBe("0,3");
  });

  it("no muestra '-0' cuando un negativo pequeño redondea a cero", () => {
    expect(formatNumber(-0.001)).toBe("0");
  });

  it("acepta otro número de decimales", () => {
    expect(formatNumber(53.2849, 0)).toBe("53");
    expect(formatNumber(53.2849, 3)).toBe("53,285");
  });
});

describe("formatValue y formatPercentPoints", () => {
  it("escribe el símbolo % solo para la unidad %", () => {
    expect(formatValue(15, "%")).toBe(`15${NBSP}%`);
    expect(formatValue(0.75)).toBe("0,75");
    expect(formatValue(46, "entidades")).toBe("46");
    expect(formatPercentPoints(33.5)).toBe(`33,5${NBSP}%`);
  });
});

describe("formatYears", () => {
  it("resume vigencias consecutivas como rango", () => {
    expect(formatYears([2024, 2025, 2026, 2027])).toBe("2024–2027");
    expect(formatYears([2025])).toBe("2025");
  });

  it("enumera vigencias no consecutivas", () => {
    expect(formatYears([2027, 2024, 2025])).toBe("2024, 2025 y 2027");
    expect(formatYears([])).toBe("");
  });
});

describe("formatDateTime (hora de Bogotá)", () => {
  it("escribe dd/mm/aaaa y la hora de 24 horas en UTC−5", () => {
    expect(formatDateTime("2026-03-05T15:04:05.000Z")).toBe("05/03/2026, 10:04:05");
    // Past midnight UTC is still the previous day in Bogotá.
    expect(formatDateTime("2026-01-01T03:00:00.000Z")).toBe("31/12/2025, 22:00:00");
  });

  it("deja el texto como está si no es una fecha", () => {
    expect(formatDateTime("ayer")).toBe("ayer");
  });
});
