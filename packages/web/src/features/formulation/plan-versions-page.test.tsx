import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import { editorAnswers, SEED_VERSIONS } from "./fixtures/formulation-fixtures.ts";
import type { PlanChange, PlanVersion } from "./formulation-api.ts";

const CHANGES: PlanChange[] = [
  {
    path: "objectives[2].indicators[1].targets.2025",
    kind: "changed",
    objectiveCode: "3",
    indicatorCode: "2320",
    field: "targets",
    year: 2025,
    before: 40,
    after: 45,
    message: "Indicador 2320: programación 2025: 40 → 45",
  },
  {
    path: "objectives[2].indicators[1].weight.2025",
    kind: "changed",
    field: "weight",
    year: 2025,
    before: 50,
    after: 60,
    message: "Indicador 2320: ponderación 2025: 50 % → 60 %",
  },
];

async function openVersions() {
  const fetchMock = stubApi({
    ...editorAnswers(),
    "/api/plans/1/diff": { body: { changes: CHANGES } },
  });
  renderApp("/planes/1/versiones");
  await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
  return fetchMock;
}

afterEach(resetApp);

describe("historial de versiones", () => {
  it("lista las versiones con tipo, fecha dd/mm/aaaa de Bogotá, quién, justificación y acta", async () => {
    await openVersions();
    expect(document.title).toBe("Historial de versiones: PES-GP-2024-2027 — Rumbo");
    const table = screen.getByRole("table", {
      name: "Versiones del plan, de la más reciente a la primera",
    });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell").map(visibleText));
    expect(rows[0]).toEqual([
      "Reprogramación",
      // 2025-07-01T03:00Z is still 30 June in Bogotá (UTC−5).
      "30/06/2025",
      "01/07/2025",
      "planeacion@rumbo.local",
      "Ajuste por recorte presupuestal de 2025",
      "Acta Comité Sectorial 03/2025",
      "Ver la versión 3",
    ]);
    expect(rows[2]).toEqual([
      "Importación",
      "15/01/2025",
      "15/01/2025",
      "Sistema",
      "—",
      "—",
      "Ver la versión 1",
    ]);
    expect(within(table).getByRole("link", { name: "Ver la versión 1" }).getAttribute("href")).toBe(
      "/planes/1?version=1",
    );
    // The version in force is the plan's page itself.
    expect(within(table).getByRole("link", { name: "Ver la versión 3" }).getAttribute("href")).toBe(
      "/planes/1",
    );
  });

  it("a quien no ve las cuentas, la reprogramación dice que la hizo una persona y muestra su acta, nunca «Sistema»", async () => {
    stubApi({
      ...editorAnswers(),
      "/api/plans/1/versions": {
        body: { versions: SEED_VERSIONS.map((v) => ({ ...v, actorEmail: null })) },
      },
    });
    renderApp("/planes/1/versiones");
    const table = await screen.findByRole("table", {
      name: "Versiones del plan, de la más reciente a la primera",
    });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell").map(visibleText));
    expect(rows.map((cells) => cells[3])).toEqual([
      "Una persona (dato reservado)",
      "Una persona (dato reservado)",
      "Sistema",
    ]);
    expect(rows[0]?.[5]).toBe("Acta Comité Sectorial 03/2025");
  });

  it("una reprogramación que rige desde una fecha futura no es aún la vigente: lo es la anterior", async () => {
    stubApi({
      ...editorAnswers(),
      "/api/plans/1/versions": {
        body: {
          versions: [
            ...SEED_VERSIONS.slice(0, 2),
            { ...SEED_VERSIONS[2], effectiveFrom: "2999-01-01" } as PlanVersion,
          ],
        },
      },
    });
    renderApp("/planes/1/versiones");
    const table = await screen.findByRole("table", {
      name: "Versiones del plan, de la más reciente a la primera",
    });
    const headers = within(table).getAllByRole("rowheader").map(visibleText);
    expect(headers).toEqual(["3rige desde el 01/01/2999", "2vigente", "1"]);
  });

  it("la publicación después de una reprogramación futura conserva su fecha: sigue rigiendo la versión 2", async () => {
    const future = { ...SEED_VERSIONS[2], effectiveFrom: "2999-01-01" } as PlanVersion;
    const published: PlanVersion = {
      ...future,
      version: 4,
      kind: "publicacion",
      createdAt: "2025-07-02T15:00:00.000Z",
      justification: null,
      actReference: null,
    };
    stubApi({
      ...editorAnswers(),
      "/api/plans/1/versions": {
        body: { versions: [...SEED_VERSIONS.slice(0, 2), future, published] },
      },
    });
    renderApp("/planes/1/versiones");
    const table = await screen.findByRole("table", {
      name: "Versiones del plan, de la más reciente a la primera",
    });
    expect(within(table).getAllByRole("rowheader").map(visibleText)).toEqual([
      "4rige desde el 01/01/2999",
      "3rige desde el 01/01/2999",
      "2vigente",
      "1",
    ]);
    expect(visibleText(within(table).getAllByRole("row")[1] as HTMLElement)).toContain(
      "Publicación",
    );
  });

  it("compara dos versiones elegidas y lista los cambios", async () => {
    const fetchMock = await openVersions();
    expect((screen.getByLabelText("Versión inicial") as HTMLSelectElement).value).toBe("2");
    expect((screen.getByLabelText("Versión final") as HTMLSelectElement).value).toBe("3");
    fireEvent.change(screen.getByLabelText("Versión inicial"), { target: { value: "1" } });
    fireEvent.click(screen.getByRole("button", { name: "Comparar" }));
    const heading = await screen.findByRole("heading", { name: "Cambios de la versión 1 a la 3" });
    const result = heading.parentElement as HTMLElement;
    expect(within(result).getAllByRole("listitem").map(visibleText)).toEqual([
      "Indicador 2320: programación 2025: 40 → 45",
      "Indicador 2320: ponderación 2025: 50 % → 60 %",
    ]);
    await waitFor(() =>
      expect(stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/diff")?.search).toBe(
        "?from=1&to=3",
      ),
    );
  });
});
