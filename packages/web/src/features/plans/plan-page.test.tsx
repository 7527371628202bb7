import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  renderApp,
  resetApp,
  stubApi,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { planDetail, SEED_PLAN } from "./fixtures/seed-plan.ts";

const PLAN_URL = "/planes/1";

// Columns after the row header (the indicator code).
const COLUMNS = [
  "meta",
  "indicador",
  "tendencia",
  "ponderación",
  "2024",
  "2025",
  "2026",
  "2027",
  "total",
] as const;
type Column = (typeof COLUMNS)[number];

function table(objective: number): HTMLElement {
  return screen.getByRole("table", { name: `Indicadores del objetivo ${objective}` });
}

function cell(objective: number, code: string, column: Column): HTMLElement {
  const rowHeader = within(table(objective)).getByRole("rowheader", { name: code });
  const row = rowHeader.closest("tr");
  if (row === null) throw new Error(`La fila del indicador ${code} no está en una tabla`);
  const found = within(row).getAllByRole("cell")[COLUMNS.indexOf(column)];
  if (found === undefined) throw new Error(`Falta la columna ${column} del indicador ${code}`);
  return found;
}

async function openSeedPlan(): Promise<void> {
  stubApi({ "/api/plans/1": { body: planDetail(SEED_PLAN) } });
  renderApp(PLAN_URL);
  await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
}

afterEach(resetApp);

describe("página del plan (plan semilla Gestión Pública 2024-2027)", () => {
  it("muestra el encabezado del plan con código, entidad, vigencias, misión y visión", async () => {
    await openSeedPlan();
    const main = screen.getByRole("main");
    expect(visibleText(main)).toContain("PES-GP-2024-2027");
    expect(visibleText(main)).toContain("Sector Gestión Pública");
    expect(within(main).getByText("2024–2027")).toBeDefined();
    expect(within(main).getByText("Misión").tagName).toBe("SUMMARY");
    expect(within(main).getByText("Visión").tagName).toBe("SUMMARY");
    expect(document.title).toBe(
      "Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública — Rumbo",
    );
  });

  it("muestra los 8 objetivos, cada uno con su tabla de indicadores (18 en total)", async () => {
    await openSeedPlan();
    const objectiveHeadings = screen.getAllByRole("heading", { level: 3 });
    expect(objectiveHeadings.map(visibleText)).toEqual([
      "Objetivo 1",
      "Objetivo 2",
      "Objetivo 3",
      "Objetivo 4",
      "Objetivo 5",
      "Objetivo 6",
      "Objetivo 7",
      "Objetivo 8",
    ]);
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    expect(screen.getAllByRole("table")).toHaveLength(8);
    expect(screen.getAllByRole("rowheader")).toHaveLength(18);
    expect(within(table(6)).getAllByRole("rowheader").map(visibleText)).toEqual([
      "72",
      "4226",
      "3",
      "4248",
      "80",
    ]);
    expect(
      screen.getByRole("region", { name: "Indicadores del objetivo 1" }).getAttribute("tabindex"),
    ).toBe("0");
  });

  it("la meta 78 no está programada en 2024: NP, no 0", async () => {
    await openSeedPlan();
    const np = cell(3, "78", "2024");
    expect(visibleText(np)).toBe("NP");
    expect(np.querySelector("abbr")?.getAttribute("title")).toBe("No programado");
    expect(visibleText(cell(3, "78", "2025"))).toBe("92");
    expect(visibleText(cell(3, "78", "2026"))).toBe("93,5");
    expect(visibleText(cell(3, "78", "ponderación"))).toBe("50 %");
  });

  it("escribe la programación con coma decimal: meta 77 en 2024 es 70,72", async () => {
    await openSeedPlan();
    expect(visibleText(cell(1, "77", "2024"))).toBe("70,72");
    expect(visibleText(cell(1, "77", "total"))).toBe("74");
    expect(visibleText(cell(1, "77", "tendencia"))).toBe("Creciente");
    expect(visibleText(cell(5, "4263", "2024"))).toBe("0,1");
    expect(visibleText(cell(5, "4263", "2026"))).toBe("0,75");
    expect(visibleText(cell(7, "4200", "2024"))).toBe("0,25");
    expect(visibleText(cell(7, "4200", "total"))).toBe("1");
    expect(visibleText(cell(7, "4200", "tendencia"))).toBe("Suma");
  });

  it("la meta 80 pondera 0 %: se muestra con la nota 'no pondera' y solo 2025 y 2027 programados", async () => {
    await openSeedPlan();
    expect(visibleText(cell(6, "80", "ponderación"))).toBe("0 % no pondera");
    expect(visibleText(cell(6, "80", "2024"))).toBe("NP");
    expect(visibleText(cell(6, "80", "2025"))).toBe("53,28");
    expect(visibleText(cell(6, "80", "2026"))).toBe("NP");
    expect(visibleText(cell(6, "80", "2027"))).toBe("59,2");
    expect(visibleText(cell(6, "80", "total"))).toBe("59,2");
  });

  it("muestra las ponderaciones del objetivo 5 (34/33/33) y los valores en %", async () => {
    await openSeedPlan();
    expect(visibleText(cell(5, "73", "ponderación"))).toBe("34 %");
    expect(visibleText(cell(5, "4263", "ponderación"))).toBe("33 %");
    expect(visibleText(cell(5, "4267", "ponderación"))).toBe("33 %");
    expect(visibleText(cell(5, "73", "2024"))).toBe("79 %");
    expect(visibleText(cell(2, "3979", "2024"))).toBe("15 %");
    expect(visibleText(cell(2, "3979", "total"))).toBe("100 %");
  });

  it("muestra la meta con su tipo y número, y conserva el texto tal como lo escribe el plan", async () => {
    await openSeedPlan();
    expect(visibleText(cell(1, "2307", "meta"))).toMatch(
      /^Meta sectorial 2307: Asistir 46 Entidades/,
    );
    expect(visibleText(cell(3, "2320", "meta"))).toMatch(
      /^Meta sectorial 2320: Poner en funcionamiento 14244\. Implementación/,
    );
    expect(visibleText(cell(6, "3", "meta"))).toMatch(/^Meta proyecto: 3\. Implementar 1 modelo/);
    // Meta 2153 promises 50 instrumentos but programs 64: shown as written.
    expect(visibleText(cell(4, "4075", "total"))).toBe("64");
  });

  it("encabeza la programación por vigencia y el total del periodo", async () => {
    await openSeedPlan();
    const headers = within(table(1)).getAllByRole("columnheader").map(visibleText);
    expect(headers).toEqual([
      "Código",
      "Meta",
      "Indicador",
      "Tendencia",
      "Ponderación",
      "Programación",
      "2024",
      "2025",
      "2026",
      "2027",
      "Total 2024–2027",
    ]);
  });

  it("muestra ponderaciones por vigencia cuando cambian de un año a otro", async () => {
    const [first] = SEED_PLAN.objectives;
    const [indicator] = first?.indicators ?? [];
    if (first === undefined || indicator === undefined) throw new Error("fixture sin objetivo 1");
    const reweighted = {
      ...SEED_PLAN,
      objectives: [
        {
          ...first,
          indicators: [
            {
              ...indicator,
              weight: { "2024": 100, "2025": 50, "2026": 50, "2027": 50, total: 62.5 },
            },
          ],
        },
      ],
    };
    stubApi({ "/api/plans/1": { body: planDetail(reweighted) } });
    renderApp(PLAN_URL);
    await screen.findByRole("heading", { level: 1 });
    const weights = within(cell(1, "2307", "ponderación")).getAllByRole("listitem");
    expect(weights.map(visibleText)).toEqual([
      "2024: 100 %",
      "2025: 50 %",
      "2026: 50 %",
      "2027: 50 %",
      "Total: 62,5 %",
    ]);
  });
});

describe("programación en 0", () => {
  it("un 0 en una meta Suma se muestra como NP, y en una Decreciente como meta 0", async () => {
    const [first] = SEED_PLAN.objectives;
    const [indicator] = first?.indicators ?? [];
    if (first === undefined || indicator === undefined) throw new Error("fixture sin objetivo 1");
    const plan = {
      ...SEED_PLAN,
      objectives: [
        {
          ...first,
          indicators: [
            {
              ...indicator,
              code: "S1",
              trend: "suma",
              targets: { "2024": 0, "2025": 3, "2026": 3, "2027": 3 },
            },
            {
              ...indicator,
              code: "D1",
              trend: "decreciente",
              baseline: 10,
              targets: { "2024": 8, "2025": 4, "2026": 2, "2027": 0 },
              total: 0,
            },
          ],
        },
      ],
    };
    stubApi({ "/api/plans/1": { body: planDetail(plan) } });
    renderApp(PLAN_URL);
    await screen.findByRole("heading", { level: 1 });
    expect(visibleText(cell(1, "S1", "2024"))).toBe("NP");
    expect(visibleText(cell(1, "D1", "2027"))).toBe("0");
    expect(visibleText(cell(1, "D1", "tendencia"))).toBe("Decreciente");
  });
});

describe("estados de carga y error de la página del plan", () => {
  it("anuncia la carga mientras llega el plan", async () => {
    stubApi({ "/api/plans/1": { body: planDetail(SEED_PLAN) } });
    renderApp(PLAN_URL);
    expect(visibleText(screen.getByRole("status"))).toBe("Cargando el plan…");
    await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
  });

  it("muestra el mensaje en español que envía la API cuando responde 500", async () => {
    stubApi({
      "/api/plans/1": {
        status: 500,
        body: {
          error: {
            code: "INTERNAL_ERROR",
            message: "Error interno del servidor. Intente de nuevo más tarde.",
            details: null,
          },
        },
      },
    });
    renderApp(PLAN_URL);
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { level: 1 }).textContent).toBe(
      "No fue posible cargar el plan",
    );
    expect(visibleText(alert)).toContain("Error interno del servidor. Intente de nuevo más tarde.");
  });

  it("muestra el mensaje de la API cuando el plan no existe (404)", async () => {
    stubApi({
      "/api/plans/9": {
        status: 404,
        body: {
          error: { code: "PLAN_NOT_FOUND", message: "No existe el plan 9.", details: { id: 9 } },
        },
      },
    });
    renderApp("/planes/9");
    expect(visibleText(await screen.findByRole("alert"))).toContain("No existe el plan 9.");
  });

  it("explica en español una respuesta que no trae el formato de error", async () => {
    stubApi({ "/api/plans/1": { status: 502, body: "Bad Gateway" } });
    renderApp(PLAN_URL);
    expect(visibleText(await screen.findByRole("alert"))).toContain(
      "El servidor respondió con un error inesperado (HTTP 502).",
    );
  });

  it("explica en español que no hay conexión", async () => {
    stubApi({ "/api/plans/1": { networkError: true } });
    renderApp(PLAN_URL);
    expect(visibleText(await screen.findByRole("alert"))).toContain(
      "No fue posible conectar con el servidor.",
    );
  });
});

describe("un plan que no se puede ver sin sesión", () => {
  it("sin sesión, /planes/7 (sin publicar o inexistente, 401) lleva a iniciar sesión y vuelve al plan", async () => {
    stubApi({
      "/api/plans/7": apiError(401, "AUTH_REQUIRED", "Debe iniciar sesión para hacer esto."),
    });
    renderApp("/planes/7");
    await screen.findByRole("heading", { level: 1, name: "Iniciar sesión" });
    expect(window.location.pathname).toBe("/entrar");
    expect(window.location.search).toBe("?volver=%2Fplanes%2F7");
  });

  it("un plan publicado enlaza su página del portal público; uno sin publicar no", async () => {
    await openSeedPlan();
    const link = screen.getByRole("link", { name: "Ver en el portal público" });
    expect(link.getAttribute("href")).toBe("/publico/planes/1");
    resetApp();
    stubApi({ "/api/plans/1": { body: { ...planDetail(SEED_PLAN), published: false } } });
    renderApp(PLAN_URL);
    await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
    expect(screen.queryByRole("link", { name: "Ver en el portal público" })).toBeNull();
  });
});
