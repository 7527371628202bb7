/**
 * Who may do what in Rumbo (docs/decisions/0004-accounts-and-access.md). Every HTTP
 * route asks `can` or `decide` and never re-implements a check, so this file
 * is the whole policy. To audit it read two tables:
 *
 * 1. `ACTION_RULES`: per action, the resources it applies to and who may do
 *    it without any role (anyone, any signed-in user, anyone if the plan is
 *    published, the owner of an account).
 * 2. `ROLE_GRANTS`: per role, the actions it allows and how far the
 *    assignment's scope must reach for each one.
 *
 * Deny by default: anything neither table allows is denied. Roles are not
 * ordered (an administrador is not "planeación plus more"); each row is
 * written out so nothing is inherited by accident.
 */
import { assertUnreachable } from "./assert-unreachable.ts";
import {
  describeResource,
  describeScope,
  resourcePlanId,
  sameArea,
  scopeCovers,
  scopeInPlan,
} from "./scope.ts";

export const ROLES = ["administrador", "planeacion", "responsable", "consulta"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrador: "administrador",
  planeacion: "planeación",
  responsable: "responsable",
  consulta: "consulta",
};

export type Scope =
  | { kind: "global" }
  | { kind: "plan"; planId: number }
  | { kind: "objective"; planId: number; objectiveCode: string }
  | { kind: "indicator"; planId: number; indicatorCode: string };

export type Assignment = { role: Role; scope: Scope };

export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; userId: number; area: string | null; assignments: readonly Assignment[] };

export const ACTIONS = [
  "public",
  "session.read",
  "plan.list",
  "plan.read",
  "compliance.read",
  "plan.create",
  "plan.edit",
  "plan.reprogram",
  "plan.publish",
  "corte.manage",
  "actuals.import",
  "report.submit",
  "report.review",
  "user.read",
  "user.manage",
  "audit.read",
] as const;
export type Action = (typeof ACTIONS)[number];

export type Resource =
  | { kind: "system" }
  | { kind: "plan"; planId: number; published: boolean }
  | { kind: "objective"; planId: number; objectiveCode: string; published: boolean }
  | {
      kind: "indicator";
      planId: number;
      objectiveCode: string;
      indicatorCode: string;
      responsibleArea: string | null;
      /**
       * The area whose share of the indicator is at stake, when several areas
       * report it (ficha `reportingAreas`): then that area, not the ficha's
       * responsible one, is the one whose responsable may report.
       */
      shareArea?: string;
      published: boolean;
    }
  | { kind: "user"; userId: number };
export type ResourceKind = Resource["kind"];

/** `reason` is Spanish and meant for the audit log and for debugging, not for end users. */
export type Decision = { allowed: boolean; reason: string };

/**
 * Who may act without holding a role:
 * - `anyone`: also anonymous visitors (health, login, the list of plans).
 * - `signed-in`: any user with a session, with or without assignments.
 * - `published`: anyone, when the plan is published (Ley 1712 de 2014: published
 *   plans and their follow-up are public).
 * - `own-account`: a user on their own `{ kind: "user" }` resource.
 * - `none`: only a role grant allows it.
 */
export type OpenRule = "anyone" | "signed-in" | "published" | "own-account" | "none";

export type ActionRule = {
  /** Spanish name of the action, used in `decide` reasons. */
  label: string;
  /** Resource kinds the action applies to; any other kind is denied. */
  resources: readonly ResourceKind[];
  open: OpenRule;
  /** Changes data; consulta and anonymous visitors may never do these. */
  writes: boolean;
};

// biome-ignore format: one row per action reads as a table.
export const ACTION_RULES: Record<Action, ActionRule> = {
  "public":          { label: "acceder a lo público",       resources: ["system"],                           open: "anyone",      writes: false },
  "session.read":    { label: "consultar la propia sesión", resources: ["system"],                           open: "signed-in",   writes: false },
  "plan.list":       { label: "listar los planes",          resources: ["system"],                           open: "anyone",      writes: false },
  "plan.read":       { label: "ver el plan",                resources: ["plan", "objective", "indicator"],   open: "published",   writes: false },
  "compliance.read": { label: "ver el cumplimiento",        resources: ["plan", "objective", "indicator"],   open: "published",   writes: false },
  "plan.create":     { label: "crear planes",               resources: ["system"],                           open: "none",        writes: true },
  "plan.edit":       { label: "editar el plan",             resources: ["plan", "objective", "indicator"],   open: "none",        writes: true },
  "plan.reprogram":  { label: "reprogramar el plan",        resources: ["plan"],                             open: "none",        writes: true },
  "plan.publish":    { label: "publicar el plan",           resources: ["plan"],                             open: "none",        writes: true },
  "corte.manage":    { label: "gestionar los cortes",       resources: ["plan"],                             open: "none",        writes: true },
  "actuals.import":  { label: "importar avances",           resources: ["plan"],                             open: "none",        writes: true },
  "report.submit":   { label: "reportar avances",           resources: ["indicator"],                        open: "none",        writes: true },
  "report.review":   { label: "revisar reportes de avance", resources: ["plan", "indicator"],                open: "none",        writes: true },
  "user.read":       { label: "ver usuarios",               resources: ["system", "user"],                   open: "own-account", writes: false },
  "user.manage":     { label: "administrar usuarios",       resources: ["system", "user"],                   open: "none",        writes: true },
  "audit.read":      { label: "consultar la auditoría",     resources: ["system"],                           open: "none",        writes: false },
};

/**
 * How far an assignment's scope must reach for a grant to apply:
 * - `global`: only a global assignment.
 * - `covers`: the scope covers the resource (see `scopeCovers`).
 * - `in-plan`: the scope is global or anywhere inside the resource's plan.
 * - `covers-or-area`: covers the indicator, or the scope is in the indicator's
 *   plan and the user's area is the indicator's responsible area (for the share
 *   of one of several reporting areas: that area). Reporting is
 *   organised by area (the responsable, or gerente de meta, answers for
 *   the metas of an area), so an area
 *   need not be assigned indicator by indicator; requiring an assignment in the
 *   plan keeps an area from reporting in plans it has no part in.
 */
export type Reach = "global" | "covers" | "in-plan" | "covers-or-area";

/**
 * Role → action → reach. An action missing from a role's row is denied to
 * that role. Consulta has no write action (`ACTION_RULES[action].writes`).
 */
export const ROLE_GRANTS: Record<Role, Partial<Record<Action, Reach>>> = {
  administrador: {
    "plan.read": "in-plan",
    "compliance.read": "in-plan",
    "plan.create": "global",
    "plan.edit": "covers",
    "plan.reprogram": "covers",
    "plan.publish": "covers",
    "corte.manage": "covers",
    "actuals.import": "covers",
    "report.submit": "covers",
    "report.review": "covers",
    // Accounts and the audit log span every plan, so a plan-scoped
    // administrador must not see or change them.
    "user.read": "global",
    "user.manage": "global",
    "audit.read": "global",
  },
  planeacion: {
    "plan.read": "in-plan",
    "compliance.read": "in-plan",
    "plan.create": "global",
    // An objective-scoped planeación edits only its objective and indicators:
    // `covers` never reaches the plan itself from an objective scope.
    "plan.edit": "covers",
    "plan.reprogram": "covers",
    "plan.publish": "covers",
    "corte.manage": "covers",
    "actuals.import": "covers",
    // The Oficina Asesora de Planeación reviews reports; it does not submit
    // them, so it never grades its own work.
    "report.review": "covers",
  },
  responsable: {
    "plan.read": "in-plan",
    "compliance.read": "in-plan",
    "report.submit": "covers-or-area",
  },
  consulta: {
    "plan.read": "in-plan",
    "compliance.read": "in-plan",
  },
};

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  return decide(actor, action, resource).allowed;
}

export function decide(actor: Actor, action: Action, resource: Resource): Decision {
  const rule = ACTION_RULES[action];
  const what = `«${rule.label}» (${action})`;
  const target = describeResource(resource);
  if (!rule.resources.includes(resource.kind)) {
    return deny(`${what} no se aplica sobre ${target}.`);
  }
  const open = openDecision(actor, rule, resource, what, target);
  if (open !== null) return open;
  const unpublished = rule.open === "published" ? `${target} no está publicado y ` : "";
  if (actor.kind === "anonymous") return deny(`${unpublished}${what} requiere iniciar sesión.`);
  return grantDecision(actor, action, resource, what, target, unpublished);
}

function openDecision(
  actor: Actor,
  rule: ActionRule,
  resource: Resource,
  what: string,
  target: string,
): Decision | null {
  switch (rule.open) {
    case "anyone":
      return allow(`${what} está abierto a cualquiera, también sin sesión.`);
    case "signed-in":
      return actor.kind === "user"
        ? allow(`${what} está disponible para cualquier usuario con sesión.`)
        : null;
    case "published":
      return isPublished(resource)
        ? allow(`${target} está publicado y cualquiera puede verlo (Ley 1712 de 2014).`)
        : null;
    case "own-account":
      return actor.kind === "user" && resource.kind === "user" && resource.userId === actor.userId
        ? allow(`el usuario ${actor.userId} consulta su propia cuenta.`)
        : null;
    case "none":
      return null;
    default:
      return assertUnreachable(rule.open);
  }
}

function isPublished(resource: Resource): boolean {
  switch (resource.kind) {
    case "plan":
    case "objective":
    case "indicator":
      return resource.published;
    case "system":
    case "user":
      return false;
    default:
      return assertUnreachable(resource);
  }
}

type User = Extract<Actor, { kind: "user" }>;

function grantDecision(
  actor: User,
  action: Action,
  resource: Resource,
  what: string,
  target: string,
  unpublished: string,
): Decision {
  const who = `el usuario ${actor.userId}`;
  if (actor.assignments.length === 0) {
    return deny(`${unpublished}${who} no tiene roles asignados.`);
  }
  const holders: Assignment[] = [];
  for (const assignment of actor.assignments) {
    const reach = ROLE_GRANTS[assignment.role][action];
    if (reach === undefined) continue;
    holders.push(assignment);
    const because = reachReason(reach, assignment.scope, actor, resource, target);
    if (because !== null) {
      return allow(
        `${who} tiene el rol ${ROLE_LABELS[assignment.role]} con ${describeScope(assignment.scope)}, que permite ${what}: ${because}.`,
      );
    }
  }
  if (holders.length === 0) {
    const roles = unique(actor.assignments.map((a) => ROLE_LABELS[a.role])).join(", ");
    return deny(`${unpublished}${who} (${roles}) no tiene ningún rol que permita ${what}.`);
  }
  const scopes = holders
    .map((a) => `${ROLE_LABELS[a.role]} con ${describeScope(a.scope)}`)
    .join("; ");
  const needed = new Set(holders.map((a) => ROLE_GRANTS[a.role][action]));
  return deny(
    `${unpublished}${who} es ${scopes}, y ${missingReach(needed, ACTION_RULES[action].label, resource, target)}.`,
  );
}

/** Why the scope reaches the resource, or `null` when it does not. */
function reachReason(
  reach: Reach,
  scope: Scope,
  actor: User,
  resource: Resource,
  target: string,
): string | null {
  switch (reach) {
    case "global":
      return scope.kind === "global" ? "el alcance es global" : null;
    case "covers":
      return scopeCovers(scope, resource) ? `el alcance cubre ${target}` : null;
    case "in-plan":
      if (!scopeInPlan(scope, resource)) return null;
      return scope.kind === "global"
        ? "el alcance es global"
        : `el alcance está dentro del plan ${scope.planId}`;
    case "covers-or-area":
      if (scopeCovers(scope, resource)) return `el alcance cubre ${target}`;
      if (resource.kind !== "indicator" || !scopeInPlan(scope, resource)) return null;
      if (resource.shareArea !== undefined) {
        return sameArea(actor.area, resource.shareArea)
          ? `su área (${actor.area}) reporta su parte del indicador ${resource.indicatorCode} y tiene una asignación en el plan ${resource.planId}`
          : null;
      }
      if (sameArea(actor.area, resource.responsibleArea)) {
        return `su área (${actor.area}) es el área responsable del indicador ${resource.indicatorCode} y tiene una asignación en el plan ${resource.planId}`;
      }
      return null;
    default:
      return assertUnreachable(reach);
  }
}

/** What the user's grants of the action would have needed, for the denial reason. */
function missingReach(
  reaches: ReadonlySet<Reach | undefined>,
  label: string,
  resource: Resource,
  target: string,
): string {
  if (reaches.has("covers-or-area")) {
    return `ningún alcance cubre ${target} ni su área es el área responsable con una asignación en ese plan`;
  }
  if (reaches.has("covers")) return `ningún alcance cubre ${target}`;
  const planId = resourcePlanId(resource);
  if (reaches.has("in-plan") && planId !== null) {
    return `ningún alcance está dentro del plan ${planId}`;
  }
  return `«${label}» exige alcance global`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function allow(reason: string): Decision {
  return { allowed: true, reason: `Permitido: ${reason}` };
}

function deny(reason: string): Decision {
  return { allowed: false, reason: `Denegado: ${reason}` };
}
