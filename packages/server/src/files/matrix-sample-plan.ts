/**
 * Test and benchmark support: the synthetic district plan of core's testing workload
 * (seeded, so every run builds the same plan) with a full ficha técnica on
 * every indicator — texts, lists, línea base, totals given, left out or NP,
 * and some texts a spreadsheet would run as formulas — so a round trip
 * through the matriz de formulación exercises every cell.
 */
import { FREQUENCIES, GOAL_TYPES, type Indicator, type Plan } from "@rumbo/core";
import { generateWorkload } from "@rumbo/core/testing";

export function sampleMatrixPlan(
  indicators: number,
  objectives = Math.ceil(indicators / 50),
): Plan {
  const { plan } = generateWorkload({ indicators, objectives, seed: 6 });
  let n = 0;
  return {
    ...plan,
    entity: "Secretaría General de la Alcaldía Mayor de Bogotá D.C.",
    mission: 'Misión de prueba;\ncon punto y coma, comillas "dobles" y dos líneas.',
    source: "SEGPLAN, corte 31-dic-2024",
    semaforo: { rojo: 0.7, amarillo: 0.9, sobreejecucion: 1.25 },
    objectives: plan.objectives.map((objective) => ({
      ...objective,
      name: `${objective.name}: fortalecer la gestión pública distrital`,
      indicators: objective.indicators.map((indicator) => withFicha(indicator, n++)),
    })),
  };
}

function withFicha(indicator: Indicator, n: number): Indicator {
  const out: Indicator = {
    ...indicator,
    name: n % 97 === 0 ? `=HYPERLINK("http://x/${n}")` : `${indicator.name} de entidades asistidas`,
    goal: `Meta ${n}: asistir ${n % 50} entidades, 15% del total`,
    goalType: GOAL_TYPES[n % GOAL_TYPES.length] ?? "sectorial",
    goalCode: String(2000 + n),
    unit: n % 3 === 0 ? "%" : "número",
    formula: n % 11 === 0 ? "-(A/B)*100" : "(A / B) × 100",
    frequency: FREQUENCIES[n % FREQUENCIES.length] ?? "anual",
    source: "SEGPLAN",
    responsible: `Oficina Asesora de Planeación ${n % 7}`,
  };
  if (n % 5 === 0) out.baselineYear = 2023;
  // Totals: left out (derived from the trend), NP, or given.
  if (indicator.trend !== "decreciente" && n % 13 === 0) out.total = null;
  else if (indicator.trend === "suma" && n % 4 === 0) {
    out.total = Object.values(indicator.targets).reduce<number>((sum, t) => sum + (t ?? 0), 0);
  }
  return out;
}
