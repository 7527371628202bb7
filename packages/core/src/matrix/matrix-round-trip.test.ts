import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planArbitrary } from "../compliance/fixtures/arbitraries.ts";
import { INDICATOR_TYPES } from "../plan/field-catalogue.ts";
import type { Plan } from "../plan/plan.ts";
import { MEASURES } from "../plan/plan.ts";
import { importSeedDocument } from "../seed/seed-document.ts";
import { LEVEL_SHARE_RULES } from "../seguimiento/area-shares.ts";
import type { Cell } from "./matrix.ts";
import { flatRowsToPlan, planToFlatRows } from "./matrix-flat.ts";
import { plainDecimal } from "./matrix-numbers.ts";
import { matrixToPlan } from "./matrix-to-plan.ts";
import { planToMatrix } from "./plan-to-matrix.ts";

const SEED = fileURLToPath(
  new URL(
    "../../../../seeds/plan-estrategico-sectorial-gestion-publica-2024-2027.txt",
    import.meta.url,
  ),
);

function seedPlan(): Plan {
  const plan = importSeedDocument(readFileSync(SEED, "utf8")).plan;
  if (!plan) throw new Error("el documento semilla no se importó");
  return plan;
}

function viaMatrix(plan: Plan): Plan {
  const read = matrixToPlan(planToMatrix(plan));
  if (!read.ok) throw new Error(JSON.stringify(read.problems, null, 2));
  return read.plan;
}

/** The flat rows as a `;` CSV holds them: every cell text, numbers with a decimal comma. */
function asSpanishCsvCells(rows: Cell[][]): Cell[][] {
  return rows.map((row) =>
    row.map((cell) => (typeof cell === "number" ? plainDecimal(cell).replace(".", ",") : cell)),
  );
}

function viaFlat(plan: Plan): Plan {
  const read = flatRowsToPlan(asSpanishCsvCells(planToFlatRows(plan)), { decimal: "," });
  if (!read.ok) throw new Error(JSON.stringify(read.problems, null, 2));
  return read.plan;
}

const text = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    "  ",
    '=HYPERLINK("http://x")',
    "+57",
    "-",
    "@SUMA",
    "'ya protegido",
    "\tx",
    "\r\nx",
    "NP",
    "ND",
  ),
);

/** planArbitrary with every optional field of rumbo.plan/v1 and its extensions. */
const richPlan = planArbitrary.chain((plan) =>
  fc
    .record({
      texts: fc.record(
        { entity: text, mission: text, vision: text, source: text },
        { requiredKeys: [] },
      ),
      semaforo: fc.option(
        fc.record({
          rojo: fc.constantFrom(0.5, 0.7, 0.333, 0),
          amarillo: fc.constantFrom(0.9, 0.75),
          sobreejecucion: fc.constantFrom(1.25, 1.2, 2),
        }),
        { nil: undefined },
      ),
      indicators: fc.array(
        fc.record(
          {
            goal: text,
            unit: text,
            goalCode: text,
            formula: text,
            source: text,
            responsible: text,
            goalType: fc.constantFrom(
              "sectorial" as const,
              "estrategica" as const,
              "proyecto" as const,
            ),
            frequency: fc.constantFrom("mensual" as const, "trimestral" as const, "anual" as const),
            measure: fc.constantFrom(...MEASURES),
            numerator: fc.string(),
            denominator: fc.string(),
            indicatorType: fc.constantFrom(...INDICATOR_TYPES),
            reportingAreas: fc.string(),
            areaRule: fc.constantFrom(...LEVEL_SHARE_RULES),
            baselineYear: fc.option(fc.integer({ min: 2000, max: 2030 }), { nil: null }),
            total: fc.constant(null),
          },
          { requiredKeys: [] },
        ),
        { minLength: 20, maxLength: 20 },
      ),
      name: text.filter((t) => t.trim() !== ""),
    })
    .map(({ texts, semaforo, indicators, name }) => {
      const rich: Plan = { ...plan, ...texts, name };
      if (semaforo !== undefined) rich.semaforo = semaforo;
      let n = 0;
      rich.objectives = plan.objectives.map((objective) => ({
        ...objective,
        indicators: objective.indicators.map((indicator) => {
          const extra = { ...indicators[n++ % indicators.length] };
          // A null total is NP for the period; keep it only where the reader accepts it.
          if (indicator.trend === "decreciente") delete extra.total;
          return { ...indicator, ...extra };
        }),
      }));
      return rich;
    }),
);

describe("matriz de formulación: exportar e importar da el mismo plan", () => {
  it("el plan estratégico sectorial 2024-2027 vuelve idéntico por las tres hojas y por el CSV plano", () => {
    const plan = seedPlan();
    expect(viaMatrix(plan)).toEqual(plan);
    expect(viaFlat(plan)).toEqual(plan);
  });

  it("cualquier plan válido vuelve idéntico: pesos por año o únicos, NP nulos u omitidos, textos vacíos o con fórmulas", () => {
    fc.assert(
      fc.property(richPlan, (plan) => {
        expect(viaMatrix(plan)).toEqual(plan);
        expect(viaFlat(plan)).toEqual(plan);
      }),
      { numRuns: 150 },
    );
  });

  it("cada forma del plan tiene su celda: peso único o por año, total ausente o NP, línea base nula u omitida", () => {
    const plan: Plan = {
      format: "rumbo.plan/v1",
      code: "P",
      name: "Plan",
      years: [2024, 2025],
      objectives: [
        {
          code: "1",
          name: "Objetivo",
          weight: { "2024": 60, "2025": 40 },
          indicators: [
            {
              code: "a",
              name: "A",
              trend: "suma",
              weight: 50,
              targets: { "2024": 3, "2025": null },
            },
            {
              code: "b",
              name: '=HYPERLINK("http://x")',
              trend: "creciente",
              baseline: null,
              weight: { "2024": 0, "2025": 100, total: 45 },
              targets: { "2025": 70.72 },
              total: null,
              goal: "",
            },
          ],
        },
      ],
    };
    const { objetivos, indicadores } = planToMatrix(plan).sheets;
    expect(objetivos[1]).toEqual(["1", "Objetivo", null, 60, 40]);
    // Objetivo, código, nombre, tipo y número de meta, meta, tendencia, variante, unidad,
    // línea base, año, fórmula, frecuencia, fuente, responsable; programación 2024, 2025,
    // total; ponderación 2024, 2025, total.
    const ficha = (cells: Cell[]) => cells.slice(0, 15);
    const numbers = (cells: Cell[]) => cells.slice(15, 21);
    const [, a = [], b = []] = indicadores;
    expect(ficha(a)).toEqual([
      "1",
      "a",
      "A",
      null,
      null,
      null,
      "Suma",
      null,
      null,
      "ND",
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(numbers(a)).toEqual([3, null, null, null, null, 50]);
    expect(ficha(b)).toEqual([
      "1",
      "b",
      '\'=HYPERLINK("http://x")',
      null,
      null,
      "'",
      "Creciente",
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(numbers(b)).toEqual(["NP", 70.72, "NP", 0, 100, 45]);
    expect(viaMatrix(plan)).toEqual(plan);
  });

  it("el tipo de indicador (ficha del DNP) va en la columna «Tipo de indicador», después de las ponderaciones, y se lee con o sin tilde", () => {
    const plan = seedPlan();
    const first = plan.objectives[0]?.indicators[0];
    if (first === undefined) throw new Error("semilla sin indicadores");
    first.indicatorType = "gestion";
    const { indicadores } = planToMatrix(plan).sheets;
    const header = indicadores[0] ?? [];
    const column = header.indexOf("Tipo de indicador");
    expect(column).toBeGreaterThan(header.indexOf("Ponderación total (%)"));
    expect(indicadores[1]?.[column]).toBe("Gestión");
    expect(indicadores[2]?.[column]).toBeNull();
    expect(viaMatrix(plan).objectives[0]?.indicators[0]?.indicatorType).toBe("gestion");
    expect(viaFlat(plan).objectives[0]?.indicators[0]?.indicatorType).toBe("gestion");

    const typed = planToMatrix(plan);
    const row = typed.sheets.indicadores[1];
    if (row === undefined) throw new Error("sin fila");
    row[column] = "GESTION";
    const read = matrixToPlan(typed);
    expect(read.ok && read.plan.objectives[0]?.indicators[0]?.indicatorType).toBe("gestion");
    row[column] = "Estratégico";
    const wrong = matrixToPlan(typed);
    expect(wrong.ok ? [] : wrong.problems).toEqual([
      {
        sheet: "Indicadores",
        row: 2,
        column: "«Tipo de indicador» (AC)",
        message:
          "«Estratégico» no es una opción de tipo de indicador (se espera Producto, Resultado, Gestión o Impacto)",
      },
    ]);
  });
});
