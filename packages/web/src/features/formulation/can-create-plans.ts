import type { Assignment } from "@rumbo/core";

/**
 * Whether to offer "Nuevo plan" and "Importar plan": planeación or
 * administración with a global scope. A label decision only: the server's
 * policy ("plan.create" needs a global scope) answers 403 to anyone else.
 */
export function canCreatePlans(assignments: readonly Assignment[]): boolean {
  return assignments.some(
    (a) => (a.role === "planeacion" || a.role === "administrador") && a.scope.kind === "global",
  );
}
