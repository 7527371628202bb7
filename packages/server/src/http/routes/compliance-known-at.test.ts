import { computeCompliance, type Plan, readActualsCsv } from "@rumbo/core";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "../../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../../demo-data.ts";
import { recordReport, recordReports } from "../../testing/report-versions.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";
import { buildApp } from "../app.ts";

type Result = {
  basis?: string;
  preview?: boolean;
  knownAt?: string | null;
  indicators: { code: string; years: Record<string, { actual: number | null }> }[];
  objectives: { code: string; years: Record<string, { compliance: number | null }> }[];
};

/** Waits on the database's own clock (no sleep) until a write would be recorded after `at`'s millisecond. */
async function untilClockPasses(db: Database, at: Date): Promise<void> {
  const after = new Date(at.getTime() + 1).toISOString();
  for (;;) {
    const rows = (await db.execute(
      sql`select clock_timestamp() >= ${after}::timestamptz as past`,
    )) as unknown as { rows: { past: boolean }[] } | { past: boolean }[];
    const list = Array.isArray(rows) ? rows : rows.rows;
    if (list[0]?.past) return;
  }
}

function withoutBasis(result: Result & Record<string, unknown>) {
  const { basis: _b, preview: _p, knownAt: _k, ...rest } = result;
  return rest;
}

describe.each(TEST_ENGINES)(
  "cumplimiento conocido en un instante (knownAt) sobre $name",
  ({ open }) => {
    let database: DatabaseHandle;
    let app: FastifyInstance;
    let planId: number;
    let closedAt: Date;
    let answerAtClosing: Result;

    const compliance = async (query = ""): Promise<Result & Record<string, unknown>> => {
      const res = await app.inject({
        method: "GET",
        url: `/api/plans/${planId}/compliance${query}`,
      });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const actual = (result: Result, code: string, year = "2024") =>
      result.indicators.find((i) => i.code === code)?.years[year]?.actual;

    beforeAll(async () => {
      database = await open();
      const demo = await loadDemoDataIfEmpty(database.db);
      if (!demo.loaded) throw new Error("la base de prueba debía estar vacía");
      planId = demo.planId;
      await recordReports(database.db, planId, [
        { indicator: "2307", period: "2024", value: 44, status: "aprobado" },
        { indicator: "2320", period: "2024-Q1", value: 2, status: "aprobado" },
        { indicator: "2320", period: "2024-Q4", value: 8, status: "aprobado" },
        // Two areas report their share of a flow (suma): 3 + 4 in the first quarter.
        {
          indicator: "4075",
          period: "2024-Q1",
          area: "Talento Humano",
          value: 3,
          status: "aprobado",
        },
        { indicator: "4075", period: "2024-Q1", area: "Jurídica", value: 4, status: "aprobado" },
        // Sent but not approved: only the preview counts it.
        { indicator: "4075", period: "2024-Q2", value: 5, status: "enviado" },
        // A draft never counts, and a code the plan no longer has is left out.
        { indicator: "77", period: "2024", value: 70, status: "borrador" },
        { indicator: "NO-ESTA", period: "2024", value: 1, status: "aprobado" },
      ]);
      const last = await recordReport(database.db, planId, {
        indicator: "3980",
        period: "2024",
        value: 2,
        status: "aprobado",
      });
      closedAt = last.recordedAt;
      app = await buildApp({ database, logger: false, webDist: null, version: "t" });
      answerAtClosing = await compliance(`?knownAt=${closedAt.toISOString()}`);
      await untilClockPasses(database.db, closedAt);
      // After the closing: planeación withdraws the approval of 2320 in the fourth quarter,
      // returns it, and the responsable corrects 8 → 9, which is approved.
      await recordReports(database.db, planId, [
        { indicator: "2320", period: "2024-Q4", value: 8, status: "enviado" },
        { indicator: "2320", period: "2024-Q4", value: 8, status: "devuelto" },
        { indicator: "2320", period: "2024-Q4", value: 9, status: "enviado" },
      ]);
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    it("el cumplimiento oficial cuenta solo lo aprobado: las partes de dos áreas se suman y lo enviado, el borrador y un código ajeno no cuentan", () => {
      expect(answerAtClosing.basis).toBe("approved");
      expect(answerAtClosing.preview).toBe(false);
      expect(answerAtClosing.knownAt).toBe(closedAt.toISOString());
      expect(actual(answerAtClosing, "2307")).toBe(44);
      expect(actual(answerAtClosing, "2320")).toBe(8);
      // 4075 is suma: 3 + 4 of the two areas; the 5 sent for Q2 is not approved.
      expect(actual(answerAtClosing, "4075")).toBe(7);
      expect(actual(answerAtClosing, "77")).toBeNull();
    });

    it("mientras la corrección está en revisión, el oficial ya no cuenta el 8 cuya aprobación se quitó y la vista previa muestra el 9 enviado", async () => {
      const official = await compliance();
      expect(official.knownAt).toBeNull();
      // 2320 is creciente: without Q4 the year's actual is the Q1 level.
      expect(actual(official, "2320")).toBe(2);
      const preview = await compliance("?basis=submitted");
      expect(preview.basis).toBe("submitted");
      expect(preview.preview).toBe(true);
      expect(actual(preview, "2320")).toBe(9);
      expect(actual(preview, "4075")).toBe(12);
      expect(actual(preview, "77")).toBeNull();
    });

    it("después de aprobar la corrección, el cumplimiento conocido al cierre sigue idéntico y el actual usa el 9", async () => {
      await recordReport(database.db, planId, {
        indicator: "2320",
        period: "2024-Q4",
        value: 9,
        status: "aprobado",
      });
      const now = await compliance();
      expect(actual(now, "2320")).toBe(9);
      expect(now.objectives.find((o) => o.code === "3")?.years["2024"]?.compliance).toBe(0.9);
      const again = await compliance(`?knownAt=${closedAt.toISOString()}`);
      expect(again).toEqual(answerAtClosing);
      expect(again.objectives.find((o) => o.code === "3")?.years["2024"]?.compliance).toBe(0.8);
    });

    it("knownAt antes de que existiera el plan responde 404 VERSION_NOT_FOUND", async () => {
      const res = await app.inject({
        method: "GET",
        url: `/api/plans/${planId}/compliance?knownAt=2020-01-01T00:00:00-05:00`,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({
        code: "VERSION_NOT_FOUND",
        message: `El plan ${planId} aún no existía el 2020-01-01T05:00:00.000Z.`,
      });
    });

    it("un knownAt o un basis mal escritos dan 400 con el mensaje en español", async () => {
      const res = await app.inject({
        method: "GET",
        url: `/api/plans/${planId}/compliance?knownAt=ayer&basis=todo`,
      });
      expect(res.statusCode).toBe(400);
      const { message } = res.json().error;
      expect(message).toContain("knownAt debe ser un instante ISO 8601");
      expect(message).toContain("basis debe ser approved o submitted");
    });

    for (const query of ["", "?basis=submitted", "KNOWN", "?asOf=2024-06-30&missing=exclude"]) {
      it(`rumbo compute sobre el CSV exportado da el mismo cumplimiento que la API (${query || "oficial actual"})`, async () => {
        const q = query === "KNOWN" ? `?knownAt=${closedAt.toISOString()}` : query;
        const exported = await app.inject({
          method: "GET",
          url: `/api/plans/${planId}/actuals${q}`,
        });
        expect(exported.statusCode).toBe(200);
        expect(exported.headers["content-type"]).toBe("text/csv; charset=utf-8");
        expect(exported.headers["content-disposition"]).toMatch(
          /^attachment; filename="PES-GP-2024-2027-avances(-vista-previa)?\.csv"$/,
        );
        const planRes = await app.inject({ method: "GET", url: `/api/plans/${planId}` });
        const { id: _id, version: _v, ...stored } = planRes.json();
        const plan = stored as Plan;
        const read = readActualsCsv(exported.body, "avances.csv", plan);
        if (!read.ok) throw new Error(JSON.stringify(read.problems));
        const asOf = q.includes("asOf") ? "2024-06-30" : null;
        const missing = q.includes("exclude") ? "exclude" : "zero";
        const api = await compliance(q);
        expect(computeCompliance(plan, read.actuals, { asOf, missing, cap: 1 })).toEqual(
          withoutBasis(api),
        );
      });
    }

    it("el CSV exportado lleva encabezado, orden del plan y periodos en orden de bytes", async () => {
      const exported = await app.inject({
        method: "GET",
        url: `/api/plans/${planId}/actuals?knownAt=${closedAt.toISOString()}`,
      });
      expect(exported.body).toBe(
        [
          "indicator,period,value",
          "2307,2024,44",
          "3980,2024,2",
          "2320,2024-Q1,2",
          "2320,2024-Q4,8",
          "4075,2024-Q1,7",
          "",
        ].join("\n"),
      );
    });
  },
);
