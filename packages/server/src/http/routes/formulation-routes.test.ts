import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestLogin } from "../../testing/accounts.ts";
import { actionPlan } from "../../testing/action-plan.ts";
import { seedPlan } from "../../testing/seed-plan.ts";
import { GLOBAL_PLANNER, openTestApp, type TestApp } from "../../testing/test-app.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";

let clock = new Date("2025-02-10T15:00:00Z");

describe.each(TEST_ENGINES)("formulación y reprogramación sobre $name", ({ open }) => {
  let t: TestApp;
  let app: FastifyInstance;
  let planner: TestLogin;
  let other: TestLogin;
  let demoPlanId = 0;
  beforeAll(async () => {
    t = await openTestApp({ open }, { demo: true, now: () => clock });
    app = t.app;
    demoPlanId = t.demoPlanId;
    planner = await t.login("lina@entidad.gov.co", GLOBAL_PLANNER);
    other = await t.login("omar@entidad.gov.co", GLOBAL_PLANNER);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, who: TestLogin = planner) =>
    app.inject({ method: "GET", url, headers: who.headers });
  const send = (
    method: "POST" | "PUT",
    url: string,
    payload: unknown,
    who: TestLogin = planner,
    extra: Record<string, string> = {},
  ) =>
    app.inject({ method, url, payload: payload as object, headers: { ...who.headers, ...extra } });

  it("un planeador crea un plan, lo pone en vigencia, reprograma 2025 con justificación y lee ambas versiones", async () => {
    clock = new Date("2025-02-10T15:00:00Z");
    const created = await send("POST", "/api/plans", { plan: actionPlan() });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(created.json().version).toBe(1);

    const v1 = await get(`/api/plans/${id}`);
    expect(v1.headers.etag).toBe('"v1"');
    expect(v1.json()).toMatchObject({
      version: 1,
      currentVersion: 1,
      status: "formulacion",
      published: false,
    });

    // Putting it in force is a version of its own: an edit started on v1 is now stale.
    const inForce = await send("POST", `/api/plans/${id}/status`, { status: "vigente" });
    expect(inForce.json()).toEqual({ status: "vigente" });
    expect(inForce.headers.etag).toBe('"v2"');

    // In force, a programming change through a plain edit is refused and says what it would change.
    const changed = actionPlan();
    const a1 = changed.objectives[0]?.indicators[0];
    if (!a1) throw new Error("fixture");
    a1.targets["2025"] = 12;
    a1.total = 32;
    const refused = await send("PUT", `/api/plans/${id}`, { plan: changed }, planner, {
      "if-match": '"v2"',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("REPROGRAMACION_REQUIRED");
    expect(refused.json().error.details.changes.map((c: { message: string }) => c.message)).toEqual(
      [
        "Indicador A1: programación 2025: 10 → 12",
        "Indicador A1: programación del cuatrienio: 30 → 32",
      ],
    );

    clock = new Date("2025-06-20T15:00:00Z");
    const reprogrammed = await send(
      "POST",
      `/api/plans/${id}/reprogramaciones`,
      {
        plan: changed,
        justification: "Se amplía la meta 2025 por la nueva sede de atención.",
        actReference: "Acta Comité Sectorial 03/2025",
        effectiveFrom: "2025-06-15",
      },
      planner,
      { "if-match": '"v2"' },
    );
    expect(reprogrammed.statusCode).toBe(200);
    expect(reprogrammed.json().version).toBe(3);

    const versions = (await get(`/api/plans/${id}/versions`)).json().versions;
    expect(versions).toEqual([
      expect.objectContaining({
        version: 1,
        kind: "creacion",
        actorEmail: "lina@entidad.gov.co",
        effectiveFrom: "2025-02-10",
      }),
      expect.objectContaining({
        version: 2,
        kind: "puesta-en-vigencia",
        actorEmail: "lina@entidad.gov.co",
        justification: null,
        effectiveFrom: "2025-02-10",
      }),
      expect.objectContaining({
        version: 3,
        kind: "reprogramacion",
        justification: "Se amplía la meta 2025 por la nueva sede de atención.",
        actReference: "Acta Comité Sectorial 03/2025",
        effectiveFrom: "2025-06-15",
      }),
    ]);

    // What did the plan say on 30 June, and before the act?
    const june = (await get(`/api/plans/${id}?at=2025-06-30`)).json();
    expect(june.version).toBe(3);
    expect(june.objectives[0].indicators[0].targets["2025"]).toBe(12);
    const may = (await get(`/api/plans/${id}?at=2025-05-31`)).json();
    expect(may).toMatchObject({ version: 2, currentVersion: 3 });
    expect(may.objectives[0].indicators[0].targets["2025"]).toBe(10);
    expect((await get(`/api/plans/${id}?version=1`)).json().objectives[0].indicators[0].total).toBe(
      30,
    );
    expect((await get(`/api/plans/${id}?at=2024-12-31`)).statusCode).toBe(404);

    const diff = (await get(`/api/plans/${id}/diff?from=1&to=3`)).json();
    expect(diff.changes.map((c: { message: string }) => c.message)).toEqual([
      "Indicador A1: programación 2025: 10 → 12",
      "Indicador A1: programación del cuatrienio: 30 → 32",
    ]);
  });

  it("dos personas editan a la vez: la segunda recibe 409 con lo que cambió la primera", async () => {
    const { id } = (
      await send("POST", "/api/plans", { plan: actionPlan("PA-CONCURRENTE") })
    ).json();
    const mine = actionPlan("PA-CONCURRENTE");
    if (mine.objectives[0]) mine.objectives[0].name = "Mejorar la atención presencial y virtual";
    const theirs = actionPlan("PA-CONCURRENTE");
    const a2 = theirs.objectives[0]?.indicators[1];
    if (a2) a2.name = "Satisfacción ciudadana";
    expect(
      (
        await send("PUT", `/api/plans/${id}`, { plan: theirs }, other, { "if-match": '"v1"' })
      ).json().version,
    ).toBe(2);
    const late = await send("PUT", `/api/plans/${id}`, { plan: mine }, planner, {
      "if-match": '"v1"',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({
      code: "VERSION_CONFLICT",
      message:
        "Otra persona guardó cambios en el plan: usted editaba la versión 1 y la vigente es la 2.",
      details: {
        currentVersion: 2,
        changes: [
          expect.objectContaining({
            message: "Indicador A2: nombre: «Satisfacción» → «Satisfacción ciudadana»",
          }),
        ],
      },
    });
    // Nothing of the late edit was stored.
    expect((await get(`/api/plans/${id}`)).json().objectives[0].name).toBe("Mejorar la atención");
    const missing = await send("PUT", `/api/plans/${id}`, { plan: mine });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.code).toBe("IF_MATCH_REQUIRED");
  });

  it("un plan con errores no se guarda: cada problema con su ruta; las advertencias no bloquean", async () => {
    const broken = actionPlan("PA-ROTO");
    const a2 = broken.objectives[0]?.indicators[1];
    if (!a2) throw new Error("fixture");
    a2.code = "A1";
    a2.trend = "decreciente";
    const res = await send("POST", "/api/plans", { plan: broken });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    const details: { path: string; message: string }[] = res.json().error.details;
    expect(details.length).toBeGreaterThan(0);
    // The message names the place in the planner's words; the JSON path is for the editor.
    expect(details.find((d) => d.path === "objectives[0].indicators[1].code")?.message).toBe(
      `Objetivo ${broken.objectives[0]?.code}, indicador A1, campo «código»: código de indicador repetido "A1" (ya está en el objetivo ${broken.objectives[0]?.code})`,
    );
    expect(details.filter((d) => /objectives\[|indicators\[/.test(d.message))).toEqual([]);
    expect(
      (await get("/api/plans")).json().plans.some((p: { code: string }) => p.code === "PA-ROTO"),
    ).toBe(false);

    const warned = actionPlan("PA-ADVERTENCIAS");
    const first = warned.objectives[0]?.indicators[0];
    if (first) first.weight = 50;
    const ok = await send("POST", "/api/plans", { plan: warned });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().warnings.some((w: { severity: string }) => w.severity === "warning")).toBe(
      true,
    );
  });

  it("el cumplimiento se puede calcular contra el plan vigente en una fecha", async () => {
    const { id } = (await send("POST", "/api/plans", { plan: actionPlan("PA-CUMPLE") })).json();
    const res = await get(`/api/plans/${id}/compliance?planAt=2025-07-01`);
    expect(res.statusCode).toBe(200);
    expect(res.json().plan.code).toBe("PA-CUMPLE");
  });

  it("el plan sectorial de demostración queda en vigencia y su validación muestra sus advertencias reales", async () => {
    const planId = demoPlanId;
    const plan = (await get(`/api/plans/${planId}`)).json();
    expect(plan).toMatchObject({ status: "vigente", published: true, version: 1 });
    const validation = (await get(`/api/plans/${planId}/validation`)).json();
    expect(validation.summary.errors).toBe(0);
    expect(validation.summary).toEqual({ errors: 0, warnings: 3 });
    expect(validation.issues.map((i: { code: string }) => i.code)).toEqual([
      "weights.sum-not-100",
      "goal.text-artefact",
      "goal.total-mismatch",
    ]);
    expect(validation.issues[0].message).toContain("no está programado el indicador 78");
    expect(seedPlan().code).toBe(plan.code);
  });
});
