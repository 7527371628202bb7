import { describe, expect, it } from "vitest";
import type { ActualValue } from "../formats/actuals-csv.ts";
import { readActualsCsv } from "../formats/actuals-csv.ts";
import { computeCompliance } from "./compute.ts";
import { SEED_ACTUALS_2024_CSV } from "./fixtures/seed-actuals-2024.ts";
import { SEED_PLAN } from "./fixtures/seed-plan.ts";
import type { UsedReportVersion } from "./informe.ts";
import { buildInformeDiff, type InformeDiffInput, type ReportEvent } from "./informe-diff.ts";
import type { ComplianceOptions } from "./types.ts";

const options: ComplianceOptions = { asOf: "2024-12-31", missing: "zero", cap: 1 };
const CLOSED_AT = "2025-02-01T00:00:00.000Z";
const JUSTIFICATION = "El soporte de la Secretaría TIC traía el dato final de 2024";

function seedActuals(): ActualValue[] {
  const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
  if (!read.ok) throw new Error("fixture");
  return read.actuals;
}

/** The seed's 2024 values as approved versions: 2320 on v4 and 78 on v2. */
function approved(actuals: readonly ActualValue[]): UsedReportVersion[] {
  return actuals.map((a, index) => ({
    id: 100 + index,
    indicator: a.indicator,
    period: a.period,
    area: "",
    version: a.indicator === "2320" ? 4 : a.indicator === "78" ? 2 : 1,
    value: a.value,
    recordedAt: "2025-01-20T15:00:00.000Z",
  }));
}

const event = (e: Partial<ReportEvent> & Pick<ReportEvent, "indicator" | "version">) => ({
  id: 500 + e.version,
  period: "2024",
  area: "",
  action: "save",
  status: "borrador",
  value: null,
  recordedAt: "2025-03-02T15:00:00.000Z",
  by: null,
  comment: null,
  ...e,
});

/**
 * After the corte of 31-dic-2024 closed, planeación reopened it for meta 2320,
 * whose 2024 value went from 9,5 to 10 and was approved again; and it withdrew
 * the approval of meta 78's 2024 value.
 */
function scenario(): InformeDiffInput {
  const then = seedActuals();
  const now = then
    .filter((a) => a.indicator !== "78")
    .map((a) => (a.indicator === "2320" ? { ...a, value: 10 } : a));
  const nowVersions = approved(then)
    .filter((v) => v.indicator !== "78")
    .map((v) =>
      v.indicator === "2320"
        ? { ...v, id: 507, version: 7, value: 10, recordedAt: "2025-03-05T15:00:00.000Z" }
        : v,
    );
  return {
    corte: { id: 4, periodEnd: "2024-12-31", closedAt: CLOSED_AT },
    before: {
      knownAt: CLOSED_AT,
      plan: SEED_PLAN,
      result: computeCompliance(SEED_PLAN, then, options),
      versions: approved(then),
    },
    after: {
      knownAt: null,
      plan: SEED_PLAN,
      result: computeCompliance(SEED_PLAN, now, options),
      versions: nowVersions,
    },
    events: [
      event({
        indicator: "2320",
        version: 7,
        action: "approve",
        status: "aprobado",
        value: 10,
        recordedAt: "2025-03-05T15:00:00.000Z",
        by: "Planeación",
      }),
      event({
        indicator: "2320",
        version: 5,
        value: 10,
        by: "Responsable del objetivo 3",
        // Copied from the devolución before it: not this save's own words.
        comment: "Cargue el valor final",
      }),
      event({
        indicator: "2320",
        version: 6,
        action: "submit",
        status: "enviado",
        value: 10,
        recordedAt: "2025-03-03T15:00:00.000Z",
        by: "Responsable del objetivo 3",
      }),
      event({
        indicator: "78",
        version: 3,
        action: "unapprove",
        status: "enviado",
        value: 85.3,
        recordedAt: "2025-02-20T15:00:00.000Z",
        by: "Planeación",
        comment: "Se revisará el soporte",
      }),
    ],
    reopenings: [
      {
        periodEnd: "2024-12-31",
        indicators: ["2320"],
        justification: JUSTIFICATION,
        createdAt: "2025-03-01T14:00:00.000Z",
        by: "Planeación",
      },
    ],
  };
}

describe("¿qué cambió desde el informe del corte?", () => {
  it("la meta 2320 pasó de 9,5 a 10 tras reabrir el corte: su cumplimiento 2024 sube de 95 % a 100 % y el del objetivo 3 también", () => {
    const diff = buildInformeDiff(scenario());
    expect(diff.before.knownAt).toBe(CLOSED_AT);
    expect(diff.year).toBe(2024);
    const cell = (level: string, code: string | null, when: string) =>
      diff.cells.find((c) => c.level === level && c.code === code && c.when === when);
    expect(cell("indicator", "2320", "2024")).toMatchObject({
      objective: "3",
      before: { status: "verde", compliance: 0.95, actual: 9.5 },
      after: { status: "verde", compliance: 1, actual: 10 },
      change: { direction: "sube", previous: 0.95 },
    });
    expect(cell("indicator", "2320", "2024")?.change.deltaPoints).toBeCloseTo(5, 10);
    expect(cell("objective", "3", "2024")).toMatchObject({
      before: { compliance: 0.95 },
      after: { compliance: 1 },
      change: { direction: "sube" },
    });
    expect(cell("plan", null, "2024")?.change.direction).toBe("sube");
    // Meta 78 is NP in 2024: its reported value went away, its cell stays NP.
    expect(cell("indicator", "78", "2024")).toMatchObject({
      before: { status: "np", actual: 85.3 },
      after: { status: "np", actual: null },
      change: { direction: "sin_comparacion" },
    });
    // Nothing else moved: only objective 3's indicators, objective 3 and the plan.
    expect(new Set(diff.cells.map((c) => c.code))).toEqual(new Set([null, "3", "78", "2320"]));
  });

  it("cada reporte cambiado dice antes → después, quién, cuándo y la justificación", () => {
    const diff = buildInformeDiff(scenario());
    expect(
      diff.reports.map((r) => [r.indicator, r.period, r.before?.version, r.after?.version]),
    ).toEqual([
      ["78", "2024", 2, undefined],
      ["2320", "2024", 4, 7],
    ]);
    const meta2320 = diff.reports.find((r) => r.indicator === "2320");
    expect(meta2320?.events.map((e) => [e.version, e.comment])).toEqual([
      [5, null],
      [6, null],
      [7, null],
    ]);
    expect(meta2320?.reopening?.justification).toBe(JUSTIFICATION);
    expect(meta2320?.message).toBe(
      `El reporte de 2320 «${meta2320?.indicatorName}» del periodo 2024: 9,50 (versión 4) → 10,00 (versión 7). Guardado el 02/03/2025 10:00 (hora de Colombia) por Responsable del objetivo 3; envío el 03/03/2025 10:00 (hora de Colombia) por Responsable del objetivo 3; aprobación el 05/03/2025 10:00 (hora de Colombia) por Planeación. Corte del 31/12/2024 reabierto el 01/03/2025 por Planeación: «${JUSTIFICATION}».`,
    );
    const meta78 = diff.reports.find((r) => r.indicator === "78");
    expect(meta78?.after).toBeNull();
    expect(meta78?.valueChanged).toBe(true);
    expect(meta78?.reopening).toBeNull();
    expect(meta78?.message).toContain(
      "85,30 (versión 2) → sin valor aprobado. Aprobación retirada el 20/02/2025 10:00 (hora de Colombia) por Planeación: «Se revisará el soporte».",
    );
  });

  it("sin cambios desde el cierre, el informe de hoy es el mismo y la lista está vacía", () => {
    const input = scenario();
    const diff = buildInformeDiff({ ...input, after: input.before, events: [] });
    expect(diff.cells).toEqual([]);
    expect(diff.reports).toEqual([]);
  });
});
