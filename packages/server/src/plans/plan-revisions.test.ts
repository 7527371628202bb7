import type { Plan } from "@rumbo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/open-database.ts";
import { createAccount } from "../testing/accounts.ts";
import { actionPlan as smallActionPlan } from "../testing/action-plan.ts";
import { seedPlan } from "../testing/seed-plan.ts";
import { TEST_ENGINES } from "../testing/test-databases.ts";
import { changePlanStatus } from "./plan-lifecycle-service.ts";
import {
  getPlanState,
  getPlanVersion,
  getPlanVersionAt,
  listPlanVersions,
  replacePlan,
  VersionConflictError,
} from "./plan-revisions.ts";
import { getPlan, PlanCodeTakenError, savePlan } from "./plans-repository.ts";

/** The small plan as the database gives it back (no baseline reads as null), A2 at 80,5 in 2025. */
function actionPlan(code: string): Plan {
  const plan = smallActionPlan(code);
  for (const indicator of plan.objectives.flatMap((o) => o.indicators)) indicator.baseline = null;
  const a2 = plan.objectives[0]?.indicators[1];
  if (a2) a2.targets["2025"] = 80.5;
  return plan;
}

/** The same plan with 2026 reprogrammed for A1. */
function reprogrammed(plan: Plan, target2026: number): Plan {
  return {
    ...plan,
    objectives: plan.objectives.map((o) => ({
      ...o,
      indicators: o.indicators.map((i) =>
        i.code === "A1" ? { ...i, targets: { ...i.targets, "2026": target2026 } } : i,
      ),
    })),
  };
}

describe.each(TEST_ENGINES)("versiones de un plan sobre $name", ({ open }) => {
  let handle: DatabaseHandle;
  let planner = 0;

  beforeAll(async () => {
    handle = await open();
    planner = await createAccount(handle.db, "planeacion@entidad.gov.co", []);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("al crear un plan queda la versión 1, con su autor y vigente desde el día de creación en Bogotá", async () => {
    // 03:30 UTC is still the evening before in Bogotá (UTC−5).
    const id = await savePlan(handle.db, actionPlan("PA-V1"), {
      at: new Date("2026-03-02T03:30:00.250Z"),
      version: { kind: "creacion", userId: planner, actorEmail: "planeacion@entidad.gov.co" },
    });
    expect(await getPlanState(handle.db, id)).toEqual({
      id,
      version: 1,
      status: "formulacion",
      published: false,
    });
    expect(await listPlanVersions(handle.db, id)).toEqual([
      {
        version: 1,
        kind: "creacion",
        createdAt: "2026-03-02T03:30:00.250Z",
        actorEmail: "planeacion@entidad.gov.co",
        justification: null,
        actReference: null,
        effectiveFrom: "2026-03-01",
      },
    ]);
    expect(await getPlanVersion(handle.db, id, 1)).toEqual(actionPlan("PA-V1"));
  });

  it("cada guardado es una versión nueva y las anteriores se leen tal como estaban", async () => {
    const original = actionPlan("PA-EDIT");
    const id = await savePlan(handle.db, original, { at: new Date("2026-01-10T15:00:00Z") });
    const edited: Plan = {
      ...reprogrammed(original, 25),
      name: "Plan de acción 2025-2026 (ajustado)",
    };
    const version = await replacePlan(
      handle.db,
      id,
      edited,
      1,
      { kind: "edicion", userId: planner, actorEmail: "planeacion@entidad.gov.co" },
      new Date("2026-01-12T16:45:10.007Z"),
    );
    expect(version).toBe(2);
    expect(await getPlanState(handle.db, id)).toMatchObject({ version: 2 });
    expect(await getPlanVersion(handle.db, id, 1)).toEqual(original);
    expect(await getPlanVersion(handle.db, id, 2)).toEqual(edited);
    expect(await getPlan(handle.db, id)).toEqual({ id, ...edited });
    expect(await listPlanVersions(handle.db, id)).toEqual([
      {
        version: 1,
        kind: "creacion",
        createdAt: "2026-01-10T15:00:00.000Z",
        actorEmail: null,
        justification: null,
        actReference: null,
        effectiveFrom: "2026-01-10",
      },
      {
        version: 2,
        kind: "edicion",
        createdAt: "2026-01-12T16:45:10.007Z",
        actorEmail: "planeacion@entidad.gov.co",
        justification: null,
        actReference: null,
        effectiveFrom: "2026-01-12",
      },
    ]);
    expect(await getPlanVersion(handle.db, id, 3)).toBeNull();
  });

  it("una edición que quita un indicador lo borra del plan guardado y deja los demás", async () => {
    const original = actionPlan("PA-QUITA");
    const id = await savePlan(handle.db, original);
    const [objective] = original.objectives;
    if (!objective) throw new Error("el plan de prueba tiene un objetivo");
    const edited: Plan = {
      ...original,
      objectives: [
        { ...objective, indicators: objective.indicators.filter((i) => i.code !== "A2") },
      ],
    };
    await replacePlan(handle.db, id, edited, 1, { kind: "edicion" }, new Date());
    const stored = await getPlan(handle.db, id);
    expect(stored?.objectives.flatMap((o) => o.indicators.map((i) => i.code))).toEqual(["A1"]);
  });

  it("si otra persona guardó antes, el guardado se rechaza diciendo la versión vigente y no cambia nada", async () => {
    const id = await savePlan(handle.db, actionPlan("PA-CONFLICTO"), {
      at: new Date("2026-02-01T15:00:00Z"),
    });
    const first = reprogrammed(actionPlan("PA-CONFLICTO"), 21);
    await replacePlan(
      handle.db,
      id,
      first,
      1,
      { kind: "edicion" },
      new Date("2026-02-02T15:00:00Z"),
    );
    const late = replacePlan(
      handle.db,
      id,
      reprogrammed(actionPlan("PA-CONFLICTO"), 99),
      1,
      { kind: "edicion" },
      new Date("2026-02-02T15:05:00Z"),
    );
    await expect(late).rejects.toBeInstanceOf(VersionConflictError);
    await expect(late).rejects.toMatchObject({ currentVersion: 2, expectedVersion: 1 });
    expect(await getPlan(handle.db, id)).toEqual({ id, ...first });
    expect((await listPlanVersions(handle.db, id)).map((v) => v.version)).toEqual([1, 2]);
  });

  it("si dos personas guardan a la vez sobre la misma versión, una gana y la otra recibe el conflicto", async () => {
    const id = await savePlan(handle.db, actionPlan("PA-CARRERA"), {
      at: new Date("2026-02-01T15:00:00Z"),
    });
    const now = new Date("2026-02-03T15:00:00Z");
    const results = await Promise.allSettled([
      replacePlan(
        handle.db,
        id,
        reprogrammed(actionPlan("PA-CARRERA"), 30),
        1,
        { kind: "edicion" },
        now,
      ),
      replacePlan(
        handle.db,
        id,
        reprogrammed(actionPlan("PA-CARRERA"), 40),
        1,
        { kind: "edicion" },
        now,
      ),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won.map((r) => r.value)).toEqual([2]);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(VersionConflictError);
    expect((await listPlanVersions(handle.db, id)).map((v) => v.version)).toEqual([1, 2]);
    const winner = results.findIndex((r) => r.status === "fulfilled");
    const a1 = (await getPlan(handle.db, id))?.objectives[0]?.indicators[0];
    expect(a1?.targets["2026"]).toBe(winner === 0 ? 30 : 40);
  });

  it("no se puede cambiar el código del plan por uno que ya usa otro plan", async () => {
    await savePlan(handle.db, actionPlan("PA-OCUPADO"));
    const id = await savePlan(handle.db, actionPlan("PA-LIBRE"));
    const attempt = replacePlan(
      handle.db,
      id,
      actionPlan("PA-OCUPADO"),
      1,
      { kind: "edicion" },
      new Date("2026-02-04T15:00:00Z"),
    );
    await expect(attempt).rejects.toBeInstanceOf(PlanCodeTakenError);
    expect(await getPlanState(handle.db, id)).toMatchObject({ version: 1 });
    expect((await getPlan(handle.db, id))?.code).toBe("PA-LIBRE");
  });

  it("dos personas crean a la vez un plan con el mismo código: uno se crea y la otra recibe «código en uso»", async () => {
    const attempts = await Promise.allSettled([
      savePlan(handle.db, actionPlan("PA-SIMULTANEO")),
      savePlan(handle.db, { ...actionPlan("PA-SIMULTANEO"), name: "Otro plan" }),
    ]);
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const refused = attempts.flatMap((a) => (a.status === "rejected" ? [a.reason] : []));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(PlanCodeTakenError);
  });

  it("el plan vigente en una fecha es la última versión en vigor ese día", async () => {
    const v1 = actionPlan("PA-FECHAS");
    const id = await savePlan(handle.db, v1, { at: new Date("2026-01-15T15:00:00Z") });
    // Put in force the same day: a version of its own, with the content and date of version 1.
    await changePlanStatus(handle.db, id, "vigente", {
      author: { userId: planner, actorEmail: "planeacion@entidad.gov.co" },
      now: new Date("2026-01-15T16:00:00Z"),
    });
    const v2 = reprogrammed(v1, 18);
    await replacePlan(
      handle.db,
      id,
      v2,
      2,
      {
        kind: "reprogramacion",
        userId: planner,
        actorEmail: "planeacion@entidad.gov.co",
        justification: "Recorte presupuestal 2026",
        actReference: "Acta de comité 3 de 2026",
        effectiveFrom: "2026-04-01",
      },
      new Date("2026-03-20T15:00:00Z"),
    );
    expect(await getPlanState(handle.db, id)).toEqual({
      id,
      version: 3,
      status: "vigente",
      published: false,
    });
    expect((await listPlanVersions(handle.db, id))[1]).toEqual({
      version: 2,
      kind: "puesta-en-vigencia",
      createdAt: "2026-01-15T16:00:00.000Z",
      actorEmail: "planeacion@entidad.gov.co",
      justification: null,
      actReference: null,
      effectiveFrom: "2026-01-15",
    });
    expect(await getPlanVersion(handle.db, id, 2)).toEqual(v1);
    expect((await listPlanVersions(handle.db, id))[2]).toEqual({
      version: 3,
      kind: "reprogramacion",
      createdAt: "2026-03-20T15:00:00.000Z",
      actorEmail: "planeacion@entidad.gov.co",
      justification: "Recorte presupuestal 2026",
      actReference: "Acta de comité 3 de 2026",
      effectiveFrom: "2026-04-01",
    });
    expect(await getPlanVersionAt(handle.db, id, "2026-01-14")).toBeNull();
    expect(await getPlanVersionAt(handle.db, id, "2026-01-15")).toEqual({ version: 2, plan: v1 });
    expect(await getPlanVersionAt(handle.db, id, "2026-03-31")).toEqual({ version: 2, plan: v1 });
    expect(await getPlanVersionAt(handle.db, id, "2026-04-01")).toEqual({ version: 3, plan: v2 });
    expect(await getPlanVersionAt(handle.db, id, "2027-12-31")).toEqual({ version: 3, plan: v2 });
  });

  it("si dos versiones entran en vigor el mismo día, cuenta la última que se guardó", async () => {
    const v1 = actionPlan("PA-MISMO-DIA");
    const id = await savePlan(handle.db, v1, { at: new Date("2026-05-04T14:00:00Z") });
    const v2 = reprogrammed(v1, 22);
    const v3 = reprogrammed(v1, 23);
    await replacePlan(handle.db, id, v2, 1, { kind: "edicion" }, new Date("2026-05-04T15:00:00Z"));
    await replacePlan(handle.db, id, v3, 2, { kind: "edicion" }, new Date("2026-05-04T16:00:00Z"));
    expect(await getPlanVersionAt(handle.db, id, "2026-05-04")).toEqual({ version: 3, plan: v3 });
  });

  it("una reprogramación con fecha anterior a una edición ya guardada rige desde su fecha y la reemplaza", async () => {
    const v1 = actionPlan("PA-RETROACTIVA");
    const id = await savePlan(handle.db, v1, { at: new Date("2026-01-05T15:00:00Z") });
    const v2 = { ...v1, name: "Plan de acción 2025-2026 (nombre corregido)" };
    await replacePlan(
      handle.db,
      id,
      v2,
      1,
      { kind: "edicion", effectiveFrom: "2026-02-01" },
      new Date("2026-02-01T15:00:00Z"),
    );
    // Approved in March, in force since 20 January: built on v2, so it keeps the new name.
    const v3 = reprogrammed(v2, 25);
    await replacePlan(
      handle.db,
      id,
      v3,
      2,
      {
        kind: "reprogramacion",
        justification: "Ajuste de la meta 2026",
        actReference: "Acta 2 de 2026",
        effectiveFrom: "2026-01-20",
      },
      new Date("2026-03-10T15:00:00Z"),
    );
    expect(await getPlanVersionAt(handle.db, id, "2026-01-19")).toEqual({ version: 1, plan: v1 });
    expect(await getPlanVersionAt(handle.db, id, "2026-01-20")).toEqual({ version: 3, plan: v3 });
    expect(await getPlanVersionAt(handle.db, id, "2026-02-05")).toEqual({ version: 3, plan: v3 });
  });

  it("un plan que no existe no tiene datos, versiones ni fecha en vigor", async () => {
    expect(await getPlanState(handle.db, 987_654)).toBeNull();
    expect(await listPlanVersions(handle.db, 987_654)).toEqual([]);
    expect(await getPlanVersion(handle.db, 987_654, 1)).toBeNull();
    expect(await getPlanVersionAt(handle.db, 987_654, "2026-01-01")).toBeNull();
  });

  it("el plan sectorial completo se guarda como versión y se lee igual", async () => {
    const plan = seedPlan();
    const id = await savePlan(handle.db, plan, { at: new Date("2024-02-01T15:00:00Z") });
    expect(await getPlanVersion(handle.db, id, 1)).toEqual(plan);
    expect(await getPlanVersionAt(handle.db, id, "2024-02-01")).toEqual({ version: 1, plan });
  });
});
