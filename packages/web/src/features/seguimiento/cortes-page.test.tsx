import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { PLANEACION_SESSION, RESPONSABLE_SESSION } from "../session/fixtures/sessions.ts";
import {
  CORTE_2024,
  CORTE_2025_Q1,
  corte,
  PLANEACION_ACTOR,
  PLANEACION_PERMISSIONS,
  PUBLICATIONS,
  planAnswers,
  RESPONSABLE_PERMISSIONS,
} from "./fixtures/seguimiento-fixtures.ts";

afterEach(resetApp);

function openCortes(answers: Parameters<typeof stubApi>[0] = {}) {
  const fetchMock = stubApi({
    ...planAnswers(PLANEACION_SESSION, PLANEACION_PERMISSIONS),
    "GET /api/plans/1/cortes": { body: { cortes: [CORTE_2024, CORTE_2025_Q1] } },
    ...answers,
  });
  renderApp("/planes/1/seguimiento/cortes");
  return fetchMock;
}

describe("cortes de seguimiento", () => {
  it("muestra el avance de cada corte: esperados, recibidos, aprobados, tardíos", async () => {
    openCortes();
    await screen.findByRole("heading", { level: 1, name: "Cortes de seguimiento" });
    const table = await screen.findByRole("table", { name: "Avance de los cortes" });
    const rows = within(table)
      .getAllByRole("row")
      .map((row) => Array.from(row.children, visibleText));
    expect(rows).toEqual([
      [
        "Corte",
        "Estado",
        "Fecha límite",
        "Esperados",
        "Recibidos",
        "Aprobados",
        "Tardíos",
        "Devueltos",
        "Pendientes",
      ],
      ["31/03/2025", "Abierto", "15/04/2025", "18", "7", "3", "1", "1", "11"],
      ["31/12/2024", "Cerrado", "20/01/2025", "18", "18", "18", "2", "0", "0"],
    ]);
  });

  it("cerrar un corte pide confirmación antes de llamar al servidor", async () => {
    const fetchMock = openCortes({
      "POST /api/plans/1/cortes/2/close": {
        body: corte({
          state: "cerrado",
          closedAt: "2025-04-30T22:00:00.000Z",
          closedBy: PLANEACION_ACTOR,
        }),
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Cerrar el corte al 31/03/2025" }));
    expect(stubCalls(fetchMock).some((c) => c.path.endsWith("/close"))).toBe(false);
    expect(screen.getByText(/nadie podrá cambiar sus reportes/)).toBeDefined();
    fireEvent.click(screen.getByRole("button", { name: "Sí, cerrar el corte" }));
    expect(await screen.findByText("Corte al 31/03/2025 cerrado.")).toBeDefined();
    expect(
      stubCalls(fetchMock).filter((c) => c.path === "/api/plans/1/cortes/2/close"),
    ).toHaveLength(1);
  });

  it("reabrir un corte cerrado envía la justificación, la fecha y los indicadores nombrados", async () => {
    const fetchMock = openCortes({
      "POST /api/plans/1/cortes/1/reopen": {
        body: {
          ...CORTE_2024,
          reopenings: [
            {
              id: 1,
              indicators: ["2320", "78"],
              justification: "Corrección del valor reportado por la entidad.",
              until: "2025-05-15",
              createdAt: "2025-05-02T15:00:00.000Z",
              createdBy: PLANEACION_ACTOR,
              active: true,
            },
          ],
        },
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Reabrir el corte al 31/12/2024" }));
    const form = screen.getByRole("form", { name: "Reabrir el corte al 31/12/2024" });
    fireEvent.change(within(form).getByLabelText("Justificación de la reapertura"), {
      target: { value: "Corrección del valor reportado por la entidad." },
    });
    fireEvent.change(within(form).getByLabelText("Reabierto hasta"), {
      target: { value: "2025-05-15" },
    });
    fireEvent.change(within(form).getByLabelText("Indicadores que se reabren"), {
      target: { value: "2320, 78" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Reabrir el corte" }));
    expect(await screen.findByText("Corte al 31/12/2024 reabierto.")).toBeDefined();
    const call = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/cortes/1/reopen");
    expect(call?.body).toEqual({
      justification: "Corrección del valor reportado por la entidad.",
      until: "2025-05-15",
      indicators: ["2320", "78"],
    });
  });

  it("programar un corte con fechas inconsistentes muestra el error junto a la fecha", async () => {
    const fetchMock = openCortes({
      "POST /api/plans/1/cortes": apiError(
        422,
        "VALIDATION_ERROR",
        "Revise las fechas del corte.",
        [{ field: "dueOn", message: "La fecha límite debe ser posterior a la apertura." }],
      ),
    });
    await screen.findByRole("heading", { name: "Programar un corte" });
    const dates: [string, string][] = [
      ["Fin del periodo", "2025-06-30"],
      ["Apertura", "2025-07-01"],
      ["Fecha límite de reporte", "2025-06-15"],
      ["Cierre previsto", "2025-07-31"],
    ];
    for (const [label, value] of dates) {
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    }
    fireEvent.click(screen.getByRole("button", { name: "Programar el corte" }));
    expect(
      await screen.findByText("La fecha límite debe ser posterior a la apertura."),
    ).toBeDefined();
    expect(screen.getByLabelText("Fecha límite de reporte").getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect((screen.getByLabelText("Apertura") as HTMLInputElement).value).toBe("2025-07-01");
    const call = stubCalls(fetchMock).find((c) => c.method === "POST");
    expect(call?.body).toEqual({
      periodEnd: "2025-06-30",
      opensOn: "2025-07-01",
      dueOn: "2025-06-15",
      closesOn: "2025-07-31",
    });
  });

  it("un responsable ve el avance, sin botones para cerrar, reabrir o programar", async () => {
    stubApi({
      ...planAnswers(RESPONSABLE_SESSION, RESPONSABLE_PERMISSIONS),
      "/api/plans/1/cortes": { body: { cortes: [CORTE_2024, CORTE_2025_Q1] } },
    });
    renderApp("/planes/1/seguimiento/cortes");
    await screen.findByRole("table", { name: "Avance de los cortes" });
    expect(screen.queryByRole("button", { name: /Cerrar el corte/ })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Programar un corte" })).toBeNull();
    expect(visibleText(screen.getByRole("article", { name: /Corte al 31\/12\/2024/ }))).toContain(
      "cerrado el 31/01/2025, 17:00:00 por Paula Planeación (demo)",
    );
  });

  it("cada corte ofrece su informe de seguimiento en PDF, XLSX y CSV, y el cerrado lo que cambió desde entonces", async () => {
    openCortes();
    const card = await screen.findByRole("article", { name: /Corte al 31\/12\/2024/ });
    const links = within(card).getByRole("list", {
      name: "Informe de seguimiento del corte al 31/12/2024",
    });
    expect(
      within(links)
        .getAllByRole("link")
        .map((link) => [visibleText(link), link.getAttribute("href")]),
    ).toEqual([
      [
        "Descargar informe (PDF) del corte al 31/12/2024",
        "/api/plans/1/informe?corte=1&format=pdf",
      ],
      [
        "Descargar informe (XLSX) del corte al 31/12/2024",
        "/api/plans/1/informe?corte=1&format=xlsx",
      ],
      [
        "Descargar informe (CSV) del corte al 31/12/2024",
        "/api/plans/1/informe?corte=1&format=csv",
      ],
      // Closed: its informe is fixed, and what changed since can be asked.
      [
        "¿Qué cambió desde este informe? del corte al 31/12/2024",
        "/planes/1/tablero/informes/1/cambios",
      ],
    ]);
    expect(
      screen
        .getByRole("link", { name: "Descargar informe (PDF) del corte al 31/03/2025" })
        .getAttribute("href"),
    ).toBe(`/api/plans/1/informe?corte=${CORTE_2025_Q1.id}&format=pdf`);
  });
});

describe("publicación del plan y de sus cortes", () => {
  it("lista las publicaciones con número y fecha, y publicar de nuevo un corte cerrado llama al servidor", async () => {
    const fetchMock = openCortes({
      "POST /api/plans/1/cortes/1/publish": {
        body: {
          created: true,
          publication: {
            ...PUBLICATIONS[0],
            id: 3,
            number: 3,
            publishedAt: "2025-03-01T15:00:00.000Z",
            supersedes: 2,
          },
        },
      },
    });
    const list = await screen.findByRole("list", { name: "Publicaciones del plan" });
    expect(within(list).getAllByRole("listitem").map(visibleText)).toEqual([
      "N.º 2 · Corte al 31/12/2024 · 03/02/2025, 10:00:00 · CC-BY-SA-4.0 — Paula Planeación",
      "N.º 1 · Plan · 20/01/2025, 10:00:00 · CC-BY-SA-4.0 — Paula Planeación",
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Publicar de nuevo al 31/12/2024" }));
    expect(
      await screen.findByText("Corte al 31/12/2024 publicado: publicación n.º 3."),
    ).toBeDefined();
    expect(
      stubCalls(fetchMock).filter((c) => c.path === "/api/plans/1/cortes/1/publish"),
    ).toHaveLength(1);
  });

  it("un responsable no ve la sección de publicación", async () => {
    stubApi({
      ...planAnswers(RESPONSABLE_SESSION, RESPONSABLE_PERMISSIONS),
      "GET /api/plans/1/cortes": { body: { cortes: [CORTE_2024, CORTE_2025_Q1] } },
    });
    renderApp("/planes/1/seguimiento/cortes");
    await screen.findByRole("table", { name: "Avance de los cortes" });
    expect(screen.queryByRole("heading", { name: "Publicación" })).toBeNull();
  });
});
