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
import { editorAnswers, seedDocument } from "./fixtures/formulation-fixtures.ts";
import { fieldId } from "./plan-paths.ts";

afterEach(resetApp);

// Role queries walk the accessibility tree of 144 inputs: slow in the DOM emulator,
// so the grid and the panel are found by their labels and landmarks' elements.
function gridRows(): string[] {
  return [...document.querySelectorAll(".reprogram-grid tbody th[scope=row]")].map(visibleText);
}

function inputOrArea(path: string): HTMLElement {
  const element = document.getElementById(fieldId(path));
  if (element === null) throw new Error(`sin campo ${path}`);
  return element;
}

function panel(): HTMLElement {
  const aside = document.querySelector<HTMLElement>(".reprogram-aside");
  if (aside === null) throw new Error("sin panel");
  expect(aside.getAttribute("aria-label")).toBe("Cambios y acta de la reprogramación");
  return aside;
}

/**
 * The input of a JSON path, checked against its label. getByLabelText on this
 * page takes seconds in the DOM emulator (every label against every element).
 */
function inputAt(path: string, label: string): HTMLInputElement {
  const id = fieldId(path);
  const input = document.getElementById(id);
  if (!(input instanceof HTMLInputElement)) throw new Error(`sin campo ${path}`);
  expect(document.querySelector(`label[for="${id}"]`)?.textContent).toBe(label);
  return input;
}

const TARGET_4075_2025 = "objectives[3].indicators[1].targets.2025";

async function openReprogram(status: "vigente" | "formulacion" = "vigente") {
  const fetchMock = stubApi({
    ...editorAnswers(seedDocument({ status })),
    "POST /api/plans/1/reprogramaciones": { body: { version: 4, warnings: [] } },
  });
  renderApp("/planes/1/reprogramar");
  await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
  return fetchMock;
}

describe("reprogramar en su propia página", () => {
  it("filtrar por 2153 deja solo la meta 2153; cambiar su meta 2025 se ve al lado y se guarda como reprogramación con acta", async () => {
    const fetchMock = await openReprogram();
    await waitFor(() => expect(gridRows()).toHaveLength(18));
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "2153" } });
    expect(gridRows()).toEqual([expect.stringContaining("Obj. 4 · 4075 meta 2153")]);
    const target = inputAt(TARGET_4075_2025, "Programación 2025 del indicador 4075");
    expect(target.value).toBe("17");
    fireEvent.change(target, { target: { value: "20" } });

    const side = within(panel());
    expect(side.getAllByRole("listitem").map(visibleText)).toEqual([
      "Indicador 4075: programación 2025: 17 → 20",
    ]);
    fireEvent.change(side.getByLabelText("Justificación"), {
      target: { value: "Ajuste de la meta 2153 por el comité" },
    });
    fireEvent.change(side.getByLabelText("Acta o documento que la aprueba"), {
      target: { value: "Acta Comité Sectorial 04/2025" },
    });
    fireEvent.click(side.getByRole("button", { name: "Guardar la reprogramación" }));
    await side.findByText(/Reprogramación guardada: versión 4\./);
    const call = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/reprogramaciones");
    expect(call?.headers.get("If-Match")).toBe('"v3"');
    const body = call?.body as {
      plan: { objectives: { indicators: { code: string; targets: Record<string, number> }[] }[] };
      actReference: string;
    };
    const sent = body.plan.objectives.flatMap((o) => o.indicators).find((i) => i.code === "4075");
    expect(sent?.targets["2025"]).toBe(20);
    expect(body.actReference).toBe("Acta Comité Sectorial 04/2025");
  }, 20_000);

  it("sin justificación no se envía nada", async () => {
    const fetchMock = await openReprogram();
    await waitFor(() => expect(gridRows()).toHaveLength(18));
    fireEvent.change(inputAt(TARGET_4075_2025, "Programación 2025 del indicador 4075"), {
      target: { value: "20" },
    });
    fireEvent.click(within(panel()).getByRole("button", { name: "Guardar la reprogramación" }));
    await waitFor(() =>
      expect(inputOrArea("reprogramacion.justification").getAttribute("aria-invalid")).toBe("true"),
    );
    expect(stubCalls(fetchMock).some((c) => c.method === "POST")).toBe(false);
  }, 20_000);

  it("un plan en formulación no se reprograma: lleva al editor", async () => {
    await openReprogram("formulacion");
    expect(
      (await screen.findByRole("link", { name: "el editor del plan" })).getAttribute("href"),
    ).toBe("/planes/1/editar");
    expect(document.querySelector("table")).toBeNull();
  });
});
