/**
 * The decisions the policy must make, written by hand as a table, not derived
 * from `policy.ts`: the core test checks `can()` against every row and the
 * server's route test replays the same rows through HTTP. Adding an action or
 * an actor does not compile until its row here is decided.
 *
 * The fixture world: plan 1 is published and has objectives 1.1 (indicator I1,
 * area "Dirección de Talento Humano"), 1.2 (indicator I9, another area) and
 * 1.3; plan 2 is not published.
 */
import type { Action, Actor, Resource } from "./policy.ts";
import { ACTIONS } from "./policy.ts";

export const MATRIX_AREA_TALENTO_HUMANO = "Dirección de Talento Humano";

/** User id of `"otro usuario"`: no matrix actor has it. */
export const MATRIX_OTHER_USER_ID = 999;

export const MATRIX_ACTORS = {
  anónimo: { kind: "anonymous" },
  "administrador global": {
    kind: "user",
    userId: 1,
    area: null,
    assignments: [{ role: "administrador", scope: { kind: "global" } }],
  },
  // Beyond the brief's list: shows that only a global administrador manages accounts.
  "administrador del plan 1": {
    kind: "user",
    userId: 2,
    area: null,
    assignments: [{ role: "administrador", scope: { kind: "plan", planId: 1 } }],
  },
  "planeación del plan 1": {
    kind: "user",
    userId: 3,
    area: "Oficina Asesora de Planeación",
    assignments: [{ role: "planeacion", scope: { kind: "plan", planId: 1 } }],
  },
  "planeación del objetivo 1.2": {
    kind: "user",
    userId: 4,
    area: "Oficina Asesora de Planeación",
    assignments: [
      { role: "planeacion", scope: { kind: "objective", planId: 1, objectiveCode: "1.2" } },
    ],
  },
  "responsable del indicador 1/I1": {
    kind: "user",
    userId: 5,
    area: "Oficina Asesora Jurídica",
    assignments: [
      { role: "responsable", scope: { kind: "indicator", planId: 1, indicatorCode: "I1" } },
    ],
  },
  // Assigned to objective 1.3 only: I1 (objective 1.1) is reachable through the area alone.
  "responsable por área 'Dirección de Talento Humano' con asignación en el plan 1": {
    kind: "user",
    userId: 6,
    area: MATRIX_AREA_TALENTO_HUMANO,
    assignments: [
      { role: "responsable", scope: { kind: "objective", planId: 1, objectiveCode: "1.3" } },
    ],
  },
  // Same area as I1, but no assignment in plan 1: the area alone must not let it report there.
  "responsable de otro plan (plan 2)": {
    kind: "user",
    userId: 7,
    area: MATRIX_AREA_TALENTO_HUMANO,
    assignments: [{ role: "responsable", scope: { kind: "plan", planId: 2 } }],
  },
  "consulta del plan 1": {
    kind: "user",
    userId: 8,
    area: null,
    assignments: [{ role: "consulta", scope: { kind: "plan", planId: 1 } }],
  },
  "consulta global": {
    kind: "user",
    userId: 9,
    area: null,
    assignments: [{ role: "consulta", scope: { kind: "global" } }],
  },
  // Same area as I1 too: an area without any assignment grants nothing.
  "usuario sin asignaciones": {
    kind: "user",
    userId: 10,
    area: MATRIX_AREA_TALENTO_HUMANO,
    assignments: [],
  },
} as const satisfies Record<string, Actor>;

export type MatrixActorName = keyof typeof MATRIX_ACTORS;

/** Every resource except `"usuario propio"`, which depends on the actor (see `matrixResource`). */
export const MATRIX_RESOURCES = {
  "plan 1 publicado": { kind: "plan", planId: 1, published: true },
  "plan 2 sin publicar": { kind: "plan", planId: 2, published: false },
  "objetivo 1.2": { kind: "objective", planId: 1, objectiveCode: "1.2", published: true },
  "indicador I1": {
    kind: "indicator",
    planId: 1,
    objectiveCode: "1.1",
    indicatorCode: "I1",
    responsibleArea: MATRIX_AREA_TALENTO_HUMANO,
    published: true,
  },
  "indicador I9": {
    kind: "indicator",
    planId: 1,
    objectiveCode: "1.2",
    indicatorCode: "I9",
    responsibleArea: "Subdirección de Tecnologías de la Información",
    published: true,
  },
  sistema: { kind: "system" },
  "otro usuario": { kind: "user", userId: MATRIX_OTHER_USER_ID },
} as const satisfies Record<string, Resource>;

export const MATRIX_OWN_USER = "usuario propio";
export type MatrixResourceName = keyof typeof MATRIX_RESOURCES | typeof MATRIX_OWN_USER;

export const MATRIX_RESOURCE_NAMES: readonly MatrixResourceName[] = [
  ...(Object.keys(MATRIX_RESOURCES) as (keyof typeof MATRIX_RESOURCES)[]),
  MATRIX_OWN_USER,
];

/**
 * The resource a row names, as seen by that actor: `"usuario propio"` is the
 * actor's own account; an anonymous visitor has none (`null`).
 */
export function matrixResource(name: MatrixResourceName, actor: Actor): Resource | null {
  if (name !== MATRIX_OWN_USER) return MATRIX_RESOURCES[name];
  return actor.kind === "user" ? { kind: "user", userId: actor.userId } : null;
}

// Short names so each row below fits on one line.
const P1 = "plan 1 publicado";
const P2 = "plan 2 sin publicar";
const O12 = "objetivo 1.2";
const I1 = "indicador I1";
const I9 = "indicador I9";
const SYS = "sistema";
const OWN = MATRIX_OWN_USER;
const OTHER = "otro usuario";
/** Everything inside the published plan 1, readable by anyone (Ley 1712 de 2014). */
const PLAN_1 = [P1, O12, I1, I9] as const;
const ALL_PLANS = [P1, P2, O12, I1, I9] as const;

type Allowed = readonly MatrixResourceName[];

/**
 * Per actor and action, the resources on which the action is ALLOWED; every
 * other resource in `MATRIX_RESOURCE_NAMES` is denied.
 */
// biome-ignore format: one line per action reads as a table.
export const MATRIX_EXPECTED: Record<MatrixActorName, Record<Action, Allowed>> = {
  anónimo: {
    "public": [SYS], "session.read": [], "plan.list": [SYS],
    "plan.read": PLAN_1, "compliance.read": PLAN_1,
    "plan.create": [], "plan.edit": [], "plan.reprogram": [], "plan.publish": [],
    "corte.manage": [], "actuals.import": [],
    "report.submit": [], "report.review": [],
    "user.read": [], "user.manage": [], "audit.read": [],
  },
  "administrador global": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": ALL_PLANS, "compliance.read": ALL_PLANS,
    "plan.create": [SYS], "plan.edit": ALL_PLANS, "plan.reprogram": [P1, P2], "plan.publish": [P1, P2],
    "corte.manage": [P1, P2], "actuals.import": [P1, P2],
    "report.submit": [I1, I9], "report.review": [P1, P2, I1, I9],
    "user.read": [SYS, OWN, OTHER], "user.manage": [SYS, OWN, OTHER], "audit.read": [SYS],
  },
  "administrador del plan 1": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": PLAN_1, "compliance.read": PLAN_1,
    "plan.create": [], "plan.edit": PLAN_1, "plan.reprogram": [P1], "plan.publish": [P1],
    "corte.manage": [P1], "actuals.import": [P1],
    "report.submit": [I1, I9], "report.review": [P1, I1, I9],
    "user.read": [OWN], "user.manage": [], "audit.read": [],
  },
  "planeación del plan 1": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": PLAN_1, "compliance.read": PLAN_1,
    "plan.create": [], "plan.edit": PLAN_1, "plan.reprogram": [P1], "plan.publish": [P1],
    "corte.manage": [P1], "actuals.import": [P1],
    "report.submit": [], "report.review": [P1, I1, I9],
    "user.read": [OWN], "user.manage": [], "audit.read": [],
  },
  "planeación del objetivo 1.2": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": PLAN_1, "compliance.read": PLAN_1,
    "plan.create": [], "plan.edit": [O12, I9], "plan.reprogram": [], "plan.publish": [],
    "corte.manage": [], "actuals.import": [],
    "report.submit": [], "report.review": [I9],
    "user.read": [OWN], "user.manage": [], "audit.read": [],
  },
  "responsable del indicador 1/I1": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": PLAN_1, "compliance.read": PLAN_1,
    "plan.create": [], "plan.edit": [], "plan.reprogram": [], "plan.publish": [],
    "corte.manage": [], "actuals.import": [],
    "report.submit": [I1], "report.review": [],
    "user.read": [OWN], "user.manage": [], "audit.read": [],
  },
  "responsable por área 'Dirección de Talento Humano' con asignación en el plan 1": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": PLAN_1, "compliance.read": PLAN_1,
    "plan.create": [], "plan.edit": [], "plan.reprogram": [], "plan.publish": [],
    "corte.manage": [], "actuals.import": [],
    "report.submit": [I1], "report.review": [],
    "user.read": [OWN], "user.manage": [], "audit.read": [],
  },
  "responsable de otro plan (plan 2)": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": ALL_PLANS, "compliance.read": ALL_PLANS,
    "plan.create": [], "plan.edit": [], "plan.reprogram": [], "plan.publish": [],
    "corte.manage": [], "actuals.import": [],
    "report.submit": [], "report.review": [],
    "user.read": [OWN], "user.manage": [], "audit.read": [],
  },
  "consulta del plan 1": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": PLAN_1, "compliance.read": PLAN_1,
    "plan.create": [], "plan.edit": [], "plan.reprogram": [], "plan.publish": [],
    "corte.manage": [], "actuals.import": [],
    "report.submit": [], "report.review": [],
    "user.read": [OWN], "user.manage": [], "audit.read": [],
  },
  "consulta global": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": ALL_PLANS, "compliance.read": ALL_PLANS,
    "plan.create": [], "plan.edit": [], "plan.reprogram": [], "plan.publish": [],
    "corte.manage": [], "actuals.import": [],
    "report.submit": [], "report.review": [],
    "user.read": [OWN], "user.manage": [], "audit.read": [],
  },
  "usuario sin asignaciones": {
    "public": [SYS], "session.read": [SYS], "plan.list": [SYS],
    "plan.read": PLAN_1, "compliance.read": PLAN_1,
    "plan.create": [], "plan.edit": [], "plan.reprogram": [], "plan.publish": [],
    "corte.manage": [], "actuals.import": [],
    "report.submit": [], "report.review": [],
    "user.read": [OWN], "user.manage": [], "audit.read": [],
  },
};

export type MatrixRow = {
  actorName: MatrixActorName;
  actor: Actor;
  action: Action;
  resourceName: MatrixResourceName;
  resource: Resource;
  allowed: boolean;
};

/**
 * Every actor × action × resource, with the expected decision. Includes
 * resources an action does not apply to (all denied); a route-level test can
 * keep only `ACTION_RULES[row.action].resources.includes(row.resource.kind)`.
 */
export const MATRIX_ROWS: readonly MatrixRow[] = (
  Object.keys(MATRIX_ACTORS) as MatrixActorName[]
).flatMap((actorName) => {
  const actor: Actor = MATRIX_ACTORS[actorName];
  return ACTIONS.flatMap((action) =>
    MATRIX_RESOURCE_NAMES.flatMap((resourceName) => {
      const resource = matrixResource(resourceName, actor);
      if (resource === null) return [];
      const allowed = MATRIX_EXPECTED[actorName][action].includes(resourceName);
      return [{ actorName, actor, action, resourceName, resource, allowed }];
    }),
  );
});
