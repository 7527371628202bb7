/** Every URL the web app answers; the server falls back to index.html for them. */

export type Route =
  | { name: "home" }
  | { name: "plan-list" }
  | { name: "plan"; planId: number }
  | { name: "not-found" };

export const homePath = "/";
export const planListPath = "/planes";

export function planPath(planId: number): string {
  return `${planListPath}/${planId}`;
}

const PLAN_PATH = /^\/planes\/([1-9]\d*)$/;

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (path === homePath) return { name: "home" };
  if (path === planListPath) return { name: "plan-list" };
  const planMatch = PLAN_PATH.exec(path);
  if (planMatch?.[1] !== undefined) return { name: "plan", planId: Number(planMatch[1]) };
  return { name: "not-found" };
}
