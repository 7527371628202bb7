/**
 * The life of a reporte de avance (one indicator × one period): borrador →
 * enviado → aprobado, or enviado → devuelto (with a comment) → corrected →
 * enviado again. Only aprobado values count in official compliance. An
 * approval refers to one version: nothing changes an aprobado report except
 * its un-approval by planeación with a justification, after which it is
 * enviado again and must be reviewed anew.
 */
import type { CorteState } from "./corte.ts";

export const REPORT_STATUSES = ["borrador", "enviado", "devuelto", "aprobado"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_ACTIONS = ["save", "submit", "return", "approve", "unapprove"] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Why a write to a report is refused, as a machine-readable reason. */
export type ReportLock = "CORTE_CLOSED" | "NOT_OPEN_YET" | "UNDER_REVIEW" | "APPROVED";

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  borrador: "Borrador",
  enviado: "Enviado a revisión",
  devuelto: "Devuelto",
  aprobado: "Aprobado",
};

export const REPORT_LOCK_MESSAGES: Record<ReportLock, string> = {
  CORTE_CLOSED: "El corte está cerrado: el reporte ya no se puede cambiar.",
  NOT_OPEN_YET: "El corte aún no está abierto: todavía no se puede reportar este periodo.",
  UNDER_REVIEW: "El reporte está enviado y en revisión: espere la respuesta de planeación.",
  APPROVED:
    "El reporte está aprobado: solo planeación puede quitar la aprobación, con una justificación.",
};

export type ReportWriteContext = {
  /** The report's status; `null` when nothing was reported yet for the period. */
  status: ReportStatus | null;
  corte: CorteState;
  /** An unexpired reopening of the closed corte for this indicator. */
  reopened: boolean;
};

/**
 * Whether the reporter may change the report's content (value, analysis,
 * evidence): the corte must be open (or reopened for the indicator) and the
 * report editable (not enviado, not aprobado). The same answer for every
 * path: form, API, evidence upload, bulk load, command line.
 */
export function reportWriteLock(context: ReportWriteContext): ReportLock | null {
  if (context.status === "aprobado") return "APPROVED";
  if (context.status === "enviado") return "UNDER_REVIEW";
  if (context.corte === "programado") return "NOT_OPEN_YET";
  if (context.corte === "cerrado" && !context.reopened) return "CORTE_CLOSED";
  return null;
}

/** The status an action leads to, or null when the action is not possible from `status`. */
export function nextReportStatus(
  status: ReportStatus | null,
  action: ReportAction,
): ReportStatus | null {
  switch (action) {
    case "save":
      // A returned report stays devuelto while it is corrected, so the comment stays in view.
      return status === null || status === "borrador"
        ? "borrador"
        : status === "devuelto"
          ? "devuelto"
          : null;
    case "submit":
      return status === "borrador" || status === "devuelto" ? "enviado" : null;
    case "return":
      return status === "enviado" ? "devuelto" : null;
    case "approve":
      return status === "enviado" ? "aprobado" : null;
    case "unapprove":
      return status === "aprobado" ? "enviado" : null;
  }
}

export type ApprovalDecision =
  | { ok: true; selfApproval: boolean }
  | { ok: false; code: "SELF_APPROVAL_NOT_ALLOWED"; message: string };

/**
 * A reviewer cannot approve what they submitted themselves unless the plan
 * allows it; then the approval is recorded as a self-approval.
 */
export function approvalDecision(input: {
  submittedBy: number | null;
  reviewerId: number;
  allowSelfApproval: boolean;
}): ApprovalDecision {
  const self = input.submittedBy !== null && input.submittedBy === input.reviewerId;
  if (self && !input.allowSelfApproval) {
    return {
      ok: false,
      code: "SELF_APPROVAL_NOT_ALLOWED",
      message:
        "Usted envió este reporte: otra persona de planeación debe aprobarlo (el plan no permite la autoaprobación).",
    };
  }
  return { ok: true, selfApproval: self };
}

/** Only aprobado versions count in official compliance; the preview adds enviado ones. */
export type ComplianceBasis = "approved" | "submitted";

export function countsInCompliance(status: ReportStatus, basis: ComplianceBasis): boolean {
  return status === "aprobado" || (basis === "submitted" && status === "enviado");
}
