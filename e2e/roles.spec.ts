import { type Browser, expect, type Page, test } from "@playwright/test";
import { demoPassword } from "./demo-credentials.ts";
import {
  expectNoSeriousViolations,
  expectNoSidewaysScroll,
  expectWholeTables,
  logIn,
} from "./support.ts";

// All specs share one server and one database: only the administrator's test
// changes state (its password, a new account), and nothing here depends on
// another test having run. Logins are throttled per address (20 per 10
// minutes), so each test logs in at most once.

const PLAN_NAME = "Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública";
const NO_PERMISSION = "No tiene permiso para ver esta página";
const PERMISSIONS_NOTE = "Lo que puede hacer en este plan";
// The seed's administrator is "Administración de Rumbo": a password with "Rumbo" is refused.
const PASSWORD_WITH_NAME = "Rumbo-Planeación-2026-Segura!";
const NEW_ADMIN_PASSWORD = "Brújula-Sectorial-2026-Segura!";

async function expectPlanPage(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/planes\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PLAN_NAME);
}

async function expectNoAdminLinks(page: Page): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Principal" });
  await expect(nav.getByRole("link", { name: "Planes" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Cuentas" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Auditoría" })).toHaveCount(0);
}

/** Codes of the indicator rows marked "Usted reporta", in page order. */
async function reportedCodes(page: Page): Promise<string[]> {
  const rows = page.getByRole("row").filter({ hasText: "Usted reporta" });
  return (await rows.getByRole("rowheader").allTextContents()).map((t) => t.trim());
}

/** At 375 px the page does not scroll sideways; at 1280 px its tables are whole (phones.spec.ts). */
async function expectFitsPhoneAndDesktop(page: Page, where: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoSidewaysScroll(page, where);
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectWholeTables(page, where);
  if (size !== null) await page.setViewportSize(size);
}

/** Opens a one-time link in a fresh browser (no session) and sets a password with it. */
async function setPasswordWithLink(browser: Browser, link: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fijar una contraseña nueva");
    // The token leaves the address bar once read.
    await expect(page).toHaveURL(/\/restablecer$/);
    await page
      .getByLabel("Contraseña nueva", { exact: true })
      .fill("Girasoles en la ventana del norte");
    await page.getByLabel("Repita la contraseña nueva").fill("Girasoles en la ventana del norte");
    await page.getByRole("button", { name: "Fijar contraseña" }).click();
    await expect(page.getByRole("status")).toContainText("Su contraseña quedó fijada.");
  } finally {
    await context.close();
  }
}

test.describe("entrar con cada rol de demostración y ver solo lo que ese rol puede", () => {
  test("un visitante ve el plan sin enlaces de administración, y /cuentas lo lleva a iniciar sesión", async ({
    page,
  }) => {
    await page.goto("/");
    await expectPlanPage(page);
    await expectNoAdminLinks(page);
    await expect(page.getByRole("region", { name: PERMISSIONS_NOTE })).toHaveCount(0);
    await expect(page.getByText("Usted reporta")).toHaveCount(0);
    await expect(
      page.getByRole("banner").getByRole("link", { name: "Iniciar sesión" }),
    ).toBeVisible();

    await page.goto("/cuentas");
    await expect(page).toHaveURL(/\/entrar\?volver=%2Fcuentas$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iniciar sesión");
    await expectNoSeriousViolations(page);

    // An unknown email: a generic message, and no real account gets a failed attempt.
    await page.getByLabel("Correo electrónico").fill("nadie@rumbo.local");
    await page.getByLabel("Contraseña", { exact: true }).fill("no existe esta cuenta");
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "Correo o contraseña incorrectos, o la cuenta está bloqueada temporalmente por intentos fallidos.",
    );
    await expect(page).toHaveURL(/\/entrar\?volver=%2Fcuentas$/);
  });

  test("consulta ve el plan, sin marcas de reporte ni administración, y /cuentas le dice que no tiene permiso", async ({
    page,
  }) => {
    await logIn(page, "consulta@rumbo.local", demoPassword("consulta@rumbo.local"));
    await expectPlanPage(page);
    const banner = page.getByRole("banner");
    await expect(banner).toContainText("Carla Consulta (demo)");
    await expect(banner).toContainText("Consulta (plan 1)");
    await expect(page.getByRole("region", { name: PERMISSIONS_NOTE })).toContainText(
      "Puede consultar este plan",
    );
    await expect(page.getByText("Usted reporta")).toHaveCount(0);
    await expectNoAdminLinks(page);

    await page.goto("/cuentas");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(NO_PERMISSION);
    await page.goto("/auditoria");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(NO_PERMISSION);
  });

  test("responsable ve 'Usted reporta' exactamente en los indicadores 78 y 2320", async ({
    page,
  }) => {
    await logIn(
      page,
      "responsable@rumbo.local",
      demoPassword("responsable@rumbo.local"),
      "/entrar?volver=%2Fplanes%2F1",
    );
    await expectPlanPage(page);
    await expect(page.getByRole("banner")).toContainText("Responsable (plan 1, objetivo 3)");
    await expect(page.getByRole("region", { name: PERMISSIONS_NOTE })).toContainText(
      "Puede reportar 2 indicadores",
    );
    // The badge is a link to Mis indicadores, named for its indicator.
    const badge = /^Usted reporta el indicador \S+: ir a Mis indicadores$/;
    await expect(page.getByRole("link", { name: badge })).toHaveCount(2);
    expect(await reportedCodes(page)).toEqual(["78", "2320"]);
    const table3 = page.getByRole("table", { name: "Indicadores del objetivo 3" });
    await expect(table3.getByRole("link", { name: badge })).toHaveCount(2);
    await expectNoAdminLinks(page);
  });

  test("planeación ve el plan y la nota de que puede revisar reportes y reprogramar, sin administración", async ({
    page,
  }) => {
    await logIn(page, "planeacion@rumbo.local", demoPassword("planeacion@rumbo.local"));
    await expectPlanPage(page);
    // The demo account's scope is the server's choice (global or the plan); the role is what counts.
    await expect(page.getByRole("banner")).toContainText(/Planeación \((global|plan \d+)\)/);
    const note = page.getByRole("region", { name: PERMISSIONS_NOTE });
    await expect(note).toContainText("revisar reportes");
    await expect(note).toContainText("reprogramar");
    await expect(page.getByText("Usted reporta")).toHaveCount(0);
    await expectNoAdminLinks(page);

    await page.goto("/auditoria");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(NO_PERMISSION);
  });

  test("el administrador cambia la contraseña de un solo uso, ve las 4 cuentas y su propio inicio de sesión en la auditoría", async ({
    page,
    browser,
  }) => {
    await logIn(page, "admin@rumbo.local", demoPassword("admin@rumbo.local"));

    // Forced to change the one-time password before anything else.
    await expect(page).toHaveURL(/\/cuenta\/contrasena\?volver=/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cambiar contraseña");
    await expect(
      page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Cuentas" }),
    ).toHaveCount(0);
    await expectNoSeriousViolations(page);

    const current = page.getByLabel("Contraseña actual (la de un solo uso)");
    const next = page.getByLabel("Contraseña nueva", { exact: true });
    const again = page.getByLabel("Repita la contraseña nueva");
    await current.fill(demoPassword("admin@rumbo.local"));
    await next.fill(PASSWORD_WITH_NAME);
    await again.fill(PASSWORD_WITH_NAME);
    await page.getByRole("button", { name: "Cambiar contraseña" }).click();
    await expect(page.getByRole("alert")).toHaveText("La contraseña no puede contener su nombre.");

    await next.fill(NEW_ADMIN_PASSWORD);
    await again.fill(NEW_ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Cambiar contraseña" }).click();
    await expectPlanPage(page);

    // Cuentas: the administrator and the three demo accounts.
    const nav = page.getByRole("navigation", { name: "Principal" });
    await nav.getByRole("link", { name: "Cuentas" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cuentas");
    const accounts = page.getByRole("table", { name: "Cuentas" });
    await expect(accounts.getByRole("rowheader")).toHaveCount(4);
    for (const email of [
      "admin@rumbo.local",
      "planeacion@rumbo.local",
      "responsable@rumbo.local",
      "consulta@rumbo.local",
    ]) {
      await expect(accounts.getByRole("cell", { name: email, exact: true })).toHaveCount(1);
    }
    await expectNoSeriousViolations(page);
    await expectFitsPhoneAndDesktop(page, "cuentas");

    // A new account comes with a one-time link to hand over; the person sets a password with it.
    const form = page.getByRole("region", { name: "Crear una cuenta" });
    await form.getByLabel("Correo electrónico").fill("prueba.e2e@rumbo.local");
    await form.getByLabel("Nombre").fill("Persona de Prueba");
    await form.getByLabel("Rol").selectOption("responsable");
    await form.getByRole("combobox", { name: "Plan" }).selectOption("1");
    await form.getByLabel("Código del indicador").fill("78");
    await form.getByRole("button", { name: "Crear cuenta" }).click();
    const panel = page.getByRole("region", { name: "Cuenta creada para Persona de Prueba" });
    await expect(panel.getByRole("button", { name: "Copiar enlace" })).toBeVisible();
    const link = await panel.getByLabel("Enlace de un solo uso").inputValue();
    expect(link).toMatch(/\/restablecer#token=.+/);
    await expect(accounts.getByRole("rowheader")).toHaveCount(5);
    await expect(accounts.getByRole("row", { name: /Persona de Prueba/ })).toContainText(
      "Responsable (plan 1, indicador 78)",
    );
    await setPasswordWithLink(browser, link);

    // Auditoría: the administrator's own login, found with the filters.
    await nav.getByRole("link", { name: "Auditoría" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Auditoría");
    await page.getByLabel("Usuario").fill("admin@rumbo.local");
    await page.getByLabel("Acción").fill("login");
    await page.getByLabel("Resultado").selectOption("ok");
    await page.getByRole("button", { name: "Filtrar" }).click();
    await expect(page).toHaveURL(/usuario=admin%40rumbo\.local&accion=login&resultado=ok/);
    const log = page.getByRole("table", { name: "Registro de auditoría" });
    await expect(log.getByRole("row").filter({ hasText: "admin@rumbo.local" })).toHaveCount(1);
    await expect(log.getByRole("row").nth(1)).toContainText("Inició sesión");
    await expect(log.getByRole("row").nth(1)).toContainText("Correcto");
    await expectNoSeriousViolations(page);
    await expectFitsPhoneAndDesktop(page, "auditoría");

    const csvLink = page.getByRole("link", { name: "Exportar CSV" });
    const href = await csvLink.getAttribute("href");
    expect(href).toBe(
      "/api/audit?usuario=admin%40rumbo.local&accion=login&resultado=ok&formato=csv",
    );
    // The same session downloads the CSV (the page's cookies travel with page.request).
    const csv = await page.request.get(href ?? "");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toContain("correo");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("admin@rumbo.local");
  });
});
