import { describe, expect, it } from "vitest";
import { goalLabel } from "./goal-label.ts";

describe("nombre de la meta en las páginas", () => {
  it("la meta sectorial 2307, la estratégica 78 y una meta sin tipo ni código", () => {
    expect(goalLabel("sectorial", "2307")).toBe("Meta sectorial 2307");
    expect(goalLabel("estrategica", "78")).toBe("Meta estratégica 78");
    expect(goalLabel("proyecto", undefined)).toBe("Meta de proyecto de inversión");
    expect(goalLabel(undefined, "80")).toBe("Meta 80");
    expect(goalLabel(undefined, undefined)).toBeUndefined();
  });
});
