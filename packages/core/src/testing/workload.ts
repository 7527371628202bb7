/**
 * Synthetic district workload for the benchmarks: by default 100,000
 * indicators in 2,000 objectives, 4 vigencias and one value per quarter
 * (1.6 million values), with mixed trends, NP years, per-year weights and a
 * seeded PRNG so every run measures the same data.
 */
import type { ActualValue } from "../formats/actuals-csv.ts";
import type { Indicator, Objective, Plan, Trend } from "../plan/plan.ts";

export type WorkloadOptions = {
  indicators?: number;
  objectives?: number;
  years?: number[];
  seed?: number;
};

export type Workload = { plan: Plan; actuals: ActualValue[]; valueCount: number };

/** mulberry32: small, fast and good enough to make data (not for cryptography). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUARTERS = ["Q1", "Q2", "Q3", "Q4"] as const;

export function generateWorkload(options: WorkloadOptions = {}): Workload {
  const indicatorCount = options.indicators ?? 100_000;
  const objectiveCount = options.objectives ?? 2_000;
  const years = options.years ?? [2024, 2025, 2026, 2027];
  const random = createRandom(options.seed ?? 20240101);
  const pick = (low: number, high: number) => low + (high - low) * random();
  const objectives: Objective[] = [];
  const actuals: ActualValue[] = [];
  let next = 0;
  for (let o = 0; o < objectiveCount; o++) {
    const indicators: Indicator[] = [];
    const size =
      Math.floor(((o + 1) * indicatorCount) / objectiveCount) -
      Math.floor((o * indicatorCount) / objectiveCount);
    for (let k = 0; k < size; k++) {
      const code = `I${String(next++).padStart(6, "0")}`;
      const draw = random();
      const trend: Trend =
        draw < 0.4 ? "suma" : draw < 0.65 ? "creciente" : draw < 0.85 ? "constante" : "decreciente";
      const baseline = trend === "decreciente" ? Math.round(pick(50, 100)) : null;
      const targets: Record<string, number | null> = {};
      years.forEach((year, y) => {
        // 5 % of the years are not programmed (NP, formats.md §1).
        if (random() < 0.05) targets[year] = null;
        else if (trend === "decreciente")
          targets[year] = Math.round((baseline ?? 100) * (0.9 - 0.1 * y));
        else if (trend === "creciente")
          targets[year] = Math.round(pick(10, 20) * (y + 1) * 100) / 100;
        else targets[year] = Math.round(pick(1, 100));
      });
      const perYear = random() < 0.3;
      const weight = perYear
        ? Object.fromEntries(years.map((year) => [String(year), Math.round(pick(0, 60))]))
        : Math.round(pick(1, 100));
      indicators.push({ code, name: `Indicador ${code}`, trend, weight, targets, baseline });
      for (const year of years) {
        const target = targets[year] ?? pick(1, 50);
        for (let q = 0; q < 4; q++) {
          let value: number;
          if (trend === "suma") value = (target / 4) * pick(0.4, 1.4);
          else if (trend === "decreciente")
            value =
              (baseline ?? 100) - ((baseline ?? 100) - target) * pick(0.2, 1.3) * ((q + 1) / 4);
          else value = target * pick(0.5, 1.3) * ((q + 1) / 4);
          actuals.push({
            indicator: code,
            period: `${year}-${QUARTERS[q]}`,
            value: Math.round(value * 100) / 100,
          });
        }
      }
    }
    const objective: Objective = { code: String(o + 1), name: `Objetivo ${o + 1}`, indicators };
    objective.weight =
      o % 3 === 0
        ? Object.fromEntries(years.map((year) => [String(year), 1 + (o % 7)]))
        : 1 + (o % 5);
    objectives.push(objective);
  }
  const plan: Plan = {
    format: "rumbo.plan/v1",
    code: "BENCH-DISTRITO",
    name: "Plan distrital sintético",
    years,
    objectives,
  };
  return { plan, actuals, valueCount: actuals.length };
}
