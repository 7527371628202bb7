/** Every URL the web app answers; the server falls back to index.html for them. */

export type Route =
  | { name: "home" }
  | { name: "plan-list" }
  | { name: "plan"; planId: number }
  | { name: "plan-new" }
  | { name: "plan-edit"; planId: number }
  | { name: "plan-versions"; planId: number }
  | { name: "plan-reprogram"; planId: number }
  | { name: "indicator-edit"; planId: number; indicatorCode: string }
  | { name: "my-reports"; planId: number }
  | { name: "review-queue"; planId: number }
  | { name: "cortes"; planId: number }
  | { name: "report"; planId: number; indicatorCode: string; period: string }
  | { name: "report-history"; planId: number; indicatorCode: string; period: string }
  | { name: "plan-dashboard"; planId: number }
  | { name: "dashboard-objective"; planId: number; objectiveCode: string }
  | { name: "indicator"; planId: number; indicatorCode: string }
  | { name: "informe-diff"; planId: number; corteId: number }
  | { name: "login" }
  | { name: "account" }
  | { name: "change-password" }
  | { name: "reset-password" }
  | { name: "users" }
  | { name: "audit" }
  | { name: "not-found" };

export const homePath = "/";
export const planListPath = "/planes";
export const loginPath = "/entrar";
export const accountPath = "/cuenta";
export const changePasswordPath = "/cuenta/contrasena";
/** Reset links from the server: `/restablecer#token=…` (server: resetLink). */
export const resetPasswordPath = "/restablecer";
export const usersPath = "/cuentas";
export const auditPath = "/auditoria";

/** Query parameter that carries the page to return to after logging in or changing the password. */
export const RETURN_PARAM = "volver";

export function planPath(planId: number): string {
  return `${planListPath}/${planId}`;
}

export const newPlanPath = `${planListPath}/nuevo`;

export function editPlanPath(planId: number): string {
  return `${planPath(planId)}/editar`;
}

export function planVersionsPath(planId: number): string {
  return `${planPath(planId)}/versiones`;
}

/** The focused reprogramación: the grid of programación and weights, changes and act in view. */
export function reprogramPlanPath(planId: number): string {
  return `${planPath(planId)}/reprogramar`;
}

/** The ficha of one indicator, edited alone. */
export function editIndicatorPath(planId: number, indicatorCode: string): string {
  return `${planPath(planId)}/indicadores/${encodeURIComponent(indicatorCode)}/editar`;
}

/** Seguimiento: what the person reports in the open corte (Mis indicadores). */
export function mySeguimientoPath(planId: number): string {
  return `${planPath(planId)}/seguimiento`;
}

/** The reports waiting for planeación's review. */
export function reviewQueuePath(planId: number): string {
  return `${mySeguimientoPath(planId)}/revision`;
}

/** The plan's cortes with their progress. */
export function cortesPath(planId: number): string {
  return `${mySeguimientoPath(planId)}/cortes`;
}

/**
 * One reporte de avance (indicator × period); `area` when several areas
 * report their share of the indicator.
 */
export function reportPath(
  planId: number,
  indicatorCode: string,
  period: string,
  area?: string | null,
): string {
  const path = `${planPath(planId)}/indicadores/${encodeURIComponent(indicatorCode)}/reportes/${encodeURIComponent(period)}`;
  return withArea(path, area);
}

/** Every version of one report: who, when, why and what changed. */
export function reportHistoryPath(
  planId: number,
  indicatorCode: string,
  period: string,
  area?: string | null,
): string {
  return withArea(`${reportPath(planId, indicatorCode, period)}/historial`, area);
}

/** Query parameter naming the area whose share of the indicator a report is. */
export const AREA_PARAM = "area";

function withArea(path: string, area: string | null | undefined): string {
  if (area === null || area === undefined || area === "") return path;
  return `${path}?${new URLSearchParams({ [AREA_PARAM]: area })}`;
}

/** The tablero de seguimiento of a plan (`?vigencia=2024|cuatrienio&corte=AAAA-MM-DD`). */
export function dashboardPath(planId: number): string {
  return `${planPath(planId)}/tablero`;
}

/** One objective of the tablero: its indicators, weights and shares. */
export function dashboardObjectivePath(planId: number, objectiveCode: string): string {
  return `${dashboardPath(planId)}/objetivos/${encodeURIComponent(objectiveCode)}`;
}

/** «¿Qué cambió desde este informe?»: the informe of a corte then (`?knownAt=`, default its closing) against today's. */
export function informeDiffPath(planId: number, corteId: number, knownAt?: string): string {
  const path = `${dashboardPath(planId)}/informes/${corteId}/cambios`;
  return knownAt === undefined ? path : `${path}?${new URLSearchParams({ knownAt })}`;
}

/** One indicator: its ficha técnica, programado vs ejecutado and how each number was computed. */
export function indicatorPath(planId: number, indicatorCode: string): string {
  return `${planPath(planId)}/indicadores/${encodeURIComponent(indicatorCode)}`;
}

/** An earlier version of the plan, read-only, on the plan's page. */
export function planVersionPath(planId: number, version: number): string {
  return `${planPath(planId)}?version=${version}`;
}

/**
 * Only a path of this site is a valid return target: "//evil.example" or
 * "https://…" would turn the login page into an open redirect.
 */
export function safeReturnPath(candidate: string | null | undefined): string | null {
  if (!candidate?.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) {
    return null;
  }
  return candidate;
}

/** `/entrar?volver=/cuentas`: the login page, coming back to `returnTo` afterwards. */
export function loginPathFor(returnTo: string): string {
  const back = safeReturnPath(returnTo);
  // Coming back to the login page itself, or to a reset page whose token is gone, makes no sense.
  if (
    back === null ||
    back === homePath ||
    back.startsWith(loginPath) ||
    back.startsWith(resetPasswordPath)
  ) {
    return loginPath;
  }
  return `${loginPath}?${new URLSearchParams({ [RETURN_PARAM]: back })}`;
}

/** The return target named in a query string, if it is a path of this site. */
export function returnPathOf(search: string): string | null {
  return safeReturnPath(new URLSearchParams(search).get(RETURN_PARAM));
}

const PLAN_PATH = /^\/planes\/([1-9]\d*)$/;
const PLAN_PAGE_PATH = /^\/planes\/([1-9]\d*)\/(editar|versiones|reprogramar)$/;
const INDICATOR_EDIT_PATH = /^\/planes\/([1-9]\d*)\/indicadores\/([^/]+)\/editar$/;
const SEGUIMIENTO_PATH = /^\/planes\/([1-9]\d*)\/seguimiento(?:\/(revision|cortes))?$/;
const REPORT_PATH = /^\/planes\/([1-9]\d*)\/indicadores\/([^/]+)\/reportes\/([^/]+)(\/historial)?$/;
const DASHBOARD_PATH = /^\/planes\/([1-9]\d*)\/tablero$/;
const DASHBOARD_OBJECTIVE_PATH = /^\/planes\/([1-9]\d*)\/tablero\/objetivos\/([^/]+)$/;
const INFORME_DIFF_PATH = /^\/planes\/([1-9]\d*)\/tablero\/informes\/([1-9]\d{0,9})\/cambios$/;
const INDICATOR_PATH = /^\/planes\/([1-9]\d*)\/indicadores\/([^/]+)$/;

const FIXED_ROUTES = new Map<string, Route>([
  [homePath, { name: "home" }],
  [planListPath, { name: "plan-list" }],
  [newPlanPath, { name: "plan-new" }],
  [loginPath, { name: "login" }],
  [accountPath, { name: "account" }],
  [changePasswordPath, { name: "change-password" }],
  [resetPasswordPath, { name: "reset-password" }],
  [usersPath, { name: "users" }],
  [auditPath, { name: "audit" }],
]);

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const fixed = FIXED_ROUTES.get(path);
  if (fixed !== undefined) return fixed;
  const planMatch = PLAN_PATH.exec(path);
  if (planMatch?.[1] !== undefined) return { name: "plan", planId: Number(planMatch[1]) };
  const pageMatch = PLAN_PAGE_PATH.exec(path);
  if (pageMatch?.[1] !== undefined) {
    const planId = Number(pageMatch[1]);
    if (pageMatch[2] === "editar") return { name: "plan-edit", planId };
    if (pageMatch[2] === "reprogramar") return { name: "plan-reprogram", planId };
    return { name: "plan-versions", planId };
  }
  const dashboardMatch = DASHBOARD_PATH.exec(path);
  if (dashboardMatch?.[1] !== undefined)
    return { name: "plan-dashboard", planId: Number(dashboardMatch[1]) };
  const diffMatch = INFORME_DIFF_PATH.exec(path);
  if (
    diffMatch?.[1] !== undefined &&
    diffMatch[2] !== undefined &&
    Number(diffMatch[2]) <= 2_147_483_647
  )
    return { name: "informe-diff", planId: Number(diffMatch[1]), corteId: Number(diffMatch[2]) };
  const objectiveMatch = DASHBOARD_OBJECTIVE_PATH.exec(path);
  if (objectiveMatch?.[1] !== undefined && objectiveMatch[2] !== undefined) {
    const objectiveCode = safeDecode(objectiveMatch[2]);
    if (objectiveCode !== null)
      return { name: "dashboard-objective", planId: Number(objectiveMatch[1]), objectiveCode };
  }
  const indicatorPageMatch = INDICATOR_PATH.exec(path);
  if (indicatorPageMatch?.[1] !== undefined && indicatorPageMatch[2] !== undefined) {
    const indicatorCode = safeDecode(indicatorPageMatch[2]);
    if (indicatorCode !== null)
      return { name: "indicator", planId: Number(indicatorPageMatch[1]), indicatorCode };
  }
  const indicatorMatch = INDICATOR_EDIT_PATH.exec(path);
  if (indicatorMatch?.[1] !== undefined && indicatorMatch[2] !== undefined) {
    const indicatorCode = safeDecode(indicatorMatch[2]);
    if (indicatorCode !== null) {
      return { name: "indicator-edit", planId: Number(indicatorMatch[1]), indicatorCode };
    }
  }
  return matchSeguimientoRoute(path);
}

function matchSeguimientoRoute(path: string): Route {
  const seguimiento = SEGUIMIENTO_PATH.exec(path);
  if (seguimiento?.[1] !== undefined) {
    const planId = Number(seguimiento[1]);
    if (seguimiento[2] === "revision") return { name: "review-queue", planId };
    if (seguimiento[2] === "cortes") return { name: "cortes", planId };
    return { name: "my-reports", planId };
  }
  const report = REPORT_PATH.exec(path);
  if (report?.[1] !== undefined && report[2] !== undefined && report[3] !== undefined) {
    const indicatorCode = safeDecode(report[2]);
    const period = safeDecode(report[3]);
    if (indicatorCode !== null && period !== null) {
      const planId = Number(report[1]);
      return report[4] === undefined
        ? { name: "report", planId, indicatorCode, period }
        : { name: "report-history", planId, indicatorCode, period };
    }
  }
  return { name: "not-found" };
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
