/**
 * How far an assignment's scope reaches, and the Spanish words the policy
 * uses to explain it. Kept apart from the tables in `policy.ts` so the tables
 * stay short enough to audit at a glance.
 */
import { assertUnreachable } from "./assert-unreachable.ts";
import type { Resource, Scope } from "./policy.ts";

/** The plan a resource belongs to; the system and user accounts belong to none. */
export function resourcePlanId(resource: Resource): number | null {
  switch (resource.kind) {
    case "plan":
    case "objective":
    case "indicator":
      return resource.planId;
    case "system":
    case "user":
      return null;
    default:
      return assertUnreachable(resource);
  }
}

/**
 * "Covers": global covers everything; a plan scope covers the plan and every
 * objective and indicator in it; an objective scope covers that objective and
 * its indicators; an indicator scope covers that indicator only. Codes are
 * compared within one plan because plans reuse codes ("1.2", "I1").
 */
export function scopeCovers(scope: Scope, resource: Resource): boolean {
  switch (scope.kind) {
    case "global":
      return true;
    case "plan":
      return resourcePlanId(resource) === scope.planId;
    case "objective":
      switch (resource.kind) {
        case "objective":
        case "indicator":
          return resource.planId === scope.planId && resource.objectiveCode === scope.objectiveCode;
        case "system":
        case "plan":
        case "user":
          return false;
        default:
          return assertUnreachable(resource);
      }
    case "indicator":
      return (
        resource.kind === "indicator" &&
        resource.planId === scope.planId &&
        resource.indicatorCode === scope.indicatorCode
      );
    default:
      return assertUnreachable(scope);
  }
}

/**
 * True when the scope is global or lies anywhere inside the resource's plan.
 * Reading a plan needs only this much: whoever works on one indicator must
 * see the plan it belongs to.
 */
export function scopeInPlan(scope: Scope, resource: Resource): boolean {
  if (scope.kind === "global") return true;
  return resourcePlanId(resource) === scope.planId;
}

/**
 * Areas are typed by hand in user accounts and in fichas técnicas, so
 * "Dirección de Talento Humano", "direccion de talento  humano " and
 * "DIRECCIÓN DE TALENTO HUMANO" must name the same area.
 */
export function normalizeArea(area: string): string {
  return area.normalize("NFD").replace(/\p{M}/gu, "").replace(/\s+/g, " ").trim().toLowerCase();
}

/** An empty or missing area never matches, or every user without an area would match every indicator without one. */
export function sameArea(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const left = normalizeArea(a);
  return left !== "" && left === normalizeArea(b);
}

export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case "global":
      return "alcance global";
    case "plan":
      return `alcance del plan ${scope.planId}`;
    case "objective":
      return `alcance del objetivo ${scope.objectiveCode} del plan ${scope.planId}`;
    case "indicator":
      return `alcance del indicador ${scope.indicatorCode} del plan ${scope.planId}`;
    default:
      return assertUnreachable(scope);
  }
}

export function describeResource(resource: Resource): string {
  switch (resource.kind) {
    case "system":
      return "el sistema";
    case "plan":
      return `el plan ${resource.planId}`;
    case "objective":
      return `el objetivo ${resource.objectiveCode} del plan ${resource.planId}`;
    case "indicator":
      return resource.shareArea === undefined
        ? `el indicador ${resource.indicatorCode} del plan ${resource.planId}`
        : `la parte de ${resource.shareArea} en el indicador ${resource.indicatorCode} del plan ${resource.planId}`;
    case "user":
      return `el usuario ${resource.userId}`;
    default:
      return assertUnreachable(resource);
  }
}
