import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Indicator,
  type Objective,
  PLAN_FORMAT,
  type Plan,
  TRENDS,
  type WeightPct,
} from "../plan/plan.ts";
import { VALIDATION_RULES } from "./rule-catalogue.ts";
import { validatePlanRules } from "./validate-plan.ts";
import { hasBlockingErrors, summariseIssues } from "./validation-issue.ts";

/** JSON numbers: finite, sometimes negative, zero, fractional or huge. */
const number = fc.oneof(
  fc.integer({ min: -10, max: 200 }),
  fc.constantFrom(0, 0.25, 1, 33.333, 100, 150),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const yearKey = fc.oneof(
  fc.constantFrom("2023", "2024", "2025", "2026", "2027", "2028"),
  fc.string({ maxLength: 4 }),
);
const code = fc.oneof(
  fc.constantFrom("", " ", "1", "2", "78", "2320"),
  fc.string({ maxLength: 5 }),
);
const text = fc.oneof(
  fc.constantFrom(
    "",
    "Meta sectorial 2153 Participar en 50 instrumentos",
    "Meta sectorial 2320: Poner en funcionamiento 14244. Implementación",
    "Meta proyecto: 3. Implementar 1 modelo",
    "Fortalecer 100 % del modelo",
    "Atender 1.500 personas",
  ),
  fc.string({ maxLength: 40 }),
);

const weight: fc.Arbitrary<WeightPct> = fc.oneof(
  number,
  fc.dictionary(fc.oneof(yearKey, fc.constant("total")), number, { maxKeys: 6 }),
);

const indicator: fc.Arbitrary<Indicator> = fc.record(
  {
    code,
    name: text,
    goal: text,
    goalCode: code,
    trend: fc.constantFrom(...TRENDS),
    unit: fc.oneof(fc.constantFrom("%", "número", "índice", "porcentaje", " % "), fc.string()),
    baseline: fc.option(number, { nil: null }),
    weight,
    targets: fc.dictionary(yearKey, fc.oneof(number, fc.constant(null)), { maxKeys: 6 }),
    total: fc.option(number, { nil: null }),
    progress: fc.constant("from-baseline" as const),
  },
  { requiredKeys: ["code", "name", "trend", "weight", "targets"] },
);

const objective: fc.Arbitrary<Objective> = fc.record(
  {
    code,
    name: text,
    weight,
    indicators: fc.array(indicator, { maxLength: 4 }),
  },
  { requiredKeys: ["code", "name", "indicators"] },
);

const planArbitrary: fc.Arbitrary<Plan> = fc.record(
  {
    format: fc.constant(PLAN_FORMAT),
    code,
    name: text,
    years: fc.oneof(
      fc.constant<number[]>([2024, 2025, 2026, 2027]),
      fc.array(fc.oneof(fc.integer({ min: 2022, max: 2029 }), number), { maxLength: 6 }),
    ),
    semaforo: fc.record({ rojo: number, amarillo: number, sobreejecucion: number }),
    objectives: fc.array(objective, { maxLength: 4 }),
  },
  { requiredKeys: ["format", "code", "name", "years", "objectives"] },
);

const SEVERITY = new Map<string, string>(VALIDATION_RULES.map((r) => [r.code, r.severity]));

/** Position of an issue in plan order: -1 for the plan, the objective index otherwise. */
function objectiveIndexOf(path: string): number {
  const match = path.match(/^objectives\[(\d+)\]/);
  return match?.[1] === undefined ? -1 : Number(match[1]);
}

describe("validatePlanRules con planes arbitrarios", () => {
  it("nunca lanza y cada observación viene del catálogo, con su gravedad y un mensaje", () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const issues = validatePlanRules(plan);
        for (const issue of issues) {
          expect(SEVERITY.get(issue.code)).toBe(issue.severity);
          expect(issue.message.length).toBeGreaterThan(0);
          expect(typeof issue.path).toBe("string");
        }
        expect(hasBlockingErrors(issues)).toBe(summariseIssues(issues).error > 0);
        expect(summariseIssues(issues).total).toBe(issues.length);
      }),
      { numRuns: 500 },
    );
  });

  it("da siempre las mismas observaciones en el mismo orden: el plan primero, luego cada objetivo", () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const first = validatePlanRules(plan);
        expect(validatePlanRules(structuredClone(plan))).toEqual(first);
        const order = first.map((issue) => objectiveIndexOf(issue.path));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it("no modifica el plan que revisa", () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const before = structuredClone(plan);
        validatePlanRules(plan);
        expect(plan).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});
