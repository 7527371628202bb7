/**
 * Report versions written straight to the store for tests that need a
 * history (an approval, then a correction) without walking the workflow's
 * routes: each call appends the report's next version, as every writer does.
 */
import type { ReportStatus } from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import type { StoredEvidence } from "../db/schema.ts";
import {
  appendReportVersion,
  latestReportVersion,
  type ReportVersionRow,
} from "../seguimiento/report-store.ts";

export type TestReport = {
  indicator: string;
  period: string;
  area?: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  status: ReportStatus;
  evidence?: StoredEvidence[];
};

const ACTION_OF: Record<ReportStatus, "save" | "submit" | "return" | "approve"> = {
  borrador: "save",
  enviado: "submit",
  devuelto: "return",
  aprobado: "approve",
};

export async function recordReport(
  db: Database,
  planId: number,
  report: TestReport,
): Promise<ReportVersionRow> {
  return db.transaction(async (tx) => {
    const key = {
      planId,
      indicatorCode: report.indicator,
      period: report.period,
      area: report.area ?? "",
    };
    const latest = await latestReportVersion(tx, key);
    return appendReportVersion(tx, {
      ...key,
      version: (latest?.version ?? 0) + 1,
      action: ACTION_OF[report.status],
      status: report.status,
      value: report.value,
      numerator: report.numerator ?? null,
      denominator: report.denominator ?? null,
      evidence: report.evidence ?? latest?.evidence ?? [],
      source: "formulario",
    });
  });
}

/** Several reports, each one version, in order. */
export async function recordReports(
  db: Database,
  planId: number,
  reports: readonly TestReport[],
): Promise<void> {
  for (const report of reports) await recordReport(db, planId, report);
}
