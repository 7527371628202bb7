import { describe, expect, it } from "vitest";
import { describeAuditEntry } from "./audit-description.ts";

describe("la auditoría dice en español qué pasó", () => {
  it("un cambio de contraseña, un inicio de sesión fallido y uno bloqueado", () => {
    expect(
      describeAuditEntry({ action: "cambio-contraseña", resource: "usuario 1", outcome: "ok" }),
    ).toBe("Cambió la contraseña");
    expect(
      describeAuditEntry({
        action: "login",
        resource: null,
        outcome: "failed",
        details: { email: "nadie@rumbo.local" },
      }),
    ).toBe("Intento de inicio de sesión fallido");
    expect(describeAuditEntry({ action: "login", resource: null, outcome: "denied" })).toBe(
      "Inicio de sesión bloqueado: demasiados intentos desde esta dirección",
    );
  });

  it("una escritura registrada por su ruta nombra el plan, no la ruta ni el JSON", () => {
    const saved = describeAuditEntry({
      action: "PUT /api/plans/:id",
      resource: "/api/plans/3",
      outcome: "ok",
      details: { status: 200 },
    });
    expect(saved).toBe("Guardó cambios del plan 3");
    const refused = describeAuditEntry({
      action: "POST /api/plans/:id/reprogramaciones",
      resource: "/api/plans/3/reprogramaciones",
      outcome: "failed",
      details: { status: 422 },
    });
    expect(refused).toBe("Intentó reprogramar el plan 3, sin éxito (respuesta 422)");
    expect(`${saved} ${refused}`).not.toMatch(/\/api|\{/);
  });

  it("una matriz guardada sobre un plan dice edición o reprogramación y el plan; un intento fallido nombra el plan", () => {
    expect(
      describeAuditEntry({
        action: "plan-reprogramado",
        resource: "plan 3",
        outcome: "ok",
        details: { code: "PES-GP-2024-2027", file: "matriz.xlsx", version: 4 },
      }),
    ).toBe("Reprogramó el plan desde su matriz: plan 3");
    expect(describeAuditEntry({ action: "plan-editado", resource: "plan 3", outcome: "ok" })).toBe(
      "Guardó cambios del plan desde su matriz: plan 3",
    );
    expect(
      describeAuditEntry({ action: "plan-importado", resource: "plan 4", outcome: "ok" }),
    ).toBe("Importó un plan desde un archivo: plan 4");
    expect(
      describeAuditEntry({
        action: "POST /api/plans/:id/import",
        resource: "/api/plans/3/import?fileName=matriz.xlsx",
        outcome: "failed",
        details: { status: 409 },
      }),
    ).toBe("Intentó actualizar desde su matriz el plan 3, sin éxito (respuesta 409)");
  });

  it("una cuenta creada nombra el correo; un intento sin permiso nombra lo que se quiso hacer", () => {
    expect(
      describeAuditEntry({
        action: "cuenta-creada",
        resource: "usuario 7",
        outcome: "ok",
        details: { email: "prueba@rumbo.local", roles: ["responsable"] },
      }),
    ).toBe("Creó una cuenta: prueba@rumbo.local");
    expect(
      describeAuditEntry({ action: "denegado:audit.read", resource: "sistema", outcome: "denied" }),
    ).toBe("Intentó ver la auditoría sin permiso");
    expect(describeAuditEntry({ action: "algo-nuevo", resource: null, outcome: "ok" })).toBe(
      "Acción «algo-nuevo»",
    );
  });

  it("el cierre y la reapertura de un corte nombran el plan y el corte", () => {
    expect(
      describeAuditEntry({
        action: "corte-cerrado",
        resource: "plan 3 / corte 2024-12-31",
        outcome: "ok",
      }),
    ).toBe("Cerró un corte de seguimiento: plan 3 / corte 2024-12-31");
    expect(
      describeAuditEntry({
        action: "POST /api/plans/:id/cortes/:corteId/reopen",
        resource: "/api/plans/3/cortes/2/reopen",
        outcome: "failed",
        details: { status: 409 },
      }),
    ).toBe("Intentó reabrir un corte del plan 3, sin éxito (respuesta 409)");
  });
});
