import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ActualValue } from "../formats/actuals-csv.ts";
import type { Plan } from "../plan/plan.ts";
import { computeCompliance } from "./compute.ts";
import { ComplianceInputError, createEngine } from "./engine.ts";
import { actualsArbitrary, planArbitrary, scenarioArbitrary } from "./fixtures/arbitraries.ts";
import type { ComplianceResult, RollupYearCell } from "./types.ts";

const RUNS = { numRuns: 300 };

function allCells(result: ComplianceResult) {
  const rollups: RollupYearCell[] = [];
  const indicators = [];
  for (const owner of [result.plan, ...result.objectives])
    rollups.push(...Object.values(owner.years), owner.period);
  for (const indicator of result.indicators)
    indicators.push(...Object.values(indicator.years), indicator.period);
  return { rollups, indicators, all: [...rollups, ...indicators] };
}

/** Deep comparison with a relative tolerance on numbers (weights scaled, orders changed). */
function expectClose(actual: unknown, expected: unknown, path = "result"): void {
  if (typeof actual === "number" && typeof expected === "number") {
    const scale = Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > 1e-9 * scale)
      throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    expect(actual.length, path).toBe(expected.length);
    for (const [index, item] of actual.entries())
      expectClose(item, expected[index], `${path}[${index}]`);
    return;
  }
  if (
    typeof actual === "object" &&
    actual !== null &&
    typeof expected === "object" &&
    expected !== null
  ) {
    const keys = Object.keys(expected);
    expect(Object.keys(actual).sort(), path).toEqual([...keys].sort());
    for (const key of keys) {
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

function sortContributions(result: ComplianceResult): ComplianceResult {
  const copy: ComplianceResult = structuredClone(result);
  for (const cell of allCells(copy).rollups)
    cell.contributions.sort((a, b) => a.code.localeCompare(b.code));
  copy.indicators.sort((a, b) => a.code.localeCompare(b.code));
  return copy;
}

describe("propiedades del motor sobre planes aleatorios", () => {
  it("el cumplimiento está en [0, tope] en toda celda", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ plan, actuals, options }) => {
        const result = computeCompliance(plan, actuals, options);
        const cap = options.cap ?? Number.POSITIVE_INFINITY;
        for (const cell of allCells(result).all) {
          if (cell.compliance !== null) {
            expect(cell.compliance).toBeGreaterThanOrEqual(0);
            expect(cell.compliance).toBeLessThanOrEqual(cap + 1e-12);
          }
        }
        for (const cell of allCells(result).indicators) {
          if (cell.raw !== null) expect(cell.raw).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it("las participaciones suman 1 y las contribuciones suman el cumplimiento de la celda", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ plan, actuals, options }) => {
        for (const cell of allCells(computeCompliance(plan, actuals, options)).rollups) {
          if (cell.compliance === null) {
            expect(cell.contributions).toEqual([]);
            continue;
          }
          const shares = cell.contributions.reduce((sum, item) => sum + item.weight, 0);
          const total = cell.contributions.reduce((sum, item) => sum + item.contribution, 0);
          expect(Math.abs(shares - 1)).toBeLessThan(1e-9);
          expect(Math.abs(total - cell.compliance)).toBeLessThan(
            1e-9 * Math.max(1, cell.compliance),
          );
        }
      }),
      RUNS,
    );
  });

  it("añadir un indicador NP no cambia nada", () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.nat(),
        fc.double({ min: 0, max: 100, noNaN: true }),
        ({ plan, actuals, options }, at, extraValue) => {
          const before = computeCompliance(plan, actuals, options);
          const target = plan.objectives[at % plan.objectives.length];
          if (target === undefined) return;
          const withNp: Plan = structuredClone(plan);
          withNp.objectives[at % plan.objectives.length]?.indicators.splice(
            at % (target.indicators.length + 1),
            0,
            {
              code: "NP",
              name: "No programado",
              trend: "suma",
              weight: 40,
              targets: { "2024": null, "2025": 0 },
              total: null,
            },
          );
          const after = computeCompliance(
            withNp,
            [...actuals, { indicator: "NP", period: "2024", value: extraValue }],
            options,
          );
          expect(after.plan).toEqual(before.plan);
          expect(after.objectives).toEqual(before.objectives);
          expect(after.indicators.filter((item) => item.code !== "NP")).toEqual(before.indicators);
        },
      ),
      RUNS,
    );
  });

  it("escalar los pesos de un objetivo no cambia nada", () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.nat(),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        ({ plan, actuals, options }, at, factor) => {
          const scaled: Plan = structuredClone(plan);
          const objective = scaled.objectives[at % scaled.objectives.length];
          for (const indicator of objective?.indicators ?? []) {
            const weight = indicator.weight;
            if (typeof weight === "number") indicator.weight = weight * factor;
            else {
              for (const key of Object.keys(weight)) {
                const w = weight[key];
                if (w !== undefined) weight[key] = w * factor;
              }
            }
          }
          expectClose(
            computeCompliance(scaled, actuals, options),
            computeCompliance(plan, actuals, options),
          );
        },
      ),
      RUNS,
    );
  });

  it("el orden de las filas no cambia nada, y el de los indicadores solo el orden de las listas", () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.integer(), ({ plan, actuals, options }, seed) => {
        const result = computeCompliance(plan, actuals, options);
        const shuffledRows = shuffle(actuals, seed);
        expect(computeCompliance(plan, shuffledRows, options)).toEqual(result);
        const reordered: Plan = structuredClone(plan);
        for (const objective of reordered.objectives)
          objective.indicators = shuffle(objective.indicators, seed + 1);
        expectClose(
          sortContributions(computeCompliance(reordered, shuffledRows, options)),
          sortContributions(result),
        );
      }),
      RUNS,
    );
  });

  it("en suma, los trimestres dan lo mismo que la fila anual de su suma", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ plan, actuals, options }) => {
        const settings = { ...options, asOf: null };
        const suma = new Set(
          plan.objectives.flatMap((o) =>
            o.indicators.filter((i) => i.trend === "suma").map((i) => i.code),
          ),
        );
        const isSumaQuarter = (row: ActualValue) =>
          suma.has(row.indicator) && row.period.includes("-Q");
        const rest = actuals.filter((row) => !isSumaQuarter(row));
        // Quarters sorted Q1..Q4 so the sum adds in the engine's order.
        const quarters = actuals
          .filter(isSumaQuarter)
          .sort((a, b) => (a.period < b.period ? -1 : 1));
        const sums = new Map<string, number>();
        for (const row of quarters) {
          const key = `${row.indicator}|${row.period.slice(0, 4)}`;
          sums.set(key, (sums.get(key) ?? 0) + row.value);
        }
        const annual = [...sums].map(([key, value]) => {
          const [indicator = "", year = ""] = key.split("|");
          return { indicator, period: year, value };
        });
        expect(computeCompliance(plan, [...rest, ...annual], settings)).toEqual(
          computeCompliance(plan, actuals, settings),
        );
      }),
      RUNS,
    );
  });

  it("subir un avance nunca baja el cumplimiento en tendencias crecientes (y al revés en decreciente)", () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.nat(),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        ({ plan, actuals, options }, at, delta) => {
          const annual = actuals.filter((row) => row.period.length === 4);
          const chosen = annual[at % Math.max(annual.length, 1)];
          if (chosen === undefined) return;
          const raised = actuals.map((row) =>
            row === chosen ? { ...row, value: row.value + delta } : row,
          );
          const before = createEngine(plan, options);
          before.setActuals(actuals);
          const after = createEngine(plan, options);
          after.setActuals(raised);
          const trend = plan.objectives
            .flatMap((o) => o.indicators)
            .find((i) => i.code === chosen.indicator)?.trend;
          const sign = trend === "decreciente" ? -1 : 1;
          const year = Number(chosen.period);
          const objective =
            plan.objectives.find((o) => o.indicators.some((i) => i.code === chosen.indicator))
              ?.code ?? "";
          const pairs = [
            [
              before.indicatorCell(chosen.indicator, year).compliance,
              after.indicatorCell(chosen.indicator, year).compliance,
            ],
            [
              before.indicatorCell(chosen.indicator, "period").compliance,
              after.indicatorCell(chosen.indicator, "period").compliance,
            ],
            [
              before.objectiveCell(objective, year).compliance,
              after.objectiveCell(objective, year).compliance,
            ],
            [before.planCell(year).compliance, after.planCell(year).compliance],
          ];
          for (const [was, now] of pairs) {
            if (was === null || was === undefined || now === null || now === undefined) continue;
            expect(sign * (now - was)).toBeGreaterThanOrEqual(-1e-12);
          }
        },
      ),
      RUNS,
    );
  });

  it("la actualización incremental da lo mismo que el recálculo completo", () => {
    const update = fc.record({
      index: fc.nat(),
      year: fc.constantFrom(2024, 2025, 2026),
      slot: fc.constantFrom("", "-Q1", "-Q2", "-Q3", "-Q4", "-01", "-06", "-12"),
      value: fc.option(fc.double({ min: -10, max: 200, noNaN: true }), { nil: null, freq: 4 }),
    });
    fc.assert(
      fc.property(
        planArbitrary.chain((plan) =>
          fc.record({ plan: fc.constant(plan), actuals: actualsArbitrary(plan) }),
        ),
        scenarioArbitrary.map((scenario) => scenario.options),
        fc.array(update, { maxLength: 40 }),
        ({ plan, actuals }, options, updates) => {
          const codes = plan.objectives.flatMap((o) => o.indicators.map((i) => i.code));
          const engine = createEngine(plan, options);
          engine.setActuals(actuals);
          const model = new Map(actuals.map((row) => [`${row.indicator}|${row.period}`, row]));
          for (const { index, year, slot, value } of updates) {
            const indicator = codes[index % codes.length] ?? "";
            const period = `${year}${slot}`;
            try {
              engine.updateValue(indicator, period, value);
            } catch (error) {
              if (!(error instanceof ComplianceInputError)) throw error;
              continue;
            }
            if (value === null) model.delete(`${indicator}|${period}`);
            else model.set(`${indicator}|${period}`, { indicator, period, value });
          }
          const fresh = createEngine(plan, options);
          fresh.setActuals([...model.values()]);
          expect(engine.result()).toEqual(fresh.result());
        },
      ),
      RUNS,
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const other = state % (index + 1);
    const item = copy[index] as T;
    copy[index] = copy[other] as T;
    copy[other] = item;
  }
  return copy;
}
