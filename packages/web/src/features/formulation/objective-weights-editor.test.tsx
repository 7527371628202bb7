import { type Plan, validatePlanRules } from "@rumbo/core";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  renderApp,
  resetApp,
  type StubAnswer,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import { buttonNamed, descriptionOf, fieldByLabel, labelledBy } from "./fixtures/fields.ts";
import { editorAnswers, seedDocument } from "./fixtures/formulation-fixtures.ts";
import type { PlanDocument } from "./formulation-api.ts";
import { shortName } from "./objective-weights-editor.tsx";

/** The seed plan's first three objectives weighing 30/30/40 (one number each). */
function weightedDocument(overrides: Partial<PlanDocument> = {}): PlanDocument {
  const weights = [30, 30, 40];
  return seedDocument({
    objectives: SEED_PLAN.objectives
      .slice(0, 3)
      .map((objective, index) => ({ ...objective, weight: weights[index] })),
    ...overrides,
  });
}

/** The editor of `document`, with the issues core's rules find in it as the saved plan's validation. */
async function openEditor(document: PlanDocument, extra: Record<string, StubAnswer> = {}) {
  const fetchMock = stubApi({ ...editorAnswers(document, validatePlanRules(document)), ...extra });
  renderApp("/planes/1/editar");
  await screen.findByText(SEED_PLAN.name, { selector: "h1" });
  return fetchMock;
}

function input(label: string): HTMLInputElement {
  return fieldByLabel(label) as HTMLInputElement;
}

function type(label: string, value: string): void {
  fireEvent.change(input(label), { target: { value } });
}

function weightLabel(objective: string, year: number | string): string {
  return `Ponderación del objetivo ${objective} en ${year} (%)`;
}

function share(objective: string, year: number | string): string {
  return descriptionOf(input(weightLabel(objective, year)));
}

function section(): HTMLElement {
  const found = labelledBy("Ponderación de los objetivos en el plan", "section");
  if (found === null) throw new Error("No está la sección de ponderación de los objetivos");
  return found;
}

function table(): HTMLTableElement | null {
  const caption = Array.from(section().querySelectorAll("caption")).find(
    (c) => visibleText(c) === "Ponderación de cada objetivo por vigencia (%)",
  );
  return caption?.closest("table") ?? null;
}

function sumRow(): string {
  const last = Array.from(table()?.querySelectorAll("tr") ?? []).at(-1);
  if (last === undefined) throw new Error("La tabla de ponderación no tiene filas");
  return Array.from(last.children).map(visibleText).join(" | ");
}

function rowHeader(objective: string): HTMLElement {
  const header = Array.from(table()?.querySelectorAll("tbody th[scope=row]") ?? []).find((th) =>
    visibleText(th).startsWith(`Objetivo ${objective} `),
  );
  if (!(header instanceof HTMLElement)) throw new Error(`No hay fila del objetivo ${objective}`);
  return header;
}

function radio(label: string): HTMLInputElement {
  return fieldByLabel(label, section()) as HTMLInputElement;
}

afterEach(resetApp);

describe("ponderación de los objetivos en el editor del plan", () => {
  it("una fila por objetivo con código y nombre corto, una columna por vigencia y el periodo", async () => {
    await openEditor(weightedDocument());
    expect(radio("Ponderación por objetivo").checked).toBe(true);
    expect(radio("Todos los objetivos pesan igual").checked).toBe(false);
    const headers = Array.from(table()?.querySelectorAll("thead th") ?? []).map(visibleText);
    expect(headers.slice(0, 5)).toEqual(["Objetivo", "2024", "2025", "2026", "2027"]);
    expect(headers[5]).toMatch(/^Periodo 2024–2027/);
    expect(visibleText(rowHeader("3"))).toBe(
      `Objetivo 3 ${shortName(SEED_PLAN.objectives[2]?.name ?? "")}`,
    );
    expect(shortName(SEED_PLAN.objectives[2]?.name ?? "")).toBe(
      "Mejorar el uso y aprovechamiento de las tecnologías de la…",
    );
    expect(input(weightLabel("3", 2024)).value).toBe("40");
    expect(input(weightLabel("3", "el periodo 2024–2027")).value).toBe("");
  });

  it("30/30/40 suma 100 % cada vigencia; escribir 30 en 2025 marca «no suma 100 %» y renormaliza", async () => {
    await openEditor(weightedDocument());
    expect(sumRow()).toBe(
      "Suma | Suma 2024: 100 % | Suma 2025: 100 % | Suma 2026: 100 % | Suma 2027: 100 % | Suma del periodo: 100 %",
    );
    expect(share("1", 2025)).toBe("Participación: 30 %");
    expect(share("3", 2025)).toBe("Participación: 40 %");

    type(weightLabel("3", 2025), "30");
    expect(sumRow()).toBe(
      "Suma | Suma 2024: 100 % | Suma 2025: 90 % (no suma 100 %) | Suma 2026: 100 % | Suma 2027: 100 % | Suma del periodo: 97,5 % (no suma 100 %)",
    );
    expect(share("1", 2025)).toBe("Participación: 33,33 %");
    expect(share("3", 2025)).toBe("Participación: 33,33 %");
    expect(share("3", 2024)).toBe("Participación: 40 %");
  });

  it("la advertencia de core por la suma (20/30/40 = 90 %) queda junto a la tabla, antes de ella", async () => {
    const document = weightedDocument();
    const first = document.objectives[0];
    if (first === undefined) throw new Error("falta el objetivo 1");
    first.weight = 20;
    await openEditor(document);
    const warning =
      "Advertencia: Las ponderaciones de los objetivos suman 90 %, no 100 %; el cumplimiento del plan se renormaliza sobre ellas.";
    await waitFor(() => expect(visibleText(section())).toContain(warning));
    const messages = Array.from(section().querySelectorAll(".issue-messages")).find(
      (list) => visibleText(list) === warning,
    );
    expect(messages?.compareDocumentPosition(table() as Node)).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(sumRow()).toContain("Suma 2024: 90 % (no suma 100 %)");
  });

  it("el error de core del objetivo sin ponderación entre objetivos ponderados queda en su fila", async () => {
    const document = weightedDocument();
    const third = document.objectives[2];
    if (third === undefined) throw new Error("falta el objetivo 3");
    delete third.weight;
    await openEditor(document);
    await waitFor(() =>
      expect(visibleText(rowHeader("3"))).toContain(
        "Error: Objetivo 3: no tiene ponderación y otros objetivos sí; la ponderación de los objetivos se da para todos o para ninguno.",
      ),
    );
    expect(input(weightLabel("3", 2024)).value).toBe("");
    expect(share("3", 2024)).toBe("Participación: —");
  });

  it("«Todos los objetivos pesan igual» quita la tabla y guarda el plan sin ponderación de objetivos", async () => {
    const fetchMock = await openEditor(weightedDocument(), {
      "PUT /api/plans/1": { body: { version: 4, warnings: [] } },
    });
    fireEvent.click(radio("Todos los objetivos pesan igual"));
    expect(table()).toBeNull();
    fireEvent.click(buttonNamed("Guardar cambios"));
    await screen.findByText(/Cambios guardados: versión 4\./);
    const put = stubCalls(fetchMock).find((call) => call.method === "PUT");
    const sent = (put?.body as { plan: Plan } | undefined)?.plan;
    expect(sent?.objectives.map((objective) => objective.code)).toEqual(["1", "2", "3"]);
    expect(sent?.objectives.some((objective) => "weight" in objective)).toBe(false);
  });

  it("en un plan en vigencia, cambiar la ponderación de un objetivo es una reprogramación", async () => {
    const fetchMock = await openEditor(weightedDocument({ status: "vigente" }), {
      "POST /api/plans/1/reprogramaciones": { body: { version: 4, warnings: [] } },
    });
    expect(labelledBy("Reprogramar", "section")).toBeNull();

    type(weightLabel("1", 2025), "35");
    type(weightLabel("3", 2025), "35");
    const reprogram = labelledBy("Reprogramar", "section");
    expect(visibleText(reprogram as HTMLElement)).toContain(
      "Objetivo 1: ponderación 2025: 30 % → 35 %",
    );
    expect(visibleText(reprogram as HTMLElement)).toContain(
      "Objetivo 3: ponderación 2025: 40 % → 35 %",
    );
    type("Justificación", "Se prioriza el talento humano en 2025");
    type("Acta o documento que la aprueba", "Acta Comité Sectorial 04/2025");
    fireEvent.click(buttonNamed("Guardar la reprogramación"));
    await screen.findByText(/Reprogramación guardada: versión 4\./);

    const post = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/reprogramaciones");
    const sent = (post?.body as { plan: Plan } | undefined)?.plan;
    expect(sent?.objectives.map((objective) => objective.weight)).toEqual([
      { "2024": 30, "2025": 35, "2026": 30, "2027": 30 },
      30,
      { "2024": 40, "2025": 35, "2026": 40, "2027": 40 },
    ]);
  });
});
