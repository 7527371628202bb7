/**
 * What changed between two versions of a reporte de avance, field by field
 * with the planner's names: the history shows it, the audit records it (one
 * entry per real change, before → after), and a save with no change writes
 * nothing (ADR 0015).
 */
import type { ReportWarningCode } from "./report-warnings.ts";
import { REPORT_WARNING_CODES } from "./report-warnings.ts";
import type { ReportStatus } from "./report-workflow.ts";

export type ReportAnalysis = {
  achievements: string;
  difficulties: string;
  actions: string;
  benefits: string;
};

/** A soporte as the history names it: a file by its checksum, a link by its address. */
export type ReportEvidenceRef =
  | { kind: "file"; sha256: string; fileName: string }
  | { kind: "link"; url: string; title: string };

/** What a version of a report says, without who or when. */
export type ReportContent = {
  status: ReportStatus;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  analysis: ReportAnalysis;
  explanations: Partial<Record<ReportWarningCode, string>>;
  evidence: readonly ReportEvidenceRef[];
  comment: string | null;
};

export const REPORT_FIELD_LABELS = {
  value: "Valor",
  numerator: "Numerador",
  denominator: "Denominador",
  achievements: "Logros",
  difficulties: "Retrasos y dificultades",
  actions: "Soluciones / acciones de mejora",
  benefits: "Beneficios a la ciudadanía",
  "explanations.semaforo": "Explicación del semáforo",
  "explanations.sobreejecucion": "Explicación de la sobre-ejecución",
  "explanations.atipico": "Explicación del valor atípico",
  evidence: "Soportes",
  status: "Estado",
  comment: "Comentario",
} as const;
export type ReportChangeField = keyof typeof REPORT_FIELD_LABELS;

export type ReportChange = {
  field: ReportChangeField;
  label: string;
  before: unknown;
  after: unknown;
};

const ANALYSIS_FIELDS = ["achievements", "difficulties", "actions", "benefits"] as const;

/** A soporte's name in a change: the file with its checksum, the link with its address. */
export function describeEvidence(item: ReportEvidenceRef): string {
  return item.kind === "file"
    ? `${item.fileName} (SHA-256 ${item.sha256})`
    : `${item.title ? `${item.title}: ` : ""}${item.url}`;
}

function evidenceKey(item: ReportEvidenceRef): string {
  return item.kind === "file" ? `file:${item.sha256}` : `link:${item.url}\n${item.title}`;
}

/** The soportes one version added and removed against the one before. */
export function evidenceDelta(
  before: readonly ReportEvidenceRef[],
  after: readonly ReportEvidenceRef[],
): { added: ReportEvidenceRef[]; removed: ReportEvidenceRef[] } {
  const had = new Set(before.map(evidenceKey));
  const has = new Set(after.map(evidenceKey));
  return {
    added: after.filter((e) => !had.has(evidenceKey(e))),
    removed: before.filter((e) => !has.has(evidenceKey(e))),
  };
}

function change(field: ReportChangeField, before: unknown, after: unknown): ReportChange {
  return { field, label: REPORT_FIELD_LABELS[field], before, after };
}

/**
 * Every field that differs from `before` (null: the report's first version,
 * whose every filled field is a change). The comment counts only when the new
 * version carries one: a devolución's comment or an un-approval's justification.
 */
export function reportChanges(before: ReportContent | null, after: ReportContent): ReportChange[] {
  const changes: ReportChange[] = [];
  if ((before?.status ?? null) !== after.status) {
    changes.push(change("status", before?.status ?? null, after.status));
  }
  for (const field of ["value", "numerator", "denominator"] as const) {
    const was = before?.[field] ?? null;
    if (was !== after[field]) changes.push(change(field, was, after[field]));
  }
  for (const field of ANALYSIS_FIELDS) {
    const was = before?.analysis[field] ?? "";
    if (was !== after.analysis[field]) changes.push(change(field, was, after.analysis[field]));
  }
  for (const code of REPORT_WARNING_CODES) {
    const was = before?.explanations[code] ?? "";
    const is = after.explanations[code] ?? "";
    if (was !== is) changes.push(change(`explanations.${code}`, was, is));
  }
  const delta = evidenceDelta(before?.evidence ?? [], after.evidence);
  if (delta.added.length > 0 || delta.removed.length > 0) {
    changes.push(
      change(
        "evidence",
        (before?.evidence ?? []).map(describeEvidence),
        after.evidence.map(describeEvidence),
      ),
    );
  }
  if (after.comment !== null && after.comment !== (before?.comment ?? null)) {
    changes.push(change("comment", before?.comment ?? null, after.comment));
  }
  return changes;
}
