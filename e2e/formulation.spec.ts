import { statSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { demoPassword } from "./demo-credentials.ts";
import { expectNoSeriousViolations, logIn } from "./support.ts";

// All specs share one server and one database: this one creates its own plan
// with a code unique to the run, never publishes it, and only touches it.
// Logins are throttled per address, so the whole story logs in once.

const PLANEACION = "planeacion@rumbo.local";

async function logInAsPlaneacion(page: Page): Promise<void> {
  await logIn(page, PLANEACION, demoPassword(PLANEACION), "/entrar?volver=%2Fplanes");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planes estratégicos");
}

type IndicatorInput = {
  code: string;
  name: string;
  trend: "suma" | "creciente" | "constante";
  unit?: string;
  targets: [string, string];
};

/** Fills the indicator that was just added (its fields are the last of their kind). */
async function fillIndicator(page: Page, indicator: IndicatorInput): Promise<void> {
  await page.getByLabel("Código del indicador").last().fill(indicator.code);
  await page.getByLabel("Nombre del indicador").last().fill(indicator.name);
  await page.getByLabel("Tendencia (tipo de anualización)").last().selectOption(indicator.trend);
  if (indicator.unit !== undefined) {
    await page.getByLabel("Unidad de medida (opcional)").last().fill(indicator.unit);
  }
  await page
    .getByLabel(`Programación 2025 del indicador ${indicator.code}`)
    .fill(indicator.targets[0]);
  await page
    .getByLabel(`Programación 2026 del indicador ${indicator.code}`)
    .fill(indicator.targets[1]);
}

async function fillWeights(page: Page, code: string, weights: [string, string]): Promise<void> {
  await page.getByLabel(`Ponderación del indicador ${code} en 2025 (%)`).fill(weights[0]);
  await page.getByLabel(`Ponderación del indicador ${code} en 2026 (%)`).fill(weights[1]);
}

test.describe("formulación de un plan", () => {
  test("planeación arma un plan, lo valida, lo descarga, lo pone en vigencia y lo reprograma", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
    const name = `Plan de prueba de formulación ${code}`;

    await logInAsPlaneacion(page);
    await page.getByRole("link", { name: "Nuevo plan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nuevo plan");

    await test.step("datos del plan", async () => {
      await page.getByLabel("Código del plan").fill(code);
      await page.getByLabel("Nombre del plan").fill(name);
      await page.getByLabel("Entidad o sector (opcional)").fill("Secretaría General (prueba)");
      await page.getByLabel("Primera vigencia").fill("2025");
      await page.getByLabel("Última vigencia").fill("2026");
      await page.getByLabel("Misión (opcional)").fill("Probar la formulación de planes.");
    });

    await test.step("objetivo 1 con dos indicadores y ponderaciones que en 2026 suman 90 %", async () => {
      await page.getByRole("button", { name: "Agregar objetivo" }).click();
      await expect(page.getByLabel("Nombre del objetivo 1")).toBeFocused();
      await page.getByLabel("Nombre del objetivo 1").fill("Fortalecer la gestión de la prueba");
      await page.getByRole("button", { name: "Agregar indicador al objetivo 1" }).click();
      await fillIndicator(page, {
        code: "E1-1",
        name: "Entidades asistidas",
        trend: "suma",
        targets: ["10", "12,5"],
      });
      await page.getByRole("button", { name: "Agregar indicador al objetivo 1" }).click();
      await fillIndicator(page, {
        code: "E1-2",
        name: "Avance del portafolio",
        trend: "creciente",
        unit: "%",
        targets: ["40", "70,5"],
      });
      await fillWeights(page, "E1-1", ["60", "60"]);
      await fillWeights(page, "E1-2", ["40", "30"]);
      const weights = page.getByRole("table", {
        name: "Ponderación de los indicadores del objetivo 1",
      });
      await expect(weights.getByRole("row").last()).toContainText("90 % (no suma 100 %)");
    });

    await test.step("objetivo 2 con un indicador", async () => {
      await page.getByRole("button", { name: "Agregar objetivo" }).click();
      await page.getByLabel("Nombre del objetivo 2").fill("Mejorar la atención de la prueba");
      await page.getByRole("button", { name: "Agregar indicador al objetivo 2" }).click();
      await fillIndicator(page, {
        code: "E2-1",
        name: "Índice de satisfacción",
        trend: "constante",
        targets: ["80", "80"],
      });
      await fillWeights(page, "E2-1", ["100", "100"]);
      await expectNoSeriousViolations(page);
    });

    await test.step("los objetivos pesan 60 y 40 en el plan", async () => {
      await page.getByLabel("Ponderación por objetivo").check();
      await page.getByLabel("Ponderación del objetivo 1 en 2025 (%)").fill("60");
      await page.getByLabel("Ponderación del objetivo 1 en 2026 (%)").fill("60");
      await page.getByLabel("Ponderación del objetivo 2 en 2025 (%)").fill("40");
      await page.getByLabel("Ponderación del objetivo 2 en 2026 (%)").fill("35,5");
      const table = page.getByRole("table", {
        name: "Ponderación de cada objetivo por vigencia (%)",
      });
      await expect(table.getByRole("row").last()).toContainText("Suma 2025: 100 %");
      await expect(table.getByRole("row").last()).toContainText(
        "Suma 2026: 95,5 % (no suma 100 %)",
      );
      await page.getByLabel("Ponderación del objetivo 2 en 2026 (%)").fill("40");
      await expect(table.getByRole("row").last()).toContainText("Suma 2026: 100 %");
      await expectNoSeriousViolations(page);
    });

    await test.step("crear el plan y ver sus advertencias", async () => {
      await page.getByRole("button", { name: "Crear el plan" }).click();
      await expect(page).toHaveURL(/\/planes\/\d+\/editar\?creado=1$/);
      await expect(page.getByText("Se creó el plan (versión 1).")).toBeVisible();
      const summary = page.getByRole("heading", {
        level: 2,
        name: /^El plan tiene \d+ advertencias?$/,
      });
      await expect(summary).toBeVisible();
      await expect(page.locator(".issue-summary")).toContainText("suman 90 %");
      await expectNoSeriousViolations(page);
    });
    const planId = Number(/\/planes\/(\d+)\//.exec(page.url())?.[1]);
    expect(planId).toBeGreaterThan(0);

    await test.step("en la página del plan: validación y descarga XLSX", async () => {
      await page.getByRole("link", { name: "Ver el plan" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
      const tools = page.getByRole("region", { name: "Formulación" });
      await tools.getByText(/^Validación del plan: \d+ advertencias?$/).click();
      await expect(tools).toContainText("suman 90 %");
      await expectNoSeriousViolations(page);

      const downloadPromise = page.waitForEvent("download");
      await page.getByRole("link", { name: "Descargar XLSX" }).click();
      const download = await downloadPromise;
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(statSync(await download.path()).size).toBeGreaterThan(0);
    });

    await test.step("poner en vigencia", async () => {
      const tools = page.getByRole("region", { name: "Formulación" });
      await tools.getByRole("button", { name: "Poner en vigencia" }).click();
      await tools.getByRole("button", { name: "Confirmar: poner en vigencia" }).click();
      await expect(tools).toContainText("En vigencia");
    });

    await test.step("reprogramar 2025 con justificación y acta", async () => {
      await page
        .getByRole("region", { name: "Formulación" })
        .getByRole("link", { name: "Reprogramar" })
        .click();
      await expect(page).toHaveURL(new RegExp(`/planes/${planId}/reprogramar$`));
      await page.getByLabel("Programación 2025 del indicador E1-1").fill("11");
      const form = page.getByRole("region", { name: "Reprogramar" });
      await expect(form).toContainText("Indicador E1-1: programación 2025: 10 → 11");

      // Without a justification nothing is sent.
      await page.getByRole("button", { name: "Guardar la reprogramación" }).click();
      await expect(page.getByLabel("Justificación")).toHaveAttribute("aria-invalid", "true");

      await page
        .getByLabel("Justificación")
        .fill("Ajuste de la meta 2025 por recorte presupuestal");
      await page
        .getByLabel("Acta o documento que la aprueba")
        .fill("Acta Comité Sectorial 03/2025");
      await page.getByRole("button", { name: "Guardar la reprogramación" }).click();
      // Version 2 is the plan put in force; the reprogramación is version 3.
      await expect(page.getByText("Reprogramación guardada: versión 3.")).toBeVisible();
    });

    await test.step("historial: 3 versiones y el cambio entre ellas", async () => {
      await page.goto(`/planes/${planId}/versiones`);
      const versions = page.getByRole("table", {
        name: "Versiones del plan, de la más reciente a la primera",
      });
      await expect(versions.getByRole("rowheader")).toHaveCount(3);
      await expect(versions.getByRole("row").nth(1)).toContainText("Reprogramación");
      await expect(versions.getByRole("row").nth(1)).toContainText("Acta Comité Sectorial 03/2025");
      await expect(versions.getByRole("row").nth(2)).toContainText("Puesta en vigencia");
      await expect(versions.getByRole("row").nth(3)).toContainText("Creación");

      await page.getByRole("button", { name: "Comparar" }).click();
      await expect(
        page.getByRole("heading", { name: "Cambios de la versión 2 a la 3" }),
      ).toBeVisible();
      await expect(page.getByText("Indicador E1-1: programación 2025: 10 → 11")).toBeVisible();
      await expectNoSeriousViolations(page);

      await versions.getByRole("link", { name: "Ver la versión 1" }).click();
      await expect(page.getByRole("note", { name: "Versión consultada" })).toContainText(
        "Versión 1",
      );
      await expect(page.getByRole("note", { name: "Versión consultada" })).toContainText(
        "no es la vigente",
      );
    });
  });
});
