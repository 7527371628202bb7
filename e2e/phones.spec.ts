import { expect, type Page, test } from "@playwright/test";
import { demoPassword } from "./demo-credentials.ts";
import { expectNoSidewaysScroll, expectWholeTables, logIn } from "./support.ts";

// Every page on a 375 px phone without the page scrolling sideways; wide tables
// scroll inside a named region that keeps the code column in view. At 1280 px
// no table is cut off. Read-only: nothing here changes the shared database.
// The administrator's pages (accounts, audit) are checked in roles.spec.ts,
// the only spec that logs in as the administrator.

const PHONE = { width: 375, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const PLANEACION = "planeacion@rumbo.local";

async function open(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
}

test.describe("en un teléfono de 375 px ninguna página se desplaza de lado", () => {
  test.use({ viewport: PHONE });

  test("un visitante recorre inicio, lista de planes, el plan y la entrada", async ({ page }) => {
    await open(page, "/", /Plan Estratégico Sectorial/);
    await expectNoSidewaysScroll(page, "inicio");
    await open(page, "/planes", "Planes estratégicos");
    await expectNoSidewaysScroll(page, "lista de planes");
    await open(page, "/planes/1", /Plan Estratégico Sectorial/);
    await expectNoSidewaysScroll(page, "página del plan");
    await open(page, "/entrar", "Iniciar sesión");
    await expectNoSidewaysScroll(page, "entrar");

    // The indicators table scrolls in its own region, named by its caption; the code stays in view.
    await page.goto("/planes/1");
    const region = page.getByRole("region", { name: "Indicadores del objetivo 1" });
    await expect(region).toHaveAttribute("tabindex", "0");
    const code = region.getByRole("rowheader", { name: "2307" });
    const before = await code.boundingBox();
    await region.evaluate((element) => {
      element.scrollLeft = 400;
    });
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBe(400);
    expect((await code.boundingBox())?.x).toBe(before?.x);
  });

  test("planeación recorre el plan, un plan nuevo con un objetivo, la edición, las versiones y su cuenta", async ({
    page,
  }) => {
    await logIn(page, PLANEACION, demoPassword(PLANEACION), "/entrar?volver=%2Fplanes");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planes estratégicos");
    await expectNoSidewaysScroll(page, "lista de planes");

    await open(page, "/planes/1", /Plan Estratégico Sectorial/);
    await expectNoSidewaysScroll(page, "página del plan");

    await open(page, "/planes/nuevo", "Nuevo plan");
    await page.getByLabel("Primera vigencia").fill("2025");
    await page.getByLabel("Última vigencia").fill("2028");
    await page.getByRole("button", { name: "Agregar objetivo" }).click();
    await page
      .getByLabel("Nombre del objetivo 1")
      .fill("Fortalecer-la-gestión-institucional-sin-un-solo-espacio-en-todo-el-nombre");
    await page.getByRole("button", { name: "Agregar indicador al objetivo 1" }).click();
    await expectNoSidewaysScroll(page, "plan nuevo con un objetivo y un indicador");

    await open(page, "/planes/1/editar", /Plan Estratégico Sectorial/);
    await expectNoSidewaysScroll(page, "edición del plan");
    await open(page, "/planes/1/versiones", /Plan Estratégico Sectorial/);
    await expectNoSidewaysScroll(page, "versiones");
    await open(page, "/cuenta", "Mi cuenta");
    await expectNoSidewaysScroll(page, "mi cuenta");
  });
});

test.describe("en una pantalla de 1280 px ninguna tabla queda cortada", () => {
  test.use({ viewport: DESKTOP });

  test("la página del plan muestra completas las tablas de los 8 objetivos", async ({ page }) => {
    await open(page, "/planes/1", /Plan Estratégico Sectorial/);
    await expect(page.getByRole("region", { name: /Indicadores del objetivo/ })).toHaveCount(8);
    await expectWholeTables(page, "página del plan");
    await expectNoSidewaysScroll(page, "página del plan");
  });
});
