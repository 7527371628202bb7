import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderApp, resetApp, stubApi, visibleText } from "../../shared/testing/render-app.tsx";
import { PLANEACION_SESSION } from "../session/fixtures/sessions.ts";
import {
  PLANEACION_ACTOR,
  PLANEACION_PERMISSIONS,
  planAnswers,
  version,
} from "./fixtures/seguimiento-fixtures.ts";

afterEach(resetApp);

const PDF = {
  kind: "file" as const,
  sha256: "b".repeat(64),
  fileName: "acta-implementacion.pdf",
  size: 2048,
  mediaType: "application/pdf",
  addedAt: "2025-04-06T15:00:00.000Z",
  addedBy: null,
};

const VERSIONS = [
  version({
    version: 1,
    changes: [
      { field: "value", label: "Valor", before: null, after: 12.5 },
      { field: "achievements", label: "Logros", before: "", after: "Portafolio en 5 entidades." },
    ],
  }),
  version({
    version: 2,
    action: "evidence",
    evidence: [PDF],
    changes: [{ field: "evidence", label: "Soportes", before: [], after: [PDF] }],
  }),
  version({
    version: 3,
    action: "return",
    status: "devuelto",
    recordedBy: PLANEACION_ACTOR,
    recordedAt: "2025-04-11T14:30:00.000Z",
    comment: "Adjunte el acta firmada.",
    refersTo: 2,
    changes: [{ field: "status", label: "Estado", before: "enviado", after: "devuelto" }],
  }),
];

describe("historial de un reporte", () => {
  it("muestra cada versión, la más reciente primero: quién, cuándo, la acción, el comentario y qué cambió", async () => {
    stubApi({
      ...planAnswers(PLANEACION_SESSION, PLANEACION_PERMISSIONS),
      "/api/plans/1/indicators/2320/reports/2025-Q1/history": { body: { versions: VERSIONS } },
    });
    renderApp("/planes/1/indicadores/2320/reportes/2025-Q1/historial");
    await screen.findByRole("heading", {
      level: 1,
      name: "Historial del indicador 2320 — primer trimestre de 2025",
    });
    const list = await screen.findByRole("list", { name: "Versiones del reporte" });
    const entries = within(list).getAllByRole("article");
    expect(entries.map((e) => within(e).getByRole("heading").textContent)).toEqual([
      "Versión 3: Devolvió el reporte",
      "Versión 2: Cambió los soportes",
      "Versión 1: Guardó el borrador",
    ]);
    const [returned, evidence, saved] = entries as [HTMLElement, HTMLElement, HTMLElement];
    expect(visibleText(returned)).toContain(
      "Paula Planeación (demo) · 11/04/2025, 09:30:00 · por formulario · estado Devuelto · sobre la versión 2",
    );
    expect(visibleText(returned)).toContain("Comentario de devolución: Adjunte el acta firmada.");
    const rows = (entry: HTMLElement) =>
      within(within(entry).getByRole("table"))
        .getAllByRole("row")
        .slice(1)
        .map((row) => Array.from(row.children, visibleText));
    expect(rows(returned)).toEqual([["Estado", "Enviado a revisión", "Devuelto"]]);
    expect(rows(evidence)).toEqual([["Soportes", "(ninguno)", "acta-implementacion.pdf"]]);
    expect(rows(saved)).toEqual([
      ["Valor", "(vacío)", "12,5"],
      ["Logros", "(vacío)", "Portafolio en 5 entidades."],
    ]);
  });
});
