/**
 * What a server's cache relies on (ADR 0018): replacing the values of a few
 * indicator-years, forking an engine under other options and the shared
 * `currentResult()` give exactly what a fresh engine computes from scratch.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ActualValue } from "../formats/actuals-csv.ts";
import { ComplianceInputError, createEngine, type IndicatorYear } from "./engine.ts";
import { actualsArbitrary, optionsArbitrary, planArbitrary } from "./fixtures/arbitraries.ts";
import { SEED_PLAN } from "./fixtures/seed-plan.ts";

const RUNS = { numRuns: 200 };

const yearOf = (period: string) => Number(period.slice(0, 4));
const cellKey = (indicator: string, year: number) => `${indicator}|${year}`;

describe("motor incremental: lo mismo que recalcular todo", () => {
  it("reemplazar los valores de algunos indicador-año y leer el resultado compartido da el resultado completo", () => {
    fc.assert(
      fc.property(
        planArbitrary.chain((plan) =>
          fc.record({
            plan: fc.constant(plan),
            before: actualsArbitrary(plan),
            // Successive states of the reports: each step replaces the indicator-years it names.
            steps: fc.array(
              fc.record({
                after: actualsArbitrary(plan),
                pick: fc.array(fc.nat(), { maxLength: 6 }),
              }),
              { minLength: 1, maxLength: 4 },
            ),
          }),
        ),
        optionsArbitrary,
        ({ plan, before, steps }, options) => {
          const codes = plan.objectives.flatMap((o) => o.indicators.map((i) => i.code));
          const engine = createEngine(plan, options);
          engine.setActuals(before);
          engine.currentResult();
          let model: ActualValue[] = before;
          for (const { after, pick } of steps) {
            const cells: IndicatorYear[] = pick.map((n) => ({
              indicator: codes[n % codes.length] ?? "",
              year: plan.years[Math.floor(n / codes.length) % plan.years.length] ?? 0,
            }));
            const replaced = new Set(cells.map((c) => cellKey(c.indicator, c.year)));
            const inCells = (row: ActualValue) =>
              replaced.has(cellKey(row.indicator, yearOf(row.period)));
            const fresh = after.filter(inCells);
            engine.replaceYears(cells, fresh);
            model = [...model.filter((row) => !inCells(row)), ...fresh];
            const full = createEngine(plan, options);
            full.setActuals(model);
            expect(engine.currentResult()).toEqual(full.result());
            expect(engine.result()).toEqual(full.result());
          }
        },
      ),
      RUNS,
    );
  });

  it("una bifurcación con otras opciones da lo mismo que un motor nuevo con esas opciones", () => {
    fc.assert(
      fc.property(
        planArbitrary.chain((plan) =>
          fc.record({ plan: fc.constant(plan), actuals: actualsArbitrary(plan) }),
        ),
        optionsArbitrary,
        optionsArbitrary,
        ({ plan, actuals }, first, second) => {
          const engine = createEngine(plan, first);
          engine.setActuals(actuals);
          const fresh = createEngine(plan, second);
          fresh.setActuals(actuals);
          const forked = engine.fork(second);
          expect(forked.options).toEqual(fresh.options);
          expect(forked.result()).toEqual(fresh.result());
        },
      ),
      RUNS,
    );
  });

  it("en el plan semilla, aprobar 2320 de 2025 cambia el objetivo 3 y el plan, y comparte el resto de la respuesta", () => {
    const plan = SEED_PLAN;
    const engine = createEngine(plan, { asOf: "2025-12-31" });
    engine.setActuals([{ indicator: "78", period: "2024", value: 80 }]);
    const before = engine.currentResult();
    expect(engine.currentResult()).toBe(before);
    engine.replaceYears(
      [{ indicator: "2320", year: 2025 }],
      [{ indicator: "2320", period: "2025", value: 40 }],
    );
    const after = engine.currentResult();
    expect(after).not.toBe(before);
    const meta2320 = after.indicators.find((row) => row.code === "2320");
    expect(meta2320?.years["2025"]?.actual).toBe(40);
    // Meta 78 did not change: its item is the same object as before.
    const index78 = after.indicators.findIndex((row) => row.code === "78");
    expect(after.indicators[index78]).toBe(before.indicators[index78]);
    const full = createEngine(plan, { asOf: "2025-12-31" });
    full.setActuals([
      { indicator: "78", period: "2024", value: 80 },
      { indicator: "2320", period: "2025", value: 40 },
    ]);
    expect(after).toEqual(full.result());
  });

  it("un valor fuera de los indicador-año reemplazados es un error claro", () => {
    const engine = createEngine(SEED_PLAN);
    expect(() =>
      engine.replaceYears(
        [{ indicator: "2320", year: 2025 }],
        [{ indicator: "2320", period: "2024", value: 40 }],
      ),
    ).toThrow(ComplianceInputError);
  });
});
