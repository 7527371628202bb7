/**
 * The life of a reporte de avance through HTTP, on both engines, with the
 * seed plan: every transition and every forbidden one, the lock reasons, a
 * closed corte and its reopening until it expires.
 */

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corteReopenings, cortes } from "../../db/schema.ts";
import { APRIL_10, openReportWorld, type ReportWorld } from "../../testing/report-world.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";

describe.each(TEST_ENGINES)("estados de un reporte de avance sobre $name", ({ open }) => {
  let w: ReportWorld;
  beforeAll(async () => {
    w = await openReportWorld(open);
  });
  afterAll(async () => {
    await w?.close();
  });

  it("un periodo que nadie ha reportado responde estado null y versión 0, con su corte y sin bloqueo", async () => {
    const res = await w.get(w.consulta, "2320", "2025-Q1");
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
      corte: { id: w.q1Corte, periodEnd: "2025-03-31", state: "abierto" },
    });
  });

  it("el responsable guarda, envía; planeación devuelve con comentario; el responsable corrige y reenvía; otra persona aprueba", async () => {
    const saved = await w.save(w.tomas, "2320", "2025-Q1", {
      value: "38,5",
      analysis: { achievements: "Se digitalizaron 12 trámites." },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"r1"');
    expect(saved.json()).toMatchObject({ status: "borrador", version: 1, value: 38.5 });

    const sent = await w.act(w.tomas, "submit", "2320", "2025-Q1", '"r1"');
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({
      status: "enviado",
      version: 2,
      submittedBy: { name: "tomas" },
      firstSubmittedBy: { name: "tomas" },
      firstSubmittedAt: "2025-04-10T15:00:00.000Z",
      late: false,
    });

    const returned = await w.act(w.lina, "return", "2320", "2025-Q1", '"r2"', {
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
    w.clock = new Date("2025-04-20T15:00:00Z");
    const corrected = await w.save(
      w.tomas,
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
    const resent = await w.act(w.tomas, "submit", "2320", "2025-Q1", '"r4"');
    expect(resent.json()).toMatchObject({
      status: "enviado",
      version: 5,
      returnComment: null,
      firstSubmittedAt: "2025-04-10T15:00:00.000Z",
      submittedAt: "2025-04-20T15:00:00.000Z",
      // Late is the first submission's: it was on time.
      late: false,
    });

    const approved = await w.act(w.mario, "approve", "2320", "2025-Q1", '"r5"');
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
      await w.app.inject({
        method: "GET",
        url: w.url("2320", "2025-Q1", "history"),
        headers: w.consulta.headers,
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
    // The comment is the devolución's own; the correction saved meanwhile did not write it.
    expect(history.map((v) => v.comment)).toEqual([
      null,
      null,
      "Falta el soporte del acta de digitalización.",
      null,
      null,
      null,
    ]);
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
    w.clock = APRIL_10;
  });

  it("nadie cambia un reporte aprobado; planeación quita la aprobación con justificación y vuelve a revisión", async () => {
    const sent = await w.submitted(w.ana, "3979", "2025-Q1", 45);
    const approved = await w.act(w.lina, "approve", "3979", "2025-Q1", sent);
    expect(approved.statusCode).toBe(200);
    const etag = String(approved.headers.etag);

    const edit = await w.save(w.ana, "3979", "2025-Q1", { value: 16 }, etag);
    expect(edit.statusCode).toBe(409);
    expect(w.error(edit)).toMatchObject({ code: "APPROVED" });
    expect(w.error(edit).message).toContain("aprobado");
    const resend = await w.act(w.ana, "submit", "3979", "2025-Q1", etag);
    expect(w.error(resend)).toMatchObject({ code: "INVALID_TRANSITION" });
    expect(w.error(resend).message).toContain("«Aprobado»");

    const noReason = await w.act(w.lina, "unapprove", "3979", "2025-Q1", etag, {
      justification: "no",
    });
    expect(noReason.statusCode).toBe(400);
    const unapproved = await w.act(w.lina, "unapprove", "3979", "2025-Q1", etag, {
      justification: "El valor del trimestre se corrigió en el comité del 30 de abril.",
    });
    expect(unapproved.statusCode).toBe(200);
    expect(unapproved.json()).toMatchObject({ status: "enviado", lock: "UNDER_REVIEW", value: 45 });
    const stored = await w.get(w.ana, "3979", "2025-Q1");
    expect(stored.json()).toMatchObject({ status: "enviado", version: 4 });
  });

  it("cada transición prohibida responde INVALID_TRANSITION nombrando el estado, y no guarda nada", async () => {
    const nothing = await w.act(w.lina, "approve", "4074", "2025-Q1", '"r0"');
    expect(nothing.statusCode).toBe(409);
    expect(w.error(nothing).message).toBe(
      "No se puede aprobar el reporte de 4074 (2025-Q1): todavía no tiene nada guardado.",
    );
    const draft = await w.save(w.ana, "4074", "2025-Q1", { value: 1 });
    const r1 = String(draft.headers.etag);
    for (const [action, body] of [
      ["approve", undefined],
      ["return", { comment: "Revise el valor." }],
      ["unapprove", { justification: "Se corrigió en comité." }],
    ] as const) {
      const res = await w.act(w.lina, action, "4074", "2025-Q1", r1, body);
      expect(res.statusCode).toBe(409);
      expect(w.error(res)).toMatchObject({ code: "INVALID_TRANSITION" });
      expect(w.error(res).message).toContain("su estado es «Borrador»");
    }
    const sent = await w.act(w.ana, "submit", "4074", "2025-Q1", r1);
    const r2 = String(sent.headers.etag);
    const again = await w.act(w.ana, "submit", "4074", "2025-Q1", r2);
    expect(w.error(again).message).toBe(
      "No se puede enviar a revisión el reporte de 4074 (2025-Q1): su estado es «Enviado a revisión».",
    );
    const unapprove = await w.act(w.lina, "unapprove", "4074", "2025-Q1", r2, {
      justification: "Se corrigió en comité.",
    });
    expect(w.error(unapprove)).toMatchObject({ code: "INVALID_TRANSITION" });
    const whileReviewed = await w.save(w.ana, "4074", "2025-Q1", { value: 2 }, r2);
    expect(w.error(whileReviewed)).toMatchObject({ code: "UNDER_REVIEW" });
    expect((await w.get(w.ana, "4074", "2025-Q1")).json()).toMatchObject({
      status: "enviado",
      version: 2,
      value: 1,
      lock: "UNDER_REVIEW",
    });
  });

  it("un periodo sin corte y un corte que aún no abre rechazan con NOT_OPEN_YET", async () => {
    const noCorte = await w.save(w.ana, "2307", "2025-Q3", { value: 46 });
    expect(noCorte.statusCode).toBe(409);
    expect(w.error(noCorte)).toMatchObject({ code: "NOT_OPEN_YET" });
    const notYet = await w.save(w.ana, "2307", "2025-Q2", { value: 46 });
    expect(w.error(notYet)).toMatchObject({ code: "NOT_OPEN_YET" });
    expect((await w.get(w.ana, "2307", "2025-Q2")).json()).toMatchObject({
      status: null,
      lock: "NOT_OPEN_YET",
      corte: { periodEnd: "2025-06-30", state: "programado" },
    });
    expect((await w.get(w.ana, "2307", "2025-Q3")).json()).toMatchObject({
      lock: "NOT_OPEN_YET",
      corte: null,
    });
  });

  it("un corte cerrado rechaza guardar y revisar; una reapertura para el indicador lo permite hasta su vencimiento", async () => {
    const db = w.database.db;
    const [corte] = await db
      .insert(cortes)
      .values({
        planId: w.planId,
        periodEnd: "2024-12-31",
        opensOn: "2025-01-02",
        dueOn: "2025-01-20",
        closesOn: "2025-01-31",
      })
      .returning();
    if (!corte) throw new Error("corte");
    w.clock = new Date("2025-01-10T15:00:00Z");
    const sent = await w.submitted(w.ana, "4075", "2024", 20);
    await db
      .update(cortes)
      .set({ closedAt: new Date("2025-02-01T15:00:00Z") })
      .where(eq(cortes.id, corte.id));
    w.clock = APRIL_10;

    const approve = await w.act(w.lina, "approve", "4075", "2024", sent);
    expect(approve.statusCode).toBe(409);
    expect(w.error(approve)).toMatchObject({ code: "CORTE_CLOSED" });
    const draft = await w.save(w.ana, "4074", "2024", { value: 1 });
    expect(w.error(draft)).toMatchObject({ code: "CORTE_CLOSED" });

    // Reopened for 4075 only, until 20 April (inclusive, Bogotá's calendar).
    await db.insert(corteReopenings).values({
      corteId: corte.id,
      indicatorCodes: ["4075"],
      justification: "Ajuste del valor anual aprobado por el comité.",
      until: "2025-04-20",
    });
    const returned = await w.act(w.lina, "return", "4075", "2024", sent, {
      comment: "Ajuste el valor anual.",
    });
    expect(returned.statusCode).toBe(200);
    const fixed = await w.save(w.ana, "4075", "2024", { value: 19 }, String(returned.headers.etag));
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ value: 19, lock: null, corte: { state: "cerrado" } });
    expect(w.error(await w.save(w.ana, "4074", "2024", { value: 1 }))).toMatchObject({
      code: "CORTE_CLOSED",
    });

    // 21 April in Bogotá (02:00 UTC of the 22nd is still the 21st there): the reopening expired.
    w.clock = new Date("2025-04-22T02:00:00Z");
    const late = await w.save(w.ana, "4075", "2024", { value: 18 }, String(fixed.headers.etag));
    expect(late.statusCode).toBe(409);
    expect(w.error(late)).toMatchObject({ code: "CORTE_CLOSED" });
    expect((await w.get(w.ana, "4075", "2024")).json()).toMatchObject({
      value: 19,
      lock: "CORTE_CLOSED",
    });
    w.clock = APRIL_10;
  });
});
