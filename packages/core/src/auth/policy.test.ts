import { describe, expect, it } from "vitest";
import {
  MATRIX_ACTORS,
  MATRIX_AREA_TALENTO_HUMANO,
  MATRIX_EXPECTED,
  MATRIX_RESOURCE_NAMES,
  MATRIX_RESOURCES,
  MATRIX_ROWS,
  type MatrixActorName,
} from "./authorization-matrix.ts";
import {
  ACTION_RULES,
  ACTIONS,
  type Actor,
  type Assignment,
  can,
  decide,
  type Resource,
  ROLE_GRANTS,
  ROLES,
  type Scope,
} from "./policy.ts";
import { sameArea } from "./scope.ts";

const ACTOR_NAMES = Object.keys(MATRIX_ACTORS) as MatrixActorName[];

const user = (userId: number, assignments: Assignment[], area: string | null = null): Actor => ({
  kind: "user",
  userId,
  area,
  assignments,
});
const GLOBAL: Scope = { kind: "global" };
const plan = (planId: number, published = false): Resource => ({ kind: "plan", planId, published });
const indicator = (
  planId: number,
  objectiveCode: string,
  indicatorCode: string,
  responsibleArea: string | null = null,
): Resource => ({
  kind: "indicator",
  planId,
  objectiveCode,
  indicatorCode,
  responsibleArea,
  published: false,
});
const ANONYMOUS: Actor = { kind: "anonymous" };
const { sistema: SYSTEM } = MATRIX_RESOURCES;

describe("matriz de autorización: can() decide lo que dice la tabla escrita a mano", () => {
  it.each(ACTOR_NAMES)("%s", (actorName) => {
    const wrong = MATRIX_ROWS.filter((row) => row.actorName === actorName)
      .filter((row) => can(row.actor, row.action, row.resource) !== row.allowed)
      .map((row) => ({
        action: row.action,
        resource: row.resourceName,
        expected: row.allowed,
        reason: decide(row.actor, row.action, row.resource).reason,
      }));
    expect(wrong).toEqual([]);
  });

  it("cubre cada actor × cada acción × cada recurso (el anónimo no tiene cuenta propia)", () => {
    const perActor = ACTIONS.length * MATRIX_RESOURCE_NAMES.length;
    expect(MATRIX_ROWS).toHaveLength(ACTOR_NAMES.length * perActor - ACTIONS.length);
    expect(MATRIX_ROWS).toHaveLength(1392);
  });

  it("cada acción de ACTIONS tiene su fila decidida para cada actor, y no hay acciones de más", () => {
    for (const actorName of ACTOR_NAMES) {
      expect(Object.keys(MATRIX_EXPECTED[actorName]).sort(), actorName).toEqual(
        [...ACTIONS].sort(),
      );
    }
  });

  it("cada rol de ROLES aparece en algún actor de la matriz", () => {
    const roles = new Set(
      Object.values(MATRIX_ACTORS).flatMap((actor) =>
        actor.kind === "user" ? actor.assignments.map((a) => a.role) : [],
      ),
    );
    expect([...roles].sort()).toEqual([...ROLES].sort());
  });

  it("cada acción se permite a alguien y se niega a alguien en la matriz", () => {
    for (const action of ACTIONS) {
      const rows = MATRIX_ROWS.filter((row) => row.action === action);
      expect(
        rows.some((row) => row.allowed),
        `${action} permitido`,
      ).toBe(true);
      expect(
        rows.some((row) => !row.allowed),
        `${action} negado`,
      ).toBe(true);
    }
  });

  it("las tablas de la política deciden cada acción y cada rol", () => {
    expect(Object.keys(ACTION_RULES).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(ROLE_GRANTS).sort()).toEqual([...ROLES].sort());
  });

  it("los actores de la matriz tienen identificadores distintos", () => {
    const ids = Object.values(MATRIX_ACTORS).flatMap((a) => (a.kind === "user" ? [a.userId] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("responsables y áreas", () => {
  const talento = user(
    20,
    [{ role: "responsable", scope: { kind: "objective", planId: 1, objectiveCode: "1.3" } }],
    "  direccion de TALENTO   humano ",
  );

  it("un responsable reporta los indicadores de su área aunque no se le hayan asignado uno a uno", () => {
    expect(
      can(talento, "report.submit", indicator(1, "1.1", "I1", MATRIX_AREA_TALENTO_HUMANO)),
    ).toBe(true);
    expect(
      can(talento, "report.submit", indicator(1, "1.1", "I2", MATRIX_AREA_TALENTO_HUMANO)),
    ).toBe(true);
    expect(can(talento, "report.submit", indicator(1, "1.1", "I3", "Dirección Jurídica"))).toBe(
      false,
    );
  });

  it("el área se compara sin importar mayúsculas, tildes ni espacios", () => {
    expect(sameArea("Dirección de Talento Humano", " DIRECCION  de talento humano")).toBe(true);
    expect(sameArea("Dirección de Talento Humano", "Dirección de Talento")).toBe(false);
  });

  it("un área vacía o ausente nunca coincide, ni siquiera con otra vacía", () => {
    const withoutArea = user(21, [{ role: "responsable", scope: { kind: "plan", planId: 2 } }], "");
    expect(can(withoutArea, "report.submit", indicator(1, "1.1", "I1", ""))).toBe(false);
    expect(sameArea(null, null)).toBe(false);
    expect(sameArea("  ", " ")).toBe(false);
  });

  it("el área sola no basta: sin una asignación de responsable en ese plan no se reporta", () => {
    const otherPlan = user(
      22,
      [{ role: "responsable", scope: { kind: "plan", planId: 2 } }],
      MATRIX_AREA_TALENTO_HUMANO,
    );
    expect(
      can(otherPlan, "report.submit", indicator(1, "1.1", "I1", MATRIX_AREA_TALENTO_HUMANO)),
    ).toBe(false);
    // A consulta assignment in plan 1 is not a reporting assignment there.
    const consultaToo = user(
      23,
      [
        { role: "responsable", scope: { kind: "plan", planId: 2 } },
        { role: "consulta", scope: { kind: "plan", planId: 1 } },
      ],
      MATRIX_AREA_TALENTO_HUMANO,
    );
    expect(
      can(consultaToo, "report.submit", indicator(1, "1.1", "I1", MATRIX_AREA_TALENTO_HUMANO)),
    ).toBe(false);
  });

  it("un responsable global reporta cualquier indicador", () => {
    const global = user(24, [{ role: "responsable", scope: GLOBAL }]);
    expect(can(global, "report.submit", indicator(7, "3.1", "I40"))).toBe(true);
  });

  it("un responsable de un objetivo reporta los indicadores de ese objetivo y no los de otro", () => {
    const objective = user(25, [
      { role: "responsable", scope: { kind: "objective", planId: 1, objectiveCode: "1.2" } },
    ]);
    expect(can(objective, "report.submit", indicator(1, "1.2", "I9"))).toBe(true);
    expect(can(objective, "report.submit", indicator(1, "1.1", "I1"))).toBe(false);
  });
});

describe("planeación", () => {
  const planeacionGlobal = user(30, [{ role: "planeacion", scope: GLOBAL }]);

  it("planeación no puede reportar avances, solo revisarlos", () => {
    const i1 = indicator(1, "1.1", "I1", "Oficina Asesora de Planeación");
    expect(can(planeacionGlobal, "report.submit", i1)).toBe(false);
    expect(can(planeacionGlobal, "report.review", i1)).toBe(true);
    expect(can(planeacionGlobal, "report.review", plan(1))).toBe(true);
  });

  it("crear planes exige alcance global, también para planeación", () => {
    expect(can(planeacionGlobal, "plan.create", SYSTEM)).toBe(true);
    const ofPlan = user(31, [{ role: "planeacion", scope: { kind: "plan", planId: 1 } }]);
    expect(can(ofPlan, "plan.create", SYSTEM)).toBe(false);
  });

  it("planeación de un objetivo edita su objetivo y sus indicadores, pero no el plan ni otros objetivos", () => {
    const objective = user(32, [
      { role: "planeacion", scope: { kind: "objective", planId: 1, objectiveCode: "1.2" } },
    ]);
    const objective12: Resource = {
      kind: "objective",
      planId: 1,
      objectiveCode: "1.2",
      published: false,
    };
    const objective11: Resource = {
      kind: "objective",
      planId: 1,
      objectiveCode: "1.1",
      published: false,
    };
    expect(can(objective, "plan.edit", objective12)).toBe(true);
    expect(can(objective, "plan.edit", indicator(1, "1.2", "I9"))).toBe(true);
    expect(can(objective, "plan.edit", objective11)).toBe(false);
    expect(can(objective, "plan.edit", plan(1))).toBe(false);
    expect(can(objective, "plan.publish", plan(1))).toBe(false);
    expect(can(objective, "corte.manage", plan(1))).toBe(false);
  });

  it("los códigos se comparan dentro del plan: el objetivo 1.2 del plan 2 no es el del plan 1", () => {
    const objective = user(33, [
      { role: "planeacion", scope: { kind: "objective", planId: 1, objectiveCode: "1.2" } },
    ]);
    expect(can(objective, "plan.edit", indicator(2, "1.2", "I9"))).toBe(false);
    const oneIndicator = user(34, [
      { role: "responsable", scope: { kind: "indicator", planId: 1, indicatorCode: "I1" } },
    ]);
    expect(can(oneIndicator, "report.submit", indicator(2, "1.1", "I1"))).toBe(false);
  });

  it("con varias asignaciones basta una que alcance el recurso", () => {
    const mixed = user(35, [
      { role: "consulta", scope: { kind: "plan", planId: 1 } },
      { role: "planeacion", scope: { kind: "plan", planId: 2 } },
    ]);
    expect(can(mixed, "plan.edit", plan(2))).toBe(true);
    expect(can(mixed, "plan.edit", plan(1))).toBe(false);
    expect(can(mixed, "plan.read", plan(1))).toBe(true);
  });
});

describe("lectura y público", () => {
  it("el público anónimo solo ve planes publicados", () => {
    expect(can(ANONYMOUS, "plan.list", SYSTEM)).toBe(true);
    expect(can(ANONYMOUS, "plan.read", plan(1, true))).toBe(true);
    expect(can(ANONYMOUS, "compliance.read", plan(1, true))).toBe(true);
    expect(can(ANONYMOUS, "plan.read", plan(2, false))).toBe(false);
    expect(can(ANONYMOUS, "compliance.read", indicator(2, "1.1", "I1"))).toBe(false);
    expect(can(ANONYMOUS, "session.read", SYSTEM)).toBe(false);
  });

  it("quien trabaja en un solo indicador ve su plan aunque no esté publicado", () => {
    const oneIndicator = user(40, [
      { role: "responsable", scope: { kind: "indicator", planId: 2, indicatorCode: "I4" } },
    ]);
    expect(can(oneIndicator, "plan.read", plan(2))).toBe(true);
    expect(can(oneIndicator, "compliance.read", indicator(2, "1.1", "I5"))).toBe(true);
    expect(can(oneIndicator, "plan.read", plan(3))).toBe(false);
  });

  it("consulta nunca escribe", () => {
    const consulta = user(41, [{ role: "consulta", scope: GLOBAL }]);
    const resources: Resource[] = [
      SYSTEM,
      plan(1),
      plan(1, true),
      { kind: "objective", planId: 1, objectiveCode: "1.1", published: true },
      indicator(1, "1.1", "I1", MATRIX_AREA_TALENTO_HUMANO),
      { kind: "user", userId: 41 },
      { kind: "user", userId: 1 },
    ];
    for (const action of ACTIONS.filter((a) => ACTION_RULES[a].writes)) {
      for (const resource of resources) {
        expect(can(consulta, action, resource), `${action} sobre ${resource.kind}`).toBe(false);
      }
    }
    expect(can(consulta, "plan.read", plan(9))).toBe(true);
  });

  it("cada usuario ve su propia cuenta, no la de otros, y no puede cambiarla por la política de usuarios", () => {
    const someone = user(42, []);
    expect(can(someone, "user.read", { kind: "user", userId: 42 })).toBe(true);
    expect(can(someone, "user.read", { kind: "user", userId: 43 })).toBe(false);
    expect(can(someone, "user.manage", { kind: "user", userId: 42 })).toBe(false);
    expect(can(someone, "user.read", SYSTEM)).toBe(false);
  });
});

describe("administración", () => {
  const adminGlobal = user(50, [{ role: "administrador", scope: GLOBAL }]);
  const adminPlan = user(51, [{ role: "administrador", scope: { kind: "plan", planId: 1 } }]);

  it("un administrador con alcance de plan no administra usuarios", () => {
    expect(can(adminPlan, "user.manage", SYSTEM)).toBe(false);
    expect(can(adminPlan, "user.manage", { kind: "user", userId: 7 })).toBe(false);
    expect(can(adminPlan, "user.read", { kind: "user", userId: 7 })).toBe(false);
    expect(can(adminPlan, "audit.read", SYSTEM)).toBe(false);
    expect(can(adminPlan, "plan.create", SYSTEM)).toBe(false);
    expect(can(adminGlobal, "user.manage", { kind: "user", userId: 7 })).toBe(true);
    expect(can(adminGlobal, "audit.read", SYSTEM)).toBe(true);
  });

  it("un administrador con alcance de plan gestiona ese plan y ningún otro", () => {
    expect(can(adminPlan, "plan.publish", plan(1))).toBe(true);
    expect(can(adminPlan, "actuals.import", plan(1))).toBe(true);
    expect(can(adminPlan, "plan.publish", plan(2))).toBe(false);
  });

  it("una acción sobre un recurso al que no se aplica se niega, incluso al administrador global", () => {
    expect(can(adminGlobal, "plan.create", plan(1))).toBe(false);
    expect(can(adminGlobal, "report.submit", plan(1))).toBe(false);
    expect(can(adminGlobal, "plan.publish", indicator(1, "1.1", "I1"))).toBe(false);
    expect(can(ANONYMOUS, "public", plan(1, true))).toBe(false);
  });
});

describe("decide() explica en español", () => {
  const reason = (actor: Actor, action: (typeof ACTIONS)[number], resource: Resource) =>
    decide(actor, action, resource).reason;

  it("el anónimo ante un plan sin publicar", () => {
    expect(reason(ANONYMOUS, "plan.read", plan(2))).toBe(
      "Denegado: el plan 2 no está publicado y «ver el plan» (plan.read) requiere iniciar sesión.",
    );
  });

  it("un plan publicado cita la Ley 1712", () => {
    expect(reason(ANONYMOUS, "compliance.read", plan(1, true))).toBe(
      "Permitido: el plan 1 está publicado y cualquiera puede verlo (Ley 1712 de 2014).",
    );
  });

  it("el permiso por área nombra el área y el plan", () => {
    const talento = user(
      60,
      [{ role: "responsable", scope: { kind: "plan", planId: 1 } }],
      MATRIX_AREA_TALENTO_HUMANO,
    );
    const i1 = indicator(1, "1.1", "I1", MATRIX_AREA_TALENTO_HUMANO);
    expect(reason(talento, "report.submit", i1)).toBe(
      "Permitido: el usuario 60 tiene el rol responsable con alcance del plan 1, que permite «reportar avances» (report.submit): el alcance cubre el indicador I1 del plan 1.",
    );
    const byArea = user(
      61,
      [{ role: "responsable", scope: { kind: "plan", planId: 1 } }],
      MATRIX_AREA_TALENTO_HUMANO,
    );
    expect(
      reason(byArea, "report.submit", indicator(1, "1.1", "I2", "dirección de talento humano")),
    ).toContain("alcance del plan 1");
    const objective13 = user(
      62,
      [{ role: "responsable", scope: { kind: "objective", planId: 1, objectiveCode: "1.3" } }],
      MATRIX_AREA_TALENTO_HUMANO,
    );
    expect(reason(objective13, "report.submit", i1)).toBe(
      "Permitido: el usuario 62 tiene el rol responsable con alcance del objetivo 1.3 del plan 1, que permite «reportar avances» (report.submit): su área (Dirección de Talento Humano) es el área responsable del indicador I1 y tiene una asignación en el plan 1.",
    );
  });

  it("cuando varias áreas reportan un indicador, el responsable de un área reporta solo la parte de su área", () => {
    const educacion = user(
      64,
      [{ role: "responsable", scope: { kind: "objective", planId: 1, objectiveCode: "1.3" } }],
      "Secretaría de Educación",
    );
    const share = (area: string): Resource => ({
      kind: "indicator",
      planId: 1,
      objectiveCode: "1.1",
      indicatorCode: "I1",
      responsibleArea: "Secretaría de Salud",
      shareArea: area,
      published: false,
    });
    expect(reason(educacion, "report.submit", share("Secretaría de Educación"))).toBe(
      "Permitido: el usuario 64 tiene el rol responsable con alcance del objetivo 1.3 del plan 1, que permite «reportar avances» (report.submit): su área (Secretaría de Educación) reporta su parte del indicador I1 y tiene una asignación en el plan 1.",
    );
    expect(can(educacion, "report.submit", share("Secretaría de Salud"))).toBe(false);
    // The ficha's responsible area does not write another area's share either.
    const salud = { ...educacion, area: "Secretaría de Salud" };
    expect(can(salud, "report.submit", share("Secretaría de Salud"))).toBe(true);
    expect(reason(salud, "report.submit", share("Secretaría de Educación"))).toContain(
      "ningún alcance cubre la parte de Secretaría de Educación en el indicador I1 del plan 1",
    );
  });

  it("planeación que intenta reportar: ningún rol lo permite", () => {
    const planeacion = user(63, [{ role: "planeacion", scope: GLOBAL }]);
    expect(reason(planeacion, "report.submit", indicator(1, "1.1", "I1"))).toBe(
      "Denegado: el usuario 63 (planeación) no tiene ningún rol que permita «reportar avances» (report.submit).",
    );
  });

  it("administrador de un plan ante las cuentas: exige alcance global", () => {
    const adminPlan = user(64, [{ role: "administrador", scope: { kind: "plan", planId: 1 } }]);
    expect(reason(adminPlan, "user.manage", SYSTEM)).toBe(
      "Denegado: el usuario 64 es administrador con alcance del plan 1, y «administrar usuarios» exige alcance global.",
    );
  });

  it("alcance que no cubre el recurso", () => {
    const objective = user(65, [
      { role: "planeacion", scope: { kind: "objective", planId: 1, objectiveCode: "1.2" } },
    ]);
    expect(reason(objective, "plan.edit", plan(1))).toBe(
      "Denegado: el usuario 65 es planeación con alcance del objetivo 1.2 del plan 1, y ningún alcance cubre el plan 1.",
    );
  });

  it("usuario sin roles ante un plan sin publicar", () => {
    expect(reason(user(66, []), "plan.read", plan(2))).toBe(
      "Denegado: el plan 2 no está publicado y el usuario 66 no tiene roles asignados.",
    );
  });

  it("acción que no se aplica al recurso", () => {
    expect(
      reason(user(67, [{ role: "administrador", scope: GLOBAL }]), "plan.create", plan(1)),
    ).toBe("Denegado: «crear planes» (plan.create) no se aplica sobre el plan 1.");
  });
});
