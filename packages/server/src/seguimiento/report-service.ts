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
  nextReportStatus,
  REPORT_LOCK_MESSAGES,
  type REPORT_SOURCES,
  REPORT_STATUS_LABELS,
  type ReportAction,
  type ReportAnalysis,
  type ReportContent,
  type ReportStatus,
  type ReportWarningCode,
  reportChanges,
  reportPeriodWarnings,
} from "@rumbo/core";
import { eq } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { plans, type StoredEvidence } from "../db/schema.ts";
import type { StoredPlan } from "../plans/plans-repository.ts";
import { writeReportAudit } from "./report-audit.ts";
import {
  approvedValues,
  canonicalPeriod,
  contentOf,
  loadIndicator,
  type ReportIndicator,
  reportPeriod,
  reportVersionRows,
} from "./report-context.ts";
import { type EvidenceInput, resolveEvidence } from "./report-evidence.ts";
import {
  appendReportVersion,
  beginReportWrite,
  type NewReportVersion,
  type ReportKey,
  type ReportLockState,
  type ReportVersionRow,
  reportLockState,
  SeguimientoRefusal,
} from "./report-store.ts";

export type ReportSource = (typeof REPORT_SOURCES)[number];

/** The authenticated person who acts (null id and email: the system). */
export type ReportActor = { userId: number | null; email: string | null };

export type ReportWriteOptions = {
  key: ReportKey;
  actor: ReportActor;
  /** The version named in If-Match; undefined only for the first save of a report. */
  expected: number | undefined;
  source: ReportSource;
  now: Date;
  /** Client address for the audit, when the write comes over HTTP. */
  ip?: string | null;
  /** The plan as already read (a bulk load reads it once); default: read in the transaction. */
  plan?: StoredPlan;
};

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

type Begun = {
  tx: Database;
  key: ReportKey;
  latest: ReportVersionRow | null;
  context: ReportIndicator;
  lock: ReportLockState;
};

/** The common start: canonical period, lock and If-Match, indicator, period rules, lock state. */
async function begin(tx: Database, options: ReportWriteOptions): Promise<Begun> {
  const key = { ...options.key, period: canonicalPeriod(options.key.period) };
  const latest = await beginReportWrite(tx, key, options.expected);
  const context = await loadIndicator(tx, key, options.plan);
  const period = reportPeriod(context, key.period);
  const status = (latest?.status ?? null) as ReportStatus | null;
  const lock = await reportLockState(tx, key, period, status, options.now);
  return { tx, key, latest, context, lock };
}

const ACTION_VERBS: Record<ReportAction, string> = {
  save: "guardar",
  submit: "enviar a revisión",
  return: "devolver",
  approve: "aprobar",
  unapprove: "quitar la aprobación de",
};

function transition(b: Begun, action: ReportAction): ReportStatus {
  const status = (b.latest?.status ?? null) as ReportStatus | null;
  const next = nextReportStatus(status, action);
  if (next) return next;
  const what = `el reporte de ${b.key.indicatorCode} (${b.key.period})`;
  throw new SeguimientoRefusal(
    "INVALID_TRANSITION",
    status === null
      ? `No se puede ${ACTION_VERBS[action]} ${what}: todavía no tiene nada guardado.`
      : `No se puede ${ACTION_VERBS[action]} ${what}: su estado es «${REPORT_STATUS_LABELS[status]}».`,
    { status },
  );
}

/** The reporter's lock on the content (value, analysis, soportes, submission). */
function refuseContentLock(b: Begun): void {
  if (b.lock.lock) {
    throw new SeguimientoRefusal(b.lock.lock, REPORT_LOCK_MESSAGES[b.lock.lock], {
      lock: b.lock.lock,
    });
  }
}

/** Review acts on a closed corte need a reopening for the indicator. */
function refuseClosedCorte(b: Begun): void {
  if (b.lock.corteState === "cerrado" && !b.lock.reopened) {
    throw new SeguimientoRefusal("CORTE_CLOSED", REPORT_LOCK_MESSAGES.CORTE_CLOSED, {
      lock: "CORTE_CLOSED",
    });
  }
}

/** The row of the next version: the latest one carried forward, then the action's own fields. */
function nextRow(
  b: Begun,
  options: ReportWriteOptions,
  action: NewReportVersion["action"],
  fields: Partial<NewReportVersion>,
): Omit<NewReportVersion, "id" | "recordedAt"> {
  const {
    id: _id,
    recordedAt: _at,
    ...carried
  } = b.latest ?? {
    id: 0,
    recordedAt: null,
    firstSubmittedBy: null,
    firstSubmittedAt: null,
    submittedBy: null,
    submittedAt: null,
    reviewedBy: null,
    reviewedAt: null,
  };
  return {
    ...carried,
    ...b.key,
    version: (b.latest?.version ?? 0) + 1,
    action,
    status: "borrador",
    comment: null,
    refersTo: null,
    selfApproval: false,
    source: options.source,
    recordedBy: options.actor.userId,
    ...fields,
  };
}

async function append(
  b: Begun,
  options: ReportWriteOptions,
  row: Omit<NewReportVersion, "id" | "recordedAt">,
  before: ReportContent | null,
): Promise<ReportVersionRow> {
  const written = await appendReportVersion(b.tx, row);
  await writeReportAudit(b.tx, {
    key: b.key,
    actor: options.actor,
    ip: options.ip ?? null,
    action: row.action,
    before,
    after: written,
  });
  return written;
}

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
    const b = await begin(tx, options);
    refuseContentLock(b);
    const status = transition(b, "save");
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
    const row = nextRow(b, options, "save", {
      status,
      ...value,
      ...analysis,
      explanations,
      evidence,
      comment,
    });
    const before = b.latest ? contentOf(b.latest) : null;
    const draft = contentOf({ ...row, id: 0, recordedAt: options.now } as ReportVersionRow);
    if (b.latest && before && reportChanges(before, draft).length === 0) return b.latest;
    return append(b, options, row, before);
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
    const b = await begin(tx, options);
    const status = transition(b, "submit");
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
    const row = nextRow(b, options, "submit", {
      status,
      submittedBy: options.actor.userId,
      submittedAt: options.now,
      firstSubmittedBy: latest.firstSubmittedAt ? latest.firstSubmittedBy : options.actor.userId,
      firstSubmittedAt: latest.firstSubmittedAt ?? options.now,
      reviewedBy: null,
      reviewedAt: null,
      refersTo: latest.status === "devuelto" ? await returnedVersion(b) : null,
    });
    return append(b, options, row, contentOf(latest));
  });
}

/** The version of the latest devolución: what a resubmission corrects. */
async function returnedVersion(b: Begun): Promise<number | null> {
  const rows = await reportVersionRows(b.tx, b.key);
  return rows.findLast((r) => r.action === "return")?.version ?? null;
}

/** Returns the submitted report to the reporter with a comment of what to correct. */
export async function returnReport(
  db: Database,
  options: ReportWriteOptions & { comment: string },
): Promise<ReportVersionRow> {
  return db.transaction(async (tx) => {
    const b = await begin(tx, options);
    refuseClosedCorte(b);
    const status = transition(b, "return");
    const latest = b.latest as ReportVersionRow; // transition() refused a report with no version.
    const comment = options.comment.trim();
    if (comment.length < 5) {
      throw new SeguimientoRefusal(
        "VALIDATION_ERROR",
        "Escriba qué debe corregirse (al menos 5 caracteres).",
        [{ field: "comment", message: "escriba qué debe corregirse (al menos 5 caracteres)" }],
      );
    }
    const row = nextRow(b, options, "return", {
      status,
      comment,
      refersTo: latest.version,
      reviewedBy: options.actor.userId,
      reviewedAt: options.now,
    });
    return append(b, options, row, contentOf(latest));
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
    const b = await begin(tx, options);
    refuseClosedCorte(b);
    const status = transition(b, "approve");
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
    const row = nextRow(b, options, "approve", {
      status,
      refersTo: latest.version,
      reviewedBy: options.actor.userId,
      reviewedAt: options.now,
      selfApproval: decision.selfApproval,
    });
    return append(b, options, row, contentOf(latest));
  });
}

/** Withdraws an approval (planeación, with a justification): the report is enviado and reviewed anew. */
export async function unapproveReport(
  db: Database,
  options: ReportWriteOptions & { justification: string },
): Promise<ReportVersionRow> {
  return db.transaction(async (tx) => {
    const b = await begin(tx, options);
    refuseClosedCorte(b);
    const status = transition(b, "unapprove");
    const latest = b.latest as ReportVersionRow; // transition() refused a report with no version.
    const justification = options.justification.trim();
    if (justification.length < 10) {
      throw new SeguimientoRefusal(
        "VALIDATION_ERROR",
        "Explique por qué se quita la aprobación (al menos 10 caracteres).",
        [{ field: "justification", message: "explique por qué se quita la aprobación" }],
      );
    }
    const row = nextRow(b, options, "unapprove", {
      status,
      comment: justification,
      refersTo: latest.version,
      reviewedBy: null,
      reviewedAt: null,
    });
    return append(b, options, row, contentOf(latest));
  });
}
