/**
 * The tablero's charts in a real browser (issue 12 §7–9): ECharts is fetched
 * only when a page shows a chart, each chart is an image named by its summary
 * with its table behind "Ver datos", nothing scrolls sideways at 375 px, and
 * print hides the navigation and shows the tables. Screenshots at 375 and
 * 1280 px are kept as test artefacts.
 */
import { expect, type Page, test } from "@playwright/test";
import { expectNoSeriousViolations, expectNoSidewaysScroll } from "./support.ts";

const VIEW = "?vigencia=2024&corte=2024-12-31";
const PAGES = [
  {
    name: "tablero",
    path: `/planes/1/tablero${VIEW}`,
    summary: /^Cumplimiento por objetivo, vigencia 2024: .*Objetivo 3 \d+,\d\d% \(/,
  },
  {
    name: "objetivo-3",
    path: `/planes/1/tablero/objetivos/3${VIEW}`,
    summary: /^Aportes al cumplimiento del objetivo 3, vigencia 2024: .*78 no cuenta/,
  },
  {
    name: "indicador-2320",
    path: `/planes/1/indicadores/2320${VIEW}`,
    summary: /^Programado y ejecutado del indicador 2320 por vigencia: 2024 meta 10 %/,
  },
] as const;

/** Waits until nothing is loading and every chart of the page is drawn by ECharts. */
async function chartsDrawn(page: Page): Promise<void> {
  const figures = page.locator("figure.chart-figure");
  const drawn = page.locator('figure.chart-figure[data-chart="dibujada"]');
  await expect
    .poll(async () => {
      const loading = await page.getByText(/^Cargando/).count();
      const all = await figures.count();
      return loading === 0 && all > 0 && (await drawn.count()) === all;
    })
    .toBe(true);
}

test("la lista de planes no descarga ECharts; el tablero lo descarga al mostrar su gráfica", async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  await page.goto("/planes");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(scripts.some((path) => path.includes("chart-renderer"))).toBe(false);
  await page.goto(PAGES[0].path);
  await chartsDrawn(page);
  expect(scripts.some((path) => path.includes("chart-renderer"))).toBe(true);
});

for (const width of [375, 1280]) {
  for (const item of PAGES) {
    test(`${item.name} a ${width} px: gráfica con su resumen y sus datos, sin desplazamiento lateral`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(item.path);
      await chartsDrawn(page);
      const image = page.getByRole("img", { name: item.summary });
      await expect(image).toBeVisible();
      await expect(image.locator("svg")).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Principal" });
      await expect(nav.locator('[aria-current="page"]')).toHaveText(["Tablero"]);
      await expectNoSidewaysScroll(page, `${item.name} a ${width} px`);
      const figure = page.locator("figure.chart-figure").first();
      await figure.getByRole("button", { name: "Ver datos" }).click();
      await expect(figure.getByRole("table")).toBeVisible();
      await expectNoSidewaysScroll(page, `${item.name} a ${width} px con los datos`);
      await expectNoSeriousViolations(page);
      await figure.getByRole("button", { name: "Ocultar datos" }).click();
      await figure.screenshot({ path: testInfo.outputPath(`${item.name}-${width}-grafica.png`) });
      await page.screenshot({
        path: testInfo.outputPath(`${item.name}-${width}.png`),
        fullPage: true,
      });
      if (width === 1280) {
        await page.emulateMedia({ media: "print" });
        await expect(nav).toBeHidden();
        await expect(page.getByRole("button", { name: "Ver datos" })).toHaveCount(0);
        await expect(figure.getByRole("table")).toBeVisible();
        await page.screenshot({
          path: testInfo.outputPath(`${item.name}-impresion.png`),
          fullPage: true,
        });
      }
    });
  }
}
