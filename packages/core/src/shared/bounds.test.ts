import { describe, expect, it } from "vitest";
import { forbiddenCharacter, isSaneDate, isSaneYear } from "./bounds.ts";

describe("límites de lo que Rumbo puede guardar", () => {
  it("un texto con tildes, eñes y emojis completos se puede guardar", () => {
    expect(forbiddenCharacter("Niñez y adolescencia 👧🏽 — meta 2024")).toBeNull();
  });

  it("el carácter nulo (U+0000) no se puede guardar", () => {
    expect(forbiddenCharacter("Meta\u0000 2024")).toBe("el carácter nulo (U+0000)");
  });

  it("medio par sustituto UTF-16, al comienzo, en medio o al final, no se puede guardar", () => {
    const half = "un carácter incompleto (medio par sustituto UTF-16)";
    expect(forbiddenCharacter("\uD83D")).toBe(half);
    expect(forbiddenCharacter("a\uDC67b")).toBe(half);
    expect(forbiddenCharacter("fin \uD83D")).toBe(half);
  });

  it("años entre 1900 y 2200; fechas entre 1900-01-01 y 2200-12-31", () => {
    expect([1899, 1900, 2024, 2200, 2201, 2024.5].map(isSaneYear)).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(
      ["0000-01-01", "1900-01-01", "2026-12-07", "2200-12-31", "9999-12-31"].map(isSaneDate),
    ).toEqual([false, true, true, true, false]);
  });
});
