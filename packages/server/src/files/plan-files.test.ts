import { describe, expect, it } from "vitest";
import { seedPlan } from "../testing/seed-plan.ts";
import { planFileFormatOf, readPlanFile, writePlanFile } from "./plan-files.ts";

describe("el plan como archivo: xlsx, csv o json según la extensión", () => {
  it("la extensión decide el formato, sin importar mayúsculas", () => {
    expect(
      ["a.xlsx", "B.CSV", "dir.v2/plan.json", "plan.xls", "plan"].map(planFileFormatOf),
    ).toEqual(["xlsx", "csv", "json", null, null]);
  });

  it("los tres formatos devuelven el plan semilla idéntico", async () => {
    const plan = seedPlan();
    for (const format of ["xlsx", "csv", "json"] as const) {
      const read = await readPlanFile(await writePlanFile(plan, format), `plan.${format}`, format);
      expect(read.ok && read.plan).toEqual(plan);
    }
  });

  it("el JSON se escribe con sangría y sus problemas nombran el archivo y el lugar en palabras de la planeadora", async () => {
    const plan = seedPlan();
    const text = (await writePlanFile(plan, "json")).toString("utf8");
    expect(text.startsWith('{\n  "format": "rumbo.plan/v1",\n  "code": "PES-GP-2024-2027"')).toBe(
      true,
    );
    const broken = Buffer.from(text.replace('"trend": "suma"', '"trend": "sube"'));
    const read = await readPlanFile(broken, "plan.json", "json");
    expect(read.ok ? [] : read.problems).toEqual([
      'plan.json: Objetivo 2, indicador 3980, campo «tendencia»: tendencia desconocida "sube" (se espera suma, creciente, constante, decreciente, en minúsculas)',
    ]);
  });

  it("un plan leído de la matriz sitúa cada regla de validación en su celda", async () => {
    const read = await readPlanFile(await writePlanFile(seedPlan(), "xlsx"), "m.xlsx", "xlsx");
    if (!read.ok) throw new Error("se esperaba un plan");
    expect(read.locate({ path: "objectives[2].indicators[0].targets.2024" })).toBe(
      "Indicadores, fila 6, columna «Programación 2024» (P)",
    );
    expect(read.locate({ path: "objectives" })).toBe("Objetivos");
    expect(read.locate("")).toBe("Plan");
  });
});
