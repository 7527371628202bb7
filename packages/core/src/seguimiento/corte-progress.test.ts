import { describe, expect, it } from "vitest";
import { SEED_PLAN } from "../compliance/fixtures/seed-plan.ts";
import type { Plan } from "../plan/plan.ts";
import { checkCorteDates, checkReopeningUntil, isReopeningActive } from "./corte.ts";
import { corteProgress, isOverdue, previousPeriod, reportsDueAt } from "./corte-progress.ts";
import { dataQualityCounts, dataQualityItems, type QualityReport } from "./data-quality.ts";

const CORTE_2024 = {
  periodEnd: "2024-12-31",
  opensOn: "2025-01-02",
  dueOn: "2025-01-20",
  closesOn: "2025-01-31",
};

/** The seed plan with 3979 reported every quarter and 4075 every month. */
function withFrequencies(): Plan {
  const plan: Plan = structuredClone(SEED_PLAN);
  for (const objective of plan.objectives) {
    for (const indicator of objective.indicators) {
      if (indicator.code === "3979") indicator.frequency = "trimestral";
      if (indicator.code === "4075") indicator.frequency = "mensual";
    }
  }
  return plan;
}

describe("fechas de un corte y de su reapertura", () => {
  it("un corte del 31/12/2030 queda fuera de las vigencias 2024–2027 del plan", () => {
    expect(checkCorteDates({ ...CORTE_2024, periodEnd: "2030-12-31" }, SEED_PLAN.years)).toEqual([
      {
        field: "periodEnd",
        message:
          "El fin del periodo 2030-12-31 está fuera de las vigencias del plan (vigencias 2024–2027).",
      },
    ]);
    expect(checkCorteDates(CORTE_2024, SEED_PLAN.years)).toEqual([]);
  });

  it("una reapertura rige hasta su fecha de vencimiento inclusive, y no se puede pedir una ya vencida", () => {
    expect(isReopeningActive({ until: "2025-02-15" }, "2025-02-15")).toBe(true);
    expect(isReopeningActive({ until: "2025-02-15" }, "2025-02-16")).toBe(false);
    expect(checkReopeningUntil("2025-02-15", "2025-02-15")).toBeNull();
    expect(checkReopeningUntil("2025-02-14", "2025-02-15")).toBe(
      "La fecha de vencimiento de la reapertura (2025-02-14) ya pasó: debe ser hoy (2025-02-15) o posterior.",
    );
  });
});

describe("reportes esperados en un corte", () => {
  it("al corte del 31/12/2024 se esperan 16 reportes anuales: 78 y 80 no están programados en 2024", () => {
    const due = reportsDueAt(SEED_PLAN, "2024-12-31");
    expect(due).toHaveLength(16);
    expect(due.map((d) => d.indicator.code)).not.toContain("78");
    expect(due.map((d) => d.indicator.code)).not.toContain("80");
    expect(due.find((d) => d.indicator.code === "2320")).toMatchObject({
      objectiveCode: "3",
      periodText: "2024",
      target: 10,
    });
  });

  it("al corte del 31/12/2025 la meta 80 sí se espera (53,28 programado en 2025)", () => {
    const due = reportsDueAt(SEED_PLAN, "2025-12-31");
    expect(due).toHaveLength(18);
    expect(due.find((d) => d.indicator.code === "80")?.target).toBe(53.28);
  });

  it("al corte de marzo solo reportan el indicador trimestral (2025-Q1) y el mensual (enero a marzo); los anuales esperan a diciembre", () => {
    const due = reportsDueAt(withFrequencies(), "2025-03-31");
    expect(due.map((d) => `${d.indicator.code} ${d.periodText}`)).toEqual([
      "3979 2025-Q1",
      "4075 2025-01",
      "4075 2025-02",
      "4075 2025-03",
    ]);
  });

  it("el periodo anterior de 2025-Q1 es 2024-Q4, el de 2025-01 es 2024-12 y el de 2025 es 2024", () => {
    expect(previousPeriod({ year: 2025, kind: "quarter", index: 1 })).toEqual({
      year: 2024,
      kind: "quarter",
      index: 4,
    });
    expect(previousPeriod({ year: 2025, kind: "month", index: 1 })).toEqual({
      year: 2024,
      kind: "month",
      index: 12,
    });
    expect(previousPeriod({ year: 2025, kind: "month", index: 7 })).toEqual({
      year: 2025,
      kind: "month",
      index: 6,
    });
    expect(previousPeriod({ year: 2025, kind: "year", index: 0 })).toEqual({
      year: 2024,
      kind: "year",
      index: 0,
    });
  });
});

describe("avance de un corte", () => {
  it("cuenta recibidos, aprobados, devueltos, tardíos y pendientes (borrador cuenta como pendiente)", () => {
    expect(
      corteProgress(CORTE_2024, [
        { status: "aprobado", firstSubmittedOn: "2025-01-10" },
        { status: "aprobado", firstSubmittedOn: "2025-01-21" },
        { status: "enviado", firstSubmittedOn: "2025-01-20" },
        { status: "devuelto", firstSubmittedOn: "2025-01-25" },
        { status: "borrador", firstSubmittedOn: null },
        { status: null, firstSubmittedOn: null },
      ]),
    ).toEqual({ due: 6, received: 4, approved: 2, late: 2, returned: 1, pending: 2 });
  });

  it("un reporte sin enviar está vencido solo después de la fecha límite", () => {
    expect(isOverdue(CORTE_2024, null, "2025-01-20")).toBe(false);
    expect(isOverdue(CORTE_2024, "borrador", "2025-01-21")).toBe(true);
    expect(isOverdue(CORTE_2024, "enviado", "2025-01-21")).toBe(false);
  });
});

describe("calidad del dato", () => {
  const report = (over: Partial<QualityReport> & Pick<QualityReport, "indicator" | "period">) =>
    ({
      status: "aprobado",
      value: null,
      explanations: {},
      firstSubmittedAt: "2025-01-10T15:00:00Z",
      ...over,
    }) satisfies QualityReport;

  it("señala tardíos, faltantes, sobre-ejecución sin explicar, atípicos y cambios retroactivos con su justificación", () => {
    const corte = {
      ...CORTE_2024,
      closedAt: "2025-02-01T15:00:00.000Z",
      reopenings: [
        {
          indicators: ["2320"],
          justification: "El DANE corrigió la cifra oficial del índice",
          createdAt: "2025-02-03T15:00:00.000Z",
        },
      ],
    };
    const latest: QualityReport[] = [
      // 2307: 46 programado, 44 reportado, enviado el 22/01 (tarde).
      report({
        indicator: "2307",
        period: "2024",
        value: 44,
        firstSubmittedAt: "2025-01-22T15:00:00Z",
      }),
      // 4075 (suma, 20 programado): 30 es 150 % → sobre-ejecución sin explicar.
      report({ indicator: "4075", period: "2024", value: 30 }),
      // 4248 (suma, 1 programado): 2 es 200 %, pero está explicado.
      report({
        indicator: "4248",
        period: "2024",
        value: 2,
        explanations: { sobreejecucion: "Se adelantó la entrega de 2025 por una donación." },
      }),
      report({ indicator: "2320", period: "2024", value: 9.5 }),
    ];
    // 73: history 79, 80, 81 (years before the plan are not due but are history) → 2024 = 20 is atípico.
    for (const [period, value] of [
      ["2021", 79],
      ["2022", 80],
      ["2023", 81],
    ] as const) {
      latest.push(report({ indicator: "73", period, value }));
    }
    latest.push(report({ indicator: "73", period: "2024", value: 20 }));
    const items = dataQualityItems({
      plan: SEED_PLAN,
      cortes: [corte],
      latest,
      versions: [
        {
          indicator: "2320",
          period: "2024",
          version: 3,
          action: "approve",
          recordedAt: "2025-01-15T15:00:00.000Z",
        },
        {
          indicator: "2320",
          period: "2024",
          version: 4,
          action: "save",
          recordedAt: "2025-02-04T15:00:00.000Z",
        },
      ],
      today: "2025-02-10",
    });
    const byKind = (kind: string) => items.filter((i) => i.kind === kind);
    expect(byKind("tardio")).toEqual([
      {
        kind: "tardio",
        indicator: "2307",
        indicatorName: expect.any(String),
        period: "2024",
        area: null,
        message: expect.stringContaining(
          "se envió el 22/01/2025, después de la fecha límite del 20/01/2025",
        ),
        justification: null,
        at: "2025-01-22T15:00:00Z",
      },
    ]);
    // 16 due; 2307, 4075, 4248, 2320 and 73 were sent: 11 missing.
    expect(byKind("faltante")).toHaveLength(11);
    expect(byKind("faltante")[0]?.message).toMatch(
      /^Falta el reporte de 77 «.+» del periodo 2024: la fecha límite fue el 20\/01\/2025 y no se ha enviado\.$/,
    );
    expect(byKind("sobreejecucion-sin-explicar").map((i) => i.indicator)).toEqual(["4075"]);
    expect(byKind("sobreejecucion-sin-explicar")[0]?.message).toContain(
      "supera el 125 % de lo programado (30,00 frente a 20,00)",
    );
    expect(byKind("atipico").map((i) => [i.indicator, i.period, i.justification])).toEqual([
      ["73", "2024", null],
    ]);
    expect(byKind("cambio-retroactivo")).toEqual([
      expect.objectContaining({
        indicator: "2320",
        period: "2024",
        justification: "El DANE corrigió la cifra oficial del índice",
        at: "2025-02-04T15:00:00.000Z",
      }),
    ]);
    expect(byKind("cambio-retroactivo")[0]?.message).toContain(
      "cambió después del cierre del corte del 31/12/2024: versión 4 (guardado) del 04/02/2025",
    );
    expect(dataQualityCounts(items)).toEqual({
      tardio: 1,
      faltante: 11,
      "sobreejecucion-sin-explicar": 1,
      atipico: 1,
      "cambio-retroactivo": 1,
    });
  });

  it("antes de la fecha límite nada falta todavía", () => {
    const items = dataQualityItems({
      plan: SEED_PLAN,
      cortes: [{ ...CORTE_2024, closedAt: null, reopenings: [] }],
      latest: [],
      versions: [],
      today: "2025-01-20",
    });
    expect(items).toEqual([]);
  });
});
