import { describe, expect, it } from "vitest";
import { TEXT_LIMITS, textLimitAt } from "./text-limits.ts";

describe("límites de largo de los textos del plan", () => {
  it("cada ruta de texto del plan tiene su límite; lo demás no", () => {
    expect(textLimitAt("name")).toBe(TEXT_LIMITS.plan.name);
    expect(textLimitAt("objectives[3].name")).toBe(TEXT_LIMITS.objective.name);
    expect(textLimitAt("objectives[0].indicators[12].unit")).toBe(60);
    expect(textLimitAt("objectives[0].indicators[12].targets")).toBeUndefined();
    expect(textLimitAt("justification")).toBeUndefined();
    expect(textLimitAt("toString")).toBeUndefined();
  });
});
