import { describe, expect, it } from "vitest";
import { computeCompliance } from "../compliance/compute.ts";
import { SEED_PLAN } from "../compliance/fixtures/seed-plan.ts";
import type { ReportStatus } from "../seguimiento/report-workflow.ts";
import { publicationLicense } from "./license.ts";
import {
  buildCorteSnapshot,
  corteOverview,
  isPublishableReport,
  publishedIndicator,
  type ReportForPublication,
} from "./publication-snapshot.ts";

function report(
  indicator: string,
  period: string,
  value: number,
  status: ReportStatus = "aprobado",
): ReportForPublication {
  return {
    indicator,
    period,
    area: "",
    status,
    value,
    numerator: null,
    denominator: null,
    analysis: {
      achievements: `logro ${indicator} ${period}`,
      difficulties: "",
      actions: "",
      benefits: "",
    },
    warningExplanations: {},
    approvedOn: "2025-01-10",
    evidence: [],
  };
}

const DECEMBER = {
  periodEnd: "2024-12-31",
  opensOn: "2025-01-01",
  dueOn: "2025-01-15",
  closesOn: "2025-01-31",
  closedOn: "2025-02-01",
};
const LICENSE = publicationLicense("CC-BY-SA-4.0", null);

describe("lo que se publica con un corte", () => {
  it("solo reportes aprobados, de indicadores del plan y de periodos que recoge el corte o uno anterior", () => {
    expect(isPublishableReport(report("2307", "2024", 44), SEED_PLAN, "2024-12-31")).toBe(true);
    expect(isPublishableReport(report("3979", "2024-Q3", 12), SEED_PLAN, "2024-12-31")).toBe(true);
    for (const status of ["borrador", "enviado", "devuelto"] as const) {
      expect(isPublishableReport(report("2307", "2024", 44, status), SEED_PLAN, "2024-12-31")).toBe(
        false,
      );
    }
    // 2025-Q1 belongs to the corte of 31/03/2025; the annual 2024 value to that of 31/12/2024.
    expect(isPublishableReport(report("3979", "2025-Q1", 20), SEED_PLAN, "2024-12-31")).toBe(false);
    expect(isPublishableReport(report("2307", "2024", 44), SEED_PLAN, "2024-09-30")).toBe(false);
    expect(isPublishableReport(report("9999", "2024", 1), SEED_PLAN, "2024-12-31")).toBe(false);
  });

  it("el corte del 31/12/2024 congela el resultado del motor sobre los aprobados: la meta 2307 cumple 44 de 46", () => {
    const reports = [
      report("2307", "2024", 44),
      report("77", "2024", 68.5),
      report("77", "2025", 72, "aprobado"),
      report("78", "2024", 90, "enviado"),
    ];
    const snapshot = buildCorteSnapshot({
      plan: SEED_PLAN,
      planVersion: 3,
      license: LICENSE,
      corte: DECEMBER,
      reports,
      previous: null,
      reprogramaciones: [],
    });
    expect(snapshot.reports.map((r) => [r.indicator, r.period, r.area])).toEqual([
      ["2307", "2024", null],
      ["77", "2024", null],
    ]);
    expect(snapshot.actuals).toEqual([
      { indicator: "2307", period: "2024", value: 44 },
      { indicator: "77", period: "2024", value: 68.5 },
    ]);
    expect(snapshot.result).toEqual(
      computeCompliance(SEED_PLAN, snapshot.actuals, snapshot.options),
    );
    expect(snapshot.options).toEqual({ asOf: "2024-12-31", missing: "zero", cap: 1 });
    const indicator = publishedIndicator(snapshot, "2307");
    expect(indicator?.result.years["2024"]?.compliance).toBe(44 / 46);
    expect(indicator?.explanations.vigencia.when).toBe("vigencia 2024");
    expect(indicator?.explanations.cuatrienio.when).toBe("cuatrienio 2024–2027");
    expect(publishedIndicator(snapshot, "9999")).toBeNull();
    // 78 was sent but not approved: in 2024 it has no target (NP), the rest of the 18 have no report.
    expect(corteOverview(snapshot)).toMatchObject({
      indicatorCount: 18,
      indicatorsWithoutReport: 14,
    });
  });

  it("el cambio desde el corte anterior sale de la publicación anterior", () => {
    const september = buildCorteSnapshot({
      plan: SEED_PLAN,
      planVersion: 3,
      license: LICENSE,
      corte: { ...DECEMBER, periodEnd: "2024-09-30" },
      reports: [report("3979", "2024-Q3", 12)],
      previous: null,
      reprogramaciones: [],
    });
    const december = buildCorteSnapshot({
      plan: SEED_PLAN,
      planVersion: 3,
      license: LICENSE,
      corte: DECEMBER,
      reports: [report("3979", "2024-Q3", 12), report("3979", "2024-Q4", 15)],
      previous: { snapshot: september, number: 4, publishedAt: "2024-10-20T15:00:00.000Z" },
      reprogramaciones: [],
    });
    const cell = december.previous?.cells.find((c) => c.level === "indicator" && c.code === "3979");
    expect(december.previous).toMatchObject({ periodEnd: "2024-09-30", number: 4, vigencia: 2024 });
    expect(cell?.vigencia).toBe(
      september.result.indicators.find((i) => i.code === "3979")?.years["2024"]?.compliance,
    );
    expect(publishedIndicator(december, "3979")?.previous).toEqual(cell);
  });
});
