import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { demoPassword } from "./demo-credentials.ts";
import {
  expectNoSeriousViolations,
  expectNoSidewaysScroll,
  expectWholeTables,
  logIn,
} from "./support.ts";

// The seguimiento journey: the responsable of objetivo 3 reports meta 2320 in
// the open corte, planeación returns it, the responsable corrects and
// resubmits, planeación approves, the official compliance counts the value,
// and planeación closes the corte. Two people, each in their own browser
// context, each logging in once (logins are throttled).

const PLANEACION = "planeacion@rumbo.local";
const RESPONSABLE = "responsable@rumbo.local";
const PLAN_ID = 1;
const INDICATOR = "2320";
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

/** Screenshots of each page at each width, kept with the run's artefacts (not committed). */
const SHOTS = join("test-results", "seguimiento-capturas");

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  // A tall page also in slices one can read at their real size.
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  const slice = 1100;
  if (height <= slice * 1.5) return;
  for (let y = 0, part = 1; y < height; y += slice, part += 1) {
    await page.screenshot({
      path: join(SHOTS, `${name}-parte${part}.png`),
      fullPage: true,
      clip: { x: 0, y, width, height: Math.min(slice, height - y) },
    });
  }
}

/**
 * The page at both widths: no sideways scroll, axe clean; tables whole unless
 * `scrollingTables` (a wide table scrolls in its own region on a phone). It is
 * left at `end`.
 */
async function checkBothWidths(
  page: Page,
  name: string,
  { end = DESKTOP, scrollingTables = false } = {},
): Promise<void> {
  for (const [label, size] of [
    ["375", PHONE],
    ["1280", DESKTOP],
  ] as const) {
    await page.setViewportSize(size);
    await expectNoSidewaysScroll(page, `${name} a ${label} px`);
    if (!(scrollingTables && size === PHONE))
      await expectWholeTables(page, `${name} a ${label} px`);
    await shoot(page, `${name}-${label}`);
  }
  await page.setViewportSize(end);
  await expectNoSeriousViolations(page);
}

/** A small valid PDF (one page with one line of text), built here with its real xref offsets. */
function informePdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

const PDF_NAME = "informe-avance-2320.pdf";

/** Bogotá's calendar day, `days` from today (AAAA-MM-DD). */
function bogotaDay(days: number): string {
  const instant = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/Bogota" }).format(instant);
}

type CorteJson = {
  id: number;
  periodEnd: string;
  state: string;
  progress: { received: number; approved: number };
};

async function csrfOf(request: APIRequestContext): Promise<string> {
  const session = await request.get("/api/auth/session");
  expect(session.ok()).toBe(true);
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}

/**
 * The demo's open corte (demo-seguimiento.ts: the corte that contains today,
 * opened on first start), where the yearly 2320 reports at the 31/12.
 */
async function demoOpenCorte(request: APIRequestContext): Promise<CorteJson> {
  const listed = await request.get(`/api/plans/${PLAN_ID}/cortes`);
  expect(listed.ok()).toBe(true);
  const { cortes } = (await listed.json()) as { cortes: CorteJson[] };
  // The demo closed the 2024 cortes, with the example values approved.
  expect(cortes.filter((c) => c.periodEnd.startsWith("2024-")).map((c) => c.state)).toEqual([
    "cerrado",
    "cerrado",
    "cerrado",
    "cerrado",
  ]);
  const open = cortes.find((c) => c.state === "abierto" && c.periodEnd.endsWith("-12-31"));
  expect(open, "la demostración no dejó abierto un corte al 31/12").toBeDefined();
  return open as CorteJson;
}

async function signedIn(browser: Browser, email: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await logIn(page, email, demoPassword(email));
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Iniciar sesión");
  return page;
}

type Compliance = {
  indicators: { code: string; years: Record<string, { actual: number | null }> }[];
};

/** The 2320's actual value of `year` in the official compliance answer (getCompliance, approved reports only). */
async function officialActual(
  request: APIRequestContext,
  year: string,
  knownAt?: string,
): Promise<number | null> {
  const query = knownAt === undefined ? "" : `?knownAt=${encodeURIComponent(knownAt)}`;
  const answer = await request.get(`/api/plans/${PLAN_ID}/compliance${query}`);
  expect(answer.ok(), await answer.text()).toBe(true);
  const result = (await answer.json()) as Compliance;
  const indicator = result.indicators.find((i) => i.code === INDICATOR);
  expect(indicator, `el cumplimiento no trae el indicador ${INDICATOR}`).toBeDefined();
  return indicator?.years[year]?.actual ?? null;
}

test.describe("seguimiento de punta a punta", () => {
  test("el responsable del objetivo 3 reporta la meta 2320, planeación la devuelve, se corrige, se aprueba, cuenta en el cumplimiento, el corte se cierra y lo sabido al cierre no cambia tras una corrección", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const planeacion = await signedIn(browser, PLANEACION);
    const responsable = await signedIn(browser, RESPONSABLE, PHONE);
    const corte = await demoOpenCorte(planeacion.request);
    const period = corte.periodEnd.slice(0, 4);
    const shownEnd = corte.periodEnd.split("-").reverse().join("/");
    const reportName = `Indicador ${INDICATOR} — ${period}`;
    // Nothing approved yet: the official compliance has no value of the period.
    const before = await officialActual(planeacion.request, period);
    expect(before).not.toBe(32);

    await test.step("Mis indicadores, en el teléfono: la 2320 está por reportar en el corte abierto", async () => {
      await responsable.goto(`/planes/${PLAN_ID}`);
      await responsable.getByRole("link", { name: "Mis indicadores" }).first().click();
      await expect(responsable).toHaveURL(new RegExp(`/planes/${PLAN_ID}/seguimiento$`));
      await expect(responsable.getByRole("heading", { level: 1 })).toHaveText("Mis indicadores");
      const due = responsable.getByRole("region", { name: /Por reportar/ });
      await expect(due.getByRole("link", { name: reportName })).toBeVisible();
      await checkBothWidths(responsable, "mis-indicadores", { end: PHONE });
      await due.getByRole("link", { name: reportName }).click();
      await expect(responsable).toHaveURL(
        new RegExp(`/planes/${PLAN_ID}/indicadores/${INDICATOR}/reportes/${period}$`),
      );
    });

    await test.step("el formulario: valor por debajo de la meta, análisis, la advertencia explicada; guardar y enviar", async () => {
      const form = responsable.getByRole("form", { name: "Reporte de avance" });
      await expect(
        responsable.getByRole("complementary", { name: "Ficha del indicador" }),
      ).toContainText("Meta de la vigencia");
      await form.getByLabel("Valor del periodo").fill("30,5");
      await form
        .getByLabel("Logros")
        .fill("Se pusieron en funcionamiento 12 servicios del portafolio TIC.");
      await form
        .getByLabel("Retrasos y dificultades")
        .fill("La contratación del operador se demoró dos meses.");
      await form
        .getByLabel("Soluciones / acciones de mejora")
        .fill("Se adelantó la contratación de 2026 al primer trimestre.");
      await form
        .getByLabel("Beneficios a la ciudadanía")
        .fill("Trámites digitales más rápidos en cinco entidades distritales.");
      // The PDF soporte is attached at once (the report's first version); the typed text stays.
      await form.getByLabel("Adjuntar un archivo de soporte").setInputFiles({
        name: PDF_NAME,
        mimeType: "application/pdf",
        buffer: informePdf("Informe de avance meta 2320: 12 servicios TIC en funcionamiento"),
      });
      const soportes = form.getByRole("list", { name: "Soportes del reporte" });
      await expect(soportes.getByRole("link", { name: PDF_NAME })).toBeVisible();
      await expect(soportes).toContainText("Ramiro Responsable (demo)");
      await expect(form.getByLabel("Valor del periodo")).toHaveValue("30,5");
      await form.getByRole("button", { name: "Guardar borrador" }).click();
      await expect(responsable.getByText(/Borrador guardado \(versión 2\)/)).toBeVisible();
      await expect(soportes.getByRole("link", { name: PDF_NAME })).toBeVisible();
      const warnings = form.getByRole("region", { name: "Advertencias" });
      await expect(warnings.getByText("Sin explicar")).toBeVisible();
      await checkBothWidths(responsable, "formulario-borrador", { end: PHONE });

      // Sending without explaining is refused, and nothing typed is lost.
      await form.getByRole("button", { name: "Enviar a revisión" }).click();
      await expect(responsable.getByRole("alert")).toContainText(
        "No fue posible enviar el reporte",
      );
      await expect(form.getByLabel("Logros")).toHaveValue(
        "Se pusieron en funcionamiento 12 servicios del portafolio TIC.",
      );
      // Each warning (semáforo; with earlier periods also a value far from them) gets its explanation.
      for (const explanation of await warnings.getByRole("textbox").all()) {
        await explanation.fill(
          "La meta anual se cumple en el segundo semestre, cuando entra el operador.",
        );
      }
      await form.getByRole("button", { name: "Enviar a revisión" }).click();
      await expect(responsable.getByText(/Reporte enviado a revisión/)).toBeVisible();
      await expect(responsable.getByText("Solo lectura.")).toBeVisible();
    });

    await test.step("planeación abre la cola de revisión y devuelve el reporte con un comentario", async () => {
      // From the plan page, where planeación's permissions lead.
      await planeacion.goto(`/planes/${PLAN_ID}`);
      await planeacion.getByRole("link", { name: "Revisar reportes" }).click();
      await expect(planeacion).toHaveURL(new RegExp(`/planes/${PLAN_ID}/seguimiento/revision$`));
      await expect(planeacion.getByRole("heading", { level: 1 })).toHaveText(/revisar/i);
      const card = planeacion.getByRole("article", { name: reportName });
      await expect(card).toContainText("30,5");
      await checkBothWidths(planeacion, "cola-de-revision");
      await card
        .getByLabel("Comentario de devolución")
        .fill("Adjunte el acta de puesta en funcionamiento y corrija el valor: son 32 servicios.");
      await card.getByRole("button", { name: /Devolver/ }).click();
      await expect(
        planeacion.getByRole("region", { name: "Resultado de la revisión" }),
      ).toContainText(INDICATOR);
      await expect(card).toHaveCount(0);
    });

    await test.step("el responsable ve el comentario, corrige y vuelve a enviar", async () => {
      await responsable.goto(`/planes/${PLAN_ID}/seguimiento`);
      const returned = responsable.getByRole("region", { name: /Devueltos para corregir/ });
      await expect(returned).toContainText("son 32 servicios");
      await returned.getByRole("link", { name: reportName }).click();
      await expect(
        responsable.getByRole("note").filter({ hasText: "Planeación devolvió el reporte" }),
      ).toContainText("son 32 servicios");
      await checkBothWidths(responsable, "formulario-devuelto", { end: PHONE });
      const form = responsable.getByRole("form", { name: "Reporte de avance" });
      await form.getByLabel("Valor del periodo").fill("32");
      await form.getByRole("button", { name: "Enviar a revisión" }).click();
      await expect(responsable.getByText(/Reporte enviado a revisión/)).toBeVisible();
    });

    await test.step("planeación lee el análisis de la versión corregida y la aprueba en el reporte", async () => {
      await planeacion.goto(`/planes/${PLAN_ID}/seguimiento/revision`);
      const card = planeacion.getByRole("article", { name: reportName });
      await expect(card.getByRole("definition").first()).toHaveText("32 %");
      await card
        .getByRole("link", { name: `Ver el análisis y los soportes de ${reportName}` })
        .click();
      const form = planeacion.getByRole("form", { name: "Reporte de avance" });
      await expect(form.getByLabel("Valor del periodo")).toHaveValue("32");
      await expect(form.getByLabel("Valor del periodo")).toBeDisabled();
      // The soporte the responsable attached downloads as the same PDF (getEvidence).
      const pdfLink = form
        .getByRole("list", { name: "Soportes del reporte" })
        .getByRole("link", { name: PDF_NAME });
      const pdf = await planeacion.request.get((await pdfLink.getAttribute("href")) ?? "");
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toContain("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      await expect(form.getByLabel("Retrasos y dificultades")).toHaveValue(
        "La contratación del operador se demoró dos meses.",
      );
      await expect(
        form.getByRole("region", { name: "Advertencias" }).getByText("Explicada").first(),
      ).toBeVisible();
      const review = planeacion.getByRole("region", { name: "Revisión" });
      await checkBothWidths(planeacion, "formulario-revision");
      await review.getByRole("button", { name: "Aprobar el reporte" }).click();
      await expect(review.getByText(/Reporte aprobado \(versión \d+\)/)).toBeVisible();
      await expect(planeacion.getByText("Aprobado", { exact: true }).first()).toBeVisible();
    });

    await test.step("el responsable ve su reporte aprobado y su historial: quién, cuándo, el comentario y el cambio de valor", async () => {
      await responsable.goto(`/planes/${PLAN_ID}/seguimiento`);
      const approved = responsable.getByRole("region", { name: /Aprobados/ });
      await expect(approved.getByRole("link", { name: reportName })).toBeVisible();
      await approved.getByRole("link", { name: `Historial de ${INDICATOR} — ${period}` }).click();
      const versions = responsable.getByRole("list", { name: "Versiones del reporte" });
      const newest = versions.getByRole("article").first();
      await expect(newest).toContainText("Aprobó el reporte");
      await expect(newest).toContainText("Paula Planeación (demo)");
      const returned = versions.getByRole("article").filter({ hasText: "Devolvió el reporte" });
      await expect(returned).toContainText(
        "Comentario de devolución: Adjunte el acta de puesta en funcionamiento",
      );
      const correction = versions
        .getByRole("article")
        .filter({ has: responsable.getByRole("cell", { name: "32", exact: true }) });
      await expect(correction.getByRole("row", { name: /Valor/ })).toContainText("30,5");
      await checkBothWidths(responsable, "historial", { end: PHONE });
    });

    await test.step("el cumplimiento oficial usa el valor aprobado", async () => {
      expect(await officialActual(planeacion.request, period)).toBe(32);
    });

    await test.step("planeación cierra el corte en la página de cortes", async () => {
      await planeacion
        .getByRole("navigation", { name: "Seguimiento del plan" })
        .getByRole("link", { name: "Cortes" })
        .click();
      const progress = planeacion.getByRole("table", { name: "Avance de los cortes" });
      const row = progress.getByRole("row", { name: new RegExp(shownEnd) });
      await expect(row).toContainText("Abierto");
      await checkBothWidths(planeacion, "cortes", { scrollingTables: true });
      await planeacion.getByRole("button", { name: `Cerrar el corte al ${shownEnd}` }).click();
      await planeacion.getByRole("button", { name: "Sí, cerrar el corte" }).click();
      await expect(planeacion.getByText(/cerrado\./)).toBeVisible();
      await expect(row).toContainText("Cerrado");
      // The 2320 is one more report received and approved than when the journey began.
      const cells = await row.getByRole("cell").allTextContents();
      expect(cells.slice(3, 5)).toEqual([
        String(corte.progress.received + 1),
        String(corte.progress.approved + 1),
      ]);
    });

    await test.step("lo que se sabía al cerrar no cambia tras reabrir el corte y corregir la 2320", async () => {
      const listed = await planeacion.request.get(`/api/plans/${PLAN_ID}/cortes`);
      const closedAt = (
        (await listed.json()) as { cortes: (CorteJson & { closedAt: string })[] }
      ).cortes.find((c) => c.id === corte.id)?.closedAt;
      expect(closedAt).toBeTruthy();
      const known = closedAt ?? "";
      expect(await officialActual(planeacion.request, period, known)).toBe(32);

      // Planeación reopens the corte for the 2320 on the Cortes page, with its justification.
      await planeacion.getByRole("button", { name: `Reabrir el corte al ${shownEnd}` }).click();
      const reopen = planeacion.getByRole("form", { name: `Reabrir el corte al ${shownEnd}` });
      await reopen
        .getByLabel("Justificación de la reapertura")
        .fill("El acta de cierre del operador trae 33 servicios, no 32.");
      await reopen.getByLabel("Reabierto hasta").fill(bogotaDay(7));
      await reopen.getByLabel("Indicadores que se reabren").fill(INDICATOR);
      await reopen.getByRole("button", { name: "Reabrir el corte" }).click();
      await expect(planeacion.getByText(/reabierto\./)).toBeVisible();

      // The correction through the API: un-approve, return, correct, send, approve (If-Match each time).
      const url = `/api/plans/${PLAN_ID}/indicators/${INDICATOR}/reports/${period}`;
      const act = async (page: Page, method: "post" | "put", path: string, data?: object) => {
        const current = await page.request.get(url);
        const answer = await page.request.fetch(`${url}${path}`, {
          method,
          headers: {
            "x-csrf-token": await csrfOf(page.request),
            "if-match": current.headers().etag ?? "",
          },
          data,
        });
        expect(answer.status(), await answer.text()).toBe(200);
      };
      await act(planeacion, "post", "/unapprove", {
        justification: "Se corrige el valor con el acta de cierre del operador.",
      });
      await act(planeacion, "post", "/return", { comment: "Registre 33 servicios." });
      await act(responsable, "put", "", { value: "33" });
      await act(responsable, "post", "/submit");
      await act(planeacion, "post", "/approve");

      expect(await officialActual(planeacion.request, period)).toBe(33);
      expect(await officialActual(planeacion.request, period, known)).toBe(32);
    });
  });
});
