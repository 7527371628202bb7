import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./support.ts";

test.describe("un visitante abre Rumbo recién instalado", () => {
  test("ve el plan sectorial de demostración con sus 8 objetivos y la programación", async ({
    page,
  }) => {
    await page.goto("/");
    // With a single plan the home page opens it directly.
    await expect(page).toHaveURL(/\/planes\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública",
    );
    const objectives = page.getByRole("heading", { level: 3, name: /^Objetivo \d+$/ });
    await expect(objectives).toHaveCount(8);
    await expect(objectives.nth(7)).toHaveText("Objetivo 8");

    // Objective 3: meta 78 is not programmed in 2024.
    const table3 = page.getByRole("table", { name: "Indicadores del objetivo 3" });
    const row78 = table3
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "78" }) });
    await expect(row78.getByRole("cell").filter({ hasText: /^NP$/ })).toHaveCount(1);
    await expect(row78).toContainText("92");
    await expect(row78).toContainText("93,5");

    // Decimal comma from the seed: meta 77 programs 70,72 in 2024; meta 80 weighs 0 %.
    const table1 = page.getByRole("table", { name: "Indicadores del objetivo 1" });
    await expect(
      table1.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "77" }) }),
    ).toContainText("70,72");
    const table6 = page.getByRole("table", { name: "Indicadores del objetivo 6" });
    await expect(
      table6.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "80" }) }),
    ).toContainText("no pondera");
  });

  test("la página no tiene violaciones de accesibilidad serias ni críticas (WCAG 2.1 AA)", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 3, name: /^Objetivo \d+$/ })).toHaveCount(8);
    await expectNoSeriousViolations(page);
  });

  test("la API responde en el mismo servidor y la documentación está en /api/docs", async ({
    request,
    page,
  }) => {
    const health = await request.get("/api/health");
    expect(await health.json()).toMatchObject({
      status: "ok",
      database: { engine: "pglite", ok: true },
    });
    // The docs run under the app's strict policy: no script of Swagger UI may be
    // refused (one <style> element it injects at start is, harmlessly: the page
    // renders the same with its stylesheet from 'self').
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/script-src/i.test(message.text())) refused.push(message.text());
    });
    await page.goto("/api/docs");
    await expect(page.getByText("Rumbo API")).toBeVisible();
    await expect(page.getByText("/api/plans/{id}").first()).toBeVisible();
    expect(refused).toEqual([]);
  });
});
