import { api, buildDashboard, computeCompliance, INDICATOR_CATALOGUE } from "@rumbo/core";
import { generateWorkload } from "@rumbo/core/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { planDetail, SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import { CORTE_2024, CORTE_2025_Q1 } from "../seguimiento/fixtures/seguimiento-fixtures.ts";
import { FIRST_ALERTS } from "./dashboard-page.tsx";
import {
  dashboardAnswer,
  dashboardSinceSeptemberAnswer,
  informeDiffAnswer,
  stubTablero,
  whenOf,
} from "./fixtures/tablero-fixtures.ts";
import { sortRows } from "./objective-page.tsx";
import { type CellStatus, ComplianceValue, StatusBadge } from "./semaforo.tsx";

afterEach(resetApp);

describe("semáforo: nunca solo color", () => {
  const cases: [CellStatus, string][] = [
    ["verde", "Verde"],
    ["amarillo", "Amarillo"],
    ["rojo", "Rojo"],
    ["np", "No programado (NP)"],
    ["sin_reporte", "Sin reporte"],
    ["pendiente", "Pendiente"],
  ];
  for (const [status, words] of cases) {
    it(`${status}: dice «${words}», lleva un ícono propio oculto al lector y su clase de color`, () => {
      const { container } = render(<StatusBadge status={status} />);
      const badge = container.querySelector(".status-badge");
      expect(badge?.classList.contains(`status-${status}`)).toBe(true);
      expect(badge?.textContent?.trim().endsWith(words)).toBe(true);
      const icon = container.querySelector(".status-icon");
      expect(icon?.getAttribute("aria-hidden")).toBe("true");
      expect(icon?.textContent).not.toBe("");
    });
  }

  it("los seis estados tienen íconos distintos", () => {
    const icons = cases.map(([status]) => {
      const { container } = render(<StatusBadge status={status} />);
      return container.querySelector(".status-icon")?.textContent;
    });
    expect(new Set(icons).size).toBe(6);
  });

  it("el cumplimiento se escribe con coma decimal es-CO y con la palabra del semáforo", () => {
    const { container } = render(
      <ComplianceValue status="amarillo" compliance={0.8423023875990027} />,
    );
    expect(visibleText(container)).toBe("84,23% ▲ Amarillo");
  });

  it("sin reporte no muestra número, solo su estado", () => {
    const { container } = render(<ComplianceValue status="sin_reporte" compliance={null} />);
    expect(visibleText(container)).toBe("? Sin reporte");
  });
});

describe("tablero del plan semilla", () => {
  it("2024 con corte 31/12/2024: plan 84,23% amarillo, objetivo 3 en 95,00% verde, contadores y alertas que llevan al indicador", async () => {
    const fetchMock = stubTablero();
    renderApp("/planes/1/tablero?vigencia=2024&corte=2024-12-31");
    await screen.findByRole("heading", { level: 1, name: "Tablero de seguimiento" });
    const calls = stubCalls(fetchMock).filter((c) => c.path === "/api/plans/1/dashboard");
    expect(new URLSearchParams(calls[0]?.search).get("year")).toBe("2024");
    expect(new URLSearchParams(calls[0]?.search).get("asOf")).toBe("2024-12-31");
    const summary = screen.getByRole("region", { name: "Cumplimiento del plan" });
    expect(visibleText(summary)).toContain("84,23% ▲ Amarillo");
    expect(visibleText(screen.getByRole("main"))).toContain("corte 31/12/2024");
    const o3 = screen.getByRole("article", { name: "Objetivo 3" });
    expect(visibleText(o3)).toContain("95,00% ● Verde");
    const counters = screen.getByRole("region", { name: "Indicadores por estado" });
    expect(visibleText(counters)).toContain("Sin reporte1");
    expect(visibleText(counters)).toContain("Sobre-ejecución1");
    const alerts = screen.getByRole("region", { name: "Alertas" });
    const link = within(alerts).getByRole("link", { name: /Indicador 4205/ });
    expect(link.getAttribute("href")).toBe(
      "/planes/1/indicadores/4205?vigencia=2024&corte=2024-12-31",
    );
  });

  it("un plan de 400 indicadores con cientos de alertas muestra primero las 50 más graves y las demás al pedirlas", async () => {
    const { plan, actuals } = generateWorkload({ indicators: 400, objectives: 8 });
    const options = { asOf: "2025-06-30", missing: "zero", cap: 1 } as const;
    const result = computeCompliance(plan, actuals, options);
    const body = api.getDashboard.responses[200].parse(
      buildDashboard({ plan, result, options }, 2025),
    );
    expect(body.alerts.length).toBeGreaterThan(FIRST_ALERTS);
    stubApi({
      "/api/plans/1": { body: planDetail(plan) },
      "/api/plans/1/dashboard": { body },
      "/api/plans/1/cortes": { body: { cortes: [] } },
    });
    renderApp("/planes/1/tablero?vigencia=2025&corte=2025-06-30");
    const alerts = await screen.findByRole("region", { name: "Alertas" });
    expect(within(alerts).getAllByRole("listitem")).toHaveLength(FIRST_ALERTS);
    expect(visibleText(alerts)).toContain(
      `Se muestran las primeras 50 de ${body.alerts.length} alertas, las más graves primero.`,
    );
    // Core puts the rojos first: the first one shown is the first of the answer.
    const first = body.alerts[0];
    expect(first?.kind).toBe("rojo");
    expect(within(alerts).getAllByRole("link")[0]?.textContent).toBe(
      `Indicador ${first?.indicator}: ${first?.name}`,
    );
    fireEvent.click(
      within(alerts).getByRole("button", { name: `Mostrar las ${body.alerts.length} alertas` }),
    );
    expect(within(alerts).getAllByRole("listitem")).toHaveLength(body.alerts.length);
    expect(within(alerts).queryByRole("button")).toBeNull();
  });

  it("con corte 31/12/2024, que es un corte del plan, ofrece su informe con lo conocido a de la vista", async () => {
    stubApi({
      "/api/plans/1": { body: planDetail(SEED_PLAN) },
      "/api/plans/1/dashboard": (request) => {
        const { asOf, at } = whenOf(request);
        return { body: dashboardAnswer(asOf, at) };
      },
      "/api/plans/1/cortes": {
        body: { cortes: [{ ...CORTE_2024, id: 5 }, CORTE_2025_Q1] },
      },
    });
    renderApp("/planes/1/tablero?vigencia=2024&corte=2024-12-31&knownAt=2025-02-01T00:00:00Z");
    const section = await screen.findByRole("region", { name: "Informe de seguimiento" });
    expect(
      within(section)
        .getAllByRole("link")
        .map((link) => link.getAttribute("href")),
    ).toEqual([
      ...["pdf", "xlsx", "csv"].map(
        (format) =>
          `/api/plans/1/informe?corte=5&format=${format}&knownAt=2025-02-01T00%3A00%3A00Z`,
      ),
      "/planes/1/tablero/informes/5/cambios?knownAt=2025-02-01T00%3A00%3A00Z",
    ]);
    expect(
      within(section).getByRole("link", { name: /¿Qué cambió desde este informe\?/ }),
    ).toBeDefined();
  });

  it("2024 al 31/12/2024 frente al corte del 30/09/2024: el plan sube 72,04 puntos, con flecha y palabras", async () => {
    stubApi({
      "/api/plans/1": { body: planDetail(SEED_PLAN) },
      "/api/plans/1/dashboard": (request) => {
        const { asOf, at } = whenOf(request);
        return { body: dashboardSinceSeptemberAnswer(asOf ?? "2024-12-31", at) };
      },
    });
    renderApp("/planes/1/tablero?vigencia=2024&corte=2024-12-31");
    const summary = await screen.findByRole("region", { name: "Cumplimiento del plan" });
    expect(visibleText(summary)).toContain(
      "▲ Sube 72,04 puntos desde el corte del 30/09/2024 (entonces 12,19%)",
    );
    // The arrow is an icon: the words say it to a screen reader.
    const icon = summary.querySelector(".corte-change-icon");
    expect(icon?.getAttribute("aria-hidden")).toBe("true");
    const o3 = screen.getByRole("article", { name: "Objetivo 3" });
    expect(visibleText(o3)).toContain(
      "▲ Sube 95 puntos desde el corte del 30/09/2024 (entonces 0,00%)",
    );
    const o8 = screen.getByRole("article", { name: "Objetivo 8" });
    expect(visibleText(o8)).toContain("= Igual desde el corte del 30/09/2024 (entonces 0,00%)");
  });

  it("sin corte anterior cerrado, el tablero lo dice en lugar de una flecha", async () => {
    stubTablero();
    renderApp("/planes/1/tablero?vigencia=2024&corte=2024-12-31");
    const summary = await screen.findByRole("region", { name: "Cumplimiento del plan" });
    expect(visibleText(summary)).toContain(
      "No hay un corte cerrado anterior con el cual comparar.",
    );
    expect(summary.querySelector(".corte-change")).toBeNull();
  });

  it("¿Qué cambió desde el informe del 31/12/2024?: la 2320 pasó de 9,5 a 10 tras reabrir el corte, y su cumplimiento de 95 % a 100 %", async () => {
    const fetchMock = stubApi({
      "/api/plans/1/informe/diff": { body: informeDiffAnswer() },
    });
    renderApp("/planes/1/tablero/informes/5/cambios");
    await screen.findByRole("heading", {
      level: 1,
      name: "¿Qué cambió desde el informe del corte al 31/12/2024?",
    });
    const call = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/informe/diff");
    expect(new URLSearchParams(call?.search).get("corte")).toBe("5");
    expect(visibleText(screen.getByRole("main"))).toContain(
      "tal como se conocía el 31/01/2025, 17:00:00, cuando se cerró el corte",
    );
    const table = screen.getByRole("table", { name: "Cumplimientos que cambiaron" });
    const row = within(table)
      .getAllByRole("row")
      .find((r) => r.textContent?.startsWith("Indicador 2320") && r.textContent.includes("2024"));
    expect(
      within(row as HTMLElement)
        .getAllByRole("cell")
        .map(visibleText),
    ).toEqual([
      "2024",
      "95,00% ● Verde · ejecutado 9,5",
      "100,00% ● Verde · ejecutado 10",
      "▲ Sube 5 puntos desde el informe (entonces 95,00%)",
    ]);
    const reports = screen.getByRole("region", { name: "Reportes y por qué cambiaron" });
    expect(visibleText(reports)).toContain("En el informe: 9,5 (versión 1) → hoy: 10 (versión 7)");
    expect(visibleText(reports)).toContain("aprobación el 05/03/2025, 10:00:00 por Planeación");
    expect(visibleText(reports)).toContain(
      "Corte del 31/12/2024 reabierto el 01/03/2025, 09:00:00 por Planeación: «El soporte traía el dato final»",
    );
    expect(
      within(reports)
        .getByRole("link", { name: "Historial del reporte 2320 2024" })
        .getAttribute("href"),
    ).toBe("/planes/1/indicadores/2320/reportes/2024/historial");
  });

  it("¿Cómo se calculó? del objetivo 3 pide la explicación y dice por qué la 78 no cuenta", async () => {
    const fetchMock = stubTablero();
    renderApp("/planes/1/tablero?vigencia=2024&corte=2024-12-31");
    const o3 = await screen.findByRole("article", { name: "Objetivo 3" });
    const summary = within(o3).getByText("¿Cómo se calculó?");
    const details = summary.closest("details");
    if (details === null) throw new Error("sin details");
    details.open = true;
    fireEvent(details, new Event("toggle"));
    const excluded = await within(o3).findByRole("heading", { name: "Lo que quedó por fuera" });
    const list = excluded.nextElementSibling as HTMLElement;
    expect(visibleText(list)).toBe(
      "78 Índice de Gobierno Digital: ○ No programado (NP) — no programado (NP): no pesa",
    );
    const explain = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/compliance/explain");
    expect(new URLSearchParams(explain?.search).get("objective")).toBe("3");
    const table = within(o3).getByRole("table", { name: /Contribuciones/ });
    expect(visibleText(table)).toContain("100,00%");
  });

  it("la vista del objetivo 3 muestra la 78 como NP que no cuenta y la 2320 con toda la participación, y ordena por cumplimiento", async () => {
    stubTablero();
    renderApp("/planes/1/tablero/objetivos/3?vigencia=2024&corte=2024-12-31");
    const table = await screen.findByRole("table", { name: "Indicadores del objetivo 3" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getByRole("rowheader").textContent)).toEqual([
      "78",
      "2320",
    ]);
    expect(visibleText(rows[0] as HTMLElement)).toContain("no cuenta");
    expect(visibleText(rows[0] as HTMLElement)).toContain("No programado (NP)");
    expect(visibleText(rows[1] as HTMLElement)).toContain("100,00%");
    const header = within(table).getByRole("columnheader", { name: /Cumplimiento/ });
    fireEvent.click(within(header).getByRole("button"));
    expect(header.getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(within(header).getByRole("button"));
    expect(header.getAttribute("aria-sort")).toBe("descending");
  });

  it("la página del indicador 2320 muestra toda la ficha técnica y programado vs ejecutado", async () => {
    stubTablero();
    renderApp("/planes/1/indicadores/2320?vigencia=2024&corte=2024-12-31");
    await screen.findByRole("heading", { level: 1, name: /Indicador 2320/ });
    const ficha = screen.getByRole("region", { name: "Ficha técnica" });
    for (const field of INDICATOR_CATALOGUE)
      expect(within(ficha).getByText(field.label, { selector: "dt" })).toBeDefined();
    const table = await screen.findByRole("table", {
      name: "Programado y ejecutado del indicador 2320",
    });
    const row2024 = within(table).getByRole("rowheader", { name: "2024" }).closest("tr");
    expect(visibleText(row2024 as HTMLElement)).toContain("9,5");
    await waitFor(() => expect(visibleText(screen.getByRole("main"))).toContain("95,00% ● Verde"));
  });
});

describe("orden de la tabla", () => {
  it("ordenar solo cambia el orden; lo que no tiene valor va al final", () => {
    const rows = dashboardAnswer("2024-12-31", 2024).objectives.flatMap((o) => o.indicators);
    const sorted = sortRows(rows, { key: "compliance", direction: "ascending" });
    expect(sorted).toHaveLength(rows.length);
    const values = sorted.map((row) => row.compliance);
    const firstNull = values.indexOf(null);
    expect(values.slice(firstNull).every((value) => value === null)).toBe(true);
    const numbers = values.slice(0, firstNull) as number[];
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});
