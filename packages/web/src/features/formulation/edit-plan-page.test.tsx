import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { navigate } from "../../shared/router.tsx";
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
import {
  buttonNamed,
  descriptionOf,
  fieldByLabel,
  fieldsByLabel,
  labelledBy,
} from "./fixtures/fields.ts";
import { editorAnswers, SEED_WARNING, seedDocument } from "./fixtures/formulation-fixtures.ts";
import type { PlanChange, PlanDocument, ValidationIssue } from "./formulation-api.ts";

const EDIT_URL = "/planes/1/editar";

async function openEditor(
  extra: Record<string, StubAnswer> = {},
  answers = editorAnswers(smallDocument()),
) {
  const fetchMock = stubApi({ ...answers, ...extra });
  renderApp(EDIT_URL);
  await screen.findByText(SEED_PLAN.name, { selector: "h1" });
  return fetchMock;
}

function input(label: string): HTMLInputElement {
  return fieldByLabel(label) as HTMLInputElement;
}

function type(label: string, value: string): void {
  fireEvent.change(input(label), { target: { value } });
}

function description(label: string): string {
  return descriptionOf(input(label));
}

function weightLabel(code: string, year: number | string): string {
  return `Ponderación del indicador ${code} en ${year} (%)`;
}

function weightsTable(objective: string): HTMLElement {
  const caption = Array.from(document.querySelectorAll("caption")).find(
    (c) => visibleText(c) === `Ponderación de los indicadores del objetivo ${objective}`,
  );
  const table = caption?.closest("table");
  if (table === null || table === undefined)
    throw new Error(`No hay tabla de ponderación del objetivo ${objective}`);
  return table;
}

function sumRow(objective: string): string {
  const last = Array.from(weightsTable(objective).querySelectorAll("tr")).at(-1);
  if (last === undefined) throw new Error("La tabla de ponderación no tiene filas");
  return Array.from(last.children).map(visibleText).join(" ");
}

function issueSummary(title: RegExp): HTMLElement {
  const summary = screen.getByText(title, { selector: "h2" }).closest(".issue-summary");
  if (!(summary instanceof HTMLElement))
    throw new Error("El título no está en un resumen de problemas");
  return summary;
}

async function findIssueSummary(title: RegExp): Promise<HTMLElement> {
  await screen.findByText(title, { selector: "h2" });
  return issueSummary(title);
}

function regionReprogramar(): HTMLElement {
  const region = labelledBy("Reprogramar", "section");
  if (region === null) throw new Error("No está el formulario de reprogramación");
  return region;
}

/** The seed plan's first four objectives (8 indicators): a smaller form keeps jsdom fast. */
function smallDocument(overrides: Partial<PlanDocument> = {}): PlanDocument {
  return seedDocument({ objectives: SEED_PLAN.objectives.slice(0, 4), ...overrides });
}

afterEach(resetApp);

describe("editor de ponderaciones (matriz de formulación)", () => {
  it("objetivo 3 en 2024: la meta 78 es NP y la 2320 participa con el 100 %", async () => {
    await openEditor({}, editorAnswers());
    expect(description(weightLabel("78", 2024))).toBe("NP: no participa");
    expect(description(weightLabel("2320", 2024))).toBe("Participación: 100 %");
    expect(description(weightLabel("78", 2025))).toBe("Participación: 50 %");
    expect(input(weightLabel("2320", 2024)).value).toBe("50");
    expect(sumRow("3")).toBe("Suma 100 % 100 % 100 % 100 % 100 %");
  });

  it("la suma por vigencia y las participaciones cambian al escribir, y se marca la suma distinta de 100", async () => {
    await openEditor({}, editorAnswers());
    type(weightLabel("2320", 2025), "40");
    expect(sumRow("3")).toBe("Suma 100 % 90 % (no suma 100 %) 100 % 100 % 97,5 % (no suma 100 %)");
    expect(description(weightLabel("78", 2025))).toBe("Participación: 55,56 %");
    expect(description(weightLabel("2320", 2025))).toBe("Participación: 44,44 %");
    // 2024 still renormalises over 2320 alone.
    expect(description(weightLabel("2320", 2024))).toBe("Participación: 100 %");
  });

  it("quitar la programación de un año (vacío = NP) saca al indicador del reparto de ese año", async () => {
    await openEditor({}, editorAnswers());
    type("Programación 2026 del indicador 2320", "");
    expect(description(weightLabel("2320", 2026))).toBe("NP: no participa");
    expect(description(weightLabel("78", 2026))).toBe("Participación: 100 %");
  });

  it("la meta 80 pesa 0 %: participa con 0 % en 2025 y es NP en 2024", async () => {
    await openEditor({}, editorAnswers());
    expect(description(weightLabel("80", 2025))).toBe("Participación: 0 %");
    expect(description(weightLabel("80", 2024))).toBe("NP: no participa");
  });
});

describe("editar un plan en formulación", () => {
  it("guarda con PUT, If-Match de la versión cargada, token CSRF y la coma decimal leída", async () => {
    const fetchMock = await openEditor({
      "PUT /api/plans/1": { body: { version: 4, warnings: [] } },
    });
    type("Programación 2025 del indicador 2320", "45,5");
    fireEvent.click(buttonNamed("Guardar cambios"));
    expect(await screen.findByText(/Cambios guardados: versión 4\./)).toBeDefined();

    const put = stubCalls(fetchMock).find((call) => call.method === "PUT");
    if (put === undefined) throw new Error("No se envió el PUT");
    expect(put.path).toBe("/api/plans/1");
    expect(put?.headers.get("If-Match")).toBe('"v3"');
    expect(put?.headers.get("x-csrf-token")).toBe("csrf-planeacion");
    const sent = (put.body as { plan: typeof SEED_PLAN }).plan;
    expect(sent.objectives[2]?.indicators[1]?.targets).toEqual({
      "2024": 10,
      "2025": 45.5,
      "2026": 70,
      "2027": 100,
    });
    expect(sent).not.toHaveProperty("id");
    expect(sent).not.toHaveProperty("version");
  });

  it("la siguiente edición usa la versión que devolvió el guardado", async () => {
    let version = 3;
    const fetchMock = await openEditor({
      "PUT /api/plans/1": () => {
        version += 1;
        return { body: { version, warnings: [] } };
      },
    });
    type("Nombre del plan", "Plan ajustado");
    fireEvent.click(buttonNamed("Guardar cambios"));
    await screen.findByText(/versión 4\./);
    type("Nombre del plan", "Plan ajustado otra vez");
    fireEvent.click(buttonNamed("Guardar cambios"));
    await screen.findByText(/versión 5\./);
    const ifMatch = stubCalls(fetchMock)
      .filter((call) => call.method === "PUT")
      .map((call) => call.headers.get("If-Match"));
    expect(ifMatch).toEqual(['"v3"', '"v4"']);
  });

  it("al volver al editor después de poner el plan en vigencia, guarda sobre la versión nueva y no sobre la de la visita anterior", async () => {
    let current = smallDocument();
    const fetchMock = await openEditor({
      "GET /api/plans/1": () => ({ body: current }),
      "PUT /api/plans/1": { body: { version: 5, warnings: [] } },
    });
    act(() => navigate("/planes/1"));
    await screen.findByRole("region", { name: "Formulación" });
    // Meanwhile the plan was put in force: that is version 4.
    current = smallDocument({ version: 4, currentVersion: 4, status: "vigente" });
    act(() => navigate(EDIT_URL));
    await screen.findByText(/En vigencia · versión 4/);
    type("Nombre del plan", "Plan ajustado");
    fireEvent.click(buttonNamed("Guardar cambios"));
    await screen.findByText(/versión 5\./);
    const put = stubCalls(fetchMock).find((call) => call.method === "PUT");
    expect(put?.headers.get("If-Match")).toBe('"v4"');
  }, 20_000);

  it("muestra la advertencia de validación del plan guardado junto a su campo y en el resumen", async () => {
    await openEditor();
    const total = "Programación total del periodo del indicador 4075";
    await waitFor(() => expect(description(total)).toContain(SEED_WARNING.message));
    expect(description(total)).toBe(`Escrito a mano | Advertencia: ${SEED_WARNING.message}`);
    // A warning does not make the field invalid.
    expect(input(total).getAttribute("aria-invalid")).toBeNull();
    const summary = issueSummary(/El plan tiene 1 advertencia/);
    expect(visibleText(summary)).toContain("El plan tiene 1 advertencia");
    const link = within(summary).getByRole("link", { name: /la meta dice 50 instrumentos/ });
    expect(link.getAttribute("href")).toBe("#campo-objectives-3-indicators-1-total");
    fireEvent.click(link);
    expect(document.activeElement).toBe(input(total));
  });

  it("422: cada error del servidor queda junto al campo que nombra su ruta y el resumen toma el foco", async () => {
    const issues: ValidationIssue[] = [
      {
        code: "indicator.code-duplicated",
        severity: "error",
        message: "Indicador 2320: el código ya existe en el objetivo 2.",
        path: "objectives[2].indicators[1].code",
      },
      {
        code: "targets.negative",
        severity: "error",
        message: "Indicador 78, 2025: la meta no puede ser negativa.",
        path: "objectives[2].indicators[0].targets.2025",
      },
      {
        code: "weights.sum-not-100",
        severity: "warning",
        message: "Objetivo 3, vigencia 2024: las ponderaciones suman 90 %.",
        path: "objectives[2].indicators[1].weight.2024",
      },
    ];
    await openEditor({
      "PUT /api/plans/1": apiError(422, "VALIDATION_FAILED", "El plan tiene errores.", issues),
    });
    // A change core accepts: only the server's answer speaks.
    type("Programación 2025 del indicador 78", "92");
    fireEvent.click(buttonNamed("Guardar cambios"));

    const summary = await findIssueSummary(/El plan tiene 2 errores y 1 advertencia/);
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(visibleText(summary)).toContain("El plan tiene 2 errores y 1 advertencia");

    const codes = fieldsByLabel("Código del indicador");
    const code2320 = codes.find((element) => (element as HTMLInputElement).value === "2320");
    expect(code2320?.getAttribute("aria-invalid")).toBe("true");
    expect(code2320?.getAttribute("id")).toBe("campo-objectives-2-indicators-1-code");
    const codeMessages = document.getElementById(
      code2320?.getAttribute("aria-describedby")?.split(" ").at(-1) ?? "",
    );
    expect(visibleText(codeMessages as HTMLElement)).toBe(
      "Error: Indicador 2320: el código ya existe en el objetivo 2.",
    );
    expect(description("Programación 2025 del indicador 78")).toBe(
      "Error: Indicador 78, 2025: la meta no puede ser negativa.",
    );
    expect(description(weightLabel("2320", 2024))).toBe(
      "Participación: 100 % | Advertencia: Objetivo 3, vigencia 2024: las ponderaciones suman 90 %.",
    );
  });

  it("409 VERSION_CONFLICT: «Otra persona guardó cambios», lo que cambió y cargar la versión actual", async () => {
    const changes: PlanChange[] = [
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
    ];
    let current = smallDocument();
    const fetchMock = await openEditor({
      "GET /api/plans/1": () => ({ body: current }),
      "PUT /api/plans/1": apiError(
        409,
        "VERSION_CONFLICT",
        "Otra persona guardó el plan antes que usted.",
        { currentVersion: 4, changes },
      ),
    });
    type("Nombre del plan", "Mi cambio");
    fireEvent.click(buttonNamed("Guardar cambios"));

    const alert = await waitFor(() => {
      const found = labelledBy("Otra persona guardó cambios", "[role=alert]");
      if (found === null) throw new Error("Falta el aviso de conflicto");
      return found;
    });
    expect(visibleText(alert)).toContain("ahora va en la versión 4");
    expect(visibleText(alert)).toContain("Indicador 2320: programación 2025: 40 → 45");
    expect(input("Nombre del plan").value).toBe("Mi cambio");

    current = smallDocument({ version: 4, currentVersion: 4, name: "Plan de la otra persona" });
    fireEvent.click(buttonNamed(/Cargar la versión actual/, alert));
    await waitFor(() => expect(input("Nombre del plan").value).toBe("Plan de la otra persona"));
    expect(labelledBy("Otra persona guardó cambios", "[role=alert]")).toBeNull();
    const gets = stubCalls(fetchMock).filter(
      (c) => c.method === "GET" && c.path === "/api/plans/1",
    );
    expect(gets.length).toBeGreaterThanOrEqual(2);
  });

  it("subir y bajar objetivos con el teclado: botones con nombre claro y el foco sigue al objetivo", async () => {
    await openEditor();
    const up = buttonNamed("Subir objetivo 2");
    up.focus();
    fireEvent.click(up);
    await waitFor(() => expect(document.activeElement).toBe(buttonNamed("Bajar objetivo 1")));
    expect(input("Nombre del objetivo 1").value).toBe(SEED_PLAN.objectives[1]?.name);
    expect(input("Código del objetivo 1").value).toBe("2");
    expect(buttonNamed("Subir objetivo 1").hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("Objetivo 2 movido a la posición 1.")).toBeDefined();
  });
});

describe("reprogramar un plan en vigencia", () => {
  const VIGENTE = editorAnswers(smallDocument({ status: "vigente" }));

  it("cambiar una meta pide la reprogramación: sin justificación no se envía nada", async () => {
    const fetchMock = await openEditor({}, VIGENTE);
    expect(labelledBy("Reprogramar")).toBeNull();
    expect(buttonNamed("Guardar cambios")).toBeDefined();

    type("Programación 2025 del indicador 2320", "45");
    const section = regionReprogramar();
    expect(visibleText(section)).toContain("Indicador 2320: programación 2025: 40 → 45");
    fireEvent.click(buttonNamed("Guardar la reprogramación"));

    expect(visibleText(await findIssueSummary(/El plan tiene 2 errores/))).toContain("Corrija");
    expect(description("Justificación")).toContain(
      "Error: Escriba la justificación de la reprogramación (al menos 10 caracteres).",
    );
    expect(input("Justificación").getAttribute("aria-invalid")).toBe("true");
    expect(description("Acta o documento que la aprueba")).toContain(
      "Error: Escriba el acta o documento que aprueba la reprogramación.",
    );
    expect(stubCalls(fetchMock).filter((c) => c.method !== "GET")).toEqual([]);

    type("Justificación", "corto");
    fireEvent.click(buttonNamed("Guardar la reprogramación"));
    expect(stubCalls(fetchMock).filter((c) => c.method !== "GET")).toEqual([]);
  });

  it("con justificación y acta envía la reprogramación con If-Match", async () => {
    const fetchMock = await openEditor(
      { "POST /api/plans/1/reprogramaciones": { body: { version: 4, warnings: [] } } },
      VIGENTE,
    );
    type("Programación 2025 del indicador 2320", "45");
    type("Justificación", "Ajuste por recorte presupuestal de 2025");
    type("Acta o documento que la aprueba", "Acta Comité Sectorial 03/2025");
    type("Rige desde (opcional)", "2025-07-01");
    fireEvent.click(buttonNamed("Guardar la reprogramación"));
    expect(await screen.findByText(/Reprogramación guardada: versión 4\./)).toBeDefined();

    const post = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/reprogramaciones");
    expect(post?.method).toBe("POST");
    expect(post?.headers.get("If-Match")).toBe('"v3"');
    expect(post?.body).toMatchObject({
      justification: "Ajuste por recorte presupuestal de 2025",
      actReference: "Acta Comité Sectorial 03/2025",
      effectiveFrom: "2025-07-01",
    });
    expect(stubCalls(fetchMock).some((c) => c.method === "PUT")).toBe(false);
    // Saved: the form is an ordinary edit again.
    expect(buttonNamed("Guardar cambios")).toBeDefined();
  });

  it("cambiar solo textos de un plan en vigencia es una edición (PUT)", async () => {
    const fetchMock = await openEditor(
      { "PUT /api/plans/1": { body: { version: 4, warnings: [] } } },
      VIGENTE,
    );
    type("Misión (opcional)", "Nueva misión del sector");
    fireEvent.click(buttonNamed("Guardar cambios"));
    await screen.findByText(/Cambios guardados: versión 4\./);
    expect(stubCalls(fetchMock).find((c) => c.method === "PUT")?.body).toMatchObject({
      plan: { mission: "Nueva misión del sector" },
    });
  });

  it("409 REPROGRAMACION_REQUIRED abre el formulario de reprogramación con los cambios del servidor", async () => {
    const changes: PlanChange[] = [
      {
        path: "objectives[0].indicators[0].weight",
        kind: "changed",
        field: "weight",
        before: 50,
        after: 50,
        message: "Indicador 2307: forma de la ponderación",
      },
    ];
    await openEditor(
      {
        "PUT /api/plans/1": apiError(
          409,
          "REPROGRAMACION_REQUIRED",
          "El plan está en vigencia y cambió su programación.",
          { changes },
        ),
      },
      VIGENTE,
    );
    type("Nombre del plan", "Otro nombre");
    fireEvent.click(buttonNamed("Guardar cambios"));
    const section = await waitFor(regionReprogramar);
    expect(visibleText(section)).toContain("Indicador 2307: forma de la ponderación");
    expect(visibleText(section)).toContain("El plan está en vigencia y cambió su programación.");
    expect(buttonNamed("Guardar la reprogramación")).toBeDefined();
  });
});
