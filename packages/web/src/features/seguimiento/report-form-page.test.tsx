import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  renderApp,
  resetApp,
  type StubAnswer,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import { PLANEACION_SESSION, RESPONSABLE_SESSION } from "../session/fixtures/sessions.ts";
import {
  DRAFT_2320,
  PLANEACION_PERMISSIONS,
  planAnswers,
  RESPONSABLE_ACTOR,
  RESPONSABLE_PERMISSIONS,
  report,
  SEMAFORO_WARNING,
  summary,
} from "./fixtures/seguimiento-fixtures.ts";

afterEach(resetApp);

const REPORT_URL = "/api/plans/1/indicators/2320/reports/2025-Q1";
const PAGE = "/planes/1/indicadores/2320/reportes/2025-Q1";
const TITLE = "Reporte del indicador 2320 — primer trimestre de 2025";

const HISTORY_OF_2320 = {
  body: {
    reports: [
      summary({ period: "2024", status: "aprobado", version: 2, value: 10, target: 10 }),
      summary({ status: "borrador", version: 3, value: 12.5, previousValue: 10 }),
    ],
  },
};

async function openForm(answers: Record<string, StubAnswer> = {}, path = PAGE) {
  const fetchMock = stubApi({
    ...planAnswers(RESPONSABLE_SESSION, RESPONSABLE_PERMISSIONS),
    [`GET ${REPORT_URL}`]: { body: DRAFT_2320 },
    "/api/plans/1/reports": HISTORY_OF_2320,
    ...answers,
  });
  renderApp(path);
  await screen.findByRole("heading", { level: 1, name: TITLE });
  await screen.findByLabelText("Valor del periodo");
  return fetchMock;
}

function field(label: string): HTMLInputElement | HTMLTextAreaElement {
  return screen.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement;
}

/** The value a fact list gives for a term ("Unidad" → "%"). */
function fact(container: HTMLElement, term: string): string {
  const dt = within(container).getByText(term, { selector: "dt" });
  return visibleText(dt.nextElementSibling ?? dt);
}

function rowTexts(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole("row")
    .map((row) => Array.from(row.children, (cell) => visibleText(cell)));
}

function descriptionOf(element: HTMLElement): string {
  const ids = element.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
}

describe("el reporte de avance de la meta 2320", () => {
  it("muestra el borrador con la ficha al lado: unidad, meta de la vigencia 2025 y el periodo anterior", async () => {
    await openForm();
    expect(field("Valor del periodo").value).toBe("12,5");
    expect(field("Logros").value).toBe("Se implementó el portafolio en 5 entidades.");
    const ficha = screen.getByRole("complementary", { name: "Ficha del indicador" });
    expect(fact(ficha, "Unidad")).toBe("%");
    expect(fact(ficha, "Meta de la vigencia 2025")).toBe("40 %");
    expect(fact(ficha, "Meta del plan")).toBe("100 %");
    const previous = await within(ficha).findByRole("table", { name: "Periodos anteriores" });
    expect(rowTexts(previous)).toEqual([
      ["Periodo", "Valor", "Estado"],
      ["2024", "10 %", "Aprobado"],
    ]);
  });

  it("la parte de un área muestra el estado de cada área y que el total del indicador es parcial", async () => {
    stubApi({
      ...planAnswers(RESPONSABLE_SESSION, RESPONSABLE_PERMISSIONS),
      [`GET ${REPORT_URL}`]: {
        body: {
          ...DRAFT_2320,
          area: "Secretaría de Salud",
          areas: {
            rule: "suma",
            shares: [
              { area: "Secretaría de Salud", status: "enviado", value: 12.5 },
              { area: "Secretaría de Educación", status: null, value: null },
            ],
            reported: ["Secretaría de Salud"],
            pending: ["Secretaría de Educación"],
            value: 12.5,
            partial: true,
          },
        },
      },
      "/api/plans/1/reports": HISTORY_OF_2320,
    });
    renderApp(`${PAGE}?area=Secretar%C3%ADa%20de%20Salud`);
    await screen.findByLabelText("Valor del periodo");
    const panel = await screen.findByRole("region", { name: "Partes de las áreas" });
    expect(visibleText(panel)).toContain(
      "Secretaría de Salud: Enviado a revisión · 12,5 %Secretaría de Educación: Sin reportar",
    );
    expect(visibleText(panel)).toContain(
      "Total del indicador (suma de las partes): 12,5 % — parcial: falta Secretaría de Educación",
    );
  });

  it("guardar borrador envía el valor como se escribió, con If-Match de la versión, y muestra las advertencias nuevas", async () => {
    const fetchMock = await openForm({
      [`PUT ${REPORT_URL}`]: {
        body: report({ ...DRAFT_2320, version: 4, value: 8, warnings: [SEMAFORO_WARNING] }),
      },
    });
    expect(screen.getByText("La última versión guardada no tiene advertencias.")).toBeDefined();
    fireEvent.change(field("Valor del periodo"), { target: { value: "8,0" } });
    fireEvent.change(field("Retrasos y dificultades"), {
      target: { value: "Dos entidades aplazaron la adopción." },
    });
    fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
    await screen.findByText("Borrador guardado (versión 4).");
    const put = stubCalls(fetchMock).find((c) => c.method === "PUT");
    expect(put?.headers.get("If-Match")).toBe('"r3"');
    expect(put?.body).toMatchObject({
      value: "8,0",
      analysis: {
        achievements: "Se implementó el portafolio en 5 entidades.",
        difficulties: "Dos entidades aplazaron la adopción.",
      },
      evidence: [],
    });
    const warnings = screen.getByRole("region", { name: "Advertencias" });
    expect(visibleText(warnings)).toContain(
      "Semáforo en amarillo o rojo: Con 12,5 % frente a una meta de 40 % el semáforo del periodo sería rojo. Sin explicar",
    );
    expect(screen.getByLabelText("Explicación del semáforo")).toBeDefined();
  });

  it("un guardado que choca con otro (409) conserva lo escrito y permite traer la versión actual sin perderlo", async () => {
    let current = DRAFT_2320;
    const fetchMock = await openForm({
      [`GET ${REPORT_URL}`]: () => ({ body: current }),
      [`PUT ${REPORT_URL}`]: (request) =>
        request.headers.get("If-Match") === '"r3"'
          ? apiError(
              409,
              "VERSION_CONFLICT",
              "Otra persona guardó el reporte (ahora va en la versión 5).",
            )
          : { body: report({ ...DRAFT_2320, version: 6 }) },
    });
    const benefits = "Las entidades atienden trámites en línea sin filas.";
    fireEvent.change(field("Beneficios a la ciudadanía"), { target: { value: benefits } });
    fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
    const alert = await screen.findByRole("alert", { name: "No fue posible guardar el borrador" });
    expect(visibleText(alert)).toContain(
      "Otra persona guardó el reporte (ahora va en la versión 5).",
    );
    expect(visibleText(alert)).toContain("Lo que escribió sigue en el formulario");
    expect(field("Beneficios a la ciudadanía").value).toBe(benefits);

    current = report({ ...DRAFT_2320, version: 5 });
    fireEvent.click(
      screen.getByRole("button", { name: "Traer la versión actual sin perder mis textos" }),
    );
    await screen.findByText(/Se trajo la versión actual/);
    expect(field("Beneficios a la ciudadanía").value).toBe(benefits);
    fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
    await screen.findByText("Borrador guardado (versión 6).");
    const puts = stubCalls(fetchMock).filter((c) => c.method === "PUT");
    expect(puts.map((c) => c.headers.get("If-Match"))).toEqual(['"r3"', '"r5"']);
    expect(puts[1]?.body).toMatchObject({ analysis: { benefits } });
  });

  it("un valor rechazado (422) y una falla de red dicen por qué junto al campo, sin borrar nada", async () => {
    let answer = apiError(
      422,
      "REPORT_INVALID",
      "El reporte tiene datos que no se pueden guardar.",
      [{ field: "value", message: "El valor «doce» no es un número." }],
    );
    await openForm({ [`PUT ${REPORT_URL}`]: () => answer });
    fireEvent.change(field("Valor del periodo"), { target: { value: "doce" } });
    fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
    await screen.findByRole("alert", { name: "No fue posible guardar el borrador" });
    const value = screen.getByLabelText("Valor del periodo");
    expect(value.getAttribute("aria-invalid")).toBe("true");
    expect(descriptionOf(value)).toContain("El valor «doce» no es un número.");
    expect((value as HTMLInputElement).value).toBe("doce");

    answer = { networkError: true } as never;
    fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
    await waitFor(() =>
      expect(visibleText(screen.getByRole("alert"))).toContain(
        "No fue posible conectar con el servidor",
      ),
    );
    expect((screen.getByLabelText("Valor del periodo") as HTMLInputElement).value).toBe("doce");
  });

  it("enviar con una advertencia sin explicar (422 WARNINGS_UNEXPLAINED) muestra el motivo junto a esa advertencia", async () => {
    const withWarning = report({ ...DRAFT_2320, warnings: [SEMAFORO_WARNING] });
    const fetchMock = await openForm({
      [`GET ${REPORT_URL}`]: { body: withWarning },
      [`PUT ${REPORT_URL}`]: { body: report({ ...withWarning, version: 4 }) },
      [`POST ${REPORT_URL}/submit`]: apiError(
        422,
        "WARNINGS_UNEXPLAINED",
        "Explique las advertencias antes de enviar el reporte.",
        [{ field: "explanations.semaforo", message: "Explique por qué el semáforo está en rojo." }],
      ),
    });
    fireEvent.click(screen.getByRole("button", { name: "Enviar a revisión" }));
    await screen.findByRole("alert", { name: "No fue posible enviar el reporte" });
    const explanation = screen.getByLabelText("Explicación del semáforo");
    expect(explanation.getAttribute("aria-invalid")).toBe("true");
    expect(descriptionOf(explanation)).toContain("Explique por qué el semáforo está en rojo.");
    const submit = stubCalls(fetchMock).find((c) => c.path.endsWith("/submit"));
    // The submission names the version the save just made.
    expect(submit?.headers.get("If-Match")).toBe('"r4"');
  });

  it("con la explicación escrita, enviar guarda y envía a revisión", async () => {
    const withWarning = report({ ...DRAFT_2320, warnings: [SEMAFORO_WARNING] });
    const fetchMock = await openForm({
      [`GET ${REPORT_URL}`]: { body: withWarning },
      [`PUT ${REPORT_URL}`]: { body: report({ ...withWarning, version: 4 }) },
      [`POST ${REPORT_URL}/submit`]: {
        body: report({
          ...withWarning,
          version: 5,
          status: "enviado",
          lock: "UNDER_REVIEW",
          warnings: [{ ...SEMAFORO_WARNING, explained: true }],
          explanations: { semaforo: "Retraso en la contratación del operador." },
          submittedBy: RESPONSABLE_ACTOR,
          submittedAt: "2025-04-10T15:00:00.000Z",
        }),
      },
    });
    fireEvent.change(screen.getByLabelText("Explicación del semáforo"), {
      target: { value: "Retraso en la contratación del operador." },
    });
    fireEvent.click(screen.getByRole("button", { name: "Enviar a revisión" }));
    await screen.findByText("Reporte enviado a revisión (versión 5).");
    const put = stubCalls(fetchMock).find((c) => c.method === "PUT");
    expect(put?.body).toMatchObject({
      explanations: { semaforo: "Retraso en la contratación del operador." },
    });
    expect(visibleText(screen.getByRole("note"))).toContain(
      "El reporte está enviado y en revisión",
    );
    expect(screen.queryByRole("button", { name: "Guardar borrador" })).toBeNull();
  });

  it("un corte cerrado deja el reporte en solo lectura y dice por qué", async () => {
    await openForm({
      [`GET ${REPORT_URL}`]: {
        body: report({
          ...DRAFT_2320,
          lock: "CORTE_CLOSED",
          corte: { id: 2, periodEnd: "2025-03-31", state: "cerrado" },
        }),
      },
    });
    expect(visibleText(screen.getByRole("note"))).toContain(
      "Solo lectura. El corte está cerrado: el reporte ya no se puede cambiar.",
    );
    expect(field("Valor del periodo").matches(":disabled")).toBe(true);
    expect(field("Logros").matches(":disabled")).toBe(true);
    expect(screen.queryByRole("button", { name: "Enviar a revisión" })).toBeNull();
    expect(screen.queryByLabelText("Adjuntar un archivo de soporte")).toBeNull();
  });

  it("un reporte devuelto muestra el comentario de planeación arriba del formulario", async () => {
    await openForm({
      [`GET ${REPORT_URL}`]: {
        body: report({
          ...DRAFT_2320,
          status: "devuelto",
          version: 6,
          returnComment: "Adjunte el acta de implementación.",
        }),
      },
    });
    const note = screen.getByRole("note", { name: "Planeación devolvió el reporte" });
    expect(visibleText(note)).toContain("Adjunte el acta de implementación.");
    expect(field("Logros").value).toBe("Se implementó el portafolio en 5 entidades.");
  });

  it("adjuntar un PDF lo sube con sus bytes, su nombre e If-Match, y lo lista; un enlace va en el siguiente guardado", async () => {
    const sha = "a".repeat(64);
    const fetchMock = await openForm({
      [`POST ${REPORT_URL}/evidence`]: {
        body: report({
          ...DRAFT_2320,
          version: 4,
          evidence: [
            {
              kind: "file",
              sha256: sha,
              fileName: "acta-implementacion.pdf",
              size: 2048,
              mediaType: "application/pdf",
              addedAt: "2025-04-06T15:00:00.000Z",
              addedBy: RESPONSABLE_ACTOR,
            },
          ],
        }),
      },
      [`PUT ${REPORT_URL}`]: { body: report({ ...DRAFT_2320, version: 5 }) },
    });
    const logros = "Texto que aún no se guardó.";
    fireEvent.change(field("Logros"), { target: { value: logros } });
    const pdf = new File(["%PDF-1.4 acta"], "acta-implementacion.pdf", { type: "application/pdf" });
    fireEvent.change(screen.getByLabelText("Adjuntar un archivo de soporte"), {
      target: { files: [pdf] },
    });
    const list = await screen.findByRole("list", { name: "Soportes del reporte" });
    expect(visibleText(list)).toContain("acta-implementacion.pdf Archivo, 2 KB");
    const upload = stubCalls(fetchMock).find((c) => c.path.endsWith("/evidence"));
    expect(upload?.headers.get("If-Match")).toBe('"r3"');
    expect(upload?.headers.get("Content-Type")).toBe("application/pdf");
    expect(upload?.search).toBe("?fileName=acta-implementacion.pdf");
    expect(field("Logros").value).toBe(logros);

    fireEvent.change(field("Dirección del enlace"), {
      target: { value: "https://www.tic.gov.co/portafolio" },
    });
    fireEvent.change(screen.getByLabelText(/^Título del enlace/), {
      target: { value: "Portafolio publicado" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Agregar el enlace" }));
    fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
    await screen.findByText("Borrador guardado (versión 5).");
    const put = stubCalls(fetchMock).find((c) => c.method === "PUT");
    expect(put?.headers.get("If-Match")).toBe('"r4"');
    expect(put?.body).toMatchObject({
      analysis: { achievements: logros },
      evidence: [
        { kind: "file", sha256: sha },
        { kind: "link", url: "https://www.tic.gov.co/portafolio", title: "Portafolio publicado" },
      ],
    });
  });

  it("un indicador de razón pide numerador y denominador, y el primer guardado va sin If-Match", async () => {
    const ratioPlan = structuredClone(SEED_PLAN);
    const indicator = ratioPlan.objectives
      .flatMap((o) => o.indicators)
      .find((i) => i.code === "2320");
    if (indicator === undefined) throw new Error("2320 falta en el plan semilla");
    indicator.measure = "razon";
    indicator.numerator = "Entidades con el portafolio implementado";
    indicator.denominator = "Entidades distritales";
    const fetchMock = stubApi({
      ...planAnswers(RESPONSABLE_SESSION, RESPONSABLE_PERMISSIONS, ratioPlan),
      [`GET ${REPORT_URL}`]: { body: report() },
      [`PUT ${REPORT_URL}`]: { body: report({ version: 1, status: "borrador", value: 12.5 }) },
      "/api/plans/1/reports": { body: { reports: [] } },
    });
    renderApp(PAGE);
    const numerator = await screen.findByLabelText("Numerador");
    expect(screen.queryByLabelText("Valor del periodo")).toBeNull();
    expect(descriptionOf(numerator)).toContain("Entidades con el portafolio implementado");
    fireEvent.change(numerator, { target: { value: "5" } });
    fireEvent.change(screen.getByLabelText("Denominador"), { target: { value: "40" } });
    fireEvent.click(screen.getByRole("button", { name: "Guardar borrador" }));
    await screen.findByText("Borrador guardado (versión 1).");
    const put = stubCalls(fetchMock).find((c) => c.method === "PUT");
    expect(put?.headers.get("If-Match")).toBeNull();
    expect(put?.body).toMatchObject({ numerator: "5", denominator: "40" });
    expect(put?.body).not.toHaveProperty("value");
  });

  it("planeación ve el reporte sin poder cambiarlo: su cuenta no reporta el indicador", async () => {
    stubApi({
      ...planAnswers(PLANEACION_SESSION, PLANEACION_PERMISSIONS),
      [`GET ${REPORT_URL}`]: { body: DRAFT_2320 },
      "/api/plans/1/reports": HISTORY_OF_2320,
    });
    renderApp(PAGE);
    await screen.findByRole("heading", { level: 1, name: TITLE });
    const note = await screen.findByRole("note");
    expect(visibleText(note)).toContain("Su cuenta no reporta este indicador");
    expect(screen.queryByRole("button", { name: "Guardar borrador" })).toBeNull();
  });

  it("planeación decide sobre un reporte enviado desde el propio reporte: devolver pide comentario, aprobar va con If-Match", async () => {
    const submitted = report({
      ...DRAFT_2320,
      status: "enviado",
      version: 4,
      lock: "UNDER_REVIEW",
      submittedBy: RESPONSABLE_ACTOR,
      submittedAt: "2025-04-10T15:00:00.000Z",
    });
    const fetchMock = stubApi({
      ...planAnswers(PLANEACION_SESSION, PLANEACION_PERMISSIONS),
      [`GET ${REPORT_URL}`]: { body: submitted },
      "/api/plans/1/reports": HISTORY_OF_2320,
      [`POST ${REPORT_URL}/approve`]: {
        body: report({ ...submitted, status: "aprobado", version: 5, lock: "APPROVED" }),
      },
    });
    renderApp(PAGE);
    const panel = await screen.findByRole("region", { name: "Revisión" });
    fireEvent.click(within(panel).getByRole("button", { name: "Devolver el reporte" }));
    expect(visibleText(panel)).toContain(
      "Escriba qué debe corregirse antes de devolver el reporte.",
    );
    expect(stubCalls(fetchMock).some((c) => c.path.endsWith("/return"))).toBe(false);
    expect(visibleText(screen.getByRole("note"))).toContain("Su cuenta no reporta este indicador");

    fireEvent.click(within(panel).getByRole("button", { name: "Aprobar el reporte" }));
    await screen.findByText("Reporte aprobado (versión 5).");
    const approve = stubCalls(fetchMock).find((c) => c.path === `${REPORT_URL}/approve`);
    expect(approve?.headers.get("If-Match")).toBe('"r4"');
    // Approved, the panel offers only taking the approval back, with a justification.
    expect(await screen.findByLabelText("Justificación para quitar la aprobación")).toBeDefined();
    expect(screen.queryByRole("button", { name: "Aprobar el reporte" })).toBeNull();
  });
});
