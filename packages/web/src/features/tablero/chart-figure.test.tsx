/**
 * The tablero's charts: ECharts is loaded only when a chart is shown, and
 * every chart has its summary (the image's name) and a table of the same
 * numbers, es-CO. Numbers: the seed plan with the 2024 avances, from core.
 * This file's first test must run before any chart is shown.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderApp, resetApp, visibleText } from "../../shared/testing/render-app.tsx";
import { chartRenderer } from "./chart-loader.ts";
import { stubTablero } from "./fixtures/tablero-fixtures.ts";

afterEach(resetApp);

// jsdom has no canvas and says so on every text ECharts measures; without a
// 2D context ECharts estimates text widths itself, as jsdom ends up doing anyway.
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = () => null;
});

/** The figure of the chart whose image is named by a summary starting with `start`. */
async function figureOf(start: string): Promise<HTMLElement> {
  const image = await screen.findByRole("img", { name: (name) => name.startsWith(start) });
  const figure = image.closest("figure");
  if (figure === null) throw new Error("sin figure");
  return figure;
}

async function openData(figure: HTMLElement): Promise<HTMLElement> {
  fireEvent.click(within(figure).getByRole("button", { name: "Ver datos" }));
  expect(within(figure).getByRole("button", { name: "Ocultar datos" })).toBeDefined();
  return within(figure).getByRole("table");
}

function rowsOf(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => visibleText(row));
}

/** A row's cells, separated by one space. */
function cellsOf(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => [...row.children].map((cell) => visibleText(cell)).join(" "));
}

describe("gráficas del tablero, cargadas al mostrarse", () => {
  it("ninguna página importa ECharts al cargar; el tablero lo carga cuando muestra su gráfica", async () => {
    // The whole app (every page) is already imported by renderApp's module.
    expect(chartRenderer.loaded).toBe(false);
    stubTablero();
    renderApp("/planes/1/tablero?vigencia=2024&corte=2024-12-31");
    const figure = await figureOf("Cumplimiento por objetivo");
    // The first import of ECharts is transformed on demand by the test runner: give it time.
    await waitFor(() => expect(figure.dataset.chart).not.toBe("cargando"), { timeout: 20_000 });
    expect(chartRenderer.loaded).toBe(true);
    expect(figure.dataset.chart).toBe("dibujada");
    // ECharts' SVG renderer drew the bars in the image.
    expect(within(figure).getByRole("img").querySelector("svg")).not.toBeNull();
  });

  it("tablero 2024: la gráfica por objetivo se llama con su resumen y su tabla dice los mismos números con semáforo en palabras", async () => {
    stubTablero();
    renderApp("/planes/1/tablero?vigencia=2024&corte=2024-12-31");
    const figure = await figureOf("Cumplimiento por objetivo, vigencia 2024");
    const image = within(figure).getByRole("img");
    const summary = image.getAttribute("aria-label") ?? "";
    expect(summary).toContain("Objetivo 3 95,00% (verde)");
    expect(summary).toContain("Objetivo 8 0,00% (rojo)");
    // The summary is also written under the chart, for everyone.
    expect(visibleText(figure)).toContain(summary);
    // Closed, the table is out of view; "Ver datos" shows it.
    expect(within(figure).queryByRole("table")).toBeNull();
    const table = await openData(figure);
    expect(
      table.getAttribute("aria-labelledby") ?? table.querySelector("caption")?.id,
    ).toBeTruthy();
    expect(
      within(table).getByText("Datos: Cumplimiento por objetivo, vigencia 2024"),
    ).toBeDefined();
    const rows = rowsOf(table);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toBe("Objetivo 196,26%● Verde");
    expect(rows[2]).toBe("Objetivo 395,00%● Verde");
    expect(rows[7]).toBe("Objetivo 80,00%■ Rojo");
  });

  it("objetivo 3: los aportes dicen que la 2320 aporta 95,00% de 100,00% y que la 78 (NP) no cuenta", async () => {
    stubTablero();
    renderApp("/planes/1/tablero/objetivos/3?vigencia=2024&corte=2024-12-31");
    const figure = await figureOf("Aportes al cumplimiento del objetivo 3");
    expect(within(figure).getByRole("img").getAttribute("aria-label")).toBe(
      "Aportes al cumplimiento del objetivo 3, vigencia 2024: 95,00% (verde). 78 no cuenta (no programado (NP)); 2320 aporta 95,00% de una participación de 100,00% (cumplimiento 95,00%, verde).",
    );
    const table = await openData(figure);
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Indicador", "Participación", "Cumplimiento", "Aporte", "Estado"]);
    expect(rowsOf(table)).toEqual([
      "78no cuenta——○ No programado (NP)",
      "2320100,00%95,00%95,00%● Verde",
    ]);
  });

  it("indicador 2320: programado vs ejecutado por vigencia con la meta y el nivel en su unidad (%)", async () => {
    stubTablero();
    renderApp("/planes/1/indicadores/2320?vigencia=2024&corte=2024-12-31");
    const figure = await figureOf("Programado y ejecutado del indicador 2320 por vigencia");
    expect(within(figure).getByRole("img").getAttribute("aria-label")).toContain(
      "2024 meta 10\u00a0% y nivel 9,5\u00a0% (95,00%, verde); 2025 pendiente (meta 40\u00a0%)",
    );
    const table = await openData(figure);
    expect(rowsOf(table)).toEqual([
      // visibleText writes the no-break space before "%" as a space.
      "202410 %9,5 %95,00%● Verde",
      "202540 %——… Pendiente",
      "202670 %——… Pendiente",
      "2027100 %——… Pendiente",
    ]);
  });
});

describe("avances por periodo del indicador", () => {
  it("4075 al 30/06/2024: T3 y T4 no cuentan al corte y el acumulado ejecutado es 10 de 20", async () => {
    stubTablero();
    renderApp("/planes/1/indicadores/4075?vigencia=2024&corte=2024-06-30");
    const figure = await figureOf("Avances por periodo del indicador 4075");
    expect(within(figure).getByRole("img").getAttribute("aria-label")).toContain(
      "Acumulado a T2 2024: 10 de 20 programado al cierre de 2024.",
    );
    const table = await openData(figure);
    expect(cellsOf(table)).toEqual([
      "T1 2024 4 Sí 4 20",
      "T2 2024 6 Sí 10 20",
      "T3 2024 3 No — 20",
      "T4 2024 5 No — 20",
    ]);
  });
});

describe("navegación principal en el tablero", () => {
  for (const [page, url] of [
    ["el tablero", "/planes/1/tablero?vigencia=2024"],
    ["un objetivo", "/planes/1/tablero/objetivos/3?vigencia=2024"],
    ["un indicador", "/planes/1/indicadores/2320?vigencia=2024"],
  ] as const) {
    it(`en ${page} solo «Tablero» es la página actual`, async () => {
      stubTablero();
      renderApp(url);
      const nav = await screen.findByRole("navigation", { name: "Principal" });
      await within(nav).findByRole("link", { name: "Tablero" });
      const current = within(nav)
        .getAllByRole("link")
        .filter((link) => link.getAttribute("aria-current") === "page");
      expect(current.map((link) => link.textContent)).toEqual(["Tablero"]);
    });
  }

  it("en la ficha del plan, «Planes» es la página actual y no «Tablero»", async () => {
    stubTablero();
    renderApp("/planes/1");
    const nav = await screen.findByRole("navigation", { name: "Principal" });
    await within(nav).findByRole("link", { name: "Tablero" });
    const current = within(nav)
      .getAllByRole("link")
      .filter((link) => link.getAttribute("aria-current") === "page");
    expect(current.map((link) => link.textContent)).toEqual(["Planes"]);
  });
});
