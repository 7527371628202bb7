import { describe, expect, it } from "vitest";
import { computeCompliance } from "../compliance/compute.ts";
import { createEngine } from "../compliance/engine.ts";
import { SEED_PLAN } from "../compliance/fixtures/seed-plan.ts";
import { writeResultJson } from "./result-json.ts";

describe("salida rumbo.result/v1", () => {
  it("escrita por partes es idéntica a JSON.stringify con sangría de 2", () => {
    const result = computeCompliance(
      SEED_PLAN,
      [{ indicator: "2307", period: "2024", value: 44 }],
      { asOf: "2025-06-30" },
    );
    let text = "";
    writeResultJson(result, (chunk) => {
      text += chunk;
    });
    expect(text).toBe(`${JSON.stringify(result, null, 2)}\n`);
    expect(JSON.parse(text).format).toBe("rumbo.result/v1");
  });

  it("el motor escribe por partes el mismo texto que su result()", () => {
    const engine = createEngine(SEED_PLAN, { missing: "exclude", cap: null });
    engine.setActuals([
      { indicator: "4248", period: "2024-Q1", value: 3 },
      { indicator: "78", period: "2025", value: 90 },
    ]);
    const chunks: string[] = [];
    engine.writeResultJson((chunk) => {
      chunks.push(chunk);
    });
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join("")).toBe(`${JSON.stringify(engine.result(), null, 2)}\n`);
  });

  it("con miles de indicadores, escrita por tandas, sigue idéntica a JSON.stringify", () => {
    const result = computeCompliance(SEED_PLAN, [{ indicator: "78", period: "2024", value: 50 }]);
    const many = {
      ...result,
      indicators: Array.from({ length: 1_100 }, (_, index) => ({
        ...result.indicators[index % result.indicators.length],
        code: `I${index}`,
      })),
    } as typeof result;
    const chunks: string[] = [];
    writeResultJson(many, (chunk) => {
      chunks.push(chunk);
    });
    expect(chunks.join("")).toBe(`${JSON.stringify(many, null, 2)}\n`);
    expect(JSON.parse(chunks.join("")).indicators[1_099].code).toBe("I1099");
  });

  it("un plan sin objetivos da listas vacías", () => {
    const result = computeCompliance({ ...SEED_PLAN, objectives: [] }, []);
    let text = "";
    writeResultJson(result, (chunk) => {
      text += chunk;
    });
    expect(text).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });
});
