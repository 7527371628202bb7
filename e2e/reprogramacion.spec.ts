import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { demoPassword } from "./demo-credentials.ts";
import { expectNoSeriousViolations, logIn } from "./support.ts";

// All specs share one server and one database. This one changes the seed plan
// (in force since 2024) twice, as a planner would: from its edited matriz and
// on the reprogramación page. Logins are throttled, so the story logs in once.

const PLANEACION = "planeacion@rumbo.local";
const PLAN_NAME = "Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública";

/** The exported matriz with indicator 4075 (meta 2153) programmed `value` in 2025. */
async function editMatriz(path: string, value: number): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(readFileSync(path)).buffer);
  const sheet = workbook.getWorksheet("Indicadores");
  if (!sheet) throw new Error("la matriz no tiene la hoja Indicadores");
  let header: ExcelJS.Row | null = null;
  sheet.eachRow((row) => {
    if (header === null && row.values.toString().includes("Programación 2025")) header = row;
  });
  const headerRow = header as ExcelJS.Row | null;
  if (headerRow === null) throw new Error("sin encabezados");
  let codeColumn = 0;
  let targetColumn = 0;
  headerRow.eachCell((cell, column) => {
    if (cell.value === "Código") codeColumn = column;
    if (cell.value === "Programación 2025") targetColumn = column;
  });
  let changed = 0;
  sheet.eachRow((row) => {
    if (String(row.getCell(codeColumn).value) === "4075") {
      row.getCell(targetColumn).value = value;
      changed += 1;
    }
  });
  expect(changed).toBe(1);
  const out = join(tmpdir(), `matriz-editada-${Date.now()}.xlsx`);
  writeFileSync(out, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return out;
}

async function openSeedPlan(page: Page): Promise<number> {
  await logIn(page, PLANEACION, demoPassword(PLANEACION), "/entrar?volver=%2Fplanes");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planes estratégicos");
  await page.getByRole("link", { name: PLAN_NAME }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PLAN_NAME);
  const planId = Number(/\/planes\/(\d+)/.exec(page.url())?.[1]);
  expect(planId).toBeGreaterThan(0);
  return planId;
}

test.describe("reprogramar el plan en vigencia", () => {
  test("planeación actualiza el plan desde la matriz editada, reprograma la meta 2153 en su página y consulta la versión anterior", async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const planId = await openSeedPlan(page);
    const tools = page.getByRole("region", { name: "Formulación" });
    const startVersion = Number(
      /versión (\d+)/.exec((await tools.locator(".plan-status").textContent()) ?? "")?.[1],
    );
    expect(startVersion).toBeGreaterThan(0);

    await test.step("descargar la matriz, cambiar la meta 2025 de la 2153 y ver el cambio antes de guardar", async () => {
      const downloadPromise = page.waitForEvent("download");
      await page.getByRole("link", { name: "Descargar XLSX" }).click();
      const download = await downloadPromise;
      expect(download.suggestedFilename()).toBe("PES-GP-2024-2027.xlsx");
      const edited = await editMatriz(await download.path(), 18);

      await tools.getByText("Actualizar desde la matriz").click();
      await tools.getByLabel("Matriz editada del plan").setInputFiles(edited);
      await tools.getByRole("button", { name: "Ver los cambios" }).click();
      const changes = tools.getByRole("list", { name: "Cambios que trae la matriz" });
      await expect(changes.getByRole("listitem")).toHaveText([
        "Indicador 4075: programación 2025: 17 → 18",
      ]);
      await expect(tools).toContainText("se guardará como reprogramación");
      await expectNoSeriousViolations(page);
    });

    await test.step("guardarla como reprogramación con justificación y acta", async () => {
      await tools.getByRole("button", { name: "Guardar la reprogramación" }).click();
      await expect(tools.getByLabel("Justificación")).toHaveAttribute("aria-invalid", "true");
      await tools
        .getByLabel("Justificación")
        .fill("Ajuste de la meta 2153 según la matriz revisada");
      await tools
        .getByLabel("Acta o documento que la aprueba")
        .fill("Acta Comité Sectorial 05/2025");
      await tools.getByRole("button", { name: "Guardar la reprogramación" }).click();
      await expect(
        tools.getByText(`Reprogramación guardada: versión ${startVersion + 1}.`),
      ).toBeVisible();
    });

    await test.step("reprogramar la meta 2153 en la página de reprogramación", async () => {
      await tools.getByRole("link", { name: "Reprogramar" }).click();
      await expect(page).toHaveURL(new RegExp(`/planes/${planId}/reprogramar$`));
      const aside = page.getByRole("complementary", {
        name: "Cambios y acta de la reprogramación",
      });
      // The act stays in view at the bottom of the grid of 18 indicators.
      await page.getByLabel("Ponderación del indicador 4075 en 2027 (%)").scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 2000);
      await expect(aside.getByRole("heading", { name: "Reprogramar" })).toBeInViewport();

      await page.getByLabel("Filtrar por objetivo, código, meta o nombre").fill("2153");
      const grid = page.getByRole("table", { name: /Programación y ponderación por indicador/ });
      await expect(grid.getByRole("rowheader")).toHaveCount(1);
      await expect(grid.getByRole("rowheader")).toContainText("4075");
      await grid.getByLabel("Programación 2025 del indicador 4075").fill("19");
      await expect(aside).toContainText("Indicador 4075: programación 2025: 18 → 19");
      await expectNoSeriousViolations(page);
      await aside.getByLabel("Justificación").fill("Segundo ajuste de la meta 2153");
      await aside
        .getByLabel("Acta o documento que la aprueba")
        .fill("Acta Comité Sectorial 06/2025");
      await aside.getByRole("button", { name: "Guardar la reprogramación" }).click();
      await expect(
        aside.getByText(`Reprogramación guardada: versión ${startVersion + 2}.`),
      ).toBeVisible();
    });

    await test.step("el historial dice quién reprogramó, con su acta; la versión anterior se descarga como se ve", async () => {
      await page.goto(`/planes/${planId}/versiones`);
      const versions = page.getByRole("table", {
        name: "Versiones del plan, de la más reciente a la primera",
      });
      const latest = versions.getByRole("row").nth(1);
      await expect(latest).toContainText("Reprogramación");
      await expect(latest).toContainText("Acta Comité Sectorial 06/2025");
      // Each person sees their own changes (others read "Una persona", never "Sistema").
      await expect(latest).toContainText(PLANEACION);
      await expect(latest).not.toContainText("Sistema");
      await expect(versions.getByRole("row").nth(2)).toContainText("Acta Comité Sectorial 05/2025");

      await versions.getByRole("link", { name: `Ver la versión ${startVersion + 1}` }).click();
      const banner = page.getByRole("note", { name: "Versión consultada" });
      await expect(banner).toContainText(`Versión ${startVersion + 1}`);
      await expect(banner).toContainText("no es la vigente");
      const downloads = page.getByRole("region", { name: "Descargar el plan" });
      await expect(downloads).toContainText(`Versión ${startVersion + 1} del plan`);
      await expect(page.getByText("Versión vigente del plan.")).toHaveCount(0);
      await expectNoSeriousViolations(page);

      const downloadPromise = page.waitForEvent("download");
      await downloads.getByRole("link", { name: "Descargar JSON" }).click();
      const download = await downloadPromise;
      expect(download.suggestedFilename()).toBe(`PES-GP-2024-2027-v${startVersion + 1}.json`);
      const plan = JSON.parse(readFileSync(await download.path(), "utf8")) as {
        objectives: { indicators: { code: string; targets: Record<string, number> }[] }[];
      };
      const indicator = plan.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075");
      expect(indicator?.targets["2025"]).toBe(18);
    });
  });
});
