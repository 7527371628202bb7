import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type ComplianceResult, formatRatioAsPercent, readActualsCsv } from "@rumbo/core";
import { SEED_ACTUALS_2024_CSV, SEED_PLAN } from "@rumbo/core/testing";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/open-database.ts";
import { cortes, planVersions, reportVersions } from "../../db/schema.ts";
import { loadDemoDataIfEmpty } from "../../demo-data.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";
import { buildApp } from "../app.ts";

const run = promisify(execFile);

const LOGRO =
  "Se capacitó a 120 servidores en gestión pública en Bogotá, Cúcuta y Nariño; la señalización quedó lista";
const RETRASO = "La contratación del operador se demoró por la Ley de Garantías";
const CLOSED_AT = new Date("2025-02-01T00:00:00Z");
const NOW = new Date("2025-03-10T15:00:00Z");

/** The PDF's text as pdftotext reads it, with runs of blanks as one space. */
async function pdfText(dir: string, bytes: Buffer, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  const { stdout } = await run("/usr/bin/pdftotext", ["-enc", "UTF-8", path, "-"]);
  return stdout.replace(/\s+/g, " ");
}

describe.each(TEST_ENGINES)("informe de seguimiento de un corte sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let planId: number;
  let corteId: number;
  let dir: string;
  let engine: ComplianceResult;
  let objective3Indicator: string;

  beforeAll(async () => {
    database = await open();
    const demo = await loadDemoDataIfEmpty(database.db);
    if (!demo.loaded) throw new Error("la base de prueba debía estar vacía");
    planId = demo.planId;
    // The plan was recorded at the start of the cuatrienio (knownAt also picks the plan version).
    await database.db
      .update(planVersions)
      .set({ createdAt: new Date("2024-01-15T15:00:00Z") })
      .where(eq(planVersions.planId, planId));
    const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
    if (!read.ok) throw new Error("fixture");
    const objective3 = SEED_PLAN.objectives.find((o) => o.code === "3");
    objective3Indicator = objective3?.indicators[0]?.code ?? "";
    // The seed's 2024 values, approved before the corte closed (official compliance
    // counts approved report versions, ADR 0015).
    const approvedAt = new Date("2025-01-20T15:00:00Z");
    const others = read.actuals.filter(
      (a) => !(a.indicator === objective3Indicator && a.period === "2024"),
    );
    await database.db.insert(reportVersions).values(
      others.map((a) => ({
        planId,
        indicatorCode: a.indicator,
        period: a.period,
        version: 1,
        action: "approve",
        status: "aprobado",
        value: a.value,
        source: "formulario",
        recordedAt: approvedAt,
        firstSubmittedAt: new Date("2025-01-10T15:00:00Z"),
      })),
    );
    const ownValue =
      read.actuals.find((a) => a.indicator === objective3Indicator && a.period === "2024")?.value ??
      1;
    const [corte] = await database.db
      .insert(cortes)
      .values({
        planId,
        periodEnd: "2024-12-31",
        opensOn: "2025-01-01",
        dueOn: "2025-01-15",
        closesOn: "2025-01-31",
        closedAt: CLOSED_AT,
      })
      .returning();
    corteId = corte?.id ?? 0;
    const base = {
      planId,
      indicatorCode: objective3Indicator,
      period: "2024",
      value: ownValue,
      achievements: LOGRO,
      difficulties: RETRASO,
      source: "formulario",
      firstSubmittedAt: new Date("2025-01-10T15:00:00Z"),
    };
    // Sent, approved before the closing, and un-approved after it.
    await database.db.insert(reportVersions).values([
      {
        ...base,
        version: 1,
        action: "submit",
        status: "enviado",
        recordedAt: new Date("2025-01-10T15:00:00Z"),
      },
      {
        ...base,
        version: 2,
        action: "approve",
        status: "aprobado",
        recordedAt: new Date("2025-01-20T15:00:00Z"),
      },
      {
        ...base,
        version: 3,
        action: "unapprove",
        status: "enviado",
        achievements: "Texto posterior al cierre",
        comment: "Se revisará el soporte",
        recordedAt: new Date("2025-02-20T15:00:00Z"),
      },
    ]);
    app = await buildApp({ database, logger: false, webDist: null, version: "t", now: () => NOW });
    const res = await app.inject({
      method: "GET",
      // What was known when the corte closed: the informe's default knownAt.
      url: `/api/plans/${planId}/compliance?asOf=2024-12-31&knownAt=${CLOSED_AT.toISOString()}`,
    });
    engine = res.json() as ComplianceResult;
    dir = await mkdtemp(join(tmpdir(), "rumbo-informe-"));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const informe = (query: string) =>
    app.inject({ method: "GET", url: `/api/plans/${planId}/informe?corte=${corteId}&${query}` });

  it("el PDF dice el cumplimiento del plan en 2024 y del objetivo 3 que da el motor, con el análisis aprobado", async () => {
    const res = await informe("format=pdf");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain("corte-2024-12-31.pdf");
    const text = await pdfText(dir, res.rawPayload, "informe.pdf");
    const plan2024 = engine.plan.years["2024"]?.compliance ?? null;
    const objective3 = engine.objectives.find((o) => o.code === "3")?.years["2024"]?.compliance;
    expect(plan2024).not.toBeNull();
    expect(objective3).toBeDefined();
    expect(text).toContain(`Cumplimiento del plan en 2024: ${formatRatioAsPercent(plan2024)}`);
    expect(text).toContain("Objetivo 3");
    expect(text).toContain(`Cumplimiento en 2024: ${formatRatioAsPercent(objective3 ?? null)}`);
    // The approved version's text (v2), not the one recorded after the closing.
    expect(text).toContain(LOGRO);
    expect(text).toContain(RETRASO);
    expect(text).not.toContain("Texto posterior al cierre");
    // The annex names each version used: indicator, period, area, version, row id, value.
    expect(text).toMatch(
      new RegExp(`${objective3Indicator} 2024 Todo el indicador v2 \\d+ 85,30 20/01/2025 10:00`),
    );
    // The cover: corte, what was known (the closing, 31/01/2025 19:00 in Bogotá).
    expect(text).toContain("Corte: 31/12/2024 (vigencia 2024)");
    expect(text).toContain("Lo conocido a: 31/01/2025 19:00");
    expect(text).toContain("Fecha de generación: 10/03/2025 10:00");
    // The chart (ECharts SSR in the PDF) and its summary in words say the same number.
    expect(text).toContain(
      `Objetivo 3 ${formatRatioAsPercent(objective3 ?? null)} (${engine.objectives.find((o) => o.code === "3")?.years["2024"]?.semaforo})`,
    );
    // Accents of the standard font survive.
    expect(text).toContain("Análisis de los reportes aprobados");
    expect(text).toContain("señalización");
  });

  it("con knownAt posterior al des-aprobar, el informe ya no usa ese análisis", async () => {
    const res = await informe("format=pdf&knownAt=2025-03-01T00:00:00-05:00");
    expect(res.statusCode, res.body).toBe(200);
    const text = await pdfText(dir, res.rawPayload, "informe-tarde.pdf");
    expect(text).not.toContain(LOGRO);
    expect(text).not.toContain(`${objective3Indicator} 2024 Todo el indicador v2`);
    expect(text).toMatch(/2320 2024 Todo el indicador v1 \d+ 9,50/);
    expect(text).toContain("Lo conocido a: 01/03/2025 00:00");
  });

  it("el XLSX guarda números como números, iguales a los del motor", async () => {
    const res = await informe("format=xlsx");
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Resumen",
      "Indicadores",
      "Análisis",
      "Alertas",
      "Calidad del dato",
      "Versiones usadas",
    ]);
    const summary = workbook.getWorksheet("Resumen");
    const rows = new Map<string, ExcelJS.Row>();
    summary?.eachRow((row) => rows.set(String(row.getCell(1).value), row));
    const planRow = rows.get("Plan, vigencia 2024");
    expect(planRow?.getCell(2).value).toBe(engine.plan.years["2024"]?.compliance);
    expect(planRow?.getCell(2).numFmt).toBe("0.00%");
    const indicators = workbook.getWorksheet("Indicadores");
    const byCode = new Map(engine.indicators.map((i) => [i.code, i]));
    let checked = 0;
    indicators?.eachRow((row, index) => {
      if (index === 1) return;
      const code = String(row.getCell(2).value);
      const cell = byCode.get(code)?.years["2024"];
      expect(row.getCell(9).value ?? null).toBe(cell?.compliance ?? null);
      expect(row.getCell(8).value ?? null).toBe(cell?.actual ?? null);
      if (typeof row.getCell(9).value === "number") checked++;
    });
    expect(checked).toBeGreaterThan(10);
    expect(checked).toBe(
      engine.indicators.filter((i) => typeof i.years["2024"]?.compliance === "number").length,
    );
    const analysis = workbook.getWorksheet("Análisis");
    expect(analysis?.getRow(2).getCell(5).value).toBe(LOGRO);
    // The versions used, one row per indicator × period × area, numbers as numbers.
    const versions = workbook.getWorksheet("Versiones usadas");
    expect(versions?.getRow(1).values).toEqual([
      undefined,
      "Indicador",
      "Periodo",
      "Área",
      "Versión",
      "Id de la versión",
      "Valor",
      "Registrada (UTC)",
    ]);
    const used: unknown[][] = [];
    versions?.eachRow((row, index) => {
      if (index > 1) used.push((row.values as unknown[]).slice(1));
    });
    expect(used).toHaveLength(26);
    const meta78 = used.find((row) => row[0] === objective3Indicator);
    expect(meta78?.slice(0, 4)).toEqual([objective3Indicator, "2024", "Todo el indicador", 2]);
    expect(typeof meta78?.[4]).toBe("number");
    expect(meta78?.[5]).toBe(85.3);
    expect(meta78?.[6]).toEqual(new Date("2025-01-20T15:00:00Z"));
  });

  it("la hoja Alertas dice el tipo de cada alerta en palabras, no con el código interno", async () => {
    const res = await informe("format=xlsx");
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.getWorksheet("Alertas")?.eachRow((row, index) => {
      if (index > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows.map((row) => [row[1], row[3]])).toEqual([
      ["4205", "Sin reporte"],
      ["4267", "En riesgo"],
      ["4226", "En riesgo"],
      ["4267", "Amarillo"],
      ["4226", "Amarillo"],
      ["4248", "Sobre-ejecución"],
    ]);
  });

  it("el CSV en formato largo trae el cumplimiento de cada indicador con coma decimal", async () => {
    const res = await informe("format=csv");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const records = parse(res.body, { bom: true, columns: true, delimiter: ";" }) as Array<
      Record<string, string>
    >;
    const plan = records.find((r) => r.seccion === "resumen" && r.periodo === "2024");
    expect(Number(plan?.valor?.replace(",", "."))).toBe(engine.plan.years["2024"]?.compliance);
    const objective3 = records.find((r) => r.seccion === "objetivo" && r.objetivo === "3");
    expect(Number(objective3?.valor?.replace(",", "."))).toBe(
      engine.objectives.find((o) => o.code === "3")?.years["2024"]?.compliance,
    );
    expect(records.some((r) => r.seccion === "analisis" && r.texto === LOGRO)).toBe(true);
    expect(
      records.find((r) => r.seccion === "version usada" && r.indicador === objective3Indicator)
        ?.valor,
    ).toBe("2");
  });

  it("un corte que no es del plan se rechaza con CORTE_NOT_FOUND", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/informe?corte=999999&format=pdf`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("CORTE_NOT_FOUND");
    expect(res.json().error.message).toBe(`El plan ${planId} no tiene el corte 999999.`);
  });
});
