/**
 * How a refused request is answered. A refusal must not reveal which plans
 * exist: a plan the actor may not even read is refused exactly as a plan that
 * does not exist.
 * - Anonymous visitors are asked to sign in, whether the plan is missing or
 *   unpublished: signing in is the way to see an unpublished plan, so the web
 *   can send them to the login page and bring them back.
 * - A signed-in user who may not read the plan is told it does not exist.
 * - Only someone who may read the plan learns that the action itself is
 *   forbidden (a consulta user sees the plan and is refused its edition).
 */
import { type Actor, can, type Resource } from "./policy.ts";
import { resourcePlanId } from "./scope.ts";

export type Refusal = "sign-in" | "not-found" | "forbidden";

/** The refusal for a request the policy denied; `resource` is null when it does not exist. */
export function refusalFor(actor: Actor, resource: Resource | null): Refusal {
  if (actor.kind === "anonymous") return "sign-in";
  if (resource === null) return "not-found";
  if (resourcePlanId(resource) !== null && !can(actor, "plan.read", resource)) return "not-found";
  return "forbidden";
}
