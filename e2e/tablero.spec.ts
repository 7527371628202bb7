import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, type TestInfo, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { expectNoSidewaysScroll } from "./support.ts";

// Issue 12 in the browser, over the seed plan as `npm start` loads it: a
// visitor (no login) opens the tablero, picks 2024, sees objective 3 measured
// by meta 2320 alone and why meta 78 does not count, opens 2320's page and
// downloads the informe of the 31/12/2024 corte. Read-only: nothing here
// changes the shared database.

const PLAN = "Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública";
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
const VIEW_2024 = "?vigencia=2024&corte=2024-12-31";
const DASHBOARD_2024 = `/planes/1/tablero${VIEW_2024}`;
const OBJECTIVE_3 = `/planes/1/tablero/objetivos/3${VIEW_2024}`;
const INDICATOR_2320 = `/planes/1/indicadores/2320${VIEW_2024}`;

/** WCAG 2.1 A and AA: no violation at all, whatever its impact. */
async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(
    results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
    `${where}: axe`,
  ).toEqual([]);
}

/**
 * A full-page screenshot kept with the test's artefacts (test-results/…, and
 * in the report); a tall page also in slices one can read at their real size.
 */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  const slice = 1100;
  if (height <= slice * 1.5) return;
  for (let y = 0, part = 1; y < height; y += slice, part += 1) {
    await page.screenshot({
      path: testInfo.outputPath(`${name}-parte${part}.png`),
      fullPage: true,
      clip: { x: 0, y, width, height: Math.min(slice, height - y) },
    });
  }
}

/** The plan's compliance as the dashboard shows it ("84,23%"). */
function planCompliance(page: Page): Locator {
  return page
    .getByRole("region", { name: "Cumplimiento del plan" })
    .locator(".big-number .compliance-number");
}

function objectiveCard(page: Page, code: string): Locator {
  return page.getByRole("article", { name: `Objetivo ${code}`, exact: true });
}

async function downloadText(page: Page, link: Locator, testInfo: TestInfo, name: string) {
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = testInfo.outputPath(name);
  await download.saveAs(path);
  await testInfo.attach(name, { path });
  return { path, suggested: download.suggestedFilename() };
}

test.describe("tablero de seguimiento del plan de ejemplo", () => {
  test.use({ viewport: DESKTOP });

  test("un visitante elige 2024, ve el objetivo 3 medido solo por la meta 2320 y descarga el informe del corte", async ({
    page,
  }, testInfo) => {
    // The informe is built on the server (PDF with its charts) on a shared machine.
    test.setTimeout(120_000);
    await page.goto("/planes/1");
    await page.getByRole("navigation").getByRole("link", { name: "Tablero" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tablero de seguimiento");

    await page.getByLabel("Vigencia").selectOption("2024");
    await page.getByLabel("Fecha de corte").fill("2024-12-31");
    await page.getByRole("button", { name: "Ver", exact: true }).click();
    await expect(page).toHaveURL(/\/planes\/1\/tablero\?vigencia=2024&corte=2024-12-31$/);
    await expect(page.getByText("vigencia 2024 · corte 31/12/2024")).toBeVisible();

    // The plan's number, es-CO (decimal comma), with its semáforo in words.
    await expect(planCompliance(page)).toHaveText(/^\d{1,3},\d{2}%$/);
    const shown = (await planCompliance(page).textContent()) ?? "";
    expect(shown).toBe("84,23%");
    await expect(
      page.getByRole("region", { name: "Cumplimiento del plan" }).locator(".big-number"),
    ).toContainText("Amarillo");

    // Objective 3: 95 % (2320 reported 9,5 of 10), explained by 2320 alone.
    const card = objectiveCard(page, "3");
    await expect(card.locator(".compliance-value")).toHaveText(/95,00%\s*●\s*Verde/);
    await card.getByText("¿Cómo se calculó?").click();
    const contributions = card.getByRole("table", { name: /Contribuciones/ });
    await expect(contributions.getByRole("row")).toHaveCount(2);
    const only = contributions.getByRole("row").nth(1);
    await expect(only.getByRole("rowheader")).toHaveText("2320");
    await expect(only.getByRole("cell").nth(2)).toHaveText("100,00%"); // participación
    await expect(only.getByRole("cell").nth(4)).toHaveText("95,00%"); // aporte
    const leftOut = card.getByRole("heading", { name: "Lo que quedó por fuera" }).locator("+ ul");
    await expect(leftOut.getByRole("listitem")).toHaveCount(1);
    await expect(leftOut).toContainText("78 Índice de Gobierno Digital");
    await expect(leftOut).toContainText("no programado (NP): no pesa");
    await keepScreenshot(page, testInfo, "tablero-2024-explicacion-objetivo-3");

    // The objective's page: 78 is NP and "no cuenta", 2320 carries it all.
    await card.getByRole("link", { name: "Objetivo 3" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Objetivo 3");
    const table = page.getByRole("table", { name: "Indicadores del objetivo 3" });
    const row78 = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "78" }) });
    await expect(row78).toContainText("no cuenta");
    await expect(row78).toContainText("No programado (NP)");
    const row2320 = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "2320" }) });
    await expect(row2320).toContainText("100,00%");
    await expect(row2320).toContainText("9,5 %");

    // Indicator 2320: ficha técnica and the analysis of its 2024 report.
    await row2320.getByRole("link", { name: "2320" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Indicador 2320: Implementación del portafolio de servicios TIC para la transformación digital en entidades distritales",
    );
    const ficha = page.getByRole("region", { name: "Ficha técnica" });
    await expect(ficha).toContainText(
      "Programación2024: 10 % · 2025: 40 % · 2026: 70 % · 2027: 100 %",
    );
    await expect(ficha).toContainText("Tendencia");
    await expect(ficha).toContainText("Fórmula");
    await expect(ficha).toContainText("Frecuencia de medición");
    const analysis = page.getByRole("region", { name: /Análisis/ });
    await expect(analysis).toContainText("Logros");
    await expect(analysis).toContainText(
      "En la vigencia 2024 se alcanzó 9,5 % en «Implementación del portafolio de servicios TIC",
    );
    await expect(analysis).toContainText("Retrasos y dificultades");
    await expect(analysis).toContainText("Beneficios a la ciudadanía");
    await keepScreenshot(page, testInfo, "indicador-2320");

    // Back to the tablero, the informe of the corte as PDF and XLSX.
    await page.getByRole("main").getByRole("link", { name: "Tablero", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tablero de seguimiento");
    const informe = page.getByRole("list", {
      name: "Informe de seguimiento del corte al 31/12/2024",
    });

    const pdf = await downloadText(
      page,
      informe.getByRole("link", { name: /Descargar informe \(PDF\)/ }),
      testInfo,
      "informe-2024.pdf",
    );
    expect(pdf.suggested).toMatch(/\.pdf$/);
    const text = execFileSync("/usr/bin/pdftotext", ["-layout", pdf.path, "-"], {
      encoding: "utf8",
    });
    expect(text).toContain(PLAN);
    expect(text).toContain("Corte: 31/12/2024 (vigencia 2024)");
    expect(text).toContain(`Cumplimiento del plan en 2024: ${shown} — Amarillo`);
    expect(text).toMatch(/Objetivo 3\. Mejorar el uso[\s\S]*?95,00% Verde/);

    const xlsx = await downloadText(
      page,
      informe.getByRole("link", { name: /Descargar informe \(XLSX\)/ }),
      testInfo,
      "informe-2024.xlsx",
    );
    expect(xlsx.suggested).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const summary = book.getWorksheet("Resumen");
    if (summary === undefined) throw new Error("el XLSX no trae la hoja Resumen");
    let planRow: ExcelJS.Row | undefined;
    summary.eachRow((row) => {
      if (row.getCell(1).value === "Plan, vigencia 2024") planRow = row;
    });
    if (planRow === undefined) throw new Error("la hoja Resumen no trae «Plan, vigencia 2024»");
    const value = planRow.getCell(2).value;
    expect(typeof value).toBe("number"); // a number Excel can add, not a text
    expect(planRow.getCell(2).numFmt).toMatch(/%/);
    // The number as a planner reads it in Excel, with the dashboard's rounding.
    expect(`${(Number(value) * 100).toFixed(2).replace(".", ",")}%`).toBe(shown);
    expect(planRow.getCell(3).value).toBe("Amarillo");
  });
});

/** The focused element shows where it is: the app's focus outline (WCAG 2.4.7). */
async function expectVisibleFocus(page: Page, where: string): Promise<void> {
  const focus = await page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body) return { name: "body", visible: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const name = `${element.tagName.toLowerCase()} «${(element.textContent ?? "").trim().slice(0, 40)}»`;
    return { name, visible: outline };
  });
  expect(focus.visible, `${where}: el foco en ${focus.name} no se ve`).toBe(true);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking on the way
 * that every stop shows its focus; fails when it is not reached (a keyboard
 * trap, or an element the keyboard cannot reach).
 */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}) {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    await expectVisibleFocus(page, `tecla ${i + 1}`);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`El teclado no llega a ${target} en ${max} pulsaciones`);
}

test.describe("solo con el teclado", () => {
  test.use({ viewport: DESKTOP });

  test("del tablero al objetivo 3, su explicación, la meta 2320 y el informe, con Tab, Enter y Espacio", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto("/planes/1/tablero?corte=2024-12-31");
    await expect(page.getByText("cuatrienio · corte 31/12/2024")).toBeVisible();

    // The vigencia: a select chooses its option by typing it, then Enter on «Ver».
    await tabTo(page, page.getByLabel("Vigencia"));
    await page.keyboard.type("2024");
    await tabTo(page, page.getByRole("button", { name: "Ver", exact: true }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/vigencia=2024&corte=2024-12-31$/);
    await expect(page.getByText("vigencia 2024 · corte 31/12/2024")).toBeVisible();

    await tabTo(page, objectiveCard(page, "3").getByRole("link", { name: "Objetivo 3" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Objetivo 3");

    // «¿Cómo se calculó?» opens with the space bar.
    const summary = page.getByText("¿Cómo se calculó? el cumplimiento del objetivo 3");
    await tabTo(page, summary);
    await page.keyboard.press("Space");
    const contributions = page.getByRole("table", { name: /Contribuciones/ });
    await expect(contributions.getByRole("rowheader")).toHaveText(["2320"]);
    await expect(
      page.getByRole("listitem").filter({ hasText: "78 Índice de Gobierno Digital" }),
    ).toContainText("no programado (NP): no pesa");

    // The table sorts from the keyboard and says how.
    const table = page.getByRole("table", { name: "Indicadores del objetivo 3" });
    const byCompliance = table.getByRole("button", { name: "Cumplimiento" });
    await tabTo(page, byCompliance);
    await page.keyboard.press("Space");
    await expect(table.getByRole("columnheader", { name: "Cumplimiento" })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
    await page.keyboard.press("Enter");
    await expect(table.getByRole("columnheader", { name: "Cumplimiento" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );

    await tabTo(page, table.getByRole("link", { name: "2320" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Indicador 2320");

    await tabTo(page, page.getByText("¿Cómo se calculó? el cumplimiento del indicador 2320"));
    await page.keyboard.press("Enter");
    await expect(page.getByText("Meta programada (T)", { exact: true })).toBeVisible();

    // Back up to the tablero link (Shift+Tab), then the informe.
    await tabTo(page, page.getByRole("main").getByRole("link", { name: "Tablero", exact: true }), {
      back: true,
    });
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tablero de seguimiento");
    const pdf = page.getByRole("link", { name: /Descargar informe \(PDF\)/ });
    await tabTo(page, pdf);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.keyboard.press("Enter"),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });
});

type TableroPage = {
  name: string;
  path: string;
  /** Shown once the page has its data. */
  ready: (page: Page) => Locator;
  /** Opens what must be checked open (the «¿Cómo se calculó?» panels). */
  open?: (page: Page) => Promise<void>;
};

async function openEveryExplanation(page: Page): Promise<void> {
  const summaries = page.locator("details.explain-panel > summary");
  for (const summary of await summaries.all()) await summary.click();
  await expect(page.getByText("Cargando la explicación…")).toHaveCount(0);
  await expect(page.getByText("Fórmula:").first()).toBeVisible();
}

const PAGES: TableroPage[] = [
  {
    name: "tablero-2024",
    path: DASHBOARD_2024,
    ready: (page) => page.getByRole("list", { name: /Informe de seguimiento del corte/ }),
  },
  {
    name: "tablero-cuatrienio",
    path: "/planes/1/tablero?vigencia=cuatrienio&corte=2024-12-31",
    ready: (page) => page.getByText("cuatrienio · corte 31/12/2024"),
  },
  {
    name: "tablero-2024-explicaciones-abiertas",
    path: DASHBOARD_2024,
    ready: (page) => planCompliance(page),
    open: openEveryExplanation,
  },
  {
    name: "objetivo-3",
    path: OBJECTIVE_3,
    ready: (page) => page.getByRole("table", { name: "Indicadores del objetivo 3" }),
    open: openEveryExplanation,
  },
  {
    name: "indicador-2320",
    path: INDICATOR_2320,
    ready: (page) => page.getByRole("heading", { name: "Periodo 2024: 9,5 %" }),
    open: openEveryExplanation,
  },
  {
    name: "tablero-2027-sin-reportes",
    path: "/planes/1/tablero?vigencia=2027",
    ready: (page) => page.getByText(/Aún no hay avances reportados/),
  },
  {
    name: "indicador-que-no-existe",
    path: "/planes/1/indicadores/9999",
    ready: (page) => page.getByRole("heading", { name: "Indicador no encontrado" }),
  },
];

test.describe("cada página del tablero a 375 y 1280 px: axe sin violaciones, sin desplazamiento lateral", () => {
  for (const target of PAGES) {
    test(target.name, async ({ page }, testInfo) => {
      test.setTimeout(90_000);
      for (const [label, size] of [
        ["375", PHONE],
        ["1280", DESKTOP],
      ] as const) {
        await page.setViewportSize(size);
        await page.goto(target.path);
        await expect(target.ready(page)).toBeVisible();
        await target.open?.(page);
        await expectNoSidewaysScroll(page, `${target.name} a ${label} px`);
        await expectNoAxeViolations(page, `${target.name} a ${label} px`);
        await keepScreenshot(page, testInfo, `${target.name}-${label}`);
      }
    });
  }
});

test.describe("estados de carga, vacío y error, en español", () => {
  test.use({ viewport: DESKTOP });

  test("mientras llega el tablero dice que carga, y luego lo muestra", async ({ page }) => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The real answer, only held back until the loading state has been seen.
    await page.route("**/api/plans/1/dashboard?**", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(DASHBOARD_2024);
    await expect(page.getByRole("status")).toHaveText("Cargando el tablero…");
    await expect(page).toHaveTitle(/Cargando el tablero/);
    release();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tablero de seguimiento");
    await expect(planCompliance(page)).toHaveText("84,23%");
  });

  test("una vigencia sin reportes lo dice, y el indicador sin reportes aprobados también", async ({
    page,
  }) => {
    await page.goto("/planes/1/tablero?vigencia=2027");
    await expect(
      page.getByText("vigencia 2027 · sin fecha de corte (todas las vigencias)"),
    ).toBeVisible();
    await expect(page.locator(".empty-state")).toHaveText(
      "Aún no hay avances reportados en vigencia 2027: cada indicador con meta cuenta como sin reporte.",
    );
    await expect(page.locator(".counter-sinReporte dd")).toHaveText("18");

    await page.goto("/planes/1/indicadores/2320?vigencia=2025&corte=2025-12-31");
    await expect(
      page.getByRole("region", { name: "Análisis y soportes de los reportes" }),
    ).toContainText(
      "No hay reportes aprobados de este indicador en vigencia 2025 hasta la fecha de corte.",
    );
  });

  test("un código que no existe o una vigencia fuera del plan dicen qué pasó", async ({ page }) => {
    await page.goto(`/planes/1/indicadores/9999${VIEW_2024}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indicador no encontrado");
    await expect(page.getByRole("main")).toContainText(`El indicador «9999» no existe en ${PLAN}.`);
    await page.getByRole("link", { name: "Volver al tablero" }).click();
    await expect(page).toHaveURL(/\/planes\/1\/tablero\?vigencia=2024&corte=2024-12-31$/);

    await page.goto(`/planes/1/tablero/objetivos/99${VIEW_2024}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Objetivo no encontrado");
    await expect(page.getByRole("main")).toContainText(`El objetivo «99» no existe en ${PLAN}.`);

    await page.goto("/planes/1/tablero?vigencia=2031");
    await expect(page.getByRole("alert")).toContainText("No fue posible cargar el tablero");
    await expect(page.getByRole("alert")).toContainText(
      "el año 2031 no es una vigencia del plan (2024, 2025, 2026, 2027)",
    );
    await expect(page).toHaveTitle(/Error al cargar el tablero/);
  });
});
