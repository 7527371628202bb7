/**
 * The public portal (/publico) without JavaScript and without an account: a
 * citizen goes from the list of plans to the seed plan, its 2024-12-31 corte,
 * indicator 2320 and the methodology. Every page passes axe (WCAG 2.1 AA)
 * with no violation at all and does not scroll sideways at 320 px.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { expectNoSidewaysScroll } from "./support.ts";

test.use({ javaScriptEnabled: false });

/**
 * axe needs script in the page, so it checks the same URL in a second context
 * with JavaScript on (the pages have no script of their own: same DOM).
 */
async function expectNoViolations(page: Page, where: string): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error("sin navegador");
  const context = await browser.newContext({ javaScriptEnabled: true, locale: "es-CO" });
  const axePage = await context.newPage();
  await axePage.goto(page.url());
  const results = await new AxeBuilder({ page: axePage })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  await context.close();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    ),
    where,
  ).toEqual([]);
}

async function check(page: Page, where: string, shot: string): Promise<void> {
  await expectNoViolations(page, where);
  await page.screenshot({ path: `reports/portal-${shot}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: `reports/portal-${shot}-375.png`, fullPage: true });
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(page, `${where} a 320 px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("un ciudadano recorre el portal sin JavaScript: planes → plan → corte → indicador 2320 → metodología", async ({
  page,
}) => {
  // axe runs on five pages, twice the shared machine's usual time per page.
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const response = await page.goto("/publico");
  expect(response?.headers()["set-cookie"]).toBeUndefined();
  await expect(page.locator("html")).toHaveAttribute("lang", "es-CO");
  await expect(page.getByRole("link", { name: "GOV.CO" }).first()).toHaveAttribute(
    "href",
    "https://www.gov.co",
  );
  await expect(page.getByRole("heading", { level: 1, name: "Planes publicados" })).toBeVisible();
  await check(page, "lista de planes", "planes");

  await page
    .getByRole("link", { name: /Plan Estratégico Sectorial/ })
    .first()
    .click();
  await expect(page.getByText("Último corte publicado: 31/12/2024")).toBeVisible();
  await expect(page.getByText("Cumplimiento de la vigencia 2024").first()).toBeVisible();
  await expect(page.locator(".cifra .valor").first()).toHaveText("84,23%");
  await check(page, "plan", "plan");

  await page
    .getByRole("link", { name: "Ver el corte del 31/12/2024 con todos sus indicadores" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Corte del 31/12/2024");
  await check(page, "corte", "corte");

  await page.getByLabel("Nombre o código").fill("2320");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/q=2320/);
  await page.getByRole("link", { name: /^2320 — / }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Indicador 2320");
  await expect(page.getByRole("heading", { name: "¿Cómo se calculó?" })).toBeVisible();
  await check(page, "indicador 2320", "indicador");

  await page.getByRole("link", { name: "Metodología de cálculo completa" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Metodología de cálculo del cumplimiento" }),
  ).toBeVisible();
  await check(page, "metodología", "metodologia");
});
