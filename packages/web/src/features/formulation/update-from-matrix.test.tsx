import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import { editorAnswers, seedDocument } from "./fixtures/formulation-fixtures.ts";
import type { PlanChange, PlanUpdateResult } from "./formulation-api.ts";

const CHANGE_2153: PlanChange = {
  path: "objectives[3].indicators[1].targets.2025",
  kind: "changed",
  objectiveCode: "4",
  indicatorCode: "4075",
  field: "targets",
  year: 2025,
  before: 17,
  after: 20,
  message: "Indicador 4075: programación 2025: 17 → 20",
};

const REPROGRAMAR: PlanUpdateResult = {
  action: "reprogramar",
  planId: 1,
  version: 3,
  changes: [CHANGE_2153],
  warnings: [],
};

function xlsxFile(): File {
  return new File([new Uint8Array([80, 75, 3, 4])], "PES-GP-2024-2027.xlsx", { type: "" });
}

async function openUpdate(answers: Parameters<typeof stubApi>[0]) {
  const fetchMock = stubApi({
    ...editorAnswers(seedDocument({ status: "vigente" })),
    ...answers,
  });
  renderApp("/planes/1");
  await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
  const summary = await screen.findByText("Actualizar desde la matriz");
  fireEvent.click(summary);
  // Queries stay inside the section: the whole plan page is large for the DOM emulator.
  const section = within(summary.parentElement as HTMLElement);
  fireEvent.change(section.getByLabelText("Matriz editada del plan"), {
    target: { files: [xlsxFile()] },
  });
  fireEvent.click(section.getByRole("button", { name: "Ver los cambios" }));
  return { fetchMock, section };
}

afterEach(resetApp);

describe("actualizar el plan desde la matriz editada", () => {
  it("en vigencia, la matriz con la meta 2153 cambiada muestra el cambio y se guarda como reprogramación con justificación y acta", async () => {
    const { fetchMock, section } = await openUpdate({
      "POST /api/plans/1/import": (request) =>
        request.search.includes("dryRun=true")
          ? { body: REPROGRAMAR }
          : { body: { ...REPROGRAMAR, version: 4 } },
    });
    const changes = await section.findByRole("list", { name: "Cambios que trae la matriz" });
    expect(within(changes).getAllByRole("listitem").map(visibleText)).toEqual([
      "Indicador 4075: programación 2025: 17 → 20",
    ]);
    expect(section.getByText(/se guardará como reprogramación/)).toBeDefined();

    // Without a justification nothing is sent.
    fireEvent.click(section.getByRole("button", { name: "Guardar la reprogramación" }));
    expect(section.getByLabelText("Justificación").getAttribute("aria-invalid")).toBe("true");
    expect(stubCalls(fetchMock).filter((c) => c.method === "POST")).toHaveLength(1);

    fireEvent.change(section.getByLabelText("Justificación"), {
      target: { value: "Ajuste de la meta 2153 por el comité" },
    });
    fireEvent.change(section.getByLabelText("Acta o documento que la aprueba"), {
      target: { value: "Acta Comité Sectorial 04/2025" },
    });
    fireEvent.click(section.getByRole("button", { name: "Guardar la reprogramación" }));
    await section.findByText(/Reprogramación guardada: versión 4\./);
    const saved = stubCalls(fetchMock)
      .filter((c) => c.method === "POST")
      .at(-1);
    expect(saved?.headers.get("If-Match")).toBe('"v3"');
    const query = new URLSearchParams(saved?.search);
    expect(query.get("dryRun")).toBeNull();
    expect(query.get("justification")).toBe("Ajuste de la meta 2153 por el comité");
    expect(query.get("actReference")).toBe("Acta Comité Sectorial 04/2025");
  }, 15_000);

  it("la matriz exportada sin cambios dice que no hay nada que guardar y no ofrece guardar", async () => {
    const { section } = await openUpdate({
      "POST /api/plans/1/import": {
        body: { action: "sin cambios", planId: 1, version: 3, changes: [], warnings: [] },
      },
    });
    await section.findByText("El archivo es igual a la versión vigente: no hay nada que guardar.");
    expect(section.queryByRole("button", { name: /Guardar/ })).toBeNull();
  });

  it("si otra persona guardó antes, lo dice y pide revisar de nuevo", async () => {
    const { section } = await openUpdate({
      "POST /api/plans/1/import": (request) =>
        request.search.includes("dryRun=true")
          ? { body: { ...REPROGRAMAR, action: "editar" } }
          : apiError(
              409,
              "VERSION_CONFLICT",
              "Otra persona guardó cambios en el plan: usted editaba la versión 3 y la vigente es la 4.",
              { currentVersion: 4, changes: [] },
            ),
    });
    fireEvent.click(await section.findByRole("button", { name: "Guardar como edición" }));
    await waitFor(() =>
      expect(section.getByRole("alert").textContent).toContain(
        "Vuelva a revisar el archivo para ver los cambios frente a la versión 4.",
      ),
    );
  }, 15_000);
});
