/**
 * Spanish words of seguimiento. Status names and lock reasons are core's
 * (REPORT_STATUS_LABELS, REPORT_LOCK_MESSAGES), so the API and the pages say
 * the same thing.
 */
import {
  type CorteState,
  parsePeriod,
  REPORT_LOCK_MESSAGES,
  type REPORT_SOURCES,
  REPORT_STATUS_LABELS,
  type REPORT_VERSION_ACTIONS,
  type ReportLock,
  type ReportStatus,
  type ReportWarningCode,
} from "@rumbo/core";

export function statusLabel(status: ReportStatus | null): string {
  return status === null ? "Sin reportar" : REPORT_STATUS_LABELS[status];
}

export function lockMessage(lock: ReportLock): string {
  return REPORT_LOCK_MESSAGES[lock];
}

export const CORTE_STATE_LABELS: Record<CorteState, string> = {
  programado: "Programado",
  abierto: "Abierto",
  cerrado: "Cerrado",
};

export const VERSION_ACTION_LABELS: Record<(typeof REPORT_VERSION_ACTIONS)[number], string> = {
  save: "Guardó el borrador",
  submit: "Envió a revisión",
  return: "Devolvió el reporte",
  approve: "Aprobó el reporte",
  unapprove: "Quitó la aprobación",
  evidence: "Cambió los soportes",
};

export const SOURCE_LABELS: Record<(typeof REPORT_SOURCES)[number], string> = {
  formulario: "formulario",
  "carga-masiva": "carga masiva",
  cli: "línea de comandos",
  demo: "datos de demostración",
  migracion: "migración de avances anteriores",
};

/** The warnings the server computes, named as the explanation field is. */
export const WARNING_LABELS: Record<ReportWarningCode, string> = {
  semaforo: "Semáforo en amarillo o rojo",
  sobreejecucion: "Sobre-ejecución",
  atipico: "Valor atípico",
};

export const EXPLANATION_LABELS: Record<ReportWarningCode, string> = {
  semaforo: "Explicación del semáforo",
  sobreejecucion: "Explicación de la sobre-ejecución",
  atipico: "Explicación del valor atípico",
};

const QUARTER_NAMES = ["", "primer", "segundo", "tercer", "cuarto"];
const MONTH_NAMES = [
  "",
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "octubre",
  "noviembre",
  "diciembre",
];

/** `2025-Q1` → "primer trimestre de 2025", `2025-03` → "marzo de 2025", `2025` → "2025". */
export function periodLabel(period: string): string {
  const parsed = parsePeriod(period);
  if (parsed === null) return period;
  if (parsed.kind === "quarter")
    return `${QUARTER_NAMES[parsed.index]} trimestre de ${parsed.year}`;
  if (parsed.kind === "month") return `${MONTH_NAMES[parsed.index]} de ${parsed.year}`;
  return String(parsed.year);
}

/** The vigencia a period belongs to. */
export function periodYear(period: string): number | null {
  return parsePeriod(period)?.year ?? null;
}

type ReportName = { indicator: string; period: string; area: string | null };

/** "indicador 2320 — primer trimestre de 2025" (with the area of a share). */
export function reportSubject(report: ReportName): string {
  const area = report.area === null ? "" : ` (${report.area})`;
  return `indicador ${report.indicator}${area} — ${periodLabel(report.period)}`;
}

/** "Indicador 2320 — primer trimestre de 2025": a report's name in lists and headings. */
export function reportTitle(report: ReportName): string {
  const subject = reportSubject(report);
  return `${subject.charAt(0).toUpperCase()}${subject.slice(1)}`;
}

/** A devolución without its comment: said before calling the server, which refuses it too. */
export const COMMENT_REQUIRED = "Escriba qué debe corregirse antes de devolver el reporte.";
