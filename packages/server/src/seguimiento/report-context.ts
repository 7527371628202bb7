/**
 * What every read and write of a report needs beside its versions: the
 * indicator of the plan it belongs to, the period checked against the
 * indicator's frecuencia and the plan's vigencias, the approved values of the
 * indicator (for the warnings) and the content of a stored version as core
 * compares it.
 */
import {
  type AreaShareState,
  checkReportArea,
  checkReportPeriod,
  formatPeriod,
  type Indicator,
  type Period,
  parsePeriod,
  type ReportContent,
  type ReportEvidenceRef,
  type ReportStatus,
  type ReportWarningCode,
} from "@rumbo/core";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { reportVersions, type StoredEvidence } from "../db/schema.ts";
import { getPlan, type StoredPlan } from "../plans/plans-repository.ts";
import { type ReportKey, type ReportVersionRow, SeguimientoRefusal } from "./report-store.ts";

export type ReportIndicator = {
  plan: StoredPlan;
  objectiveCode: string;
  indicator: Indicator;
};

/** The indicator named by a report, in the plan as it stands; 404 INDICATOR_NOT_FOUND when the code is not in it. */
export function findIndicator(plan: StoredPlan, code: string): ReportIndicator {
  for (const objective of plan.objectives) {
    const indicator = objective.indicators.find((i) => i.code === code);
    if (indicator) return { plan, objectiveCode: objective.code, indicator };
  }
  throw new SeguimientoRefusal(
    "INDICATOR_NOT_FOUND",
    `El plan ${plan.code} no tiene el indicador ${code}.`,
  );
}

/** The plan (the caller's, when a bulk load already read it) and the report's indicator in it. */
export async function loadIndicator(
  db: Database,
  key: ReportKey,
  plan?: StoredPlan,
): Promise<ReportIndicator> {
  const stored = plan ?? (await getPlan(db, key.planId));
  if (!stored) throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${key.planId}.`);
  return findIndicator(stored, key.indicatorCode);
}

function periodRefusal(message: string): SeguimientoRefusal {
  return new SeguimientoRefusal("VALIDATION_ERROR", message, [{ field: "period", message }]);
}

/** The period as formats.md §2 spells it (2024-q3 → 2024-Q3); 400 VALIDATION_ERROR when it is not a period. */
export function canonicalPeriod(text: string): string {
  const period = parsePeriod(text.trim());
  if (!period) {
    throw periodRefusal(
      `El periodo «${text.slice(0, 20)}» no se entiende: use AAAA, AAAA-Qn o AAAA-MM.`,
    );
  }
  return formatPeriod(period);
}

/** The period checked against the indicator's frecuencia and the plan's vigencias (core's rule). */
export function reportPeriod(context: ReportIndicator, text: string): Period {
  const checked = checkReportPeriod(text, context.indicator, context.plan.years);
  if (!checked.ok) throw periodRefusal(checked.problem.message);
  return checked.period;
}

/**
 * The area a report names, as the ficha spells it (core's `checkReportArea`):
 * an indicator several areas report needs one of them; 400 VALIDATION_ERROR
 * listing the areas otherwise.
 */
export function reportArea(context: ReportIndicator, area: string): string {
  const checked = checkReportArea(context.indicator, area);
  if (checked.ok) return checked.area;
  throw new SeguimientoRefusal("VALIDATION_ERROR", checked.message, [
    { field: "area", message: checked.message },
  ]);
}

/** What a stored version says, as core compares versions. */
export function contentOf(row: ReportVersionRow): ReportContent {
  return {
    status: row.status as ReportStatus,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    analysis: {
      achievements: row.achievements,
      difficulties: row.difficulties,
      actions: row.actions,
      benefits: row.benefits,
    },
    explanations: row.explanations as Partial<Record<ReportWarningCode, string>>,
    evidence: evidenceRefs(row.evidence),
    comment: row.comment,
  };
}

/** Stored soportes as core names them in a change (without who added them or when). */
export function evidenceRefs(evidence: readonly StoredEvidence[]): ReportEvidenceRef[] {
  return evidence.map((e) =>
    e.kind === "file"
      ? { kind: "file", sha256: e.sha256, fileName: e.fileName }
      : { kind: "link", url: e.url, title: e.title },
  );
}

/** Every version of one report, oldest first. */
export async function reportVersionRows(db: Database, key: ReportKey): Promise<ReportVersionRow[]> {
  return db
    .select()
    .from(reportVersions)
    .where(
      and(
        eq(reportVersions.planId, key.planId),
        eq(reportVersions.indicatorCode, key.indicatorCode),
        eq(reportVersions.period, key.period),
        eq(reportVersions.area, key.area),
      ),
    )
    .orderBy(asc(reportVersions.version));
}

/**
 * Each area's share of the indicator for one period as it stands (the latest
 * version per area), for core's `indicatorAreasStatus`.
 */
export async function areaShareStates(
  db: Database,
  key: Pick<ReportKey, "planId" | "indicatorCode" | "period">,
): Promise<AreaShareState[]> {
  const rows = await db
    .select({
      area: reportVersions.area,
      status: reportVersions.status,
      value: reportVersions.value,
      numerator: reportVersions.numerator,
      denominator: reportVersions.denominator,
    })
    .from(reportVersions)
    .where(
      and(
        eq(reportVersions.planId, key.planId),
        eq(reportVersions.indicatorCode, key.indicatorCode),
        eq(reportVersions.period, key.period),
        ne(reportVersions.area, ""),
      ),
    )
    .orderBy(asc(reportVersions.version));
  const latest = new Map<string, AreaShareState>();
  for (const row of rows) latest.set(row.area, { ...row, status: row.status as ReportStatus });
  return [...latest.values()];
}

/**
 * The indicator's approved values by period (for one area): the periods whose
 * latest version is aprobado. An un-approved value no longer counts.
 */
export async function approvedValues(
  db: Database,
  key: Pick<ReportKey, "planId" | "indicatorCode" | "area">,
): Promise<Array<{ period: string; value: number }>> {
  const rows = await db
    .select({
      period: reportVersions.period,
      version: reportVersions.version,
      status: reportVersions.status,
      value: reportVersions.value,
    })
    .from(reportVersions)
    .where(
      and(
        eq(reportVersions.planId, key.planId),
        eq(reportVersions.indicatorCode, key.indicatorCode),
        eq(reportVersions.area, key.area),
      ),
    )
    .orderBy(asc(reportVersions.version));
  const latest = new Map<string, { status: string; value: number | null }>();
  for (const row of rows) latest.set(row.period, row);
  return [...latest].flatMap(([period, row]) =>
    row.status === "aprobado" && row.value !== null ? [{ period, value: row.value }] : [],
  );
}
