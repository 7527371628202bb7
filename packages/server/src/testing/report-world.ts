/**
 * The world of the report route tests: the seed plan, the people who report
 * and review it, the first quarter's corte of 2025 open and the second's
 * created but not yet open (cortes are rows here: their routes are another
 * module's), a clock the tests move, and the requests a browser would send.
 */

import type { Plan } from "@rumbo/core";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { listAudit } from "../audit/audit-repository.ts";
import type { DatabaseHandle } from "../db/open-database.ts";
import { cortes } from "../db/schema.ts";
import { buildApp } from "../http/app.ts";
import { savePlan } from "../plans/plans-repository.ts";
import { createAccount, sessionFor, type TestLogin } from "./accounts.ts";
import { seedPlan } from "./seed-plan.ts";

type Reply = Awaited<ReturnType<FastifyInstance["inject"]>>;
export type ReviewAction = "submit" | "return" | "approve" | "unapprove";

/** Bogotá, 10 de abril de 2025: the first quarter's corte is open. */
export const APRIL_10 = new Date("2025-04-10T15:00:00Z");

/** `plan`: the seed plan unless a test needs it changed (reporting areas in the ficha). */
export async function openReportWorld(
  open: () => Promise<DatabaseHandle>,
  plan: Plan = seedPlan(),
) {
  const database = await open();
  const db = database.db;
  const world = {
    clock: APRIL_10,
  };
  const app = await buildApp({
    database,
    logger: false,
    webDist: null,
    version: "t",
    now: () => world.clock,
  });
  const planId = await savePlan(db, plan);
  const onPlan = (role: "responsable" | "planeacion" | "consulta") => ({
    role,
    scope: { kind: "plan" as const, planId },
  });
  const account = async (email: string, roles: Parameters<typeof createAccount>[2]) =>
    sessionFor(db, await createAccount(db, email, roles, { name: email.split("@")[0] }));
  const [q1] = await db
    .insert(cortes)
    .values({
      planId,
      periodEnd: "2025-03-31",
      opensOn: "2025-04-01",
      dueOn: "2025-04-15",
      closesOn: "2025-04-30",
    })
    .returning();
  await db.insert(cortes).values({
    planId,
    periodEnd: "2025-06-30",
    opensOn: "2025-07-01",
    dueOn: "2025-07-15",
    closesOn: "2025-07-31",
  });

  const url = (code: string, period: string, action = "") =>
    `/api/plans/${planId}/indicators/${code}/reports/${period}${action ? `/${action}` : ""}`;
  const get = (who: TestLogin, code: string, period: string) =>
    app.inject({ method: "GET", url: url(code, period), headers: who.headers });
  const save = (who: TestLogin, code: string, period: string, body: object, etag?: string) =>
    app.inject({
      method: "PUT",
      url: url(code, period),
      payload: body,
      headers: { ...who.headers, ...(etag ? { "if-match": etag } : {}) },
    });
  const act = (
    who: TestLogin,
    action: ReviewAction,
    code: string,
    period: string,
    etag: string,
    body?: object,
  ) =>
    app.inject({
      method: "POST",
      url: url(code, period, action),
      headers: { ...who.headers, "if-match": etag },
      ...(body ? { payload: body } : {}),
    });

  return Object.assign(world, {
    database,
    app,
    planId,
    q1Corte: q1?.id ?? 0,
    /** Responsable of the whole plan. */
    ana: await account("ana@entidad.gov.co", [onPlan("responsable")]),
    /** Responsable of objective 3 only. */
    tomas: await account("tomas@entidad.gov.co", [
      { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "3" } },
    ]),
    /** Planeación of the plan. */
    lina: await account("lina@entidad.gov.co", [onPlan("planeacion")]),
    /** Planeación of the plan. */
    mario: await account("mario@entidad.gov.co", [onPlan("planeacion")]),
    /** Planeación and responsable at once. */
    doble: await account("doble@entidad.gov.co", [onPlan("planeacion"), onPlan("responsable")]),
    consulta: await account("consulta@entidad.gov.co", [onPlan("consulta")]),
    url,
    get,
    save,
    act,
    error: (res: Reply) => res.json().error as { code: string; message: string; details: unknown },
    /** The report entries of the audit (newest first). */
    reportAudit: async (code: string, period: string) =>
      (await listAudit(db, { limit: 10_000 })).filter(
        (e) =>
          e.action.startsWith("reporte-") &&
          e.resource === `plan ${planId} / indicador ${code} / periodo ${period}`,
      ),
    /** A report saved and sent to review by `who`; answers its ETag. */
    submitted: async (who: TestLogin, code: string, period: string, value: number) => {
      const saved = await save(who, code, period, { value });
      expect(saved.statusCode).toBe(200);
      const sent = await act(who, "submit", code, period, String(saved.headers.etag));
      expect(sent.statusCode).toBe(200);
      return String(sent.headers.etag);
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  });
}

export type ReportWorld = Awaited<ReturnType<typeof openReportWorld>>;
