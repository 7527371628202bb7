import { describe, expect, it } from "vitest";
import type { Plan } from "../plan/plan.ts";
import { evidenceDelta, type ReportContent, reportChanges } from "./report-changes.ts";
import { explainedWarnings, reportPeriodWarnings } from "./report-period-warnings.ts";

const draft: ReportContent = {
  status: "borrador",
  value: 38.5,
  numerator: null,
  denominator: null,
  analysis: { achievements: "12 trámites en línea.", difficulties: "", actions: "", benefits: "" },
  explanations: {},
  evidence: [{ kind: "file", sha256: "ab".repeat(32), fileName: "acta.pdf" }],
  comment: null,
};

describe("qué cambió entre dos versiones de un reporte", () => {
  it("un guardado idéntico no cambia nada", () => {
    expect(reportChanges(draft, { ...draft, analysis: { ...draft.analysis } })).toEqual([]);
  });

  it("el valor, un texto, la explicación y los soportes se nombran con sus etiquetas, antes y después", () => {
    const next: ReportContent = {
      ...draft,
      value: 39,
      analysis: { ...draft.analysis, difficulties: "El acta llegó tarde." },
      explanations: { semaforo: "La contratación se firmó en marzo." },
      evidence: [{ kind: "link", url: "https://datos.gov.co/x", title: "Datos" }],
    };
    expect(reportChanges(draft, next)).toEqual([
      { field: "value", label: "Valor", before: 38.5, after: 39 },
      {
        field: "difficulties",
        label: "Retrasos y dificultades",
        before: "",
        after: "El acta llegó tarde.",
      },
      {
        field: "explanations.semaforo",
        label: "Explicación del semáforo",
        before: "",
        after: "La contratación se firmó en marzo.",
      },
      {
        field: "evidence",
        label: "Soportes",
        before: [`acta.pdf (SHA-256 ${"ab".repeat(32)})`],
        after: ["Datos: https://datos.gov.co/x"],
      },
    ]);
    expect(evidenceDelta(draft.evidence, next.evidence)).toEqual({
      added: [{ kind: "link", url: "https://datos.gov.co/x", title: "Datos" }],
      removed: [{ kind: "file", sha256: "ab".repeat(32), fileName: "acta.pdf" }],
    });
  });

  it("una devolución cambia el estado y deja su comentario; corregir sin tocar el comentario no lo repite", () => {
    const returned: ReportContent = { ...draft, status: "devuelto", comment: "Falta el acta." };
    expect(reportChanges({ ...draft, status: "enviado" }, returned)).toEqual([
      { field: "status", label: "Estado", before: "enviado", after: "devuelto" },
      { field: "comment", label: "Comentario", before: null, after: "Falta el acta." },
    ]);
    expect(reportChanges(returned, { ...returned, value: 40 })).toEqual([
      { field: "value", label: "Valor", before: 38.5, after: 40 },
    ]);
  });
});

const plan: Plan = {
  format: "rumbo.plan/v1",
  code: "PA-2025",
  name: "Plan de acción",
  years: [2025],
  objectives: [
    {
      code: "1",
      name: "Atención",
      indicators: [
        {
          code: "T1",
          name: "Trámites en línea",
          trend: "suma",
          unit: "número",
          weight: 100,
          targets: { "2025": 40 },
          total: 40,
        },
      ],
    },
  ],
};

describe("advertencias de un valor reportado para su periodo", () => {
  const warningsFor = (
    period: string,
    value: number,
    approved: { period: string; value: number }[],
  ) =>
    reportPeriodWarnings({
      plan,
      indicatorCode: "T1",
      period: { year: 2025, kind: "quarter", index: Number(period.slice(-1)) },
      value,
      approved,
    }).map((w) => w.code);

  it("el cuarto trimestre de un indicador de suma se mide con lo aprobado en los tres anteriores", () => {
    const approved = [
      { period: "2025-Q1", value: 9 },
      { period: "2025-Q2", value: 10 },
      { period: "2025-Q3", value: 11 },
    ];
    // 30 + 10 = 40 of 40: verde, nothing to explain.
    expect(warningsFor("2025-Q4", 10, approved)).toEqual([]);
    // 30 + 5 = 35 of 40 = 87,5 %: amarillo; 5 is still near 9, 10, 11 (z ≈ 3,4).
    expect(warningsFor("2025-Q4", 5, approved)).toEqual(["semaforo"]);
    // 30 + 25 = 55 of 40 = 137,5 % > 125 %: sobre-ejecución, and 25 is far from 9, 10, 11.
    expect(warningsFor("2025-Q4", 25, approved)).toEqual(["sobreejecucion", "atipico"]);
    // A value approved for the same quarter is replaced by the one reported, not added.
    expect(warningsFor("2025-Q3", 21, approved)).toEqual([]);
  });

  it("una explicación de al menos 10 caracteres cubre su advertencia, no las demás", () => {
    const warnings = reportPeriodWarnings({
      plan,
      indicatorCode: "T1",
      period: { year: 2025, kind: "quarter", index: 4 },
      value: 25,
      approved: ["2025-Q1", "2025-Q2", "2025-Q3"].map((period) => ({ period, value: 10 })),
    });
    expect(
      explainedWarnings(warnings, { sobreejecucion: "Llegó una donación.", atipico: "corto" }).map(
        (w) => `${w.code} ${w.explained}`,
      ),
    ).toEqual(["sobreejecucion true", "atipico false"]);
  });
});
