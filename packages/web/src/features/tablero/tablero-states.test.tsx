import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NBSP } from "../../shared/format.ts";
import {
  renderApp,
  resetApp,
  type StubRequest,
  stubApi,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { planDetail, SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import {
  CORTE_2024,
  CORTE_2025_Q1,
  corte,
  report,
  summary,
} from "../seguimiento/fixtures/seguimiento-fixtures.ts";
import { complianceAnswer, dashboardAnswer } from "./fixtures/tablero-fixtures.ts";
import { cortesOfView } from "./report-analysis.tsx";
import { readView } from "./tablero-query.ts";

afterEach(resetApp);

const PLAN_NAME = SEED_PLAN.name;

function whenOf(request: StubRequest) {
  const search = new URLSearchParams(request.search);
  const year = search.get("year");
  return { asOf: search.get("asOf"), at: year === null ? ("period" as const) : Number(year) };
}

/** The 2024 report of 2320 as planeación approved it, with its analysis and one soporte. */
const APPROVED_2320_2024 = report({
  period: "2024",
  status: "aprobado",
  version: 3,
  value: 9.5,
  analysis: {
    achievements: "En la vigencia 2024 se alcanzó 9,5 % frente a 10 % programado.",
    difficulties: "No se presentaron retrasos.",
    actions: "",
    benefits: "Trámites digitales en más entidades distritales.",
  },
  evidence: [
    {
      kind: "link",
      url: "https://www.alcaldiabogota.gov.co/acta-2024",
      title: "Acta de seguimiento 2024",
      addedAt: "2025-01-10T15:00:00.000Z",
      addedBy: null,
    },
  ],
  corte: { id: 1, periodEnd: "2024-12-31", state: "cerrado" },
});

function stubTablero(reports: Record<string, ReturnType<typeof summary>[]> = {}) {
  return stubApi({
    "/api/plans/1": { body: planDetail(SEED_PLAN) },
    "/api/plans/1/dashboard": (request) => {
      const { asOf, at } = whenOf(request);
      return { body: dashboardAnswer(asOf, at) };
    },
    "/api/plans/1/compliance": (request) => ({ body: complianceAnswer(whenOf(request).asOf) }),
    "/api/plans/1/cortes": { body: { cortes: [CORTE_2024, CORTE_2025_Q1] } },
    "/api/plans/1/reports": (request) => {
      const corteId = new URLSearchParams(request.search).get("corte") ?? "";
      return { body: { reports: reports[corteId] ?? [] } };
    },
    "/api/plans/1/indicators/2320/reports/2024": { body: APPROVED_2320_2024 },
  });
}

describe("estados de las páginas del tablero", () => {
  it("2027 sin fecha de corte: dice que aún no hay avances reportados, sin dejar de mostrar el número del motor", async () => {
    stubTablero();
    renderApp("/planes/1/tablero?vigencia=2027");
    const summaryRegion = await screen.findByRole("region", { name: "Cumplimiento del plan" });
    expect(visibleText(summaryRegion)).toContain(
      "Aún no hay avances reportados en vigencia 2027: cada indicador con meta cuenta como sin reporte.",
    );
    expect(visibleText(summaryRegion)).toContain("0,00% ■ Rojo");
  });

  it("2024 con corte 31/12/2024 tiene avances: no muestra el estado vacío", async () => {
    stubTablero();
    renderApp("/planes/1/tablero?vigencia=2024&corte=2024-12-31");
    const summaryRegion = await screen.findByRole("region", { name: "Cumplimiento del plan" });
    expect(visibleText(summaryRegion)).not.toContain("Aún no hay avances");
  });

  it("un indicador que no existe dice que no existe en el plan y lleva de vuelta al tablero", async () => {
    stubTablero();
    renderApp("/planes/1/indicadores/9999?vigencia=2024&corte=2024-12-31");
    await screen.findByRole("heading", { level: 1, name: "Indicador no encontrado" });
    expect(visibleText(screen.getByRole("main"))).toContain(
      `El indicador «9999» no existe en ${PLAN_NAME}.`,
    );
    expect(screen.getByRole("link", { name: "Volver al tablero" }).getAttribute("href")).toBe(
      "/planes/1/tablero?vigencia=2024&corte=2024-12-31",
    );
  });

  it("un objetivo que no existe dice que no existe en el plan", async () => {
    stubTablero();
    renderApp("/planes/1/tablero/objetivos/99?vigencia=2024");
    await screen.findByRole("heading", { level: 1, name: "Objetivo no encontrado" });
    expect(visibleText(screen.getByRole("main"))).toContain(
      `El objetivo «99» no existe en ${PLAN_NAME}.`,
    );
  });

  it("la página del objetivo dice de qué corte son sus números", async () => {
    stubTablero();
    renderApp("/planes/1/tablero/objetivos/3?vigencia=2024&corte=2024-12-31");
    await screen.findByRole("heading", { level: 1, name: "Objetivo 3" });
    expect(visibleText(screen.getByRole("main"))).toContain("vigencia 2024 · corte 31/12/2024");
  });
});

describe("página del indicador 2320: análisis de sus reportes y ritmo", () => {
  it("muestra el análisis y el soporte del reporte aprobado de 2024, y el ritmo en la unidad del indicador", async () => {
    stubTablero({
      "1": [summary({ period: "2024", status: "aprobado", version: 3, value: 9.5, target: 10 })],
    });
    renderApp("/planes/1/indicadores/2320?vigencia=2024&corte=2024-12-31");
    const analysis = await screen.findByRole("region", {
      name: "Análisis y soportes de los reportes",
    });
    const one = await within(analysis).findByRole("article", {
      name: `Periodo 2024: 9,5${NBSP}%`,
    });
    const text = visibleText(one);
    expect(text).toContain("LogrosEn la vigencia 2024 se alcanzó 9,5 % frente a 10 % programado.");
    expect(text).toContain("Retrasos y dificultadesNo se presentaron retrasos.");
    expect(text).toContain("Soluciones / acciones de mejoraSin texto");
    expect(
      within(one).getByRole("link", { name: "Acta de seguimiento 2024" }).getAttribute("href"),
    ).toBe("https://www.alcaldiabogota.gov.co/acta-2024");

    const ritmo = screen.getByRole("region", { name: "Ritmo y proyección" });
    expect(visibleText(ritmo)).toContain("Meta 202410 %");
    expect(visibleText(ritmo)).toContain("Avance a la fecha9,5 %");
    expect(visibleText(ritmo)).toContain("9,5 % (95,00%)");
  });

  it("sin reportes aprobados en la vigencia lo dice (un borrador no se muestra)", async () => {
    stubTablero({ "2": [summary({ period: "2025-Q1", status: "borrador", value: 12.5 })] });
    renderApp("/planes/1/indicadores/2320?vigencia=2025");
    const analysis = await screen.findByRole("region", {
      name: "Análisis y soportes de los reportes",
    });
    await within(analysis).findByText(
      "No hay reportes aprobados de este indicador en vigencia 2025.",
    );
  });

  it("los cortes de la vista: los de la vigencia, no después de la fecha de corte y ya abiertos", () => {
    const cortes = [
      corte({ id: 7, periodEnd: "2024-09-30", state: "cerrado" }),
      CORTE_2024,
      CORTE_2025_Q1,
      corte({ id: 9, periodEnd: "2025-06-30", state: "programado" }),
    ];
    const ids = (search: string) => cortesOfView(cortes, readView(search)).map((c) => c.id);
    expect(ids("?vigencia=2024&corte=2024-09-30")).toEqual([7]);
    expect(ids("?vigencia=2024")).toEqual([7, CORTE_2024.id]);
    expect(ids("?vigencia=2025")).toEqual([CORTE_2025_Q1.id]);
    expect(ids("?vigencia=cuatrienio")).toEqual([7, CORTE_2024.id, CORTE_2025_Q1.id]);
  });
});
