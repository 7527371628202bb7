/**
 * Every write to a reporte de avance — save, submit, return, approve,
 * un-approve — for every path alike (form and API, bulk load, command line,
 * demo data). Each is one transaction: `beginReportWrite` locks the plan row,
 * reads the latest version and checks If-Match; core decides (lock,
 * transition, value, warnings, self-approval); one version is appended and its
 * audit entry written in the same transaction (ADR 0015). A save that changes
 * nothing writes neither.
 */
import {
  approvalDecision,
  checkReportValue,
  explainedWarnings,
  type ReportAnalysis,
  type ReportContent,
  type ReportWarningCode,
  reportChanges,
  reportPeriodWarnings,
} from "@rumbo/core";
import { eq } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { plans, type StoredEvidence } from "../db/schema.ts";
import {
  approvedValues,
  contentOf,
  evidenceRefs,
  type ReportIndicator,
  reportPeriod,
  reportVersionRows,
} from "./report-context.ts";
import { type EvidenceInput, resolveEvidence } from "./report-evidence.ts";
import { type ReportVersionRow, SeguimientoRefusal } from "./report-store.ts";
import {
  appendVersion,
  beginWrite,
  decideTransition,
  nextVersionRow,
  type ReportWrite,
  type ReportWriteOptions,
  refuseClosedCorte,
  refuseContentLock,
} from "./report-write.ts";

export type { ReportActor, ReportSource, ReportWriteOptions } from "./report-write.ts";

/** A value typed in the form (decimal comma accepted) or sent as a number. */
type TypedNumber = string | number | null;

export type SaveReportInput = {
  /** Omitted: keep the stored one; null or empty: clear it (a draft may have no value yet). */
  value?: TypedNumber;
  numerator?: TypedNumber;
  denominator?: TypedNumber;
  /** Omitted texts keep the stored ones. */
  analysis?: Partial<ReportAnalysis>;
  explanations?: Partial<Record<ReportWarningCode, string>>;
  /** The soportes the report keeps; omitted: keep them all. */
  evidence?: EvidenceInput[];
};

function valueRefusal(problems: Array<{ field: string; message: string }>): SeguimientoRefusal {
  return new SeguimientoRefusal(
    "REPORT_INVALID",
    `El reporte no se guardó: ${problems.map((p) => p.message).join(" ")}`,
    problems,
  );
}

function emptyNumber(v: TypedNumber | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** The value, numerator and denominator to store: core's check of what was typed (all empty: no value yet). */
function checkedValue(
  context: ReportIndicator,
  input: SaveReportInput,
  latest: ReportVersionRow | null,
): { value: number | null; numerator: number | null; denominator: number | null } {
  const typed = {
    value: input.value === undefined ? (latest?.value ?? null) : input.value,
    numerator: input.numerator === undefined ? (latest?.numerator ?? null) : input.numerator,
    denominator:
      input.denominator === undefined ? (latest?.denominator ?? null) : input.denominator,
  };
  const razon = context.indicator.measure === "razon";
  const empty = razon
    ? emptyNumber(typed.numerator) && emptyNumber(typed.denominator)
    : emptyNumber(typed.value);
  if (empty) return { value: null, numerator: null, denominator: null };
  const checked = checkReportValue(context.indicator, typed);
  if (!checked.ok) throw valueRefusal(checked.problems);
  return { value: checked.value, numerator: checked.numerator, denominator: checked.denominator };
}

/**
 * Saves the draft: value, analysis, explanations, soportes. Refused while the
 * corte is not open or is closed, while enviado and once aprobado. Answers the
 * new version, or the latest one unchanged when nothing changed (no version,
 * no audit entry).
 */
export async function saveReport(
  db: Database,
  options: ReportWriteOptions & { input: SaveReportInput },
): Promise<ReportVersionRow> {
  return db.transaction(async (tx) => {
    const b = await beginWrite(tx, options);
    refuseContentLock(b);
    const status = decideTransition(b, "save");
    const { input } = options;
    const value = checkedValue(b.context, input, b.latest);
    const analysis: ReportAnalysis = {
      achievements: input.analysis?.achievements ?? b.latest?.achievements ?? "",
      difficulties: input.analysis?.difficulties ?? b.latest?.difficulties ?? "",
      actions: input.analysis?.actions ?? b.latest?.actions ?? "",
      benefits: input.analysis?.benefits ?? b.latest?.benefits ?? "",
    };
    const explanations = Object.fromEntries(
      Object.entries({ ...(b.latest?.explanations ?? {}), ...(input.explanations ?? {}) }).filter(
        ([, text]) => typeof text === "string" && text.trim() !== "",
      ),
    ) as Record<string, string>;
    const previousEvidence: StoredEvidence[] = b.latest?.evidence ?? [];
    const evidence =
      input.evidence === undefined
        ? previousEvidence
        : await resolveEvidence(tx, b.key, input.evidence, previousEvidence, options);
    // Stays devuelto while corrected, so the comment stays in view.
    const comment = status === "devuelto" ? (b.latest?.comment ?? null) : null;
    const row = nextVersionRow(b, options, "save", {
      status,
      ...value,
      ...analysis,
      explanations,
      evidence,
      comment,
    });
    const before = b.latest ? contentOf(b.latest) : null;
    const draft: ReportContent = {
      status,
      ...value,
      analysis,
      explanations,
      evidence: evidenceRefs(evidence),
      comment,
    };
    if (b.latest && reportChanges(before, draft).length === 0) return b.latest;
    return appendVersion(b, options, row, before);
  });
}

/**
 * Sends the report to review: it needs a value valid for the ficha and an
 * explanation of each warning (semáforo, sobre-ejecución, atípico) stored with
 * the version. Keeps the first submitter; a resubmission after a devolución
 * refers to the returned version.
 */
export async function submitReport(
  db: Database,
  options: ReportWriteOptions,
): Promise<ReportVersionRow> {
  return db.transaction(async (tx) => {
    const b = await beginWrite(tx, options);
    const status = decideTransition(b, "submit");
    refuseContentLock(b);
    const latest = b.latest;
    if (!latest) throw new Error("transition() admite enviar solo un reporte guardado");
    const measure = b.context.indicator.measure;
    const checked = checkReportValue(
      b.context.indicator,
      measure === "razon"
        ? { numerator: latest.numerator, denominator: latest.denominator }
        : { value: latest.value },
    );
    if (!checked.ok) throw valueRefusal(checked.problems);
    const warnings = explainedWarnings(
      reportPeriodWarnings({
        plan: b.context.plan,
        indicatorCode: b.key.indicatorCode,
        period: reportPeriod(b.context, b.key.period),
        value: checked.value,
        approved: await approvedValues(tx, b.key),
      }),
      latest.explanations as Partial<Record<ReportWarningCode, string>>,
    ).filter((w) => !w.explained);
    if (warnings.length > 0) {
      throw new SeguimientoRefusal(
        "WARNINGS_UNEXPLAINED",
        `Antes de enviar, explique ${warnings.length === 1 ? "la advertencia" : `las ${warnings.length} advertencias`} (al menos 10 caracteres cada una): ${warnings.map((w) => w.message).join(" ")}`,
        warnings.map((w) => ({
          field: `explanations.${w.code}`,
          code: w.code,
          message: w.message,
        })),
      );
    }
    const row = nextVersionRow(b, options, "submit", {
      status,
      submittedBy: options.actor.userId,
      submittedAt: options.now,
      firstSubmittedBy: latest.firstSubmittedAt ? latest.firstSubmittedBy : options.actor.userId,
      firstSubmittedAt: latest.firstSubmittedAt ?? options.now,
      reviewedBy: null,
      reviewedAt: null,
      refersTo: latest.status === "devuelto" ? await returnedVersion(b) : null,
    });
    return appendVersion(b, options, row, contentOf(latest));
  });
}

/** The version of the latest devolución: what a resubmission corrects. */
async function returnedVersion(b: ReportWrite): Promise<number | null> {
  const rows = await reportVersionRows(b.tx, b.key);
  return rows.findLast((r) => r.action === "return")?.version ?? null;
}

/** Returns the submitted report to the reporter with a comment of what to correct. */
export async function returnReport(
  db: Database,
  options: ReportWriteOptions & { comment: string },
): Promise<ReportVersionRow> {
  return db.transaction(async (tx) => {
    const b = await beginWrite(tx, options);
    refuseClosedCorte(b);
    const status = decideTransition(b, "return");
    const latest = b.latest as ReportVersionRow; // transition() refused a report with no version.
    const comment = options.comment.trim();
    if (comment.length < 5) {
      throw new SeguimientoRefusal(
        "VALIDATION_ERROR",
        "Escriba qué debe corregirse (al menos 5 caracteres).",
        [{ field: "comment", message: "escriba qué debe corregirse (al menos 5 caracteres)" }],
      );
    }
    const row = nextVersionRow(b, options, "return", {
      status,
      comment,
      refersTo: latest.version,
      reviewedBy: options.actor.userId,
      reviewedAt: options.now,
    });
    return appendVersion(b, options, row, contentOf(latest));
  });
}

/**
 * Approves the submitted version (the one in If-Match): only approved values
 * count in official compliance. Whoever submitted it may not approve it unless
 * the plan allows self-approval, and then it is recorded as such.
 */
export async function approveReport(
  db: Database,
  options: ReportWriteOptions,
): Promise<ReportVersionRow> {
  return db.transaction(async (tx) => {
    const b = await beginWrite(tx, options);
    refuseClosedCorte(b);
    const status = decideTransition(b, "approve");
    const latest = b.latest as ReportVersionRow; // transition() refused a report with no version.
    const [plan] = await tx
      .select({ allowSelfApproval: plans.allowSelfApproval })
      .from(plans)
      .where(eq(plans.id, b.key.planId));
    const decision = approvalDecision({
      submittedBy: latest.submittedBy,
      reviewerId: options.actor.userId ?? -1,
      allowSelfApproval: plan?.allowSelfApproval ?? false,
    });
    if (!decision.ok) throw new SeguimientoRefusal(decision.code, decision.message);
    const row = nextVersionRow(b, options, "approve", {
      status,
      refersTo: latest.version,
      reviewedBy: options.actor.userId,
      reviewedAt: options.now,
      selfApproval: decision.selfApproval,
    });
    return appendVersion(b, options, row, contentOf(latest));
  });
}

/** Withdraws an approval (planeación, with a justification): the report is enviado and reviewed anew. */
export async function unapproveReport(
  db: Database,
  options: ReportWriteOptions & { justification: string },
): Promise<ReportVersionRow> {
  return db.transaction(async (tx) => {
    const b = await beginWrite(tx, options);
    refuseClosedCorte(b);
    const status = decideTransition(b, "unapprove");
    const latest = b.latest as ReportVersionRow; // transition() refused a report with no version.
    const justification = options.justification.trim();
    if (justification.length < 10) {
      throw new SeguimientoRefusal(
        "VALIDATION_ERROR",
        "Explique por qué se quita la aprobación (al menos 10 caracteres).",
        [{ field: "justification", message: "explique por qué se quita la aprobación" }],
      );
    }
    const row = nextVersionRow(b, options, "unapprove", {
      status,
      comment: justification,
      refersTo: latest.version,
      reviewedBy: null,
      reviewedAt: null,
    });
    return appendVersion(b, options, row, contentOf(latest));
  });
}
