import { describe, expect, it } from "vitest";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import {
  draftFromPlan,
  type IndicatorDraft,
  newIndicatorDraft,
  newObjectiveDraft,
  type ObjectiveDraft,
} from "./plan-draft.ts";
import { computedTotal, objectiveWeightColumns, weightColumns } from "./weights.ts";

const YEARS = SEED_PLAN.years;

function seedObjective(code: string): IndicatorDraft[] {
  const objective = draftFromPlan(SEED_PLAN).objectives.find((o) => o.code === code);
  if (objective === undefined) throw new Error(`El plan semilla no tiene el objetivo ${code}`);
  return objective.indicators;
}

function column(indicators: IndicatorDraft[], key: string) {
  const found = weightColumns(indicators, YEARS).find((c) => c.key === key);
  if (found === undefined) throw new Error(`No hay columna ${key}`);
  return found;
}

function indicator(
  weights: Record<string, string>,
  targets: Record<string, string>,
): IndicatorDraft {
  return { ...newIndicatorDraft(), weights, targets };
}

describe("ponderación por vigencia (vista previa del editor)", () => {
  it("objetivo 3 en 2024 se mide solo con la meta 2320 porque la 78 no está programada", () => {
    const [meta78, meta2320] = column(seedObjective("3"), "2024").cells;
    expect(meta78).toEqual({ weightPct: 50, programmed: false, sharePct: null });
    expect(meta2320).toEqual({ weightPct: 50, programmed: true, sharePct: 100 });
    // The weights as written still add up to 100.
    expect(column(seedObjective("3"), "2024")).toMatchObject({
      sumPct: 100,
      sumIsHundred: true,
      programmedSumPct: 50,
    });
  });

  it("objetivo 3 en 2025: ambas metas programadas, 50 % cada una", () => {
    expect(column(seedObjective("3"), "2025").cells.map((c) => c.sharePct)).toEqual([50, 50]);
  });

  it("objetivo 6: la meta 80 pesa 0 %, participa con 0 % cuando está programada y NP cuando no", () => {
    const y2025 = column(seedObjective("6"), "2025");
    expect(y2025.cells.map((c) => c.sharePct)).toEqual([25, 25, 25, 25, 0]);
    const y2024 = column(seedObjective("6"), "2024");
    expect(y2024.cells[4]).toEqual({ weightPct: 0, programmed: false, sharePct: null });
    expect(y2024.sumIsHundred).toBe(true);
  });

  it("objetivo 5 pesa 34/33/33: suma exactamente 100", () => {
    const y = column(seedObjective("5"), "2026");
    expect(y.sumPct).toBe(100);
    expect(y.cells.map((c) => c.sharePct)).toEqual([34, 33, 33]);
  });

  it("marca la suma distinta de 100 y renormaliza sobre lo programado", () => {
    const drafts = [
      indicator({ "2024": "30" }, { "2024": "5" }),
      indicator({ "2024": "50" }, { "2024": "10,5" }),
      indicator({ "2024": "20" }, { "2024": "" }),
    ];
    const y = weightColumns(drafts, [2024])[0];
    expect(y?.sumPct).toBe(100);
    expect(y?.programmedSumPct).toBe(80);
    expect(y?.cells.map((c) => c.sharePct)).toEqual([37.5, 62.5, null]);

    const off = weightColumns(
      [
        indicator({ "2024": "60" }, { "2024": "1" }),
        indicator({ "2024": "30,5" }, { "2024": "1" }),
      ],
      [2024],
    )[0];
    expect(off?.sumPct).toBe(90.5);
    expect(off?.sumIsHundred).toBe(false);
  });

  it("una ponderación vacía o que no es número no suma ni participa", () => {
    const y = weightColumns(
      [
        indicator({ "2024": "" }, { "2024": "1" }),
        indicator({ "2024": "abc" }, { "2024": "1" }),
        indicator({ "2024": "40" }, { "2024": "1" }),
      ],
      [2024],
    )[0];
    expect(y?.sumPct).toBe(40);
    expect(y?.cells.map((c) => c.sharePct)).toEqual([null, null, 100]);
  });

  it("si ningún indicador programado pondera, nadie tiene participación (no se divide por cero)", () => {
    const y = weightColumns([indicator({ "2024": "0" }, { "2024": "3" })], [2024])[0];
    expect(y?.cells[0]).toEqual({ weightPct: 0, programmed: true, sharePct: null });
  });

  it("el periodo usa el promedio de las vigencias si no se escribe y programa según la tendencia", () => {
    const total = column(seedObjective("6"), "total");
    // Meta 80: 0 % every year, programmed in the period (59,2 in 2027).
    expect(total.cells[4]).toEqual({ weightPct: 0, programmed: true, sharePct: 0 });
    expect(total.sumPct).toBe(100);
  });

  it("el total calculado sigue la tendencia: suma suma, creciente toma el último año programado", () => {
    const suma = {
      ...indicator({}, { "2024": "20", "2025": "17", "2026": "17", "2027": "10" }),
      trend: "suma" as const,
    };
    expect(computedTotal(suma, YEARS)).toBe(64);
    const creciente = {
      ...indicator({}, { "2024": "", "2025": "53,28", "2026": "", "2027": "59,2" }),
      trend: "creciente" as const,
    };
    expect(computedTotal(creciente, YEARS)).toBe(59.2);
    expect(computedTotal({ ...creciente, targets: {} }, YEARS)).toBeNull();
  });
});

/** The seed plan's first three objectives (every vigencia programmed) with these weights per year. */
function seedObjectivesWeighing(...weights: Record<string, string>[]): ObjectiveDraft[] {
  return draftFromPlan(SEED_PLAN)
    .objectives.slice(0, weights.length)
    .map((objective, index) => ({ ...objective, weights: weights[index] ?? {}, weightTotal: "" }));
}

const EVERY_YEAR = (weight: string) => Object.fromEntries(YEARS.map((y) => [String(y), weight]));

describe("ponderación de los objetivos en el plan (vista previa)", () => {
  it("30/30/40 suman 100 % cada vigencia y el periodo; cada objetivo participa con su peso", () => {
    const columns = objectiveWeightColumns(
      seedObjectivesWeighing(EVERY_YEAR("30"), EVERY_YEAR("30"), EVERY_YEAR("40")),
      YEARS,
    );
    expect(columns.map((c) => c.key)).toEqual(["2024", "2025", "2026", "2027", "total"]);
    for (const column of columns) {
      expect(column).toMatchObject({ sumPct: 100, sumIsHundred: true });
      expect(column.cells.map((c) => c.sharePct)).toEqual([30, 30, 40]);
    }
  });

  it("si 2025 suma 90 % se marca y se renormaliza: 30/30/30 es un tercio cada uno", () => {
    const columns = objectiveWeightColumns(
      seedObjectivesWeighing(EVERY_YEAR("30"), EVERY_YEAR("30"), {
        ...EVERY_YEAR("40"),
        "2025": "30",
      }),
      YEARS,
    );
    const y2025 = columns.find((c) => c.key === "2025");
    expect(y2025).toMatchObject({ sumPct: 90, sumIsHundred: false });
    expect(y2025?.cells.map((c) => c.sharePct?.toFixed(4))).toEqual([
      "33.3333",
      "33.3333",
      "33.3333",
    ]);
    // The period is the mean of the years when left empty: 30 + 30 + 37,5.
    const period = columns.find((c) => c.key === "total");
    expect(period).toMatchObject({ sumPct: 97.5, sumIsHundred: false });
  });

  it("un objetivo sin indicadores programados es NP: no participa y los demás se reparten el 100 %", () => {
    const [first, second] = seedObjectivesWeighing(EVERY_YEAR("50"), EVERY_YEAR("25"));
    if (first === undefined || second === undefined) throw new Error("faltan objetivos");
    const empty = { ...newObjectiveDraft(3), weights: EVERY_YEAR("25") };
    const y2024 = objectiveWeightColumns([first, second, empty], YEARS)[0];
    expect(y2024?.sumPct).toBe(100);
    expect(y2024?.cells.map((c) => [c.programmed, c.sharePct])).toEqual([
      [true, (50 / 75) * 100],
      [true, (25 / 75) * 100],
      [false, null],
    ]);
  });
});
