/**
 * Spanish names of roles and scopes. These are labels only: what a person may
 * do is decided by the server's policy (GET /api/plans/:id/permissions and the
 * 403 answers), never recomputed here.
 */
import type { Assignment, Role, Scope } from "@rumbo/core";
import { assertUnreachable } from "@rumbo/core";

/** In the order the accounts screen offers them. */
export const ROLE_OPTIONS = [
  "administrador",
  "planeacion",
  "responsable",
  "consulta",
] as const satisfies readonly Role[];

export const ROLE_NAMES: Record<Role, string> = {
  administrador: "Administración",
  planeacion: "Planeación",
  responsable: "Responsable",
  consulta: "Consulta",
};

/** "global", "plan 1", "plan 1, objetivo 3", "plan 1, indicador 78". */
export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case "global":
      return "global";
    case "plan":
      return `plan ${scope.planId}`;
    case "objective":
      return `plan ${scope.planId}, objetivo ${scope.objectiveCode}`;
    case "indicator":
      return `plan ${scope.planId}, indicador ${scope.indicatorCode}`;
    default:
      return assertUnreachable(scope);
  }
}

/** "Responsable (plan 1, objetivo 3)". */
export function describeAssignment(assignment: Assignment): string {
  return `${ROLE_NAMES[assignment.role]} (${describeScope(assignment.scope)})`;
}

export function describeAssignments(assignments: readonly Assignment[]): string {
  return assignments.length === 0 ? "Sin roles" : assignments.map(describeAssignment).join("; ");
}

/**
 * Whether to show the links to Cuentas and Auditoría. A label decision only:
 * the server answers 403 to anyone else whatever the web shows.
 */
export function isGlobalAdministrator(assignments: readonly Assignment[]): boolean {
  return assignments.some((a) => a.role === "administrador" && a.scope.kind === "global");
}

/**
 * The plan whose indicators a responsable reports (the first one named in
 * their assignments), for the «Mis indicadores» link; null for anyone else.
 */
export function reportingPlanOf(assignments: readonly Assignment[]): number | null {
  for (const { role, scope } of assignments) {
    if (role === "responsable" && scope.kind !== "global") return scope.planId;
  }
  return null;
}
