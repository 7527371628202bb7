/**
 * The rules around a reporte de avance through HTTP, on both engines: the
 * value against the ficha, the warnings that wait for an explanation,
 * concurrent writers (one wins, nothing is lost), self-approval, If-Match,
 * who may report and review, and the audit (one entry per real change).
 */

import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listAudit } from "../../audit/audit-repository.ts";
import { evidenceFiles, plans, reportVersions } from "../../db/schema.ts";
import { openReportWorld, type ReportWorld } from "../../testing/report-world.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";

describe.each(TEST_ENGINES)("reglas de un reporte de avance sobre $name", ({ open }) => {
  let w: ReportWorld;
  beforeAll(async () => {
    w = await openReportWorld(open);
  });
  afterAll(async () => {
    await w?.close();
  });

  it("los errores del valor bloquean el guardado con REPORT_INVALID, en palabras de quien planea", async () => {
    const notNumber = await w.save(w.ana, "73", "2025-Q1", { value: "ochenta" });
    expect(notNumber.statusCode).toBe(422);
    expect(w.error(notNumber)).toMatchObject({
      code: "REPORT_INVALID",
      details: [
        {
          field: "value",
          message: "Valor: «ochenta» no es un número (use coma decimal, p. ej. 44,5).",
        },
      ],
    });
    const overHundred = await w.save(w.ana, "73", "2025-Q1", { value: 120 });
    expect(w.error(overHundred).details).toEqual([
      {
        field: "value",
        message: "Valor: 120 está fuera de 0–100 y el indicador se mide en porcentaje.",
      },
    ]);
    const negative = await w.save(w.ana, "4248", "2025-Q1", { value: "-2" });
    expect(w.error(negative).details).toEqual([
      { field: "value", message: "Valor: no puede ser negativo para este indicador." },
    ]);
    const outside = await w.save(w.ana, "73", "2031-Q1", { value: 80 });
    expect(outside.statusCode).toBe(400);
    expect(w.error(outside)).toMatchObject({
      code: "VALIDATION_ERROR",
      details: [
        {
          field: "period",
          message: "El periodo 2031-Q1 está fuera de las vigencias del plan (2024–2027).",
        },
      ],
    });
    const garbled = await w.save(w.ana, "73", "2025-13", { value: 80 });
    expect(w.error(garbled)).toMatchObject({ code: "VALIDATION_ERROR" });
    const unknown = await w.save(w.ana, "9999", "2025-Q1", { value: 80 });
    expect(unknown.statusCode).toBe(404);
    expect(w.error(unknown)).toMatchObject({ code: "INDICATOR_NOT_FOUND" });
    // Nothing was stored by any refusal.
    expect((await w.get(w.ana, "73", "2025-Q1")).json()).toMatchObject({
      status: null,
      version: 0,
    });
    const decimal = await w.save(w.ana, "73", "2025-Q1", { value: "80,25" });
    expect(decimal.json()).toMatchObject({ value: 80.25, version: 1 });
  });

  it("una advertencia sin explicar bloquea el envío con WARNINGS_UNEXPLAINED; explicada, el reporte se envía", async () => {
    // 2320 in 2025 has a target of 40 %: 20 leaves it en rojo.
    const saved = await w.save(w.ana, "2320", "2025-01", { value: 20 });
    expect(saved.json().warnings).toEqual([
      {
        code: "semaforo",
        message:
          "Con este valor el periodo queda en rojo: explique los retrasos y las acciones de mejora.",
        explained: false,
      },
    ]);
    const refused = await w.act(w.ana, "submit", "2320", "2025-01", String(saved.headers.etag));
    expect(refused.statusCode).toBe(422);
    expect(w.error(refused)).toMatchObject({
      code: "WARNINGS_UNEXPLAINED",
      details: [{ field: "explanations.semaforo", code: "semaforo" }],
    });
    const explained = await w.save(
      w.ana,
      "2320",
      "2025-01",
      { explanations: { semaforo: "La contratación del operador se firmó en marzo." } },
      String(saved.headers.etag),
    );
    expect(explained.json().warnings).toMatchObject([{ code: "semaforo", explained: true }]);
    const sent = await w.act(w.ana, "submit", "2320", "2025-01", String(explained.headers.etag));
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({
      status: "enviado",
      explanations: { semaforo: "La contratación del operador se firmó en marzo." },
    });
  });

  it("la sobre-ejecución y un valor lejos de la historia aprobada piden explicación antes de enviar", async () => {
    // Four approved quarters of 2024 (as the migration of earlier actuals leaves them).
    await w.database.db.insert(reportVersions).values(
      ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"].map((period) => ({
        planId: w.planId,
        indicatorCode: "4226",
        period,
        version: 1,
        action: "approve",
        status: "aprobado",
        value: 0.1,
        source: "migracion",
      })),
    );
    const saved = await w.save(w.ana, "4226", "2025-Q1", { value: 0.9 });
    expect(saved.json().warnings.map((w: { code: string }) => w.code)).toEqual([
      "sobreejecucion",
      "atipico",
    ]);
    const refused = await w.act(w.ana, "submit", "4226", "2025-Q1", String(saved.headers.etag));
    expect(w.error(refused).details).toMatchObject([
      { code: "sobreejecucion", message: expect.stringContaining("125 %") },
      { code: "atipico" },
    ]);
  });

  it("dos revisores aprueban a la vez con el mismo If-Match: uno gana y el otro recibe 409", async () => {
    const sent = await w.submitted(w.ana, "4200", "2025-Q1", 0.25);
    const [a, b] = await Promise.all([
      w.act(w.lina, "approve", "4200", "2025-Q1", sent),
      w.act(w.mario, "approve", "4200", "2025-Q1", sent),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
    const loser = a?.statusCode === 409 ? a : b;
    if (!loser) throw new Error("respuesta");
    expect(w.error(loser)).toMatchObject({
      code: "VERSION_CONFLICT",
      details: { currentVersion: 3 },
    });
    const rows = await w.database.db
      .select()
      .from(reportVersions)
      .where(and(eq(reportVersions.planId, w.planId), eq(reportVersions.indicatorCode, "4200")));
    expect(rows.filter((r) => r.action === "approve")).toHaveLength(1);
  });

  it("el responsable guarda mientras planeación devuelve: gana uno y nada se pierde", async () => {
    const sent = await w.submitted(w.ana, "4205", "2025-Q1", 0.5);
    const [saveRes, returnRes] = await Promise.all([
      w.save(w.ana, "4205", "2025-Q1", { value: 0.55 }, sent),
      w.act(w.lina, "return", "4205", "2025-Q1", sent, {
        comment: "Adjunte el informe del trimestre.",
      }),
    ]);
    expect(returnRes.statusCode).toBe(200);
    expect(saveRes.statusCode).toBe(409);
    expect(["VERSION_CONFLICT", "UNDER_REVIEW"]).toContain(w.error(saveRes).code);
    const now = await w.get(w.ana, "4205", "2025-Q1");
    expect(now.json()).toMatchObject({
      status: "devuelto",
      value: 0.5,
      returnComment: "Adjunte el informe del trimestre.",
    });
    // Reloaded, the reporter's correction goes in on the returned version.
    const retry = await w.save(w.ana, "4205", "2025-Q1", { value: 0.55 }, String(now.headers.etag));
    expect(retry.json()).toMatchObject({ status: "devuelto", value: 0.55 });
  });

  it("quien envió no puede aprobar su propio reporte, salvo que el plan permita la autoaprobación", async () => {
    const sent = await w.submitted(w.doble, "4263", "2025-Q1", 0.4);
    const self = await w.act(w.doble, "approve", "4263", "2025-Q1", sent);
    expect(self.statusCode).toBe(403);
    expect(w.error(self)).toMatchObject({ code: "SELF_APPROVAL_NOT_ALLOWED" });
    await w.database.db
      .update(plans)
      .set({ allowSelfApproval: true })
      .where(eq(plans.id, w.planId));
    try {
      const allowed = await w.act(w.doble, "approve", "4263", "2025-Q1", sent);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.json()).toMatchObject({ status: "aprobado", selfApproval: true });
    } finally {
      await w.database.db
        .update(plans)
        .set({ allowSelfApproval: false })
        .where(eq(plans.id, w.planId));
    }
  });

  it("If-Match es obligatorio sobre un reporte existente; uno viejo responde 409 y uno mal escrito 400", async () => {
    const first = await w.save(w.ana, "4267", "2025-Q1", { value: 0.5 });
    expect(first.statusCode).toBe(200);
    const missing = await w.save(w.ana, "4267", "2025-Q1", { value: 0.6 });
    expect(missing.statusCode).toBe(428);
    expect(w.error(missing)).toMatchObject({ code: "IF_MATCH_REQUIRED" });
    const second = await w.save(w.ana, "4267", "2025-Q1", { value: 0.6 }, '"r1"');
    expect(second.statusCode).toBe(200);
    const stale = await w.save(w.ana, "4267", "2025-Q1", { value: 0.7 }, '"r1"');
    expect(stale.statusCode).toBe(409);
    expect(w.error(stale)).toMatchObject({ code: "VERSION_CONFLICT" });
    const malformed = await w.save(w.ana, "4267", "2025-Q1", { value: 0.7 }, '"v2"');
    expect(malformed.statusCode).toBe(400);
    expect(w.error(malformed)).toMatchObject({ code: "IF_MATCH_INVALID" });
    expect((await w.get(w.ana, "4267", "2025-Q1")).json()).toMatchObject({
      version: 2,
      value: 0.6,
    });
  });

  it("solo el responsable en alcance reporta y solo planeación revisa", async () => {
    const outOfScope = await w.save(w.tomas, "2307", "2025-Q1", { value: 46 });
    expect(outOfScope.statusCode).toBe(403);
    expect((await w.save(w.consulta, "2307", "2025-Q1", { value: 46 })).statusCode).toBe(403);
    expect((await w.save(w.lina, "2307", "2025-Q1", { value: 46 })).statusCode).toBe(403);
    const sent = await w.submitted(w.tomas, "78", "2025-Q1", 90);
    const byReporter = await w.act(w.tomas, "approve", "78", "2025-Q1", sent);
    expect(byReporter.statusCode).toBe(403);
    expect(w.error(byReporter)).toMatchObject({ code: "FORBIDDEN" });
    expect((await w.get(w.tomas, "78", "2025-Q1")).json()).toMatchObject({ status: "enviado" });
  });

  it("un guardado que no cambia nada no agrega versión ni entrada de auditoría; cada cambio real deja una, con antes y después", async () => {
    const first = await w.save(w.ana, "72", "2025-Q1", {
      value: 89,
      analysis: { achievements: "Índice medido en la encuesta anual." },
      evidence: [{ kind: "link", url: "https://datos.gov.co/encuesta", title: "Encuesta" }],
    });
    expect(first.json()).toMatchObject({ version: 1 });
    const allEntries = async () => (await listAudit(w.database.db, { limit: 10_000 })).length;
    const before = await allEntries();
    const same = await w.save(
      w.ana,
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
    // A stale write after it: its request's entry is written once its answer left,
    // after the no-op's would have been.
    const stale = await w.save(w.ana, "72", "2025-Q1", { value: 1 }, '"r0"');
    expect(stale.statusCode).toBe(409);
    const staleEntries = async () =>
      (await listAudit(w.database.db, { outcome: "failed", limit: 10_000 })).filter(
        (e) => e.resource === `/api/plans/${w.planId}/indicators/72/reports/2025-Q1`,
      );
    await vi.waitFor(async () => expect(await staleEntries()).toHaveLength(1));
    // Nothing changed: no version and no audit entry at all (not even the request's).
    expect(await allEntries()).toBe(before + 1);
    expect(await w.reportAudit("72", "2025-Q1")).toHaveLength(1);

    const sha = "a".repeat(64);
    await w.database.db
      .insert(evidenceFiles)
      .values({ sha256: sha, size: 3, mediaType: "application/pdf", bytes: Buffer.from("pdf") });
    const changed = await w.save(
      w.ana,
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
    const entries = await w.reportAudit("72", "2025-Q1");
    expect(entries).toHaveLength(2);
    expect(await allEntries()).toBe(before + 2);
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
    const sent = await w.act(w.ana, "submit", "72", "2025-Q1", '"r2"');
    expect(sent.statusCode).toBe(200);
    const after = await w.reportAudit("72", "2025-Q1");
    expect(after.map((e) => e.action)).toEqual([
      "reporte-enviado",
      "reporte-guardado",
      "reporte-guardado",
    ]);
    expect(after[0]?.details).toMatchObject({
      changes: [{ field: "status", before: "borrador", after: "enviado" }],
    });
    const unknownFile = await w.save(w.ana, "80", "2025-Q1", {
      value: 50,
      evidence: [{ kind: "file", sha256: "b".repeat(64) }],
    });
    expect(unknownFile.statusCode).toBe(404);
    expect(w.error(unknownFile)).toMatchObject({ code: "EVIDENCE_NOT_FOUND" });
    // A refused write is still recorded, as the request that failed (the
    // request's entry is written once the answer has left).
    await vi.waitFor(async () => {
      const failed = (await listAudit(w.database.db, { outcome: "failed", limit: 10_000 })).filter(
        (e) => e.resource === `/api/plans/${w.planId}/indicators/80/reports/2025-Q1`,
      );
      expect(failed).toMatchObject([
        {
          action: "PUT /api/plans/:id/indicators/:code/reports/:period",
          details: { status: 404 },
        },
      ]);
    });
    expect(
      await w.database.db
        .select()
        .from(reportVersions)
        .where(and(eq(reportVersions.planId, w.planId), like(reportVersions.indicatorCode, "80"))),
    ).toEqual([]);
  });
});
