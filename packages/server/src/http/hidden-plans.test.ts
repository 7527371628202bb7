/**
 * A refusal never tells which plan ids exist: an unpublished plan the actor
 * may not read answers exactly like a plan that does not exist.
 */
import type { Plan } from "@rumbo/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { savePlan } from "../plans/plans-repository.ts";
import { createAccount, sessionFor } from "../testing/accounts.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { buildApp } from "./app.ts";

function unpublishedPlan(): Plan {
  return {
    format: "rumbo.plan/v1",
    code: "PA-RESERVADO-2025",
    name: "Plan de acción en formulación",
    years: [2025],
    objectives: [
      {
        code: "1",
        name: "Objetivo interno",
        indicators: [
          {
            code: "X1",
            name: "Indicador interno",
            trend: "suma",
            weight: 100,
            targets: { "2025": 10 },
          },
        ],
      },
    ],
  };
}

describe.each(TEST_ENGINES)("planes sin publicar y planes que no existen ($name)", (engine) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let hidden: number;
  let missing: number;
  let consultaOfHidden: Record<string, string>;
  let consultaElsewhere: Record<string, string>;

  beforeAll(async () => {
    database = await engine.open();
    hidden = await savePlan(database.db, unpublishedPlan());
    const other = await savePlan(database.db, { ...unpublishedPlan(), code: "PA-OTRO-2025" });
    missing = other + 1000;
    const reader = await createAccount(database.db, "lectora@entidad.gov.co", [
      { role: "consulta", scope: { kind: "plan", planId: hidden } },
    ]);
    const outsider = await createAccount(database.db, "ajena@entidad.gov.co", [
      { role: "consulta", scope: { kind: "plan", planId: other } },
    ]);
    consultaOfHidden = (await sessionFor(database.db, reader)).headers;
    consultaElsewhere = (await sessionFor(database.db, outsider)).headers;
    app = await buildApp({ database, logger: false, webDist: null, version: "t" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const answer = async (url: string, headers: Record<string, string> = {}, method = "GET") => {
    const res = await app.inject({ method: method as "GET", url, headers });
    return { status: res.statusCode, code: res.json().error?.code as string | undefined };
  };

  it("sin sesión, el plan sin publicar y el inexistente piden iniciar sesión (401), igual en todas sus rutas", async () => {
    for (const path of ["", "/compliance", "/permissions", "/versions"]) {
      const a = await answer(`/api/plans/${hidden}${path}`);
      const b = await answer(`/api/plans/${missing}${path}`);
      expect({ path, ...a }).toEqual({ path, status: 401, code: "AUTH_REQUIRED" });
      expect({ path, ...b }).toEqual({ path, status: 401, code: "AUTH_REQUIRED" });
    }
  });

  it("con sesión pero sin rol en el plan, el plan sin publicar responde 404 como uno que no existe", async () => {
    expect(await answer(`/api/plans/${hidden}`, consultaElsewhere)).toEqual({
      status: 404,
      code: "PLAN_NOT_FOUND",
    });
    expect(await answer(`/api/plans/${missing}`, consultaElsewhere)).toEqual({
      status: 404,
      code: "PLAN_NOT_FOUND",
    });
    const res = await app.inject({
      method: "GET",
      url: `/api/plans/${hidden}`,
      headers: consultaElsewhere,
    });
    expect(res.json().error.message).toBe(`No existe el plan ${hidden}.`);
  });

  it("quien tiene consulta en el plan lo ve, y al intentar publicarlo recibe 403 (ya sabe que existe)", async () => {
    expect((await answer(`/api/plans/${hidden}`, consultaOfHidden)).status).toBe(200);
    const res = await app.inject({
      method: "POST",
      url: `/api/plans/${hidden}/publish`,
      headers: consultaOfHidden,
      payload: { published: true },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("FORBIDDEN");
  });
});
