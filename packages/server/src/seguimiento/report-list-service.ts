/**
 * The list of reports of a corte (Mis indicadores, the review queue, the
 * corte's progress): one line per indicator and period due at the corte,
 * pending ones included with status null, each with what the list shows
 * beside it (the vigencia's target, the previous period's value) and what the
 * person asking may do with it, decided by core's policy.
 */
import {
  type Actor,
  bogotaDate,
  can,
  formatPeriod,
  type IndicatorAreasStatus,
  indicatorAreasStatus,
  isLate,
  isOverdue,
  isPendingReport,
  previousPeriod,
  type ReportStatus,
  type Resource,
  reportingAreaNames,
  reportsDueAt,
  reportWriteLock,
} from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import { getPlan, getPlanAccess } from "../plans/plans-repository.ts";
import {
  type ActorRef,
  actorNames,
  type CorteWithReopenings,
  latestReturnComments,
  latestVersions,
  listPlanCortes,
  reopenedFor,
  reportKey,
  stateOf,
  statusOf,
} from "./corte-queries.ts";
import { corteNotFound, planNotFound } from "./corte-service.ts";

export type ReportListQuery = {
  corte?: number;
  status?: ReportStatus | "pendiente";
  indicator?: string;
  mine: boolean;
  review: boolean;
};

export type ReportSummary = {
  planId: number;
  indicator: string;
  period: string;
  area: string | null;
  status: ReportStatus | null;
  version: number;
  value: number | null;
  returnComment: string | null;
  submittedAt: string | null;
  late: boolean;
  lock: ReturnType<typeof reportWriteLock>;
  indicatorName: string;
  objectiveCode: string;
  unit: string | null;
  target: number | null;
  previousValue: number | null;
  submittedBy: ActorRef | null;
  overdue: boolean;
  canReport: boolean;
  canReview: boolean;
  /** Only for an indicator several areas report. */
  areas?: IndicatorAreasStatus;
};

/**
 * The corte a list is about: the one asked for, else the open one (the latest
 * if several are open), else the latest; null when the plan has no corte.
 */
export function chosenCorte(
  all: readonly CorteWithReopenings[],
  asked: number | undefined,
  today: string,
  planId: number,
): CorteWithReopenings | null {
  if (asked !== undefined) {
    const found = all.find((c) => c.id === asked);
    if (!found) throw corteNotFound(planId, asked);
    return found;
  }
  const open = all.filter((c) => stateOf(c, today) === "abierto");
  return open[open.length - 1] ?? all[all.length - 1] ?? null;
}

export async function listReports(
  db: Database,
  planId: number,
  query: ReportListQuery,
  actor: Actor,
  now: Date,
): Promise<ReportSummary[]> {
  const plan = await getPlan(db, planId);
  if (!plan) throw planNotFound(planId);
  const today = bogotaDate(now);
  const corte = chosenCorte(await listPlanCortes(db, planId), query.corte, today, planId);
  if (!corte) return [];
  const state = stateOf(corte, today);
  const published = (await getPlanAccess(db, planId))?.published ?? false;
  const due = reportsDueAt(plan, corte.periodEnd).filter(
    (d) => query.indicator === undefined || d.indicator.code === query.indicator,
  );
  const previousOf = (d: (typeof due)[number]) => formatPeriod(previousPeriod(d.period));
  const latest = await latestVersions(
    db,
    planId,
    [...due.map((d) => d.periodText), ...due.map(previousOf)],
    { areaShares: true },
  );
  const returned = await latestReturnComments(
    db,
    planId,
    [...latest.values()].filter((r) => statusOf(r) === "devuelto").map((r) => r.period),
  );
  const actorOf = await actorNames(
    db,
    [...latest.values()].map((r) => r.submittedBy),
  );
  const summaries: ReportSummary[] = [];
  for (const d of due) {
    const code = d.indicator.code;
    // An indicator several areas report has one line per area's share, each
    // with the state of every share and the (partial) total.
    const areaNames = reportingAreaNames(d.indicator);
    const areas = indicatorAreasStatus(
      d.indicator,
      areaNames.map((area) => {
        const row = latest.get(reportKey(code, d.periodText, area));
        return {
          area,
          status: statusOf(row),
          value: row?.value ?? null,
          numerator: row?.numerator ?? null,
          denominator: row?.denominator ?? null,
        };
      }),
    );
    for (const area of areaNames.length === 0 ? [""] : areaNames) {
      const row = latest.get(reportKey(code, d.periodText, area));
      const status = statusOf(row);
      const resource: Resource = {
        kind: "indicator",
        planId,
        objectiveCode: d.objectiveCode,
        indicatorCode: code,
        responsibleArea: d.indicator.responsible ?? null,
        ...(area === "" ? {} : { shareArea: area }),
        published,
      };
      const canReport = can(actor, "report.submit", resource);
      const canReview = can(actor, "report.review", resource);
      if (query.mine && !canReport) continue;
      if (query.review && !(status === "enviado" && canReview)) continue;
      if (
        query.status === "pendiente"
          ? !isPendingReport(status)
          : query.status !== undefined && status !== query.status
      )
        continue;
      const previous = latest.get(reportKey(code, previousOf(d), area));
      const previousSent = previous && statusOf(previous) !== "borrador" ? previous.value : null;
      summaries.push({
        planId,
        indicator: code,
        period: d.periodText,
        area: area === "" ? null : area,
        status,
        version: row?.version ?? 0,
        value: row?.value ?? null,
        returnComment:
          status === "devuelto"
            ? (returned.get(reportKey(code, d.periodText, area)) ?? null)
            : null,
        submittedAt: row?.submittedAt?.toISOString() ?? null,
        late: row?.firstSubmittedAt ? isLate(corte, bogotaDate(row.firstSubmittedAt)) : false,
        lock: reportWriteLock({ status, corte: state, reopened: reopenedFor(corte, code, today) }),
        indicatorName: d.indicator.name,
        objectiveCode: d.objectiveCode,
        unit: d.indicator.unit ?? null,
        target: d.target,
        previousValue: previousSent ?? null,
        submittedBy: actorOf(row?.submittedBy),
        overdue: isOverdue(corte, status, today),
        canReport,
        canReview,
        ...(areas ? { areas } : {}),
      });
    }
  }
  return summaries;
}
