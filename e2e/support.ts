/** What several specs do the same way: check accessibility and log in. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.1 AA (MinTIC Resolución 1519 de 2020): no serious or critical violation. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/** Fills the login form at `path` (by default it returns to the demo plan, id 1). */
export async function logIn(
  page: Page,
  email: string,
  password: string,
  path = "/entrar?volver=%2Fplanes%2F1",
): Promise<void> {
  await page.goto(path);
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
}

/**
 * The page does not scroll sideways at the viewport's width: wide tables scroll
 * inside their own region instead. Returns the widths for the failure message.
 */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, `${where}: la página se desplaza de lado`).toBeLessThanOrEqual(
    widths.client,
  );
}

/** Every table region shows its whole table: nothing is cut off at this width. */
export async function expectWholeTables(page: Page, where: string): Promise<void> {
  const cut = await page
    .getByRole("region")
    .filter({ has: page.getByRole("table") })
    .evaluateAll((regions) =>
      regions
        .filter((region) => region.scrollWidth > region.clientWidth)
        .map(
          (region) =>
            `${region.getAttribute("aria-labelledby")}: ${region.scrollWidth}/${region.clientWidth}`,
        ),
    );
  expect(cut, `${where}: tablas cortadas`).toEqual([]);
}
