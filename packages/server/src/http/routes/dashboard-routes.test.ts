import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CellExplanation,
  type ComplianceResult,
  type IndicatorSeries,
  type PlanDashboard,
  readActualsCsv,
  renderExplanation,
} from "@rumbo/core";
import { SEED_ACTUALS_2024_CSV, SEED_PLAN } from "@rumbo/core/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainCommand } from "../../cli/compute-command.ts";
import type { DatabaseHandle } from "../../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../../demo-data.ts";
import { captureIo } from "../../testing/capture-io.ts";
import { recordReports } from "../../testing/report-versions.ts";
import { SEED_PATH } from "../../testing/seed-plan.ts";
import { TEST_ENGINES } from "../../testing/test-databases.ts";
import { buildApp } from "../app.ts";

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await explainCommand(args, io);
  return { code, stdout: io.out, stderr: io.err };
}

describe.each(TEST_ENGINES)("tablero y ¿cómo se calculó? sobre $name", ({ open }) => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let planId: number;
  let dir: string;
  beforeAll(async () => {
    database = await open();
    const demo = await loadDemoDataIfEmpty(database.db);
    if (!demo.loaded) throw new Error("la base de prueba debía estar vacía");
    planId = demo.planId;
    const read = readActualsCsv(SEED_ACTUALS_2024_CSV, "avances.csv", SEED_PLAN);
    if (!read.ok) throw new Error("fixture");
    // Official compliance counts approved report versions (ADR 0015).
    await recordReports(
      database.db,
      planId,
      read.actuals.map((a) => ({ ...a, status: "aprobado" as const })),
    );
    app = await buildApp({ database, logger: false, webDist: null, version: "t" });
    dir = await mkdtemp(join(tmpdir(), "rumbo-tablero-"));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = async <T>(url: string): Promise<T> => {
    const res = await app.inject({ method: "GET", url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  for (const [query, at] of [
    ["asOf=2024-12-31", "2024"],
    ["asOf=2024-06-30&missing=exclude", "2024"],
    ["asOf=2025-03-31&cap=none", "period"],
  ] as const) {
    it(`cada número del tablero es el del motor para ${query} (${at === "period" ? "cuatrienio" : at})`, async () => {
      const when = at === "period" ? "period=cuatrienio" : `year=${at}`;
      const result = await get<ComplianceResult>(`/api/plans/${planId}/compliance?${query}`);
      const dashboard = await get<PlanDashboard>(`/api/plans/${planId}/dashboard?${query}&${when}`);
      const pick = (cell: { status: string; compliance: number | null; semaforo: unknown }) => ({
        status: cell.status,
        compliance: cell.compliance,
        semaforo: cell.semaforo,
      });
      const planCell = at === "period" ? result.plan.period : result.plan.years[at];
      if (planCell === undefined) throw new Error("celda");
      expect(pick(dashboard)).toEqual(pick(planCell));
      for (const [index, objective] of dashboard.objectives.entries()) {
        const row = result.objectives[index];
        const cell = at === "period" ? row?.period : row?.years[at];
        if (cell === undefined) throw new Error("celda");
        expect(objective.code).toBe(row?.code);
        expect(pick(objective)).toEqual(pick(cell));
        expect(objective.share).toBe(
          planCell.contributions.find((c) => c.code === objective.code)?.weight ?? null,
        );
        expect(objective.contribution).toBe(
          planCell.contributions.find((c) => c.code === objective.code)?.contribution ?? null,
        );
        for (const indicator of objective.indicators) {
          const indicatorRow = result.indicators.find((i) => i.code === indicator.code);
          const indicatorCell = at === "period" ? indicatorRow?.period : indicatorRow?.years[at];
          expect(indicator).toMatchObject({ ...indicatorCell, objective: indicatorRow?.objective });
          expect(indicator.share).toBe(
            cell.contributions.find((c) => c.code === indicator.code)?.weight ?? null,
          );
          expect(indicator.contribution).toBe(
            cell.contributions.find((c) => c.code === indicator.code)?.contribution ?? null,
          );
        }
      }
    });
  }

  it("la serie por periodo de la 4075 (suma) al 30/06/2024: T1 y T2 cuentan, T3 y T4 no; el acumulado es el A* del motor", async () => {
    const query = "asOf=2024-06-30";
    const series = await get<IndicatorSeries>(
      `/api/plans/${planId}/indicators/4075/series?${query}`,
    );
    const result = await get<ComplianceResult>(`/api/plans/${planId}/compliance?${query}`);
    const engine = result.indicators.find((i) => i.code === "4075");
    expect(
      series.periods.map((p) => [p.period, p.value, p.counted, p.cumulative, p.cumulativeTarget]),
    ).toEqual([
      ["2024-Q1", 4, true, 4, 20],
      ["2024-Q2", 6, true, 10, 20],
      ["2024-Q3", 3, false, null, 20],
      ["2024-Q4", 5, false, null, 20],
    ]);
    expect(series.periods.filter((p) => p.counted).at(-1)?.cumulative).toBe(engine?.period.actual);
    expect(series.years).toEqual(engine?.years);
  });

  it("la serie de un indicador que el plan no tiene responde 404 INDICATOR_NOT_FOUND", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/indicators/9999/series`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("INDICATOR_NOT_FOUND");
  });

  it("2024 con corte 31-dic: plan 84,23 % amarillo, 1 sin reporte (4205), 1 sobre-ejecución (4248) y la 78 NP", async () => {
    const dashboard = await get<PlanDashboard>(
      `/api/plans/${planId}/dashboard?asOf=2024-12-31&year=2024`,
    );
    expect(dashboard.compliance).toBeCloseTo(0.8423023875990027, 14);
    expect(dashboard.semaforo).toBe("amarillo");
    expect(dashboard.counters).toMatchObject({ sinReporte: 1, sobreEjecucion: 1, np: 2 });
    expect(
      dashboard.alerts.filter((a) => a.kind !== "amarillo").map((a) => [a.kind, a.indicator]),
    ).toEqual([
      ["sin_reporte", "4205"],
      // At 31 December the projection is the year's result: 80 % and 0,08 of 0,1 end below 90 %.
      ["en_riesgo", "4267"],
      ["en_riesgo", "4226"],
      ["sobre_ejecucion", "4248"],
    ]);
    const o3 = dashboard.objectives.find((o) => o.code === "3");
    expect(o3?.indicators.map((i) => [i.code, i.status, i.share])).toEqual([
      ["78", "np", null],
      ["2320", "verde", 1],
    ]);
  });

  it("ritmo a 30-jun-2024: la 3979 (nivel 8 de 15) está en riesgo y aparece en las alertas", async () => {
    const dashboard = await get<PlanDashboard>(
      `/api/plans/${planId}/dashboard?asOf=2024-06-30&year=2024`,
    );
    expect(dashboard.ritmo).toMatchObject({ year: 2024, elapsed: 182 / 366, threshold: 0.9 });
    const i3979 = dashboard.objectives.flatMap((o) => o.indicators).find((i) => i.code === "3979");
    expect(i3979?.ritmo).toMatchObject({ enRiesgo: true, projectedYear: 8 });
    expect(dashboard.alerts).toContainEqual(
      expect.objectContaining({ kind: "en_riesgo", indicator: "3979", objective: "2" }),
    );
  });

  it("objetivo 3 en 2024: la explicación JSON dice lo mismo que rumbo explain, y la 78 no cuenta por estar programada en 0", async () => {
    const explanation = await get<CellExplanation>(
      `/api/plans/${planId}/compliance/explain?asOf=2024-12-31&objective=3&year=2024`,
    );
    expect(explanation.contributions).toEqual([
      {
        code: "2320",
        name: expect.stringContaining("Implementación del portafolio de servicios TIC"),
        weight: 50,
        share: 1,
        compliance: 0.95,
        contribution: 0.95,
      },
    ]);
    expect(explanation.excluded).toEqual([
      {
        code: "78",
        name: "Índice de Gobierno Digital",
        status: "np",
        reason: "no programado (NP): no pesa",
      },
    ]);
    // Why: the plan programs meta 78 at 0 in 2024 (formats.md §1: 0 is NP).
    const exported = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/export?format=json`,
    });
    expect(exported.statusCode).toBe(200);
    const plan = JSON.parse(exported.body);
    const i78 = plan.objectives
      .flatMap((o: { indicators: { code: string }[] }) => o.indicators)
      .find((i: { code: string }) => i.code === "78");
    // The seed document programs meta 78 at 0 in 2024 (its row: 50 %, then 0, 92,00…);
    // 0 is no programado (formats.md §1), so the plan keeps no 2024 target.
    const row78 = readFileSync(SEED_PATH, "utf8")
      .split("\n")
      .find((line) => line.startsWith("<b>Meta estratégica 78:</b>"))
      ?.split("\t");
    expect(row78?.slice(3, 5)).toEqual(["50%", "0"]);
    expect(i78.targets["2024"] ?? null).toBeNull();
    expect(i78.targets["2025"]).toBe(92);
    const planFile = join(dir, "plan.json");
    const actualsFile = join(dir, "avances.csv");
    await writeFile(planFile, exported.body);
    await writeFile(actualsFile, SEED_ACTUALS_2024_CSV);
    const printed = await cli([
      "--plan",
      planFile,
      "--actuals",
      actualsFile,
      "--as-of",
      "2024-12-31",
      "--objective",
      "3",
      "--year",
      "2024",
    ]);
    expect(printed.stderr).toBe("");
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(renderExplanation(explanation));
    expect(printed.stdout).toContain(
      "  - 78 Índice de Gobierno Digital: no programado (NP): no pesa",
    );
  });

  it("el indicador 2320 y el plan en el cuatrienio también coinciden con rumbo explain", async () => {
    const exported = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/export?format=json`,
    });
    const planFile = join(dir, "plan-2.json");
    const actualsFile = join(dir, "avances-2.csv");
    await writeFile(planFile, exported.body);
    await writeFile(actualsFile, SEED_ACTUALS_2024_CSV);
    for (const [query, args] of [
      ["indicator=2320&year=2024", ["--indicator", "2320", "--year", "2024"]],
      ["period=cuatrienio", ["--plan-total", "--period"]],
    ] as const) {
      const explanation = await get<CellExplanation>(
        `/api/plans/${planId}/compliance/explain?asOf=2024-12-31&${query}`,
      );
      const printed = await cli([
        "--plan",
        planFile,
        "--actuals",
        actualsFile,
        "--as-of",
        "2024-12-31",
        ...args,
      ]);
      expect(printed.stdout).toBe(renderExplanation(explanation));
    }
  });

  it("errores: año fuera del plan, objetivo desconocido, sin vigencia ni cuatrienio", async () => {
    const year = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/compliance/explain?year=2030`,
    });
    expect(year.statusCode).toBe(400);
    expect(year.json().error.message).toBe(
      "La solicitud no es válida: el año 2030 no es una vigencia del plan (2024, 2025, 2026, 2027)",
    );
    const objective = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/compliance/explain?objective=99&year=2024`,
    });
    expect(objective.statusCode).toBe(404);
    expect(objective.json().error).toMatchObject({
      code: "OBJECTIVE_NOT_FOUND",
      message: "El plan no tiene el objetivo 99.",
    });
    const neither = await app.inject({
      method: "GET",
      url: `/api/plans/${planId}/dashboard`,
    });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.message).toContain(
      "indique year=AAAA (una vigencia) o period=cuatrienio",
    );
  });

  // Last: it approves one more report. The tablero's body is kept with the
  // compliance cache's result, so a new approval must show at once.
  it("el tablero repetido es el mismo texto, y al aprobar el avance de la 4205 deja de estar sin reporte", async () => {
    const url = `/api/plans/${planId}/dashboard?year=2024&asOf=2024-12-31`;
    const first = await app.inject({ method: "GET", url });
    const again = await app.inject({ method: "GET", url });
    expect(again.body).toBe(first.body);
    const before = first.json() as PlanDashboard;
    const row = (d: PlanDashboard) =>
      d.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4205");
    expect(row(before)?.status).toBe("sin_reporte");
    expect(before.counters.sinReporte).toBe(1);
    await recordReports(database.db, planId, [
      { indicator: "4205", period: "2024-Q4", value: 1, status: "aprobado" },
    ]);
    const after = await get<PlanDashboard>(url);
    expect(row(after)?.status).not.toBe("sin_reporte");
    expect(row(after)?.actual).toBe(1);
    expect(after.counters.sinReporte).toBe(0);
    const sinReporte = (d: PlanDashboard) =>
      d.alerts.filter((a) => a.kind === "sin_reporte").map((a) => a.indicator);
    expect(sinReporte(before)).toEqual(["4205"]);
    expect(sinReporte(after)).toEqual([]);
  });
});
