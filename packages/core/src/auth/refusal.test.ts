import { describe, expect, it } from "vitest";
import type { Actor, Resource } from "./policy.ts";
import { refusalFor } from "./refusal.ts";

const anonymous: Actor = { kind: "anonymous" };
const consultaPlan1: Actor = {
  kind: "user",
  userId: 7,
  area: null,
  assignments: [{ role: "consulta", scope: { kind: "plan", planId: 1 } }],
};
const unpublished2: Resource = { kind: "plan", planId: 2, published: false };
const plan1: Resource = { kind: "plan", planId: 1, published: false };

describe("respuesta a una solicitud denegada", () => {
  it("sin sesión, un plan que no existe y uno sin publicar piden lo mismo: iniciar sesión", () => {
    expect(refusalFor(anonymous, null)).toBe("sign-in");
    expect(refusalFor(anonymous, unpublished2)).toBe("sign-in");
  });

  it("con sesión, un plan sin publicar que no puede ver se responde como uno que no existe", () => {
    expect(refusalFor(consultaPlan1, unpublished2)).toBe("not-found");
    expect(refusalFor(consultaPlan1, null)).toBe("not-found");
  });

  it("consulta del plan 1 lo ve, así que editarlo se le niega como prohibido", () => {
    expect(refusalFor(consultaPlan1, plan1)).toBe("forbidden");
  });

  it("las cuentas no son planes: administrarlas sin rol es prohibido", () => {
    expect(refusalFor(consultaPlan1, { kind: "user", userId: 9 })).toBe("forbidden");
  });
});
