/**
 * What a publication freezes (docs/decisions/0016-publicacion.md): the plan as
 * published, and for each published corte the plan version in force, the
 * approved reports with their analysis and soportes, the engine's result for
 * the corte's vigencia and the cuatrienio, the explanation of every cell and
 * the previous published corte's compliance. Public pages, files and the
 * public API are answered from this snapshot only, so nothing that was not
 * published (a draft, a report not approved, a later corte) can reach them,
 * and a publication never changes once stored (Ley 1712 de 2014).
 *
 * Responsables appear as dependencias (the ficha's `responsible`, a report's
 * area), never as people (Ley 1581 de 2012): no snapshot holds a user.
 */

import { computeCompliance } from "../compliance/compute.ts";
import { type CellExplanation, explainCellData } from "../compliance/explain.ts";
import type {
  CellStatus,
  ComplianceOptions,
  ComplianceResult,
  IndicatorResult,
  SemaforoColor,
} from "../compliance/types.ts";
import type { ActualValue } from "../formats/actuals-csv.ts";
import { parsePeriod } from "../formats/period.ts";
import type { PlanStatus } from "../plan/lifecycle.ts";
import type { Indicator, Plan } from "../plan/plan.ts";
import { cortePeriodEnd } from "../seguimiento/corte.ts";
import { officialActuals } from "../seguimiento/official-actuals.ts";
import type { ReportStatus } from "../seguimiento/report-workflow.ts";
import type { PublicationLicense } from "./license.ts";

export const PUBLICATION_FORMAT = "rumbo.publication/v1";

export const PUBLICATION_KINDS = ["plan", "corte"] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** A soporte of an approved report: a file by its SHA-256, or a link. No one who added it. */
export type PublishedEvidence =
  | { kind: "file"; sha256: string; fileName: string; mediaType: string; size: number }
  | { kind: "link"; url: string; title: string };

export type PublishedAnalysis = {
  /** Logros */
  achievements: string;
  /** Retrasos y dificultades */
  difficulties: string;
  /** Soluciones / acciones de mejora */
  actions: string;
  /** Beneficios a la ciudadanía */
  benefits: string;
};

/** An approved report as published: its value, analysis and soportes; its area, never a person. */
export type PublishedReport = {
  indicator: string;
  period: string;
  /** The reporting dependencia of a share; null for the whole indicator. */
  area: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  analysis: PublishedAnalysis;
  /** The reporter's explanations of the report's warnings (semáforo, sobreejecución, atípico). */
  warningExplanations: Record<string, string>;
  /** Bogotá day the approval was recorded. */
  approvedOn: string;
  evidence: PublishedEvidence[];
};

/** One report as the server read it: the latest version known at publication, any status. */
export type ReportForPublication = Omit<PublishedReport, "area"> & {
  area: string;
  status: ReportStatus;
};

/** A reprogramación of the plan, with its justification and act (the public history). */
export type PublishedReprogramacion = {
  version: number;
  effectiveFrom: string;
  recordedOn: string;
  justification: string | null;
  act: string | null;
};

export type PublishedCorteDates = {
  periodEnd: string;
  opensOn: string;
  dueOn: string;
  closesOn: string;
  /** Bogotá day the corte was closed. */
  closedOn: string;
};

/** The compliance of one cell at the previous published corte, for «cambio desde el corte anterior». */
export type PreviousCell = {
  level: "plan" | "objective" | "indicator";
  /** null for the plan. */
  code: string | null;
  vigencia: number | null;
  cuatrienio: number | null;
};

export type PreviousCorte = {
  periodEnd: string;
  vigencia: number;
  /** The number of the publication read. */
  number: number;
  publishedAt: string;
  cells: PreviousCell[];
};

/** The explanation («¿cómo se calculó?») of every cell at one moment. */
export type ExplanationSet = {
  plan: CellExplanation;
  objectives: CellExplanation[];
  indicators: CellExplanation[];
};

export type PlanSnapshot = {
  format: typeof PUBLICATION_FORMAT;
  kind: "plan";
  plan: Plan;
  planVersion: number;
  status: PlanStatus;
  license: PublicationLicense;
  reprogramaciones: PublishedReprogramacion[];
};

export type CorteSnapshot = {
  format: typeof PUBLICATION_FORMAT;
  kind: "corte";
  /** The plan version in force at the corte's period end. */
  plan: Plan;
  planVersion: number;
  license: PublicationLicense;
  corte: PublishedCorteDates;
  /** The corte's vigencia (the year of its period end). */
  vigencia: number;
  options: ComplianceOptions;
  /** The values the engine used (formats.md §2): approved reports up to the corte, areas combined. */
  actuals: ActualValue[];
  reports: PublishedReport[];
  /** rumbo.result/v1 at the corte's period end: the vigencia's cells and the cuatrienio's. */
  result: ComplianceResult;
  explanations: { vigencia: ExplanationSet; cuatrienio: ExplanationSet };
  previous: PreviousCorte | null;
  reprogramaciones: PublishedReprogramacion[];
};

export type PublicationSnapshot = PlanSnapshot | CorteSnapshot;

export function buildPlanSnapshot(input: {
  plan: Plan;
  planVersion: number;
  status: PlanStatus;
  license: PublicationLicense;
  reprogramaciones: readonly PublishedReprogramacion[];
}): PlanSnapshot {
  return {
    format: PUBLICATION_FORMAT,
    kind: "plan",
    plan: input.plan,
    planVersion: input.planVersion,
    status: input.status,
    license: input.license,
    reprogramaciones: [...input.reprogramaciones],
  };
}

/** The options every published corte is computed with: Rumbo's defaults at the corte's period end. */
export function publishedCorteOptions(periodEnd: string): ComplianceOptions {
  return { asOf: periodEnd, missing: "zero", cap: 1 };
}

/**
 * Whether a report may be published with a corte: approved (its latest
 * version), for an indicator of the plan, and of a period the corte or an
 * earlier one collects — a later period's report belongs to a corte not yet
 * published, even when already approved.
 */
export function isPublishableReport(
  report: Pick<ReportForPublication, "indicator" | "period" | "status">,
  plan: Plan,
  periodEnd: string,
): boolean {
  if (report.status !== "aprobado") return false;
  const period = parsePeriod(report.period);
  if (!period || cortePeriodEnd(period) > periodEnd) return false;
  return plan.objectives.some((o) => o.indicators.some((i) => i.code === report.indicator));
}

export function buildCorteSnapshot(input: {
  plan: Plan;
  planVersion: number;
  license: PublicationLicense;
  corte: PublishedCorteDates;
  /** The latest version of every report known at publication; the builder keeps what may be published. */
  reports: readonly ReportForPublication[];
  /** The latest publication of the nearest earlier published corte, if any. */
  previous: { snapshot: CorteSnapshot; number: number; publishedAt: string } | null;
  reprogramaciones: readonly PublishedReprogramacion[];
}): CorteSnapshot {
  const { plan, corte } = input;
  const published = input.reports
    .filter((r) => isPublishableReport(r, plan, corte.periodEnd))
    .map(
      ({ status: _status, ...r }): PublishedReport => ({
        ...r,
        area: r.area === "" ? null : r.area,
      }),
    );
  const actuals = officialActuals(
    plan,
    published.map((r) => ({
      indicator: r.indicator,
      period: r.period,
      area: r.area ?? "",
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
    })),
  );
  const options = publishedCorteOptions(corte.periodEnd);
  const result = computeCompliance(plan, actuals, options);
  const vigencia = Number(corte.periodEnd.slice(0, 4));
  const explained = { plan, result, options };
  const explanationsAt = (at: number | "period"): ExplanationSet => ({
    plan: explainCellData(explained, { level: "plan" }, at),
    objectives: plan.objectives.map((o) =>
      explainCellData(explained, { level: "objective", code: o.code }, at),
    ),
    indicators: plan.objectives.flatMap((o) =>
      o.indicators.map((i) => explainCellData(explained, { level: "indicator", code: i.code }, at)),
    ),
  });
  return {
    format: PUBLICATION_FORMAT,
    kind: "corte",
    plan,
    planVersion: input.planVersion,
    license: input.license,
    corte,
    vigencia,
    options,
    actuals,
    reports: published,
    result,
    explanations: { vigencia: explanationsAt(vigencia), cuatrienio: explanationsAt("period") },
    previous: input.previous ? previousCorte(input.previous) : null,
    reprogramaciones: [...input.reprogramaciones],
  };
}

function previousCorte(previous: {
  snapshot: CorteSnapshot;
  number: number;
  publishedAt: string;
}): PreviousCorte {
  const { snapshot } = previous;
  const year = String(snapshot.vigencia);
  return {
    periodEnd: snapshot.corte.periodEnd,
    vigencia: snapshot.vigencia,
    number: previous.number,
    publishedAt: previous.publishedAt,
    cells: [
      {
        level: "plan",
        code: null,
        vigencia: snapshot.result.plan.years[year]?.compliance ?? null,
        cuatrienio: snapshot.result.plan.period.compliance,
      },
      ...snapshot.result.objectives.map(
        (o): PreviousCell => ({
          level: "objective",
          code: o.code,
          vigencia: o.years[year]?.compliance ?? null,
          cuatrienio: o.period.compliance,
        }),
      ),
      ...snapshot.result.indicators.map(
        (i): PreviousCell => ({
          level: "indicator",
          code: i.code,
          vigencia: i.years[year]?.compliance ?? null,
          cuatrienio: i.period.compliance,
        }),
      ),
    ],
  };
}

/** A cell as the overview shows it. */
export type CellSummary = {
  status: CellStatus;
  compliance: number | null;
  semaforo: SemaforoColor | null;
};

export type CorteOverview = {
  periodEnd: string;
  vigencia: number;
  plan: { vigencia: CellSummary; cuatrienio: CellSummary & { progress: number | null } };
  objectives: {
    code: string;
    name: string;
    vigencia: CellSummary;
    cuatrienio: CellSummary & { progress: number | null };
    previous: PreviousCell | null;
  }[];
  /** Indicators programmed in the vigencia with no approved report at the corte (shown prominently). */
  indicatorsWithoutReport: number;
  indicatorCount: number;
  previous: PreviousCorte | null;
};

const NO_CELL: CellSummary = { status: "np", compliance: null, semaforo: null };

function summary(
  cell:
    | { status: CellStatus; compliance: number | null; semaforo: SemaforoColor | null }
    | undefined,
): CellSummary {
  return cell
    ? { status: cell.status, compliance: cell.compliance, semaforo: cell.semaforo }
    : NO_CELL;
}

/** The plan overview of a published corte: objectives with semáforo, the plan's cells, change since the previous corte. */
export function corteOverview(snapshot: CorteSnapshot): CorteOverview {
  const year = String(snapshot.vigencia);
  const { result } = snapshot;
  const previousOf = (level: PreviousCell["level"], code: string | null) =>
    snapshot.previous?.cells.find((c) => c.level === level && c.code === code) ?? null;
  return {
    periodEnd: snapshot.corte.periodEnd,
    vigencia: snapshot.vigencia,
    plan: {
      vigencia: summary(result.plan.years[year]),
      cuatrienio: { ...summary(result.plan.period), progress: result.plan.period.progress },
    },
    objectives: snapshot.plan.objectives.map((objective) => {
      const cells = result.objectives.find((o) => o.code === objective.code);
      return {
        code: objective.code,
        name: objective.name,
        vigencia: summary(cells?.years[year]),
        cuatrienio: cells
          ? { ...summary(cells.period), progress: cells.period.progress }
          : { ...NO_CELL, progress: null },
        previous: previousOf("objective", objective.code),
      };
    }),
    indicatorsWithoutReport: result.indicators.filter(
      (i) => i.years[year]?.status === "sin_reporte",
    ).length,
    indicatorCount: result.indicators.length,
    previous: snapshot.previous,
  };
}

export type PublishedIndicator = {
  objective: { code: string; name: string };
  indicator: Indicator;
  result: IndicatorResult;
  reports: PublishedReport[];
  explanations: { vigencia: CellExplanation; cuatrienio: CellExplanation };
  previous: PreviousCell | null;
};

/** One indicator of a published corte: ficha, cells, approved reports, «¿cómo se calculó?»; null if not in the plan. */
export function publishedIndicator(
  snapshot: CorteSnapshot,
  code: string,
): PublishedIndicator | null {
  for (const objective of snapshot.plan.objectives) {
    const indicator = objective.indicators.find((i) => i.code === code);
    if (!indicator) continue;
    const result = snapshot.result.indicators.find((i) => i.code === code);
    const vigencia = snapshot.explanations.vigencia.indicators.find((e) => e.code === code);
    const cuatrienio = snapshot.explanations.cuatrienio.indicators.find((e) => e.code === code);
    if (!result || !vigencia || !cuatrienio) return null;
    return {
      objective: { code: objective.code, name: objective.name },
      indicator,
      result,
      reports: snapshot.reports.filter((r) => r.indicator === code),
      explanations: { vigencia, cuatrienio },
      previous:
        snapshot.previous?.cells.find((c) => c.level === "indicator" && c.code === code) ?? null,
    };
  }
  return null;
}
