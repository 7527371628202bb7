import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { RESPONSABLE_SESSION } from "../session/fixtures/sessions.ts";
import {
  CORTE_2024,
  CORTE_2025_Q1,
  INDICATOR_78,
  planAnswers,
  RESPONSABLE_ACTOR,
  RESPONSABLE_PERMISSIONS,
  summary,
} from "./fixtures/seguimiento-fixtures.ts";

afterEach(resetApp);

const MINE = [
  summary({
    status: "devuelto",
    version: 5,
    value: 12.5,
    returnComment: "Adjunte el acta de implementación.",
    submittedBy: RESPONSABLE_ACTOR,
    submittedAt: "2025-04-10T15:00:00.000Z",
  }),
  summary({ ...INDICATOR_78, unit: "%", target: 60, previousValue: 45, overdue: true }),
];

function stubMine() {
  return stubApi({
    ...planAnswers(RESPONSABLE_SESSION, RESPONSABLE_PERMISSIONS),
    "/api/plans/1/cortes": { body: { cortes: [CORTE_2024, CORTE_2025_Q1] } },
    "/api/plans/1/reports": { body: { reports: MINE } },
  });
}

function group(name: RegExp): HTMLElement {
  return screen.getByRole("region", { name });
}

describe("mis indicadores", () => {
  it("agrupa lo que el responsable reporta en el corte abierto: devueltos con su comentario y vencidos", async () => {
    const fetchMock = stubMine();
    renderApp("/planes/1/seguimiento");
    await screen.findByRole("heading", { level: 1, name: "Mis indicadores" });
    await screen.findByRole("region", { name: /Devueltos para corregir/ });
    expect(visibleText(screen.getByText(/Corte al 31\/03\/2025/))).toContain(
      "reporte a tiempo hasta el 15/04/2025",
    );
    const returned = group(/^Devueltos para corregir \(1\)$/);
    expect(visibleText(returned)).toContain(
      "Comentario de planeación: Adjunte el acta de implementación.",
    );
    const link = within(returned).getByRole("link", {
      name: "Indicador 2320 — primer trimestre de 2025",
    });
    expect(link.getAttribute("href")).toBe("/planes/1/indicadores/2320/reportes/2025-Q1");
    const overdue = group(/^Vencidos \(1\)$/);
    expect(within(overdue).getByRole("link", { name: "Indicador 78 — primer trimestre de 2025" }));
    expect(visibleText(group(/^Por reportar \(0\)$/))).toContain(
      "No tiene reportes pendientes en este corte.",
    );
    expect(group(/^Aprobados \(0\)$/)).toBeDefined();
    const list = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/reports");
    expect(new URLSearchParams(list?.search).get("mine")).toBe("true");
    expect(new URLSearchParams(list?.search).get("corte")).toBe("2");
  });

  it("sin corte abierto lo dice y no pide reportes", async () => {
    const fetchMock = stubApi({
      ...planAnswers(RESPONSABLE_SESSION, RESPONSABLE_PERMISSIONS),
      "/api/plans/1/cortes": { body: { cortes: [CORTE_2024] } },
    });
    renderApp("/planes/1/seguimiento");
    expect(
      await screen.findByText("No hay un corte abierto: por ahora no hay nada que reportar."),
    ).toBeDefined();
    expect(stubCalls(fetchMock).some((c) => c.path === "/api/plans/1/reports")).toBe(false);
  });

  it("el responsable llega desde el menú principal y desde la nota del plan «Puede reportar 2 indicadores»", async () => {
    stubMine();
    renderApp("/planes/1");
    const note = await screen.findByRole("region", { name: "Lo que puede hacer en este plan" });
    const fromNote = await within(note).findByRole("link", { name: "Reportar mis indicadores" });
    expect(fromNote.getAttribute("href")).toBe("/planes/1/seguimiento");
    const badge = screen.getByRole("link", {
      name: "Usted reporta el indicador 2320: ir a Mis indicadores",
    });
    expect(badge.getAttribute("href")).toBe("/planes/1/seguimiento");
    const nav = screen.getByRole("navigation", { name: "Principal" });
    fireEvent.click(within(nav).getByRole("link", { name: "Mis indicadores" }));
    await screen.findByRole("heading", { level: 1, name: "Mis indicadores" });
    expect(window.location.pathname).toBe("/planes/1/seguimiento");
  });
});
