import { describe, expect, it } from "vitest";
import {
  decimalOrNull,
  formatDecimalInput,
  parseDecimalInput,
  parseYearInput,
} from "./decimal-input.ts";

describe("números escritos con coma decimal", () => {
  it.each([
    ["70,72", 70.72],
    ["93,5", 93.5],
    ["0,25", 0.25],
    ["46", 46],
    ["1.234,5", 1234.5],
    [" 15% ", 15],
    ["-3,5", -3.5],
    // A spreadsheet may write a decimal point: accepted.
    ["46.00", 46],
  ])("«%s» se lee %s", (text, value) => {
    expect(parseDecimalInput(text)).toEqual({ kind: "number", value });
  });

  it("vacío es «sin valor» (en la programación: NP), no cero", () => {
    expect(parseDecimalInput("")).toEqual({ kind: "empty" });
    expect(parseDecimalInput("   ")).toEqual({ kind: "empty" });
    expect(decimalOrNull("")).toBeNull();
  });

  it.each(["abc", "70,72,1", "1,2.3", "NP", "12 34"])("«%s» no es un número", (text) => {
    expect(parseDecimalInput(text)).toEqual({ kind: "invalid" });
    expect(decimalOrNull(text)).toBeNull();
  });

  it("se vuelve a escribir como lo escribe quien planea, sin perder cifras", () => {
    expect(formatDecimalInput(70.72)).toBe("70,72");
    expect(formatDecimalInput(1234.5)).toBe("1234,5");
    expect(formatDecimalInput(0.1)).toBe("0,1");
    expect(formatDecimalInput(1e-7)).toBe("0,0000001");
    expect(formatDecimalInput(null)).toBe("");
    expect(formatDecimalInput(undefined)).toBe("");
    for (const value of [70.72, 93.5, 0.25, 53.28, 59.2, 1234.5678]) {
      expect(decimalOrNull(formatDecimalInput(value))).toBe(value);
    }
  });

  it("las vigencias son años de cuatro cifras", () => {
    expect(parseYearInput("2024")).toBe(2024);
    expect(parseYearInput(" 2027 ")).toBe(2027);
    expect(parseYearInput("24")).toBeNull();
    expect(parseYearInput("2024,5")).toBeNull();
  });
});
