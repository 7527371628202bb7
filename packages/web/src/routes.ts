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
  const indicatorMatch = INDICATOR_EDIT_PATH.exec(path);
  if (indicatorMatch?.[1] !== undefined && indicatorMatch[2] !== undefined) {
    const indicatorCode = safeDecode(indicatorMatch[2]);
    if (indicatorCode !== null) {
      return { name: "indicator-edit", planId: Number(indicatorMatch[1]), indicatorCode };
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
