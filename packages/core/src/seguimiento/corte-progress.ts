/**
 * What a corte expects and how far it got: the reports due at the corte (one
 * per indicator and period the indicator's frecuencia reports there, for every
 * indicator programmed that vigencia) and the tally of their statuses. A
 * pending report is one nobody has sent: nothing stored, or a borrador.
 */
import { programmedTarget } from "../compliance/plan-rules.ts";
import { formatPeriod, type Period } from "../formats/period.ts";
import type { Frequency, Indicator, Plan } from "../plan/plan.ts";
import { isLate, parseIsoDate, periodsDueAt } from "./corte.ts";
import type { ReportStatus } from "./report-workflow.ts";

/** An indicator without a frecuencia in its ficha reports once a year (formats.md §1, the seed plan). */
export const DEFAULT_FREQUENCY: Frequency = "anual";

export type DueReport = {
  objectiveCode: string;
  indicator: Indicator;
  period: Period;
  /** formats.md §2 spelling: 2024, 2024-Q3, 2024-07. */
  periodText: string;
  /** Target of the period's vigencia (never NP: an NP vigencia expects no report). */
  target: number;
};

/**
 * The reports due at a corte, in the plan's order: for each indicator with a
 * target programmed (not NP) in the corte's year, the periods its frecuencia
 * reports at that period end (`periodsDueAt`).
 */
export function reportsDueAt(plan: Plan, periodEnd: string): DueReport[] {
  const end = parseIsoDate(periodEnd);
  if (!end) return [];
  const due: DueReport[] = [];
  for (const objective of plan.objectives) {
    for (const indicator of objective.indicators) {
      const target = programmedTarget(indicator, end.year);
      if (target === null) continue;
      for (const period of periodsDueAt(periodEnd, indicator.frequency ?? DEFAULT_FREQUENCY)) {
        due.push({
          objectiveCode: objective.code,
          indicator,
          period,
          periodText: formatPeriod(period),
          target,
        });
      }
    }
  }
  return due;
}

/** The period before: 2024-Q1 → 2023-Q4, 2025-01 → 2024-12, 2025 → 2024. */
export function previousPeriod(period: Period): Period {
  if (period.kind === "year") return { ...period, year: period.year - 1 };
  if (period.index > 1) return { ...period, index: period.index - 1 };
  return { year: period.year - 1, kind: period.kind, index: period.kind === "quarter" ? 4 : 12 };
}

/** Nobody has sent it yet: nothing stored, or only a borrador. */
export function isPendingReport(status: ReportStatus | null): boolean {
  return status === null || status === "borrador";
}

/** Not sent and past the corte's deadline (`today` in Bogotá's calendar). */
export function isOverdue(
  corte: { dueOn: string },
  status: ReportStatus | null,
  today: string,
): boolean {
  return isPendingReport(status) && today > corte.dueOn;
}

/** Where a due report stands: its status and the Bogotá day it was first sent (null: never). */
export type DueReportState = { status: ReportStatus | null; firstSubmittedOn: string | null };

export type CorteProgress = {
  due: number;
  /** Enviados, devueltos o aprobados. */
  received: number;
  approved: number;
  /** First sent after the deadline. */
  late: number;
  returned: number;
  /** Nothing stored or a borrador. */
  pending: number;
};

/** The tally of a corte's due reports (one state per due report). */
export function corteProgress(
  corte: { dueOn: string },
  states: readonly DueReportState[],
): CorteProgress {
  const progress: CorteProgress = {
    due: states.length,
    received: 0,
    approved: 0,
    late: 0,
    returned: 0,
    pending: 0,
  };
  for (const state of states) {
    if (isPendingReport(state.status)) progress.pending++;
    else progress.received++;
    if (state.status === "aprobado") progress.approved++;
    if (state.status === "devuelto") progress.returned++;
    if (state.firstSubmittedOn !== null && isLate(corte, state.firstSubmittedOn)) progress.late++;
  }
  return progress;
}
