/**
 * Input that passes validation never reaches the database as a 500: integers
 * beyond the int4 columns, NUL and half surrogate pairs in text, plans of
 * 1,000 vigencias and dates like 0000-01-01 are refused with a 4xx naming the
 * field, on both engines (shared/bounds.ts in core).
 */
import type { Plan } from "@rumbo/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePlanFile } from "../files/plan-files.ts";
import { listPlans } from "../plans/plans-repository.ts";
import type { TestLogin } from "../testing/accounts.ts";
import { actionPlan } from "../testing/action-plan.ts";
import { openTestApp, type TestApp } from "../testing/test-app.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The small plan with one indicator (A1, no unit) that weighs 100. */
function smallPlan(code: string): Plan {
  const plan = actionPlan(code);
  const [objective] = plan.objectives;
  const a1 = objective?.indicators[0];
  if (!objective || !a1) throw new Error("el plan de prueba tiene un indicador");
  const { unit: _unit, ...withoutUnit } = a1;
  objective.indicators = [{ ...withoutUnit, weight: 100 }];
  return plan;
}

function withIndicator(plan: Plan, change: (indicator: Record<string, unknown>) => void): Plan {
  const copy = structuredClone(plan);
  const indicator = copy.objectives[0]?.indicators[0];
  if (!indicator) throw new Error("el plan de prueba tiene un indicador");
  change(indicator as unknown as Record<string, unknown>);
  return copy;
}

describe.each(TEST_ENGINES)("entradas fuera de los límites sobre $name", ({ open }) => {
  let t: TestApp;
  let app: FastifyInstance;
  let admin: TestLogin;
  let planId = 0;

  beforeAll(async () => {
    t = await openTestApp({ open });
    app = t.app;
    admin = await t.login("admin@entidad.gov.co", [
      { role: "administrador", scope: { kind: "global" } },
    ]);
    const created = await app.inject({
      method: "POST",
      url: "/api/plans",
      headers: admin.headers,
      payload: { plan: smallPlan("PA-LIMITES") },
    });
    expect(created.statusCode).toBe(201);
    planId = created.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function get(url: string, headers: Record<string, string> = {}) {
    const response = await app.inject({ method: "GET", url, headers });
    return { status: response.statusCode, code: response.json().error?.code as string };
  }

  it("una versión, un id o un «desde» de 2147483648 es un 400 que nombra el campo, incluso sin sesión", async () => {
    const anonymous = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}?version=2147483648`,
    });
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.json().error.code).toBe("VALIDATION_ERROR");
    expect(anonymous.json().error.details).toEqual([
      { field: "version", message: "la versión es demasiado grande (máximo 2147483647)" },
    ]);
    expect(await get(`/api/plans/${planId}/diff?from=1&to=2147483648`, admin.headers)).toEqual({
      status: 400,
      code: "VALIDATION_ERROR",
    });
    expect(await get("/api/plans/2147483648")).toEqual({ status: 400, code: "VALIDATION_ERROR" });
  });

  it("If-Match con una versión de 2147483648 es un If-Match no válido, no un error interno", async () => {
    const response = await app.inject({
      method: "PUT",
      url: `/api/plans/${planId}`,
      headers: { ...admin.headers, "if-match": '"v2147483648"' },
      payload: { plan: smallPlan("PA-LIMITES") },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("IF_MATCH_INVALID");
  });

  it("un año de línea base de 2147483648 o un plan de 1.000 vigencias no se guarda: 422 con el campo", async () => {
    const baseline = await app.inject({
      method: "POST",
      url: "/api/plans",
      headers: admin.headers,
      payload: {
        plan: withIndicator(smallPlan("PA-LB"), (i) => {
          i.baselineYear = 2147483648;
        }),
      },
    });
    expect(baseline.statusCode).toBe(422);
    expect(baseline.json().error.details).toEqual([
      {
        code: "format",
        severity: "error",
        path: "objectives[0].indicators[0].baselineYear",
        message:
          "Objetivo 1, indicador A1, campo «año de la línea base»: el año de la línea base debe ser un entero entre 1900 y 2200, no 2147483648",
      },
    ]);
    const long = {
      ...smallPlan("PA-MIL"),
      years: Array.from({ length: 1000 }, (_, i) => 1901 + i),
    };
    const tooLong = await app.inject({
      method: "POST",
      url: "/api/plans",
      headers: admin.headers,
      payload: { plan: long },
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().error.details[0].message).toBe(
      "Campo «vigencias»: el plan tiene 1000 vigencias; el máximo es 50",
    );
  });

  it("un nombre con el carácter nulo o medio emoji no se guarda: 422 que nombra el campo", async () => {
    for (const [name, what] of [
      ["Trámites\u0000 en línea", "el carácter nulo (U+0000)"],
      ["Trámites \uD83D", "un carácter incompleto (medio par sustituto UTF-16)"],
    ] as const) {
      const response = await app.inject({
        method: "POST",
        url: "/api/plans",
        headers: admin.headers,
        payload: {
          plan: withIndicator(smallPlan("PA-TEXTO"), (i) => {
            i.name = name;
          }),
        },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.details[0].message).toBe(
        `Objetivo 1, indicador A1, campo «nombre»: el nombre del indicador contiene ${what}, que no se puede guardar; bórrelo del texto`,
      );
    }
  });

  it("la revisión (dryRun) de un CSV o una matriz con «_x0000_» ya no dice «válido»: el mismo 422 que la importación", async () => {
    const plan = withIndicator(smallPlan("PA-NUL"), (i) => {
      i.name = "Trámites\u0000 en línea";
    });
    for (const [format, type] of [
      ["csv", "text/csv"],
      ["xlsx", XLSX],
    ] as const) {
      const bytes = await writePlanFile(plan, format);
      for (const dryRun of ["true", "false"]) {
        const response = await app.inject({
          method: "POST",
          url: `/api/plans/import?dryRun=${dryRun}&fileName=plan.${format}`,
          headers: { ...admin.headers, "content-type": type },
          payload: bytes,
        });
        expect(response.statusCode, `${format} dryRun=${dryRun}`).toBe(422);
        expect(response.json().error.code).toBe("IMPORT_FAILED");
        expect(response.json().error.details[0].message).toContain(
          "el nombre del indicador contiene el carácter nulo (U+0000)",
        );
      }
    }
    expect((await listPlans(t.database.db)).map((p) => p.code)).toEqual(["PA-LIMITES"]);
  });

  it("texto con el carácter nulo en el inicio de sesión, la reprogramación, las cuentas o el filtro de auditoría: 400", async () => {
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "ana\u0000@entidad.gov.co", password: "x" },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.code).toBe("VALIDATION_ERROR");
    expect(await get("/api/audit?usuario=ana%00", admin.headers)).toEqual({
      status: 400,
      code: "VALIDATION_ERROR",
    });
    const reprogram = await app.inject({
      method: "POST",
      url: `/api/plans/${planId}/reprogramaciones`,
      headers: { ...admin.headers, "if-match": '"v1"' },
      payload: {
        plan: smallPlan("PA-LIMITES"),
        justification: "Ajuste aprobado\u0000 por el comité",
        actReference: "Acta 3",
      },
    });
    expect(reprogram.statusCode).toBe(400);
    expect(reprogram.json().error.details[0].field).toBe("justification");
    const account = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: {
        email: "nuevo@entidad.gov.co",
        name: "Nueva \uDC00persona",
        assignments: [{ role: "consulta", scope: { kind: "plan", planId: 2147483648 } }],
      },
    });
    expect(account.statusCode).toBe(400);
    expect(account.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      "name",
      "assignments.0.scope.planId",
    ]);
  });

  it("fechas como 0000-01-01 o 9999-12-31 en la auditoría, ?at o planAt: 400", async () => {
    for (const url of [
      "/api/audit?desde=0000-01-01",
      "/api/audit?hasta=9999-12-31",
      `/api/plans/${planId}?at=0000-01-01`,
      `/api/plans/${planId}/compliance?planAt=9999-12-31`,
    ]) {
      expect(await get(url, admin.headers), url).toEqual({ status: 400, code: "VALIDATION_ERROR" });
    }
  });
});
