import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../audit/audit-repository.ts";
import type { DatabaseHandle } from "../../db/open-database.ts";
import { reportVersions } from "../../db/schema.ts";
import { savePlan } from "../../plans/plans-repository.ts";
import { appendReportVersion, type NewReportVersion } from "../../seguimiento/report-store.ts";
import { createAccount, sessionFor, type TestLogin } from "../../testing/accounts.ts";
import { seedPlan } from "../../testing/seed-plan.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";
import { buildApp } from "../app.ts";

const CORTE_2024 = {
  periodEnd: "2024-12-31",
  opensOn: "2025-01-02",
  dueOn: "2025-01-20",
  closesOn: "2025-01-31",
};
const CORTE_MARZO_2025 = {
  periodEnd: "2025-03-31",
  opensOn: "2025-04-01",
  dueOn: "2025-04-15",
  closesOn: "2025-04-30",
};

describe.each(TEST_ENGINES)(
  "cortes, lista de reportes y calidad del dato sobre $name",
  ({ open }) => {
    let database: DatabaseHandle;
    let app: FastifyInstance;
    let clock = new Date("2025-01-10T15:00:00Z");
    let planId = 0;
    let seguimientoPlan = 0;
    let planeacion: TestLogin;
    let responsable: TestLogin;
    let consulta: TestLogin;

    beforeAll(async () => {
      database = await open();
      planId = await savePlan(database.db, seedPlan());
      seguimientoPlan = await savePlan(database.db, { ...seedPlan(), code: "PES-GP-SEGUIMIENTO" });
      const db = database.db;
      const planScope = (id: number) => ({ kind: "plan" as const, planId: id });
      planeacion = await sessionFor(
        db,
        await createAccount(
          db,
          "lina.planeacion@entidad.gov.co",
          [
            { role: "planeacion", scope: planScope(planId) },
            { role: "planeacion", scope: planScope(seguimientoPlan) },
          ],
          { name: "Lina Planeación" },
        ),
      );
      responsable = await sessionFor(
        db,
        await createAccount(
          db,
          "andres.responsable@entidad.gov.co",
          [
            {
              role: "responsable",
              scope: { kind: "objective", planId: seguimientoPlan, objectiveCode: "3" },
            },
            { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "3" } },
          ],
          { name: "Andrés Responsable" },
        ),
      );
      consulta = await sessionFor(
        db,
        await createAccount(db, "consulta@entidad.gov.co", [
          { role: "consulta", scope: planScope(planId) },
        ]),
      );
      app = await buildApp({
        database,
        logger: false,
        webDist: null,
        version: "t",
        now: () => clock,
      });
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    const get = (url: string, who: TestLogin = planeacion) =>
      app.inject({ method: "GET", url, headers: who.headers });
    const post = (url: string, payload: unknown, who: TestLogin = planeacion) =>
      app.inject({ method: "POST", url, payload: payload as object, headers: who.headers });
    const cortesOf = async (id: number) => (await get(`/api/plans/${id}/cortes`)).json().cortes;

    /** A report version as the workflow would have written it, placed at `recordedAt`. */
    async function version(
      row: Omit<NewReportVersion, "planId" | "area" | "source"> & {
        source?: NewReportVersion["source"];
      },
      recordedAt: string,
    ): Promise<void> {
      const written = await appendReportVersion(database.db, {
        planId: seguimientoPlan,
        area: "",
        source: "formulario",
        ...row,
      });
      await database.db
        .update(reportVersions)
        .set({ recordedAt: new Date(recordedAt) })
        .where(eq(reportVersions.id, written.id));
    }

    describe("programar, cerrar y reabrir un corte", () => {
      let corte2024 = 0;
      let corteMarzo = 0;

      it("planeación programa el corte de 2024: abierto el 10/01/2025 con 16 reportes esperados y la auditoría lo registra", async () => {
        const res = await post(`/api/plans/${planId}/cortes`, CORTE_2024);
        expect(res.statusCode).toBe(201);
        const corte = res.json();
        corte2024 = corte.id;
        expect(corte).toMatchObject({
          planId,
          ...CORTE_2024,
          state: "abierto",
          closedAt: null,
          closedBy: null,
          reopenings: [],
          progress: { due: 16, received: 0, approved: 0, late: 0, returned: 0, pending: 16 },
        });
        const [entry] = await listAudit(database.db, { action: "corte-programado" });
        expect(entry).toMatchObject({
          userId: planeacion.userId,
          actorEmail: "lina.planeacion@entidad.gov.co",
          resource: `plan ${planId} / corte 2024-12-31`,
          outcome: "ok",
          details: { corteId: corte2024, ...CORTE_2024 },
        });
      });

      it("un segundo corte con el mismo fin del periodo se rechaza con CORTE_EXISTS", async () => {
        const res = await post(`/api/plans/${planId}/cortes`, {
          ...CORTE_2024,
          dueOn: "2025-01-25",
        });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe("CORTE_EXISTS");
        expect(res.json().error.message).toBe(
          "Ya existe un corte del 31/12/2024 en este plan: use ese corte en vez de crear otro.",
        );
      });

      it("fechas en desorden o fuera de las vigencias: 400 con cada problema en palabras del planeador, y nada guardado", async () => {
        const disordered = await post(`/api/plans/${planId}/cortes`, {
          periodEnd: "2025-06-30",
          opensOn: "2025-07-10",
          dueOn: "2025-07-05",
          closesOn: "2025-07-01",
        });
        expect(disordered.statusCode).toBe(400);
        expect(disordered.json().error.code).toBe("VALIDATION_ERROR");
        expect(disordered.json().error.details).toEqual([
          {
            field: "dueOn",
            message:
              "La fecha límite de reporte (2025-07-05) es anterior a la apertura (2025-07-10).",
          },
          {
            field: "closesOn",
            message:
              "La fecha de cierre (2025-07-01) es anterior a la fecha límite de reporte (2025-07-05).",
          },
        ]);
        const outside = await post(`/api/plans/${planId}/cortes`, {
          periodEnd: "2030-12-31",
          opensOn: "2031-01-02",
          dueOn: "2031-01-20",
          closesOn: "2031-01-31",
        });
        expect(outside.json().error.details).toEqual([
          {
            field: "periodEnd",
            message:
              "El fin del periodo 2030-12-31 está fuera de las vigencias del plan (vigencias 2024–2027).",
          },
        ]);
        const invalid = await post(`/api/plans/${planId}/cortes`, {
          ...CORTE_MARZO_2025,
          opensOn: "2025-02-30",
        });
        expect(invalid.statusCode).toBe(400);
        expect(await cortesOf(planId)).toHaveLength(1);
      });

      it("responsable y consulta no gestionan cortes (403), aunque sí los ven", async () => {
        for (const who of [responsable, consulta]) {
          const res = await post(`/api/plans/${planId}/cortes`, CORTE_MARZO_2025, who);
          expect(res.statusCode).toBe(403);
          expect((await get(`/api/plans/${planId}/cortes`, who)).statusCode).toBe(200);
        }
      });

      it("un corte programado no se puede cerrar (NOT_OPEN_YET) ni reabrir (CORTE_NOT_CLOSED)", async () => {
        const created = await post(`/api/plans/${planId}/cortes`, CORTE_MARZO_2025);
        expect(created.json()).toMatchObject({ state: "programado", progress: { due: 0 } });
        corteMarzo = created.json().id;
        const close = await post(`/api/plans/${planId}/cortes/${corteMarzo}/close`, undefined);
        expect(close.statusCode).toBe(409);
        expect(close.json().error).toMatchObject({
          code: "NOT_OPEN_YET",
          message:
            "El corte del 31/03/2025 aún no abre (abre el 01/04/2025): no se puede cerrar un corte que no ha abierto.",
        });
        const reopen = await post(`/api/plans/${planId}/cortes/${corteMarzo}/reopen`, {
          justification: "Corrección de la cifra del DANE",
          until: "2025-05-01",
          indicators: ["2320"],
        });
        expect(reopen.statusCode).toBe(409);
        expect(reopen.json().error.code).toBe("CORTE_NOT_CLOSED");
        expect(
          (await post(`/api/plans/${planId}/cortes/9999/close`, undefined)).json().error.code,
        ).toBe("CORTE_NOT_FOUND");
      });

      it("planeación cierra el corte de 2024 con fecha y autor; cerrarlo otra vez es CORTE_ALREADY_CLOSED", async () => {
        clock = new Date("2025-02-01T15:00:00Z");
        const res = await post(`/api/plans/${planId}/cortes/${corte2024}/close`, undefined);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({
          state: "cerrado",
          closedAt: "2025-02-01T15:00:00.000Z",
          closedBy: { id: planeacion.userId, name: "Lina Planeación" },
        });
        const again = await post(`/api/plans/${planId}/cortes/${corte2024}/close`, undefined);
        expect(again.statusCode).toBe(409);
        expect(again.json().error).toMatchObject({
          code: "CORTE_ALREADY_CLOSED",
          message: "El corte del 31/12/2024 ya está cerrado desde el 01/02/2025.",
        });
        const closings = await listAudit(database.db, { action: "corte-cerrado" });
        expect(closings).toHaveLength(1);
        expect(closings[0]).toMatchObject({
          userId: planeacion.userId,
          resource: `plan ${planId} / corte 2024-12-31`,
          details: { corteId: corte2024, closedAt: "2025-02-01T15:00:00.000Z" },
        });
      });

      it("reabrir exige indicadores del plan (404 nombra los desconocidos) y una fecha de vencimiento no vencida", async () => {
        const url = `/api/plans/${planId}/cortes/${corte2024}/reopen`;
        const unknown = await post(url, {
          justification: "Corrección de la cifra del DANE",
          until: "2025-02-15",
          indicators: ["2320", "9999", "X-1"],
        });
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json().error).toMatchObject({
          code: "INDICATOR_NOT_FOUND",
          message: "El plan no tiene los indicadores 9999, X-1: no se reabrió el corte.",
        });
        const expired = await post(url, {
          justification: "Corrección de la cifra del DANE",
          until: "2025-01-31",
          indicators: ["2320"],
        });
        expect(expired.statusCode).toBe(400);
        expect(expired.json().error.details).toEqual([
          {
            field: "until",
            message:
              "La fecha de vencimiento de la reapertura (2025-01-31) ya pasó: debe ser hoy (2025-02-01) o posterior.",
          },
        ]);
        const short = await post(url, {
          justification: "corto",
          until: "2025-02-15",
          indicators: ["2320"],
        });
        expect(short.statusCode).toBe(400);
        expect((await cortesOf(planId))[0].reopenings).toEqual([]);
      });

      it("la reapertura para la meta 2320 rige hasta el 15/02 inclusive: su reporte se desbloquea y vuelve a bloquearse al vencer", async () => {
        const res = await post(`/api/plans/${planId}/cortes/${corte2024}/reopen`, {
          justification: "El DANE corrigió la cifra oficial del índice",
          until: "2025-02-15",
          indicators: ["2320", "2320"],
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({
          state: "cerrado",
          reopenings: [
            {
              indicators: ["2320"],
              justification: "El DANE corrigió la cifra oficial del índice",
              until: "2025-02-15",
              createdAt: "2025-02-01T15:00:00.000Z",
              createdBy: { id: planeacion.userId, name: "Lina Planeación" },
              active: true,
            },
          ],
        });
        const [entry] = await listAudit(database.db, { action: "corte-reabierto" });
        expect(entry).toMatchObject({
          userId: planeacion.userId,
          details: {
            indicators: ["2320"],
            justification: "El DANE corrigió la cifra oficial del índice",
            until: "2025-02-15",
          },
        });
        const lockOf = async (code: string) =>
          (await get(`/api/plans/${planId}/reports?corte=${corte2024}&indicator=${code}`)).json()
            .reports[0].lock;
        clock = new Date("2025-02-15T23:00:00Z"); // 18:00 in Bogotá, still the 15th.
        expect(await lockOf("2320")).toBeNull();
        expect(await lockOf("2307")).toBe("CORTE_CLOSED");
        clock = new Date("2025-02-16T12:00:00Z");
        expect(await lockOf("2320")).toBe("CORTE_CLOSED");
        expect((await cortesOf(planId))[0].reopenings[0].active).toBe(false);
      });
    });

    it("dos planeadores a la vez: uno programa el corte de junio y el otro recibe CORTE_EXISTS; uno lo cierra y el otro CORTE_ALREADY_CLOSED", async () => {
      clock = new Date("2025-07-05T15:00:00Z");
      const junio = {
        periodEnd: "2025-06-30",
        opensOn: "2025-07-01",
        dueOn: "2025-07-15",
        closesOn: "2025-07-31",
      };
      const created = await Promise.all([
        post(`/api/plans/${planId}/cortes`, junio),
        post(`/api/plans/${planId}/cortes`, junio),
      ]);
      expect(created.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const id = created.find((r) => r.statusCode === 201)?.json().id;
      const closed = await Promise.all([
        post(`/api/plans/${planId}/cortes/${id}/close`, undefined),
        post(`/api/plans/${planId}/cortes/${id}/close`, undefined),
      ]);
      expect(closed.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(closed.find((r) => r.statusCode === 409)?.json().error.code).toBe(
        "CORTE_ALREADY_CLOSED",
      );
      const entries = await listAudit(database.db, { action: "corte-cerrado" });
      expect(
        entries.filter((e) => e.resource === `plan ${planId} / corte 2025-06-30`),
      ).toHaveLength(1);
    });

    describe("avance del corte, lista de reportes y calidad del dato", () => {
      let corte = 0;

      beforeAll(async () => {
        clock = new Date("2025-01-10T15:00:00Z");
        const created = await post(`/api/plans/${seguimientoPlan}/cortes`, CORTE_2024);
        corte = created.json().id;
        const responsableId = responsable.userId;
        const planeacionId = planeacion.userId;
        const sent = (at: string) => ({
          firstSubmittedAt: new Date(at),
          firstSubmittedBy: responsableId,
          submittedAt: new Date(at),
          submittedBy: responsableId,
        });
        // 2307: approved, with the 2023 value before it.
        await version(
          {
            indicatorCode: "2307",
            period: "2023",
            version: 1,
            action: "approve",
            status: "aprobado",
            value: 45,
            source: "migracion",
          },
          "2024-12-01T15:00:00Z",
        );
        await version(
          {
            indicatorCode: "2307",
            period: "2024",
            version: 1,
            action: "save",
            status: "borrador",
            value: 44,
            recordedBy: responsableId,
          },
          "2025-01-05T15:00:00Z",
        );
        await version(
          {
            indicatorCode: "2307",
            period: "2024",
            version: 2,
            action: "submit",
            status: "enviado",
            value: 44,
            recordedBy: responsableId,
            ...sent("2025-01-08T15:00:00Z"),
          },
          "2025-01-08T15:00:00Z",
        );
        await version(
          {
            indicatorCode: "2307",
            period: "2024",
            version: 3,
            action: "approve",
            status: "aprobado",
            value: 44,
            recordedBy: planeacionId,
            reviewedBy: planeacionId,
            reviewedAt: new Date("2025-01-09T15:00:00Z"),
            refersTo: 2,
            ...sent("2025-01-08T15:00:00Z"),
          },
          "2025-01-09T15:00:00Z",
        );
        // 77: sent on 22/01, after the deadline.
        await version(
          {
            indicatorCode: "77",
            period: "2024",
            version: 1,
            action: "submit",
            status: "enviado",
            value: 68.5,
            recordedBy: responsableId,
            ...sent("2025-01-22T15:00:00Z"),
          },
          "2025-01-22T15:00:00Z",
        );
        // 2320: returned with a comment, then corrected (still devuelto while corrected).
        await version(
          {
            indicatorCode: "2320",
            period: "2024",
            version: 1,
            action: "submit",
            status: "enviado",
            value: 9.5,
            recordedBy: responsableId,
            ...sent("2025-01-15T15:00:00Z"),
          },
          "2025-01-15T15:00:00Z",
        );
        await version(
          {
            indicatorCode: "2320",
            period: "2024",
            version: 2,
            action: "return",
            status: "devuelto",
            value: 9.5,
            comment: "Falta el soporte del índice de 2024",
            recordedBy: planeacionId,
            ...sent("2025-01-15T15:00:00Z"),
          },
          "2025-01-16T15:00:00Z",
        );
        await version(
          {
            indicatorCode: "2320",
            period: "2024",
            version: 3,
            action: "save",
            status: "devuelto",
            value: 9.6,
            recordedBy: responsableId,
            ...sent("2025-01-15T15:00:00Z"),
          },
          "2025-01-17T15:00:00Z",
        );
        // 3979: only a draft.
        await version(
          {
            indicatorCode: "3979",
            period: "2024",
            version: 1,
            action: "save",
            status: "borrador",
            value: 15,
            recordedBy: responsableId,
          },
          "2025-01-12T15:00:00Z",
        );
        // 4075 (suma, 20 programmed): 30 sent without explaining the over-execution.
        await version(
          {
            indicatorCode: "4075",
            period: "2024",
            version: 1,
            action: "submit",
            status: "enviado",
            value: 30,
            recordedBy: responsableId,
            ...sent("2025-01-12T15:00:00Z"),
          },
          "2025-01-12T15:00:00Z",
        );
        // 73: 79, 80, 81 approved in earlier years, then 20 in 2024 (explained as atypical).
        for (const [period, value] of [
          ["2021", 79],
          ["2022", 80],
          ["2023", 81],
        ] as const) {
          await version(
            {
              indicatorCode: "73",
              period,
              version: 1,
              action: "approve",
              status: "aprobado",
              value,
            },
            "2024-12-01T15:00:00Z",
          );
        }
        await version(
          {
            indicatorCode: "73",
            period: "2024",
            version: 1,
            action: "submit",
            status: "enviado",
            value: 20,
            explanations: { atipico: "La medición cambió de metodología en 2024." },
            recordedBy: responsableId,
            ...sent("2025-01-13T15:00:00Z"),
          },
          "2025-01-13T15:00:00Z",
        );
      });

      it("el avance del corte de 2024 cuenta 16 esperados, 5 recibidos, 1 aprobado, 1 tardío, 1 devuelto y 11 pendientes", async () => {
        clock = new Date("2025-01-25T15:00:00Z");
        const [listed] = await cortesOf(seguimientoPlan);
        expect(listed.progress).toEqual({
          due: 16,
          received: 5,
          approved: 1,
          late: 1,
          returned: 1,
          pending: 11,
        });
      });

      it("la lista del corte abierto trae una línea por indicador esperado, también los pendientes, con meta, valor anterior y quién envió", async () => {
        const res = await get(`/api/plans/${seguimientoPlan}/reports`);
        expect(res.statusCode).toBe(200);
        const reports = res.json().reports;
        expect(reports).toHaveLength(16);
        expect(reports.find((r: { indicator: string }) => r.indicator === "2307")).toEqual({
          planId: seguimientoPlan,
          indicator: "2307",
          period: "2024",
          area: null,
          status: "aprobado",
          version: 3,
          value: 44,
          returnComment: null,
          submittedAt: "2025-01-08T15:00:00.000Z",
          late: false,
          lock: "APPROVED",
          indicatorName: expect.any(String),
          objectiveCode: "1",
          unit: "número",
          target: 46,
          previousValue: 45,
          submittedBy: { id: responsable.userId, name: "Andrés Responsable" },
          overdue: false,
          canReport: false,
          canReview: true,
        });
        expect(reports.find((r: { indicator: string }) => r.indicator === "3")).toMatchObject({
          status: null,
          version: 0,
          value: null,
          overdue: true,
          lock: null,
        });
        const pending = (await get(`/api/plans/${seguimientoPlan}/reports?status=pendiente`)).json()
          .reports;
        expect(pending).toHaveLength(11);
        expect(pending.map((r: { indicator: string }) => r.indicator)).toContain("3979");
      });

      it("«mine» del responsable del objetivo 3 trae solo la meta 2320, devuelta con el comentario; planeación no reporta nada", async () => {
        const mine = (
          await get(`/api/plans/${seguimientoPlan}/reports?mine=true`, responsable)
        ).json().reports;
        expect(mine).toEqual([
          expect.objectContaining({
            indicator: "2320",
            status: "devuelto",
            version: 3,
            value: 9.6,
            returnComment: "Falta el soporte del índice de 2024",
            lock: null,
            canReport: true,
            canReview: false,
            target: 10,
          }),
        ]);
        expect(
          (await get(`/api/plans/${seguimientoPlan}/reports?mine=true`, planeacion)).json().reports,
        ).toEqual([]);
      });

      it("«review» de planeación trae los enviados que puede revisar; el responsable no revisa nada", async () => {
        const queue = (await get(`/api/plans/${seguimientoPlan}/reports?review=true`)).json()
          .reports;
        expect(
          queue.map((r: { indicator: string; late: boolean }) => [r.indicator, r.late]),
        ).toEqual([
          ["77", true],
          ["4075", false],
          ["73", false],
        ]);
        expect(queue.every((r: { canReview: boolean }) => r.canReview)).toBe(true);
        expect(
          (await get(`/api/plans/${seguimientoPlan}/reports?review=true`, responsable)).json()
            .reports,
        ).toEqual([]);
        const missing = await get(`/api/plans/${seguimientoPlan}/reports?corte=9999`);
        expect(missing.statusCode).toBe(404);
        expect(missing.json().error.code).toBe("CORTE_NOT_FOUND");
      });

      it("la calidad del dato señala el tardío, los faltantes, la sobre-ejecución sin explicar, el atípico y el cambio retroactivo con la justificación de la reapertura", async () => {
        clock = new Date("2025-02-01T15:00:00Z");
        expect(
          (await post(`/api/plans/${seguimientoPlan}/cortes/${corte}/close`, undefined)).statusCode,
        ).toBe(200);
        clock = new Date("2025-02-03T15:00:00Z");
        const reopened = await post(`/api/plans/${seguimientoPlan}/cortes/${corte}/reopen`, {
          justification: "El DANE corrigió la cifra oficial del índice",
          until: "2025-02-10",
          indicators: ["2320"],
        });
        expect(reopened.statusCode).toBe(200);
        await version(
          {
            indicatorCode: "2320",
            period: "2024",
            version: 4,
            action: "save",
            status: "devuelto",
            value: 9.8,
            recordedBy: responsable.userId,
            firstSubmittedAt: new Date("2025-01-15T15:00:00Z"),
          },
          "2025-02-04T15:00:00Z",
        );
        clock = new Date("2025-02-10T15:00:00Z");
        const res = await get(`/api/plans/${seguimientoPlan}/data-quality?corte=${corte}`);
        expect(res.statusCode).toBe(200);
        const { items, counts } = res.json();
        expect(counts).toEqual({
          tardio: 1,
          faltante: 11,
          "sobreejecucion-sin-explicar": 1,
          atipico: 1,
          "cambio-retroactivo": 1,
        });
        const of = (kind: string) => items.filter((i: { kind: string }) => i.kind === kind);
        expect(of("tardio")[0]).toMatchObject({
          indicator: "77",
          period: "2024",
          at: "2025-01-22T15:00:00.000Z",
        });
        expect(of("tardio")[0].message).toMatch(
          /^El reporte de 77 «.+» del periodo 2024 se envió el 22\/01\/2025, después de la fecha límite del 20\/01\/2025\.$/,
        );
        expect(of("faltante").map((i: { indicator: string }) => i.indicator)).toContain("3979");
        expect(of("sobreejecucion-sin-explicar")[0]).toMatchObject({ indicator: "4075" });
        expect(of("atipico")[0]).toMatchObject({
          indicator: "73",
          justification: "La medición cambió de metodología en 2024.",
        });
        expect(of("cambio-retroactivo")).toEqual([
          expect.objectContaining({
            indicator: "2320",
            period: "2024",
            justification: "El DANE corrigió la cifra oficial del índice",
            at: "2025-02-04T15:00:00.000Z",
          }),
        ]);
        expect(of("cambio-retroactivo")[0].message).toContain(
          "cambió después del cierre del corte del 31/12/2024: versión 4 (guardado) del 04/02/2025",
        );
        const all = await get(`/api/plans/${seguimientoPlan}/data-quality`);
        expect(all.json().counts).toEqual(counts);
      });
    });
  },
);
