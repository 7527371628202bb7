import type { Plan } from "@rumbo/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestLogin } from "../../testing/accounts.ts";
import { actionPlan } from "../../testing/action-plan.ts";
import { GLOBAL_PLANNER, openTestApp, type TestApp } from "../../testing/test-app.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";

/** The same plan with A1's 2025 target raised (a change of programación). */
function withTarget2025(code: string, target: number): Plan {
  const plan = actionPlan(code);
  const a1 = plan.objectives[0]?.indicators[0];
  if (!a1) throw new Error("fixture");
  a1.targets["2025"] = target;
  a1.total = target + 20;
  return plan;
}

describe.each(TEST_ENGINES)("estado, publicación y ediciones del plan sobre $name", ({ open }) => {
  let t: TestApp;
  let app: FastifyInstance;
  let planner: TestLogin;
  const clock = new Date("2025-03-03T15:00:00Z");

  beforeAll(async () => {
    t = await openTestApp({ open }, { now: () => clock });
    app = t.app;
    planner = await t.login("lina@entidad.gov.co", GLOBAL_PLANNER);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string) => app.inject({ method: "GET", url, headers: planner.headers });
  const send = (
    method: "POST" | "PUT",
    url: string,
    payload: unknown,
    extra: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      payload: payload as object,
      headers: { ...planner.headers, ...extra },
    });
  const create = async (code: string): Promise<number> =>
    (await send("POST", "/api/plans", { plan: actionPlan(code) })).json().id;
  const kinds = async (id: number): Promise<string[]> =>
    (await get(`/api/plans/${id}/versions`))
      .json()
      .versions.map((v: { version: number; kind: string }) => `${v.version} ${v.kind}`);

  it("un plan puesto en vigencia mientras se guardaba una edición de su programación no queda cambiado sin reprogramación", async () => {
    const id = await create("PA-CARRERA-ESTADO");
    // The status change commits after the edit was sent and before it writes.
    let inForce: Awaited<ReturnType<typeof send>> | null = null;
    t.beforeNextTransaction(async () => {
      inForce = await send("POST", `/api/plans/${id}/status`, { status: "vigente" });
    });
    const edit = await send(
      "PUT",
      `/api/plans/${id}`,
      { plan: withTarget2025("PA-CARRERA-ESTADO", 12) },
      { "if-match": '"v1"' },
    );

    expect(inForce).toMatchObject({ statusCode: 200 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({
      code: "VERSION_CONFLICT",
      details: { currentVersion: 2, changes: [] },
    });
    const plan = (await get(`/api/plans/${id}`)).json();
    expect(plan).toMatchObject({ status: "vigente", version: 2 });
    expect(plan.objectives[0].indicators[0].targets["2025"]).toBe(10);
    expect(await kinds(id)).toEqual(["1 creacion", "2 puesta-en-vigencia"]);

    // Sent again on the version in force, the same change must be a reprogramación.
    const again = await send(
      "PUT",
      `/api/plans/${id}`,
      { plan: withTarget2025("PA-CARRERA-ESTADO", 12) },
      { "if-match": '"v2"' },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("REPROGRAMACION_REQUIRED");
  });

  it("una edición que llega justo antes de ponerlo en vigencia se guarda como edición, y la vigencia es la versión siguiente", async () => {
    const id = await create("PA-EDICION-PRIMERO");
    let edit: Awaited<ReturnType<typeof send>> | null = null;
    t.beforeNextTransaction(async () => {
      edit = await send(
        "PUT",
        `/api/plans/${id}`,
        { plan: withTarget2025("PA-EDICION-PRIMERO", 12) },
        { "if-match": '"v1"' },
      );
    });
    const inForce = await send("POST", `/api/plans/${id}/status`, { status: "vigente" });
    expect(edit).toMatchObject({ statusCode: 200 });
    expect(inForce.statusCode).toBe(200);
    expect(inForce.headers.etag).toBe('"v3"');
    expect(await kinds(id)).toEqual(["1 creacion", "2 edicion", "3 puesta-en-vigencia"]);
  });

  it("guardar el plan sin cambios responde la misma versión y no crea otra", async () => {
    const id = await create("PA-SIN-CAMBIOS");
    const saved = await send(
      "PUT",
      `/api/plans/${id}`,
      { plan: actionPlan("PA-SIN-CAMBIOS") },
      { "if-match": '"v1"' },
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    expect((await get(`/api/plans/${id}`)).headers.etag).toBe('"v1"');
    expect(await kinds(id)).toEqual(["1 creacion"]);
  });

  it("poner en vigencia con If-Match de una versión anterior recibe el conflicto con lo que cambió; sin If-Match se acepta", async () => {
    const id = await create("PA-VIGENCIA-IF-MATCH");
    const renamed = { ...actionPlan("PA-VIGENCIA-IF-MATCH"), name: "Plan de acción (ajustado)" };
    await send("PUT", `/api/plans/${id}`, { plan: renamed }, { "if-match": '"v1"' });

    const stale = await send(
      "POST",
      `/api/plans/${id}/status`,
      { status: "vigente" },
      { "if-match": '"v1"' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("VERSION_CONFLICT");
    expect(stale.json().error.details.changes.map((c: { message: string }) => c.message)).toEqual([
      "Plan: nombre: «Plan de acción 2025-2026» → «Plan de acción (ajustado)»",
    ]);
    expect((await get(`/api/plans/${id}`)).json().status).toBe("formulacion");

    const ok = await send("POST", `/api/plans/${id}/status`, { status: "vigente" });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"v3"');
    // Asking again for the status it has changes nothing.
    const same = await send("POST", `/api/plans/${id}/status`, { status: "vigente" });
    expect(same.json()).toEqual({ status: "vigente" });
    expect(same.headers.etag).toBe('"v3"');
    const back = await send("POST", `/api/plans/${id}/status`, { status: "formulacion" });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe("PLAN_IN_FORCE");
    expect(await kinds(id)).toEqual(["1 creacion", "2 edicion", "3 puesta-en-vigencia"]);
  });

  it("publicar y retirar la publicación quedan en el historial sin cambiar el plan que rige", async () => {
    const id = await create("PA-PUBLICACION");
    const published = await send("POST", `/api/plans/${id}/publish`, { published: true });
    // Publishing also records the plan's publication n.º 1 (ADR 0016), under CC BY-SA 4.0 by default.
    expect(published.json()).toMatchObject({
      published: true,
      publication: { number: 1, kind: "plan", planVersion: 2, license: { id: "CC-BY-SA-4.0" } },
    });
    expect(published.headers.etag).toBe('"v2"');
    const twice = await send("POST", `/api/plans/${id}/publish`, { published: true });
    expect(twice.headers.etag).toBe('"v2"');
    expect(twice.json().publication.number).toBe(1);
    const withdrawn = await send(
      "POST",
      `/api/plans/${id}/publish`,
      { published: false },
      { "if-match": '"v2"' },
    );
    expect(withdrawn.headers.etag).toBe('"v3"');
    expect(await kinds(id)).toEqual(["1 creacion", "2 publicacion", "3 retiro-publicacion"]);
    const today = (await get(`/api/plans/${id}?at=2025-03-03`)).json();
    expect(today).toMatchObject({ version: 3, currentVersion: 3, published: false });
    expect((await get(`/api/plans/${id}/diff?from=1&to=3`)).json().changes).toEqual([]);
  });
});
