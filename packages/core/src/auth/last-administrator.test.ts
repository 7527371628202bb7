import { describe, expect, it } from "vitest";
import { type AccountStanding, leavesNoAdministrator } from "./last-administrator.ts";

const admin = (id: number, active = true): AccountStanding => ({
  id,
  active,
  assignments: [{ role: "administrador", scope: { kind: "global" } }],
});
const planner = (id: number): AccountStanding => ({
  id,
  active: true,
  assignments: [{ role: "planeacion", scope: { kind: "global" } }],
});
const planAdmin = (id: number): AccountStanding => ({
  id,
  active: true,
  assignments: [{ role: "administrador", scope: { kind: "plan", planId: 1 } }],
});

describe("la última cuenta de administración global", () => {
  it("no se desactiva si es la única activa", () => {
    expect(leavesNoAdministrator([admin(1), planner(2)], { userId: 1, active: false })).toBe(true);
  });

  it("no pierde su rol si es la única activa, aunque quede como administradora de un plan", () => {
    expect(
      leavesNoAdministrator([admin(1), planAdmin(2)], {
        userId: 1,
        assignments: planAdmin(1).assignments,
      }),
    ).toBe(true);
  });

  it("una administradora desactivada no cuenta como la otra que queda", () => {
    expect(leavesNoAdministrator([admin(1), admin(2, false)], { userId: 1, active: false })).toBe(
      true,
    );
  });

  it("con otra administradora activa, se puede desactivar o quitar el rol", () => {
    expect(leavesNoAdministrator([admin(1), admin(2)], { userId: 1, active: false })).toBe(false);
    expect(leavesNoAdministrator([admin(1), admin(2)], { userId: 1, assignments: [] })).toBe(false);
  });

  it("cambiar una cuenta que no administra, o reactivar y conservar el rol, siempre se permite", () => {
    expect(leavesNoAdministrator([admin(1), planner(2)], { userId: 2, active: false })).toBe(false);
    expect(
      leavesNoAdministrator([admin(1)], { userId: 1, assignments: admin(1).assignments }),
    ).toBe(false);
  });
});
