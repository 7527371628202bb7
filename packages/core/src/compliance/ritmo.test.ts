import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readActualsCsv } from "../formats/actuals-csv.ts";
import { DEFAULT_SEMAFORO } from "../plan/plan.ts";
import { computeCompliance } from "./compute.ts";
import { scenarioArbitrary } from "./fixtures/arbitraries.ts";
import { SEED_ACTUALS_2024_CSV } from "./fixtures/seed-actuals-2024.ts";
import { SEED_PLAN } from "./fixtures/seed-plan.ts";
import { onePlan } from "./fixtures/test-plan.ts";
import { computeRitmo, elapsedFraction } from "./ritmo.ts";
import type { ComplianceOptions } from "./types.ts";

const RUNS = { numRuns: 200 };

function seedRitmo(asOf: string) {
  const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
  if (!read.ok) throw new Error("fixture");
  const options: ComplianceOptions = { asOf, missing: "zero", cap: 1 };
  const result = computeCompliance(SEED_PLAN, read.actuals, options);
  const ritmo = computeRitmo({ plan: SEED_PLAN, result, options });
  if (ritmo === null) throw new Error("sin ritmo");
  return ritmo;
}

function byCode(ritmo: ReturnType<typeof seedRitmo>, code: string) {
  const found = ritmo.indicators.find((item) => item.code === code);
  if (found === undefined) throw new Error(code);
  return found;
}

describe("ritmo y proyección", () => {
  it("el 30 de junio de 2024 ha transcurrido 182/366 del año (bisiesto)", () => {
    expect(elapsedFraction(2024, "2024-06-30")).toBe(182 / 366);
    expect(elapsedFraction(2024, "2024-12-31")).toBe(1);
    expect(elapsedFraction(2024, "2023-12-31")).toBe(0);
  });

  it("meta 2058 (3980, suma) a 30-jun-2024: línea recta, 1 de 0,99 esperado, proyecta 2,01 y no está en riesgo", () => {
    const item = byCode(seedRitmo("2024-06-30"), "3980");
    expect(item.expectedBasis).toBe("linea-recta");
    expect(item.expected).toBeCloseTo((2 * 182) / 366, 12);
    expect(item.actual).toBe(1);
    expect(item.projectedYear).toBeCloseTo(366 / 182, 12);
    expect(item.projectedYearCompliance).toBe(1);
    // 2,01 this year and the same pace (×1,0055) over 26 + 26 + 27 programmed: 81,45 of 81.
    expect(item.projectedPeriod).toBeCloseTo(366 / 182 + (366 / 364) * 79, 10);
    expect(item.projectedPeriodCompliance).toBe(1);
    expect(item.enRiesgo).toBe(false);
  });

  it("meta 3979 (creciente) a 30-jun-2024: el nivel 8 frente a 15 termina en 53,33 % y está en riesgo", () => {
    const item = byCode(seedRitmo("2024-06-30"), "3979");
    expect(item.expectedBasis).toBe("nivel");
    expect(item.expected).toBeNull();
    expect(item.projectedYear).toBe(8);
    expect(item.projectedYearCompliance).toBeCloseTo(8 / 15, 14);
    expect(item.enRiesgo).toBe(true);
    expect(item.reason).toBe(
      "A este ritmo termina la vigencia en 53,33%, por debajo del umbral amarillo (90,00%).",
    );
  });

  it("a 30-sep-2024 la 3980 (1 de 1,50 esperado) y la 4075 (13 de 14,97) proyectan 66,79 % y 86,82 %: en riesgo", () => {
    const ritmo = seedRitmo("2024-09-30");
    const i3980 = byCode(ritmo, "3980");
    expect(i3980.expected).toBeCloseTo(2 * (274 / 366), 12);
    expect(i3980.projectedYearCompliance).toBeCloseTo(0.667883211678832, 12);
    expect(i3980.projectedPeriod).toBeCloseTo(54.09854014598539, 10);
    expect(i3980.enRiesgo).toBe(true);
    const i4075 = byCode(ritmo, "4075");
    expect(i4075.projectedYear).toBeCloseTo(17.364963503649633, 10);
    expect(i4075.projectedPeriodCompliance).toBeCloseTo(0.8682481751824817, 12);
    expect(i4075.enRiesgo).toBe(true);
  });

  it("la 2307 (fila anual) no tiene reporte antes del 31 de diciembre: no se proyecta ni se marca", () => {
    const item = byCode(seedRitmo("2024-06-30"), "2307");
    expect(item.actual).toBeNull();
    expect(item.projectedYear).toBeNull();
    expect(item.enRiesgo).toBe(false);
  });

  it("la 78 no está programada en 2024: no tiene ritmo", () => {
    expect(seedRitmo("2024-06-30").indicators.some((item) => item.code === "78")).toBe(false);
  });

  it("con programación por trimestre el esperado es lo programado de los trimestres vencidos", () => {
    const plan = onePlan([{ code: "S", trend: "suma", targets: { "2024": 100 } }]);
    const options: ComplianceOptions = { asOf: "2024-06-30", missing: "zero", cap: 1 };
    const result = computeCompliance(
      plan,
      [
        { indicator: "S", period: "2024-Q1", value: 5 },
        { indicator: "S", period: "2024-Q2", value: 10 },
      ],
      options,
    );
    const ritmo = computeRitmo({
      plan,
      result,
      options,
      periodTargets: { S: { "2024-Q1": 10, "2024-Q2": 20, "2024-Q3": 30, "2024-Q4": 40 } },
    });
    const item = ritmo?.indicators[0];
    expect(item?.expectedBasis).toBe("programacion-periodo");
    expect(item?.expected).toBe(30);
    expect(item?.projectedYear).toBe(50);
    expect(item?.projectedYearCompliance).toBe(0.5);
    expect(item?.enRiesgo).toBe(true);
  });

  it("sin fecha de corte, o con un corte fuera del plan, no hay ritmo", () => {
    const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
    if (!read.ok) throw new Error("fixture");
    for (const asOf of [null, "2023-06-30", "2028-01-01"]) {
      const options: ComplianceOptions = { asOf, missing: "zero", cap: 1 };
      const result = computeCompliance(SEED_PLAN, read.actuals, options);
      expect(computeRitmo({ plan: SEED_PLAN, result, options })).toBeNull();
    }
  });
});

describe("propiedades del ritmo", () => {
  const scenario = scenarioArbitrary.filter(({ options }) => options.asOf !== null);

  it("en riesgo exactamente cuando una proyección queda bajo el umbral amarillo", () => {
    fc.assert(
      fc.property(scenario, ({ plan, actuals, options }) => {
        const result = computeCompliance(plan, actuals, options);
        const ritmo = computeRitmo({ plan, result, options });
        if (ritmo === null) return;
        const amarillo = (plan.semaforo ?? DEFAULT_SEMAFORO).amarillo - 1e-12;
        for (const item of ritmo.indicators) {
          const below = [item.projectedYearCompliance, item.projectedPeriodCompliance].some(
            (value) => value !== null && value < amarillo,
          );
          expect(item.enRiesgo).toBe(below);
          if (item.actual === null) expect(item.enRiesgo).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it("el 31 de diciembre la proyección del año es el avance y su cumplimiento es el del motor", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ plan, actuals, options }) => {
        for (const year of plan.years) {
          const atYearEnd: ComplianceOptions = { ...options, asOf: `${year}-12-31` };
          const result = computeCompliance(plan, actuals, atYearEnd);
          const ritmo = computeRitmo({ plan, result, options: atYearEnd });
          for (const item of ritmo?.indicators ?? []) {
            const cell = result.indicators.find((row) => row.code === item.code)?.years[
              String(year)
            ];
            expect(item.elapsed).toBe(1);
            if (item.expectedBasis === "linea-recta") expect(item.expected).toBe(item.target);
            if (cell?.actual === null || cell?.actual === undefined) continue;
            expect(item.projectedYear).toBeCloseTo(cell.actual, 9);
            if (cell.compliance !== null)
              expect(item.projectedYearCompliance).toBeCloseTo(cell.compliance, 9);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("reportar más en un indicador de suma nunca baja su proyección", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.constantFrom("2024-01-31", "2024-03-31", "2024-08-15", "2024-12-31"),
        (a, b, target, asOf) => {
          const plan = onePlan([{ code: "S", trend: "suma", targets: { "2024": target } }]);
          const options: ComplianceOptions = { asOf, missing: "zero", cap: null };
          const project = (value: number) =>
            computeRitmo({
              plan,
              options,
              result: computeCompliance(
                plan,
                [{ indicator: "S", period: "2024-01", value }],
                options,
              ),
            })?.indicators[0];
          const low = project(Math.min(a, b));
          const high = project(Math.max(a, b));
          expect(high?.projectedYear ?? 0).toBeGreaterThanOrEqual(low?.projectedYear ?? 0);
          expect(high?.projectedPeriod ?? 0).toBeGreaterThanOrEqual(low?.projectedPeriod ?? 0);
        },
      ),
      RUNS,
    );
  });

  it("a ritmo exacto de la línea recta, la proyección del año es la meta", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (month, target) => {
          const plan = onePlan([{ code: "S", trend: "suma", targets: { "2024": target } }]);
          const asOf = new Date(Date.UTC(2024, month, 0)).toISOString().slice(0, 10);
          const options: ComplianceOptions = { asOf, missing: "zero", cap: 1 };
          const onPace = target * elapsedFraction(2024, asOf);
          const result = computeCompliance(
            plan,
            [{ indicator: "S", period: `2024-${String(month).padStart(2, "0")}`, value: onPace }],
            options,
          );
          const item = computeRitmo({ plan, result, options })?.indicators[0];
          expect(item?.projectedYear).toBeCloseTo(target, 9);
          expect(item?.enRiesgo).toBe(false);
        },
      ),
      RUNS,
    );
  });
});
