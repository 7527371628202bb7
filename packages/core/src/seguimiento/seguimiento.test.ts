import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEMAFORO } from "../plan/plan.ts";
import { combineAreaShares } from "./area-shares.ts";
import { checkCorteDates, cortePeriodEnd, corteState, isLate, periodsDueAt } from "./corte.ts";
import { checkReportPeriod, checkReportValue } from "./report-value.ts";
import { isOutlier, reportWarnings, unexplainedWarnings } from "./report-warnings.ts";
import {
  approvalDecision,
  countsInCompliance,
  nextReportStatus,
  REPORT_ACTIONS,
  REPORT_STATUSES,
  type ReportStatus,
  reportWriteLock,
} from "./report-workflow.ts";

const CORTE_MARZO = {
  periodEnd: "2025-03-31",
  opensOn: "2025-04-01",
  dueOn: "2025-04-10",
  closesOn: "2025-04-20",
};

describe("cortes de seguimiento", () => {
  it("el corte del primer trimestre está programado antes de abrir, abierto después y cerrado solo cuando planeación lo cierra", () => {
    expect(corteState({ ...CORTE_MARZO, closedAt: null }, "2025-03-31")).toBe("programado");
    expect(corteState({ ...CORTE_MARZO, closedAt: null }, "2025-04-01")).toBe("abierto");
    // Past its closing date but not closed by planeación: still open (late, not locked).
    expect(corteState({ ...CORTE_MARZO, closedAt: null }, "2025-05-30")).toBe("abierto");
    expect(corteState({ ...CORTE_MARZO, closedAt: "2025-04-20T22:00:00Z" }, "2025-04-20")).toBe(
      "cerrado",
    );
  });

  it("un reporte enviado el 11 de abril llega tarde a un corte con límite el 10; el del 10 no", () => {
    expect(isLate(CORTE_MARZO, "2025-04-10")).toBe(false);
    expect(isLate(CORTE_MARZO, "2025-04-11")).toBe(true);
  });

  it("las fechas de un corte se revisan todas y en palabras del planeador", () => {
    expect(checkCorteDates(CORTE_MARZO)).toEqual([]);
    expect(
      checkCorteDates({
        periodEnd: "2025-03-30",
        opensOn: "2025-04-10",
        dueOn: "2025-04-01",
        closesOn: "2025-03-31",
      }),
    ).toEqual([
      {
        field: "periodEnd",
        message:
          "El fin del periodo 2025-03-30 no es el último día de un trimestre (31/03, 30/06, 30/09 o 31/12).",
      },
      {
        field: "dueOn",
        message: "La fecha límite de reporte (2025-04-01) es anterior a la apertura (2025-04-10).",
      },
      {
        field: "closesOn",
        message:
          "La fecha de cierre (2025-03-31) es anterior a la fecha límite de reporte (2025-04-01).",
      },
    ]);
    expect(checkCorteDates({ ...CORTE_MARZO, opensOn: "2025-02-30" })).toEqual([
      {
        field: "opensOn",
        message: "La fecha de apertura «2025-02-30» no es una fecha AAAA-MM-DD válida.",
      },
    ]);
  });

  it("al corte de junio un indicador trimestral reporta el Q2, uno mensual abril a junio y uno anual nada; al de diciembre el anual reporta el año", () => {
    expect(periodsDueAt("2025-06-30", "trimestral")).toEqual([
      { year: 2025, kind: "quarter", index: 2 },
    ]);
    expect(periodsDueAt("2025-06-30", "mensual").map((p) => p.index)).toEqual([4, 5, 6]);
    expect(periodsDueAt("2025-06-30", "anual")).toEqual([]);
    expect(periodsDueAt("2024-12-31", "anual")).toEqual([{ year: 2024, kind: "year", index: 0 }]);
  });
});

describe("flujo de un reporte de avance", () => {
  it("borrador → enviado → devuelto → corregido → enviado → aprobado; quitar la aprobación lo devuelve a revisión", () => {
    let status: ReportStatus | null = null;
    const steps = ["save", "submit", "return", "save", "submit", "approve", "unapprove"] as const;
    const seen = steps.map((action) => {
      status = nextReportStatus(status, action);
      return status;
    });
    expect(seen).toEqual([
      "borrador",
      "enviado",
      "devuelto",
      "devuelto",
      "enviado",
      "aprobado",
      "enviado",
    ]);
  });

  it("las transiciones prohibidas no llevan a ningún estado", () => {
    expect(nextReportStatus("aprobado", "save")).toBeNull();
    expect(nextReportStatus("enviado", "save")).toBeNull();
    expect(nextReportStatus("borrador", "approve")).toBeNull();
    expect(nextReportStatus("devuelto", "return")).toBeNull();
    expect(nextReportStatus(null, "submit")).toBeNull();
    expect(nextReportStatus("borrador", "unapprove")).toBeNull();
  });

  it("solo aprobar lleva a aprobado, y solo desde enviado (propiedad sobre todo estado y acción)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(null, ...REPORT_STATUSES),
        fc.constantFrom(...REPORT_ACTIONS),
        (status, action) => {
          const next = nextReportStatus(status, action);
          if (next === "aprobado") expect([status, action]).toEqual(["enviado", "approve"]);
          if (status === "aprobado" && next !== null) expect(action).toBe("unapprove");
        },
      ),
    );
  });

  it("el motivo del bloqueo: corte cerrado, aún no abierto, en revisión o aprobado; una reapertura vigente permite escribir", () => {
    expect(reportWriteLock({ status: null, corte: "programado", reopened: false })).toBe(
      "NOT_OPEN_YET",
    );
    expect(reportWriteLock({ status: "borrador", corte: "cerrado", reopened: false })).toBe(
      "CORTE_CLOSED",
    );
    expect(reportWriteLock({ status: "borrador", corte: "cerrado", reopened: true })).toBeNull();
    expect(reportWriteLock({ status: "enviado", corte: "abierto", reopened: false })).toBe(
      "UNDER_REVIEW",
    );
    expect(reportWriteLock({ status: "aprobado", corte: "cerrado", reopened: true })).toBe(
      "APPROVED",
    );
    expect(reportWriteLock({ status: "devuelto", corte: "abierto", reopened: false })).toBeNull();
  });

  it("quien envió un reporte no lo aprueba, salvo que el plan lo permita, y entonces queda como autoaprobación", () => {
    expect(
      approvalDecision({ submittedBy: 7, reviewerId: 7, allowSelfApproval: false }),
    ).toMatchObject({ ok: false, code: "SELF_APPROVAL_NOT_ALLOWED" });
    expect(approvalDecision({ submittedBy: 7, reviewerId: 7, allowSelfApproval: true })).toEqual({
      ok: true,
      selfApproval: true,
    });
    expect(approvalDecision({ submittedBy: 7, reviewerId: 9, allowSelfApproval: false })).toEqual({
      ok: true,
      selfApproval: false,
    });
  });

  it("en el cumplimiento oficial solo cuenta lo aprobado; la vista previa suma lo enviado", () => {
    expect(countsInCompliance("aprobado", "approved")).toBe(true);
    expect(countsInCompliance("enviado", "approved")).toBe(false);
    expect(countsInCompliance("enviado", "submitted")).toBe(true);
    expect(countsInCompliance("devuelto", "submitted")).toBe(false);
    expect(countsInCompliance("borrador", "submitted")).toBe(false);
  });
});

describe("validación del valor contra la ficha técnica", () => {
  const trimestral = { frequency: "trimestral" as const };
  const years = [2024, 2025, 2026, 2027];

  it("un indicador trimestral no acepta un periodo mensual ni uno fuera de las vigencias", () => {
    expect(checkReportPeriod("2025-Q3", trimestral, years)).toEqual({
      ok: true,
      period: { year: 2025, kind: "quarter", index: 3 },
    });
    expect(checkReportPeriod("2025-07", trimestral, years)).toEqual({
      ok: false,
      problem: {
        field: "period",
        message:
          "El indicador se mide con frecuencia trimestral: el periodo 2025-07 no corresponde (use AAAA-Qn, p. ej. 2025-Q1).",
      },
    });
    expect(checkReportPeriod("2028-Q1", trimestral, years)).toMatchObject({
      ok: false,
      problem: { message: "El periodo 2028-Q1 está fuera de las vigencias del plan (2024–2027)." },
    });
  });

  it("la coma decimal se entiende: «44,5» entidades es 44,5", () => {
    expect(checkReportValue({ unit: "número" }, { value: "44,5" })).toEqual({
      ok: true,
      value: 44.5,
      numerator: null,
      denominator: null,
    });
  });

  it("texto, negativos y porcentajes fuera de 0–100 son errores que impiden guardar", () => {
    expect(checkReportValue({ unit: "número" }, { value: "cuarenta" })).toEqual({
      ok: false,
      problems: [
        {
          field: "value",
          message: "Valor: «cuarenta» no es un número (use coma decimal, p. ej. 44,5).",
        },
      ],
    });
    expect(checkReportValue({ measure: "numero" }, { value: -3 })).toMatchObject({
      ok: false,
      problems: [{ message: "Valor: no puede ser negativo para este indicador." }],
    });
    expect(checkReportValue({ unit: "%" }, { value: "120" })).toMatchObject({
      ok: false,
      problems: [
        { message: "Valor: 120 está fuera de 0–100 y el indicador se mide en porcentaje." },
      ],
    });
    expect(checkReportValue({ measure: "indice" }, { value: "-2,5" })).toMatchObject({
      ok: true,
      value: -2.5,
    });
  });

  it("una razón en porcentaje: 45 de 60 es 75 %, y un numerador mayor que el denominador se rechaza", () => {
    expect(
      checkReportValue({ measure: "razon", unit: "%" }, { numerator: "45", denominator: "60" }),
    ).toEqual({ ok: true, value: 75, numerator: 45, denominator: 60 });
    expect(
      checkReportValue({ measure: "razon", unit: "%" }, { numerator: 61, denominator: 60 }),
    ).toEqual({
      ok: false,
      problems: [
        {
          field: "numerator",
          message: "Numerador: 61 es mayor que el denominador 60, y el indicador es un porcentaje.",
        },
      ],
    });
    expect(checkReportValue({ measure: "razon" }, { numerator: 1, denominator: 0 })).toMatchObject({
      ok: false,
      problems: [{ field: "denominator", message: "Denominador: debe ser mayor que cero." }],
    });
  });
});

describe("advertencias que piden explicación antes de enviar", () => {
  it("un periodo en rojo y una sobre-ejecución del 130 % piden explicación; con ella, el envío sigue", () => {
    const warnings = reportWarnings({
      semaforo: "rojo",
      raw: 1.3,
      thresholds: DEFAULT_SEMAFORO,
      value: 13,
      history: [],
    });
    expect(warnings.map((w) => w.code)).toEqual(["semaforo", "sobreejecucion"]);
    expect(unexplainedWarnings(warnings, "")).toHaveLength(2);
    expect(
      unexplainedWarnings(warnings, "La meta se cumplió antes por una donación de equipos."),
    ).toEqual([]);
  });

  it("46 entidades tras 44, 45 y 46 no es atípico; 460 sí", () => {
    expect(isOutlier(46, [44, 45, 46])).toBe(false);
    expect(isOutlier(460, [44, 45, 46])).toBe(true);
    expect(isOutlier(460, [44, 45])).toBe(false);
  });
});

describe("varias áreas alimentan un indicador", () => {
  const level = {
    trend: "creciente" as const,
    ratio: false,
    percent: false,
    levelRule: "suma" as const,
  };

  it("un acumulado que un área reporta 10 y luego 15 y otra 7 es 22, no 32", () => {
    // Shares combine per period: at the later period area A says 15 and area B 7.
    const later = combineAreaShares(
      level,
      [
        { area: "A", value: 15 },
        { area: "B", value: 7 },
      ],
      ["A", "B"],
    );
    expect(later).toEqual({ value: 22, reported: ["A", "B"], pending: [], partial: false });
  });

  it("un flujo suma las partes; falta un área y el total queda parcial", () => {
    expect(
      combineAreaShares(
        { ...level, trend: "suma" },
        [
          { area: "Talento humano", value: 3 },
          { area: "TIC", value: 4 },
        ],
        ["Talento humano", "TIC", "Jurídica"],
      ),
    ).toEqual({
      value: 7,
      reported: ["Talento humano", "TIC"],
      pending: ["Jurídica"],
      partial: true,
    });
  });

  it("una razón suma numeradores y denominadores: 9/10 y 1/90 es 10 %, no el promedio 45,6 %", () => {
    const combined = combineAreaShares(
      { ...level, ratio: true, percent: true },
      [
        { area: "A", value: 90, numerator: 9, denominator: 10 },
        { area: "B", value: 1.11, numerator: 1, denominator: 90 },
      ],
      ["A", "B"],
    );
    expect(combined.value).toBe(10);
  });

  it("un nivel con regla de promedio o ponderado", () => {
    const shares = [
      { area: "A", value: 80 },
      { area: "B", value: 60 },
    ];
    expect(combineAreaShares({ ...level, levelRule: "promedio" }, shares, ["A", "B"]).value).toBe(
      70,
    );
    expect(
      combineAreaShares({ ...level, levelRule: "ponderado", weights: { A: 3, B: 1 } }, shares, [
        "A",
        "B",
      ]).value,
    ).toBe(75);
  });
});

describe("the corte that collects a period", () => {
  it("is the quarter's end for a month or a quarter, and the 31 de diciembre for a year", () => {
    expect(cortePeriodEnd({ year: 2025, kind: "month", index: 2 })).toBe("2025-03-31");
    expect(cortePeriodEnd({ year: 2025, kind: "month", index: 7 })).toBe("2025-09-30");
    expect(cortePeriodEnd({ year: 2024, kind: "quarter", index: 2 })).toBe("2024-06-30");
    expect(cortePeriodEnd({ year: 2024, kind: "year", index: 0 })).toBe("2024-12-31");
  });
});
