/**
 * The semáforo of a cell: colour, an icon of its own shape and the words,
 * never colour alone (WCAG 1.4.1). NP, sin reporte and pendiente are states,
 * not colours, and each has its own look.
 */
import { formatRatioAsPercent } from "@rumbo/core";

export type CellStatus = "verde" | "amarillo" | "rojo" | "np" | "sin_reporte" | "pendiente";

export const STATUS_TEXT: Record<CellStatus, string> = {
  verde: "Verde",
  amarillo: "Amarillo",
  rojo: "Rojo",
  np: "No programado (NP)",
  sin_reporte: "Sin reporte",
  pendiente: "Pendiente",
};

const STATUS_ICON: Record<CellStatus, string> = {
  verde: "●",
  amarillo: "▲",
  rojo: "■",
  np: "○",
  sin_reporte: "?",
  pendiente: "…",
};

/** A ratio as the tablero shows it: 0.95 → "95,00%" (es-CO, two decimals). */
export function formatCompliance(value: number | null): string {
  return formatRatioAsPercent(value);
}

export function StatusBadge({ status }: { status: CellStatus }) {
  return (
    <span className={`status-badge status-${status}`}>
      <span className="status-icon" aria-hidden="true">
        {STATUS_ICON[status]}
      </span>{" "}
      {STATUS_TEXT[status]}
    </span>
  );
}

/** Compliance and its semáforo: "95,00% ● Verde"; NP, sin reporte and pendiente say so. */
export function ComplianceValue({
  status,
  compliance,
}: {
  status: CellStatus;
  compliance: number | null;
}) {
  return (
    <span className="compliance-value">
      {compliance !== null && (
        <span className="compliance-number">{formatCompliance(compliance)}</span>
      )}{" "}
      <StatusBadge status={status} />
    </span>
  );
}
