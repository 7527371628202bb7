import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareBytes } from "./actuals-as-known.ts";

describe('los valores salen en orden de bytes, como collate "C" en cualquier servidor', () => {
  it("2024 < 2024-03 < 2024-Q1, y un código con tilde o emoji va donde lo pone UTF-8", () => {
    const sorted = ["2024-Q1", "é", "2024", "\u{1F600}", "2024-03", "\uFFFD"].sort(compareBytes);
    expect(sorted).toEqual(["2024", "2024-03", "2024-Q1", "é", "\uFFFD", "\u{1F600}"]);
  });

  it("ordena igual que comparar los bytes UTF-8 de cada texto", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (a, b) => {
        const expected = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(Math.sign(compareBytes(a, b))).toBe(expected);
      }),
    );
  });
});
