/**
 * Reportes de avance through HTTP on both engines, with the seed plan: the
 * workflow (borrador → enviado → devuelto/aprobado), every forbidden
 * transition, the lock reasons, a closed corte and its reopening, the value
 * rules and the warnings, concurrent writers, self-approval and the audit.
 * Cortes are rows written in the set-up (their routes are another module's).
 */

import { and, eq, like } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../audit/audit-repository.ts";
import type { DatabaseHandle } from "../../db/open-database.ts";
import { corteReopenings, cortes, evidenceFiles, plans, reportVersions } from "../../db/schema.ts";
import { savePlan } from "../../plans/plans-repository.ts";
import { createAccount, sessionFor, type TestLogin } from "../../testing/accounts.ts";
import { seedPlan } from "../../testing/seed-plan.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";
import { buildApp } from "../app.ts";

type Reply = Awaited<ReturnType<FastifyInstance["inject"]>>;

describe.each(TEST_ENGINES)("reportes de avance sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let planId: number;
  // Bogotá, 10 de abril de 2025: el corte del primer trimestre está abierto.
  let clock = new Date("2025-04-10T15:00:00Z");
  let ana: TestLogin; // responsable de todo el plan
  let tomas: TestLogin; // responsable solo del objetivo 3
  let lina: TestLogin; // planeación del plan
  let mario: TestLogin; // planeación del plan
  let doble: TestLogin; // planeación y responsable a la vez
  let consulta: TestLogin;
  let q1Corte: number;

  beforeAll(async () => {
    database = await open();
    app = await buildApp({
      database,
      logger: false,
      webDist: null,
      version: "t",
      now: () => clock,
    });
    const db = database.db;
    planId = await savePlan(db, seedPlan());
    const onPlan = (role: "responsable" | "planeacion" | "consulta") => ({
      role,
      scope: { kind: "plan" as const, planId },
    });
    const account = async (email: string, roles: Parameters<typeof createAccount>[2]) =>
      sessionFor(db, await createAccount(db, email, roles, { name: email.split("@")[0] }));
    ana = await account("ana@entidad.gov.co", [onPlan("responsable")]);
    tomas = await account("tomas@entidad.gov.co", [
      { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "3" } },
    ]);
    lina = await account("lina@entidad.gov.co", [onPlan("planeacion")]);
    mario = await account("mario@entidad.gov.co", [onPlan("planeacion")]);
    doble = await account("doble@entidad.gov.co", [onPlan("planeacion"), onPlan("responsable")]);
    consulta = await account("consulta@entidad.gov.co", [onPlan("consulta")]);
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
    q1Corte = q1?.id ?? 0;
    // The second quarter's corte is created but opens only in July.
    await db.insert(cortes).values({
      planId,
      periodEnd: "2025-06-30",
      opensOn: "2025-07-01",
      dueOn: "2025-07-15",
      closesOn: "2025-07-31",
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
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
    action: "submit" | "return" | "approve" | "unapprove",
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
  const error = (res: Reply) =>
    res.json().error as { code: string; message: string; details: unknown };
  const reportAudit = async (code: string, period: string) =>
    (await listAudit(database.db, { limit: 10_000 })).filter(
      (e) =>
        e.action.startsWith("reporte-") &&
        e.resource === `plan ${planId} / indicador ${code} / periodo ${period}`,
    );
  /** A report saved and sent to review by `who`; answers its ETag. */
  const submitted = async (who: TestLogin, code: string, period: string, value: number) => {
    const saved = await save(who, code, period, { value });
    expect(saved.statusCode).toBe(200);
    const sent = await act(who, "submit", code, period, String(saved.headers.etag));
    expect(sent.statusCode).toBe(200);
    return String(sent.headers.etag);
  };

  it("un periodo que nadie ha reportado responde estado null y versión 0, con su corte y sin bloqueo", async () => {
    const res = await get(consulta, "2320", "2025-Q1");
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"r0"');
    expect(res.json()).toMatchObject({
      indicator: "2320",
      period: "2025-Q1",
      area: null,
      status: null,
      version: 0,
      value: null,
      warnings: [],
      evidence: [],
      lock: null,
      late: false,
      corte: { id: q1Corte, periodEnd: "2025-03-31", state: "abierto" },
    });
  });

  it("el responsable guarda, envía; planeación devuelve con comentario; el responsable corrige y reenvía; otra persona aprueba", async () => {
    const saved = await save(tomas, "2320", "2025-Q1", {
      value: "38,5",
      analysis: { achievements: "Se digitalizaron 12 trámites." },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"r1"');
    expect(saved.json()).toMatchObject({ status: "borrador", version: 1, value: 38.5 });

    const sent = await act(tomas, "submit", "2320", "2025-Q1", '"r1"');
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({
      status: "enviado",
      version: 2,
      submittedBy: { name: "tomas" },
      firstSubmittedBy: { name: "tomas" },
      firstSubmittedAt: "2025-04-10T15:00:00.000Z",
      late: false,
    });

    const returned = await act(lina, "return", "2320", "2025-Q1", '"r2"', {
      comment: "Falta el soporte del acta de digitalización.",
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({
      status: "devuelto",
      version: 3,
      returnComment: "Falta el soporte del acta de digitalización.",
      reviewedBy: { name: "lina" },
      lock: null,
    });

    // Corrected after the deadline: the report stays devuelto, with the comment in view.
    clock = new Date("2025-04-20T15:00:00Z");
    const corrected = await save(
      tomas,
      "2320",
      "2025-Q1",
      { value: 39, analysis: { difficulties: "El acta llegó tarde." } },
      '"r3"',
    );
    expect(corrected.json()).toMatchObject({
      status: "devuelto",
      version: 4,
      value: 39,
      returnComment: "Falta el soporte del acta de digitalización.",
      analysis: {
        achievements: "Se digitalizaron 12 trámites.",
        difficulties: "El acta llegó tarde.",
      },
    });
    const resent = await act(tomas, "submit", "2320", "2025-Q1", '"r4"');
    expect(resent.json()).toMatchObject({
      status: "enviado",
      version: 5,
      returnComment: null,
      firstSubmittedAt: "2025-04-10T15:00:00.000Z",
      submittedAt: "2025-04-20T15:00:00.000Z",
      // Late is the first submission's: it was on time.
      late: false,
    });

    const approved = await act(mario, "approve", "2320", "2025-Q1", '"r5"');
    expect(approved.statusCode).toBe(200);
    expect(approved.headers.etag).toBe('"r6"');
    expect(approved.json()).toMatchObject({
      status: "aprobado",
      version: 6,
      reviewedBy: { name: "mario" },
      selfApproval: false,
      lock: "APPROVED",
    });

    const history = (
      await app.inject({
        method: "GET",
        url: url("2320", "2025-Q1", "history"),
        headers: consulta.headers,
      })
    ).json().versions as Array<{
      version: number;
      action: string;
      status: string;
      refersTo: number | null;
      comment: string | null;
      changes: Array<{ field: string; label: string; before: unknown; after: unknown }>;
    }>;
    expect(history.map((v) => `${v.version} ${v.action} ${v.status} ${v.refersTo ?? "-"}`)).toEqual(
      [
        "1 save borrador -",
        "2 submit enviado -",
        "3 return devuelto 2",
        "4 save devuelto -",
        // The resubmission answers the devolución; the approval names the version it approves.
        "5 submit enviado 3",
        "6 approve aprobado 5",
      ],
    );
    expect(history[0]?.changes).toEqual([
      { field: "status", label: "Estado", before: null, after: "borrador" },
      { field: "value", label: "Valor", before: null, after: 38.5 },
      {
        field: "achievements",
        label: "Logros",
        before: "",
        after: "Se digitalizaron 12 trámites.",
      },
    ]);
    expect(history[2]?.changes).toEqual([
      { field: "status", label: "Estado", before: "enviado", after: "devuelto" },
      {
        field: "comment",
        label: "Comentario",
        before: null,
        after: "Falta el soporte del acta de digitalización.",
      },
    ]);
    expect(history[3]?.changes).toEqual([
      { field: "value", label: "Valor", before: 38.5, after: 39 },
      {
        field: "difficulties",
        label: "Retrasos y dificultades",
        before: "",
        after: "El acta llegó tarde.",
      },
    ]);
    clock = new Date("2025-04-10T15:00:00Z");
  });

  it("nadie cambia un reporte aprobado; planeación quita la aprobación con justificación y vuelve a revisión", async () => {
    const sent = await submitted(ana, "3979", "2025-Q1", 45);
    const approved = await act(lina, "approve", "3979", "2025-Q1", sent);
    expect(approved.statusCode).toBe(200);
    const etag = String(approved.headers.etag);

    const edit = await save(ana, "3979", "2025-Q1", { value: 16 }, etag);
    expect(edit.statusCode).toBe(409);
    expect(error(edit)).toMatchObject({ code: "APPROVED" });
    expect(error(edit).message).toContain("aprobado");
    const resend = await act(ana, "submit", "3979", "2025-Q1", etag);
    expect(error(resend)).toMatchObject({ code: "INVALID_TRANSITION" });
    expect(error(resend).message).toContain("«Aprobado»");

    const noReason = await act(lina, "unapprove", "3979", "2025-Q1", etag, { justification: "no" });
    expect(noReason.statusCode).toBe(400);
    const unapproved = await act(lina, "unapprove", "3979", "2025-Q1", etag, {
      justification: "El valor del trimestre se corrigió en el comité del 30 de abril.",
    });
    expect(unapproved.statusCode).toBe(200);
    expect(unapproved.json()).toMatchObject({ status: "enviado", lock: "UNDER_REVIEW", value: 45 });
    const stored = await get(ana, "3979", "2025-Q1");
    expect(stored.json()).toMatchObject({ status: "enviado", version: 4 });
  });

  it("cada transición prohibida responde INVALID_TRANSITION nombrando el estado, y no guarda nada", async () => {
    const nothing = await act(lina, "approve", "4074", "2025-Q1", '"r0"');
    expect(nothing.statusCode).toBe(409);
    expect(error(nothing).message).toBe(
      "No se puede aprobar el reporte de 4074 (2025-Q1): todavía no tiene nada guardado.",
    );
    const draft = await save(ana, "4074", "2025-Q1", { value: 1 });
    const r1 = String(draft.headers.etag);
    for (const [action, body] of [
      ["approve", undefined],
      ["return", { comment: "Revise el valor." }],
      ["unapprove", { justification: "Se corrigió en comité." }],
    ] as const) {
      const res = await act(lina, action, "4074", "2025-Q1", r1, body);
      expect(res.statusCode).toBe(409);
      expect(error(res)).toMatchObject({ code: "INVALID_TRANSITION" });
      expect(error(res).message).toContain("su estado es «Borrador»");
    }
    const sent = await act(ana, "submit", "4074", "2025-Q1", r1);
    const r2 = String(sent.headers.etag);
    const again = await act(ana, "submit", "4074", "2025-Q1", r2);
    expect(error(again).message).toBe(
      "No se puede enviar a revisión el reporte de 4074 (2025-Q1): su estado es «Enviado a revisión».",
    );
    const unapprove = await act(lina, "unapprove", "4074", "2025-Q1", r2, {
      justification: "Se corrigió en comité.",
    });
    expect(error(unapprove)).toMatchObject({ code: "INVALID_TRANSITION" });
    const whileReviewed = await save(ana, "4074", "2025-Q1", { value: 2 }, r2);
    expect(error(whileReviewed)).toMatchObject({ code: "UNDER_REVIEW" });
    expect((await get(ana, "4074", "2025-Q1")).json()).toMatchObject({
      status: "enviado",
      version: 2,
      value: 1,
      lock: "UNDER_REVIEW",
    });
  });

  it("un periodo sin corte y un corte que aún no abre rechazan con NOT_OPEN_YET", async () => {
    const noCorte = await save(ana, "2307", "2025-Q3", { value: 46 });
    expect(noCorte.statusCode).toBe(409);
    expect(error(noCorte)).toMatchObject({ code: "NOT_OPEN_YET" });
    const notYet = await save(ana, "2307", "2025-Q2", { value: 46 });
    expect(error(notYet)).toMatchObject({ code: "NOT_OPEN_YET" });
    expect((await get(ana, "2307", "2025-Q2")).json()).toMatchObject({
      status: null,
      lock: "NOT_OPEN_YET",
      corte: { periodEnd: "2025-06-30", state: "programado" },
    });
    expect((await get(ana, "2307", "2025-Q3")).json()).toMatchObject({
      lock: "NOT_OPEN_YET",
      corte: null,
    });
  });

  it("un corte cerrado rechaza guardar y revisar; una reapertura para el indicador lo permite hasta su vencimiento", async () => {
    const db = database.db;
    const [corte] = await db
      .insert(cortes)
      .values({
        planId,
        periodEnd: "2024-12-31",
        opensOn: "2025-01-02",
        dueOn: "2025-01-20",
        closesOn: "2025-01-31",
      })
      .returning();
    if (!corte) throw new Error("corte");
    clock = new Date("2025-01-10T15:00:00Z");
    const sent = await submitted(ana, "4075", "2024", 20);
    await db
      .update(cortes)
      .set({ closedAt: new Date("2025-02-01T15:00:00Z") })
      .where(eq(cortes.id, corte.id));
    clock = new Date("2025-04-10T15:00:00Z");

    const approve = await act(lina, "approve", "4075", "2024", sent);
    expect(approve.statusCode).toBe(409);
    expect(error(approve)).toMatchObject({ code: "CORTE_CLOSED" });
    const draft = await save(ana, "4074", "2024", { value: 1 });
    expect(error(draft)).toMatchObject({ code: "CORTE_CLOSED" });

    // Reopened for 4075 only, until 20 April (inclusive, Bogotá's calendar).
    await db.insert(corteReopenings).values({
      corteId: corte.id,
      indicatorCodes: ["4075"],
      justification: "Ajuste del valor anual aprobado por el comité.",
      until: "2025-04-20",
    });
    const returned = await act(lina, "return", "4075", "2024", sent, {
      comment: "Ajuste el valor anual.",
    });
    expect(returned.statusCode).toBe(200);
    const fixed = await save(ana, "4075", "2024", { value: 19 }, String(returned.headers.etag));
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ value: 19, lock: null, corte: { state: "cerrado" } });
    expect(error(await save(ana, "4074", "2024", { value: 1 }))).toMatchObject({
      code: "CORTE_CLOSED",
    });

    // 21 April in Bogotá (02:00 UTC of the 22nd is still the 21st there): the reopening expired.
    clock = new Date("2025-04-22T02:00:00Z");
    const late = await save(ana, "4075", "2024", { value: 18 }, String(fixed.headers.etag));
    expect(late.statusCode).toBe(409);
    expect(error(late)).toMatchObject({ code: "CORTE_CLOSED" });
    expect((await get(ana, "4075", "2024")).json()).toMatchObject({
      value: 19,
      lock: "CORTE_CLOSED",
    });
    clock = new Date("2025-04-10T15:00:00Z");
  });

  it("los errores del valor bloquean el guardado con REPORT_INVALID, en palabras de quien planea", async () => {
    const notNumber = await save(ana, "73", "2025-Q1", { value: "ochenta" });
    expect(notNumber.statusCode).toBe(422);
    expect(error(notNumber)).toMatchObject({
      code: "REPORT_INVALID",
      details: [
        {
          field: "value",
          message: "Valor: «ochenta» no es un número (use coma decimal, p. ej. 44,5).",
        },
      ],
    });
    const overHundred = await save(ana, "73", "2025-Q1", { value: 120 });
    expect(error(overHundred).details).toEqual([
      {
        field: "value",
        message: "Valor: 120 está fuera de 0–100 y el indicador se mide en porcentaje.",
      },
    ]);
    const negative = await save(ana, "4248", "2025-Q1", { value: "-2" });
    expect(error(negative).details).toEqual([
      { field: "value", message: "Valor: no puede ser negativo para este indicador." },
    ]);
    const outside = await save(ana, "73", "2031-Q1", { value: 80 });
    expect(outside.statusCode).toBe(400);
    expect(error(outside)).toMatchObject({
      code: "VALIDATION_ERROR",
      details: [
        {
          field: "period",
          message: "El periodo 2031-Q1 está fuera de las vigencias del plan (2024–2027).",
        },
      ],
    });
    const garbled = await save(ana, "73", "2025-13", { value: 80 });
    expect(error(garbled)).toMatchObject({ code: "VALIDATION_ERROR" });
    const unknown = await save(ana, "9999", "2025-Q1", { value: 80 });
    expect(unknown.statusCode).toBe(404);
    expect(error(unknown)).toMatchObject({ code: "INDICATOR_NOT_FOUND" });
    // Nothing was stored by any refusal.
    expect((await get(ana, "73", "2025-Q1")).json()).toMatchObject({ status: null, version: 0 });
    const decimal = await save(ana, "73", "2025-Q1", { value: "80,25" });
    expect(decimal.json()).toMatchObject({ value: 80.25, version: 1 });
  });

  it("una advertencia sin explicar bloquea el envío con WARNINGS_UNEXPLAINED; explicada, el reporte se envía", async () => {
    // 2320 in 2025 has a target of 40 %: 20 leaves it en rojo.
    const saved = await save(ana, "2320", "2025-01", { value: 20 });
    expect(saved.json().warnings).toEqual([
      {
        code: "semaforo",
        message:
          "Con este valor el periodo queda en rojo: explique los retrasos y las acciones de mejora.",
        explained: false,
      },
    ]);
    const refused = await act(ana, "submit", "2320", "2025-01", String(saved.headers.etag));
    expect(refused.statusCode).toBe(422);
    expect(error(refused)).toMatchObject({
      code: "WARNINGS_UNEXPLAINED",
      details: [{ field: "explanations.semaforo", code: "semaforo" }],
    });
    const explained = await save(
      ana,
      "2320",
      "2025-01",
      { explanations: { semaforo: "La contratación del operador se firmó en marzo." } },
      String(saved.headers.etag),
    );
    expect(explained.json().warnings).toMatchObject([{ code: "semaforo", explained: true }]);
    const sent = await act(ana, "submit", "2320", "2025-01", String(explained.headers.etag));
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({
      status: "enviado",
      explanations: { semaforo: "La contratación del operador se firmó en marzo." },
    });
  });

  it("la sobre-ejecución y un valor lejos de la historia aprobada piden explicación antes de enviar", async () => {
    // Four approved quarters of 2024 (as the migration of earlier actuals leaves them).
    await database.db.insert(reportVersions).values(
      ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"].map((period) => ({
        planId,
        indicatorCode: "4226",
        period,
        version: 1,
        action: "approve",
        status: "aprobado",
        value: 0.1,
        source: "migracion",
      })),
    );
    const saved = await save(ana, "4226", "2025-Q1", { value: 0.9 });
    expect(saved.json().warnings.map((w: { code: string }) => w.code)).toEqual([
      "sobreejecucion",
      "atipico",
    ]);
    const refused = await act(ana, "submit", "4226", "2025-Q1", String(saved.headers.etag));
    expect(error(refused).details).toMatchObject([
      { code: "sobreejecucion", message: expect.stringContaining("125 %") },
      { code: "atipico" },
    ]);
  });

  it("dos revisores aprueban a la vez con el mismo If-Match: uno gana y el otro recibe 409", async () => {
    const sent = await submitted(ana, "4200", "2025-Q1", 0.25);
    const [a, b] = await Promise.all([
      act(lina, "approve", "4200", "2025-Q1", sent),
      act(mario, "approve", "4200", "2025-Q1", sent),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
    const loser = a?.statusCode === 409 ? a : b;
    if (!loser) throw new Error("respuesta");
    expect(error(loser)).toMatchObject({
      code: "VERSION_CONFLICT",
      details: { currentVersion: 3 },
    });
    const rows = await database.db
      .select()
      .from(reportVersions)
      .where(and(eq(reportVersions.planId, planId), eq(reportVersions.indicatorCode, "4200")));
    expect(rows.filter((r) => r.action === "approve")).toHaveLength(1);
  });

  it("el responsable guarda mientras planeación devuelve: gana uno y nada se pierde", async () => {
    const sent = await submitted(ana, "4205", "2025-Q1", 0.5);
    const [saveRes, returnRes] = await Promise.all([
      save(ana, "4205", "2025-Q1", { value: 0.55 }, sent),
      act(lina, "return", "4205", "2025-Q1", sent, {
        comment: "Adjunte el informe del trimestre.",
      }),
    ]);
    expect(returnRes.statusCode).toBe(200);
    expect(saveRes.statusCode).toBe(409);
    expect(["VERSION_CONFLICT", "UNDER_REVIEW"]).toContain(error(saveRes).code);
    const now = await get(ana, "4205", "2025-Q1");
    expect(now.json()).toMatchObject({
      status: "devuelto",
      value: 0.5,
      returnComment: "Adjunte el informe del trimestre.",
    });
    // Reloaded, the reporter's correction goes in on the returned version.
    const retry = await save(ana, "4205", "2025-Q1", { value: 0.55 }, String(now.headers.etag));
    expect(retry.json()).toMatchObject({ status: "devuelto", value: 0.55 });
  });

  it("quien envió no puede aprobar su propio reporte, salvo que el plan permita la autoaprobación", async () => {
    const sent = await submitted(doble, "4263", "2025-Q1", 0.4);
    const self = await act(doble, "approve", "4263", "2025-Q1", sent);
    expect(self.statusCode).toBe(403);
    expect(error(self)).toMatchObject({ code: "SELF_APPROVAL_NOT_ALLOWED" });
    await database.db.update(plans).set({ allowSelfApproval: true }).where(eq(plans.id, planId));
    try {
      const allowed = await act(doble, "approve", "4263", "2025-Q1", sent);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.json()).toMatchObject({ status: "aprobado", selfApproval: true });
    } finally {
      await database.db.update(plans).set({ allowSelfApproval: false }).where(eq(plans.id, planId));
    }
  });

  it("If-Match es obligatorio sobre un reporte existente; uno viejo responde 409 y uno mal escrito 400", async () => {
    const first = await save(ana, "4267", "2025-Q1", { value: 0.5 });
    expect(first.statusCode).toBe(200);
    const missing = await save(ana, "4267", "2025-Q1", { value: 0.6 });
    expect(missing.statusCode).toBe(428);
    expect(error(missing)).toMatchObject({ code: "IF_MATCH_REQUIRED" });
    const second = await save(ana, "4267", "2025-Q1", { value: 0.6 }, '"r1"');
    expect(second.statusCode).toBe(200);
    const stale = await save(ana, "4267", "2025-Q1", { value: 0.7 }, '"r1"');
    expect(stale.statusCode).toBe(409);
    expect(error(stale)).toMatchObject({ code: "VERSION_CONFLICT" });
    const malformed = await save(ana, "4267", "2025-Q1", { value: 0.7 }, '"v2"');
    expect(malformed.statusCode).toBe(400);
    expect(error(malformed)).toMatchObject({ code: "IF_MATCH_INVALID" });
    expect((await get(ana, "4267", "2025-Q1")).json()).toMatchObject({ version: 2, value: 0.6 });
  });

  it("solo el responsable en alcance reporta y solo planeación revisa", async () => {
    const outOfScope = await save(tomas, "2307", "2025-Q1", { value: 46 });
    expect(outOfScope.statusCode).toBe(403);
    expect((await save(consulta, "2307", "2025-Q1", { value: 46 })).statusCode).toBe(403);
    expect((await save(lina, "2307", "2025-Q1", { value: 46 })).statusCode).toBe(403);
    const sent = await submitted(tomas, "78", "2025-Q1", 90);
    const byReporter = await act(tomas, "approve", "78", "2025-Q1", sent);
    expect(byReporter.statusCode).toBe(403);
    expect(error(byReporter)).toMatchObject({ code: "FORBIDDEN" });
    expect((await get(tomas, "78", "2025-Q1")).json()).toMatchObject({ status: "enviado" });
  });

  it("un guardado que no cambia nada no agrega versión ni entrada de auditoría; cada cambio real deja una, con antes y después", async () => {
    const first = await save(ana, "72", "2025-Q1", {
      value: 89,
      analysis: { achievements: "Índice medido en la encuesta anual." },
      evidence: [{ kind: "link", url: "https://datos.gov.co/encuesta", title: "Encuesta" }],
    });
    expect(first.json()).toMatchObject({ version: 1 });
    const same = await save(
      ana,
      "72",
      "2025-Q1",
      {
        value: "89",
        analysis: { achievements: "Índice medido en la encuesta anual." },
        evidence: [{ kind: "link", url: "https://datos.gov.co/encuesta", title: "Encuesta" }],
      },
      '"r1"',
    );
    expect(same.statusCode).toBe(200);
    expect(same.headers.etag).toBe('"r1"');
    expect(await reportAudit("72", "2025-Q1")).toHaveLength(1);

    const sha = "a".repeat(64);
    await database.db
      .insert(evidenceFiles)
      .values({ sha256: sha, size: 3, mediaType: "application/pdf", bytes: Buffer.from("pdf") });
    const changed = await save(
      ana,
      "72",
      "2025-Q1",
      { value: 89.5, evidence: [{ kind: "file", sha256: sha }] },
      '"r1"',
    );
    expect(changed.json()).toMatchObject({
      version: 2,
      evidence: [
        {
          kind: "file",
          sha256: sha,
          size: 3,
          mediaType: "application/pdf",
          addedBy: { name: "ana" },
        },
      ],
    });
    const entries = await reportAudit("72", "2025-Q1");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      action: "reporte-guardado",
      actorEmail: "ana@entidad.gov.co",
      outcome: "ok",
      details: {
        version: 2,
        source: "formulario",
        changes: [
          { field: "value", label: "Valor", before: 89, after: 89.5 },
          {
            field: "evidence",
            label: "Soportes",
            before: ["Encuesta: https://datos.gov.co/encuesta"],
            after: [`soporte-${sha.slice(0, 12)} (SHA-256 ${sha})`],
          },
        ],
        evidenceAdded: [{ kind: "file", sha256: sha }],
        evidenceRemoved: [{ kind: "link", url: "https://datos.gov.co/encuesta" }],
      },
    });
    const sent = await act(ana, "submit", "72", "2025-Q1", '"r2"');
    expect(sent.statusCode).toBe(200);
    const after = await reportAudit("72", "2025-Q1");
    expect(after.map((e) => e.action)).toEqual([
      "reporte-enviado",
      "reporte-guardado",
      "reporte-guardado",
    ]);
    expect(after[0]?.details).toMatchObject({
      changes: [{ field: "status", before: "borrador", after: "enviado" }],
    });
    const unknownFile = await save(ana, "80", "2025-Q1", {
      value: 50,
      evidence: [{ kind: "file", sha256: "b".repeat(64) }],
    });
    expect(unknownFile.statusCode).toBe(404);
    expect(error(unknownFile)).toMatchObject({ code: "EVIDENCE_NOT_FOUND" });
    expect(
      await database.db
        .select()
        .from(reportVersions)
        .where(and(eq(reportVersions.planId, planId), like(reportVersions.indicatorCode, "80"))),
    ).toEqual([]);
  });
});
