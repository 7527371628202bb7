import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNumberText, plainDecimal, shiftDecimal } from "./matrix-numbers.ts";

describe("números de la matriz", () => {
  it("se leen como los escribe un planificador en español, y con punto en un CSV con comas", () => {
    const comma = (text: string) => parseNumberText(text, ",")?.value ?? null;
    expect(
      [
        "70,72",
        "1.234,5",
        "1.234",
        "0.125",
        "46.5",
        " 15% ",
        "-3",
        "1e-7",
        "cuarenta",
        "1,2,3",
      ].map(comma),
    ).toEqual([70.72, 1234.5, 1234, 0.125, 46.5, 15, -3, 1e-7, null, null]);
    const point = (text: string) => parseNumberText(text, ".")?.value ?? null;
    expect(["70.72", "1,234.5", "70,72", "15%"].map(point)).toEqual([70.72, 1234.5, 70.72, 15]);
  });

  it("sin exponente, y 0,57 ⇄ 57 % sin el error binario de multiplicar por 100", () => {
    expect([1e-7, 1e21, -2.5e-3, 70.72].map(plainDecimal)).toEqual([
      "0.0000001",
      "1000000000000000000000",
      "-0.0025",
      "70.72",
    ]);
    expect(0.57 * 100).toBe(56.99999999999999);
    expect(shiftDecimal(0.57, 2)).toBe(57);
    expect(shiftDecimal(57, -2)).toBe(0.57);
    expect(shiftDecimal(0.7, 2)).toBe(70);
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => {
        const text = plainDecimal(value);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
        // Up to 15 significant digits the shift is exact both ways.
        const short = Number(value.toPrecision(15));
        expect(shiftDecimal(shiftDecimal(short, 2), -2)).toBe(short);
      }),
    );
  });
});
