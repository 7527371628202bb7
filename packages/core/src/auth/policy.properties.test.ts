import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTION_RULES,
  ACTIONS,
  type Action,
  type Actor,
  type Assignment,
  can,
  decide,
  type Resource,
  ROLES,
  type Role,
  type Scope,
} from "./policy.ts";

const RUNS = { numRuns: 2000 };

/** Written here, not read from the policy, so a write action marked as a read is caught. */
const WRITE_ACTIONS: readonly Action[] = [
  "plan.create",
  "plan.edit",
  "plan.reprogram",
  "plan.publish",
  "corte.manage",
  "actuals.import",
  "report.submit",
  "report.review",
  "user.manage",
];
const ANONYMOUS_ACTIONS: readonly Action[] = [
  "public",
  "plan.list",
  "plan.read",
  "compliance.read",
];

// Few plans, codes and areas, so scopes and resources overlap often.
const planId = fc.integer({ min: 1, max: 3 });
const objectiveCode = fc.constantFrom("1.1", "1.2", "2.1");
const indicatorCode = fc.constantFrom("I1", "I2", "I9");
const area = fc.constantFrom(
  null,
  "",
  "Dirección de Talento Humano",
  "direccion de talento humano",
  "Oficina Jurídica",
);

const scope: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant({ kind: "global" as const }),
  planId.map((id) => ({ kind: "plan" as const, planId: id })),
  fc.record({ kind: fc.constant("objective" as const), planId, objectiveCode }),
  fc.record({ kind: fc.constant("indicator" as const), planId, indicatorCode }),
);
const role = fc.constantFrom(...ROLES);
const assignment = (roles: fc.Arbitrary<Role>): fc.Arbitrary<Assignment> =>
  fc.record({ role: roles, scope });
const user = (roles: fc.Arbitrary<Role>): fc.Arbitrary<Actor> =>
  fc.record({
    kind: fc.constant("user" as const),
    userId: fc.integer({ min: 1, max: 4 }),
    area,
    assignments: fc.array(assignment(roles), { maxLength: 4 }),
  });
const actor: fc.Arbitrary<Actor> = fc.oneof(
  fc.constant({ kind: "anonymous" as const }),
  user(role),
);

const resource: fc.Arbitrary<Resource> = fc.oneof(
  fc.constant({ kind: "system" as const }),
  fc.record({ kind: fc.constant("plan" as const), planId, published: fc.boolean() }),
  fc.record({
    kind: fc.constant("objective" as const),
    planId,
    objectiveCode,
    published: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("indicator" as const),
    planId,
    objectiveCode,
    indicatorCode,
    responsibleArea: area,
    published: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("user" as const), userId: fc.integer({ min: 1, max: 4 }) }),
);
const action = fc.constantFrom(...ACTIONS);

describe("propiedades de la política", () => {
  it("las acciones que escriben son exactamente las que la política marca como escritura", () => {
    expect(ACTIONS.filter((a) => ACTION_RULES[a].writes).sort()).toEqual([...WRITE_ACTIONS].sort());
  });

  it("un visitante anónimo solo accede a lo público, a la lista de planes y a lo publicado", () => {
    fc.assert(
      fc.property(action, resource, (a, r) => {
        if (!ANONYMOUS_ACTIONS.includes(a)) expect(can({ kind: "anonymous" }, a, r)).toBe(false);
      }),
      RUNS,
    );
  });

  it("un visitante anónimo nunca ve algo sin publicar", () => {
    fc.assert(
      fc.property(action, resource, (a, r) => {
        if ("published" in r && !r.published) expect(can({ kind: "anonymous" }, a, r)).toBe(false);
      }),
      RUNS,
    );
  });

  it("consulta nunca puede una acción que escribe, tenga el alcance y el área que tenga", () => {
    fc.assert(
      fc.property(
        user(fc.constant("consulta")),
        fc.constantFrom(...WRITE_ACTIONS),
        resource,
        (u, a, r) => {
          expect(can(u, a, r)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it("planeación y consulta nunca reportan avances", () => {
    fc.assert(
      fc.property(user(fc.constantFrom("planeacion", "consulta")), resource, (u, r) => {
        expect(can(u, "report.submit", r)).toBe(false);
      }),
      RUNS,
    );
  });

  it("sumar una asignación nunca quita un permiso", () => {
    fc.assert(
      fc.property(user(role), assignment(role), action, resource, (u, extra, a, r) => {
        if (u.kind !== "user" || !can(u, a, r)) return;
        expect(can({ ...u, assignments: [...u.assignments, extra] }, a, r)).toBe(true);
      }),
      RUNS,
    );
  });

  it("sin asignaciones un usuario puede lo mismo que el anónimo, más su sesión y su propia cuenta", () => {
    fc.assert(
      fc.property(user(role), action, resource, (u, a, r) => {
        if (u.kind !== "user") return;
        const bare: Actor = { ...u, assignments: [] };
        const own = a === "user.read" && r.kind === "user" && r.userId === u.userId;
        const session = a === "session.read" && r.kind === "system";
        expect(can(bare, a, r)).toBe(can({ kind: "anonymous" }, a, r) || own || session);
      }),
      RUNS,
    );
  });

  it("decide() y can() coinciden, y la razón empieza por Permitido o Denegado", () => {
    fc.assert(
      fc.property(actor, action, resource, (who, a, r) => {
        const decision = decide(who, a, r);
        expect(decision.allowed).toBe(can(who, a, r));
        expect(decision.reason).toMatch(decision.allowed ? /^Permitido: \S/ : /^Denegado: \S/);
      }),
      RUNS,
    );
  });
});
