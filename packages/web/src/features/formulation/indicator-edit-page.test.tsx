import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { editorAnswers, seedDocument } from "./fixtures/formulation-fixtures.ts";

afterEach(resetApp);

type SentPlan = {
  objectives: { indicators: { code: string; name: string; targets: Record<string, number> }[] }[];
};

function sentIndicator(body: unknown, code: string) {
  return (body as { plan: SentPlan }).plan.objectives
    .flatMap((o) => o.indicators)
    .find((i) => i.code === code);
}

async function openFicha() {
  const fetchMock = stubApi({
    ...editorAnswers(seedDocument({ status: "vigente" })),
    "PUT /api/plans/1": { body: { version: 4, warnings: [] } },
    "POST /api/plans/1/reprogramaciones": { body: { version: 4, warnings: [] } },
  });
  renderApp("/planes/1/indicadores/4075/editar");
  await screen.findByRole("heading", { level: 1, name: "Indicador 4075" });
  return fetchMock;
}

describe("la ficha de un indicador, sola", () => {
  it("en vigencia, cambiar el nombre del 4075 es una edición: se envía el plan con solo ese cambio", async () => {
    const fetchMock = await openFicha();
    const name = await screen.findByLabelText("Nombre del indicador");
    fireEvent.change(name, { target: { value: "Instrumentos de planeación con participación" } });
    expect(screen.queryByLabelText("Justificación")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Guardar la ficha" }));
    await screen.findByText(/Ficha guardada: versión 4\./);
    const call = stubCalls(fetchMock).find((c) => c.method === "PUT");
    expect(call?.headers.get("If-Match")).toBe('"v3"');
    expect(sentIndicator(call?.body, "4075")?.name).toBe(
      "Instrumentos de planeación con participación",
    );
    expect(sentIndicator(call?.body, "4075")?.targets["2025"]).toBe(17);
  }, 15_000);

  it("en vigencia, cambiar la meta 2025 pide justificación y acta y se guarda como reprogramación", async () => {
    const fetchMock = await openFicha();
    fireEvent.change(await screen.findByLabelText("Programación 2025 del indicador 4075"), {
      target: { value: "20" },
    });
    const region = await screen.findByRole("region", { name: "Reprogramar" });
    expect(visibleText(region)).toContain("Indicador 4075: programación 2025: 17 → 20");
    fireEvent.change(screen.getByLabelText("Justificación"), {
      target: { value: "Ajuste de la meta 2153 por el comité" },
    });
    fireEvent.change(screen.getByLabelText("Acta o documento que la aprueba"), {
      target: { value: "Acta Comité Sectorial 04/2025" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Guardar la reprogramación" }));
    await waitFor(() =>
      expect(stubCalls(fetchMock).some((c) => c.path === "/api/plans/1/reprogramaciones")).toBe(
        true,
      ),
    );
    const call = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/reprogramaciones");
    expect(sentIndicator(call?.body, "4075")?.targets["2025"]).toBe(20);
  }, 15_000);

  it("un código que el plan no tiene lo dice", async () => {
    stubApi(editorAnswers(seedDocument({ status: "vigente" })));
    renderApp("/planes/1/indicadores/999/editar");
    expect(await screen.findByText("El plan no tiene el indicador 999.")).toBeDefined();
  });
});
