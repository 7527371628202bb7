/**
 * What the tablero shows, kept in the URL so a view can be shared:
 * `?vigencia=2024|cuatrienio&corte=AAAA-MM-DD` plus the other options of
 * getCompliance when present (missing, cap, knownAt, basis, planAt).
 */
import type { ComplianceQuery, DashboardQuery } from "./tablero-api.ts";

export type TableroView = {
  /** A plan year, or "cuatrienio". */
  vigencia: string;
  corte: string | null;
  /** Options passed through to the API as they are. */
  extra: ComplianceQuery;
};

const PASS_THROUGH = ["missing", "cap", "knownAt", "basis", "planAt"] as const;

export function readView(search: string): TableroView {
  const params = new URLSearchParams(search);
  const extra: Record<string, string> = {};
  for (const key of PASS_THROUGH) {
    const value = params.get(key);
    if (value !== null && value !== "") extra[key] = value;
  }
  const corte = params.get("corte");
  return {
    vigencia: params.get("vigencia") ?? "cuatrienio",
    corte: corte === null || corte === "" ? null : corte,
    extra: extra as ComplianceQuery,
  };
}

export function viewSearch(view: TableroView): string {
  const params = new URLSearchParams();
  params.set("vigencia", view.vigencia);
  if (view.corte !== null) params.set("corte", view.corte);
  for (const [key, value] of Object.entries(view.extra))
    if (typeof value === "string") params.set(key, value);
  return `?${params}`;
}

/** The getCompliance options of a view (for getCompliance itself). */
export function complianceQuery(view: TableroView): ComplianceQuery {
  return { ...view.extra, ...(view.corte === null ? {} : { asOf: view.corte }) };
}

/** The getDashboard / explainCompliance query of a view. */
export function dashboardQuery(view: TableroView): DashboardQuery {
  const when =
    view.vigencia === "cuatrienio" ? { period: "cuatrienio" as const } : { year: view.vigencia };
  return { ...complianceQuery(view), ...when };
}

export function vigenciaLabel(vigencia: string): string {
  return vigencia === "cuatrienio" ? "cuatrienio" : `vigencia ${vigencia}`;
}
