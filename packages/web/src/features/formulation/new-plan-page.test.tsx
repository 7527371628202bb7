import { TEXT_LIMITS } from "@rumbo/core";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { RESPONSABLE_SESSION } from "../session/fixtures/sessions.ts";
import { buttonNamed, descriptionOf, fieldByLabel } from "./fixtures/fields.ts";
import { PLANEACION_GLOBAL_SESSION } from "./fixtures/formulation-fixtures.ts";

const NEW_URL = "/planes/nuevo";

function type(label: string, value: string): void {
  fireEvent.change(fieldByLabel(label), { target: { value } });
}

function click(name: string | RegExp): void {
  fireEvent.click(buttonNamed(name));
}

async function openNewPlan(answers: Parameters<typeof stubApi>[0] = {}) {
  const fetchMock = stubApi({
    "/api/auth/session": { body: PLANEACION_GLOBAL_SESSION },
    ...answers,
  });
  renderApp(NEW_URL);
  await screen.findByText("Datos del plan", { selector: "h2" });
  return fetchMock;
}

/** Two vigencias, one objective, one indicator with programación and weights. */
function fillSmallPlan(): void {
  type("Código del plan", "PES-PRUEBA-2025");
  type("Nombre del plan", "Plan de prueba");
  type("Entidad o sector (opcional)", "Secretaría General");
  type("Primera vigencia", "2025");
  type("Última vigencia", "2026");
  click("Agregar objetivo");
  type("Nombre del objetivo 1", "Fortalecer la gestión");
  click("Agregar indicador al objetivo 1");
  type("Código del indicador", "77");
  type("Nombre del indicador", "Índice de desempeño institucional");
  fireEvent.change(fieldByLabel("Tendencia (tipo de anualización)"), {
    target: { value: "creciente" },
  });
  type("Programación 2025 del indicador 77", "70,72");
  type("Programación 2026 del indicador 77", "72");
  type("Ponderación del indicador 77 en 2025 (%)", "100");
  type("Ponderación del indicador 77 en 2026 (%)", "100");
}

afterEach(resetApp);

describe("nuevo plan", () => {
  it("cada texto lleva su límite de core y avisa cuánto queda al acercarse", async () => {
    await openNewPlan();
    const name = fieldByLabel("Nombre del plan");
    expect(name.getAttribute("maxlength")).toBe(String(TEXT_LIMITS.plan.name));
    type("Nombre del plan", "P".repeat(100));
    expect(descriptionOf(name)).not.toContain("caracteres");
    type("Nombre del plan", "P".repeat(290));
    expect(descriptionOf(name)).toContain("290 de 300 caracteres.");
    type("Nombre del plan", "P".repeat(300));
    expect(descriptionOf(name)).toContain("Llegó al máximo de 300 caracteres.");
    click("Agregar objetivo");
    click("Agregar indicador al objetivo 1");
    expect(fieldByLabel("Unidad de medida (opcional)").getAttribute("maxlength")).toBe("60");
  });

  it("planeación arma un plan con objetivos e indicadores y lo crea con POST /api/plans", async () => {
    const fetchMock = await openNewPlan({
      "POST /api/plans": { status: 201, body: { id: 7, version: 1, warnings: [] } },
    });
    expect(document.title).toBe("Nuevo plan — Rumbo");
    fillSmallPlan();
    // The creciente variant is offered only for creciente.
    fireEvent.click(fieldByLabel("Medir el avance desde la línea base"));
    type("Línea base: valor (opcional)", "68,5");
    type("Línea base: año (opcional)", "2024");
    fireEvent.change(fieldByLabel("Frecuencia de medición (opcional)"), {
      target: { value: "trimestral" },
    });
    type("Área responsable (opcional)", "Oficina Asesora de Planeación");
    const indicatorType = fieldByLabel("Tipo de indicador (opcional)");
    expect([...(indicatorType as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      "Sin especificar",
      "Producto",
      "Resultado",
      "Gestión",
      "Impacto",
    ]);
    fireEvent.change(indicatorType, { target: { value: "resultado" } });
    click("Crear el plan");

    await waitFor(() => expect(window.location.pathname).toBe("/planes/7/editar"));
    expect(window.location.search).toBe("?creado=1");
    const post = stubCalls(fetchMock).find((c) => c.method === "POST" && c.path === "/api/plans");
    expect(post?.headers.get("x-csrf-token")).toBe("csrf-planeacion");
    expect(post?.body).toEqual({
      plan: {
        format: "rumbo.plan/v1",
        code: "PES-PRUEBA-2025",
        name: "Plan de prueba",
        entity: "Secretaría General",
        years: [2025, 2026],
        objectives: [
          {
            code: "1",
            name: "Fortalecer la gestión",
            indicators: [
              {
                code: "77",
                name: "Índice de desempeño institucional",
                trend: "creciente",
                progress: "from-baseline",
                baseline: 68.5,
                baselineYear: 2024,
                frequency: "trimestral",
                responsible: "Oficina Asesora de Planeación",
                indicatorType: "resultado",
                weight: 100,
                targets: { "2025": 70.72, "2026": 72 },
              },
            ],
          },
        ],
      },
    });
  });

  it("el total del periodo vacío se calcula según la tendencia y se muestra", async () => {
    await openNewPlan();
    fillSmallPlan();
    const total = fieldByLabel("Programación total del periodo del indicador 77");
    expect(descriptionOf(total)).toBe("Vacío: 72 según la tendencia");
    fireEvent.change(fieldByLabel("Tendencia (tipo de anualización)"), {
      target: { value: "suma" },
    });
    expect(descriptionOf(total)).toBe("Vacío: 142,72 según la tendencia");
  });

  it("lo mal escrito y luego lo que core ya sabe que falta se muestran en un resumen con enlaces y no se envía", async () => {
    const fetchMock = await openNewPlan();
    click("Agregar objetivo");
    click("Agregar indicador al objetivo 1");
    type("Primera vigencia", "2025");
    type("Última vigencia", "2025");
    type("Programación 2025 del indicador 1.1", "70.72,5");
    click("Crear el plan");

    const heading = await screen.findByText(/El plan tiene 1 error/, { selector: "h2" });
    const summary = heading.closest(".issue-summary");
    expect(summary?.getAttribute("role")).toBe("alert");
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const linksOf = (element: Element | null | undefined) =>
      Array.from(element?.querySelectorAll("a") ?? []).map((a) => [
        visibleText(a),
        a.getAttribute("href"),
      ]);
    expect(linksOf(summary)).toEqual([
      [
        "Error: Indicador 1.1, programación 2025: «70.72,5» no es un número. Use coma decimal, por ejemplo 70,72.",
        "#campo-objectives-0-indicators-0-targets-2025",
      ],
    ]);

    // Typed as a number, the plan goes through core's rules, as the server would.
    type("Programación 2025 del indicador 1.1", "70,72");
    click("Crear el plan");
    const coreHeading = await screen.findByText(/El plan tiene \d+ errores/, { selector: "h2" });
    const coreLinks = linksOf(coreHeading.closest(".issue-summary"));
    expect(coreLinks).toEqual([
      ["Error: El plan no tiene código.", "#campo-code"],
      ["Error: El plan no tiene nombre.", "#campo-name"],
      ["Error: Objetivo 1: no tiene nombre.", "#campo-objectives-0-name"],
      [
        "Advertencia: Objetivo 1: las ponderaciones de sus indicadores para el periodo 2025 (total) suman 0 %, no 100 %.",
        "#campo-objectives-0-weights",
      ],
      [
        "Error: Objetivo 1, indicador de la posición 1: no tiene código.",
        "#campo-objectives-0-indicators-0-code",
      ],
      [
        "Error: Objetivo 1, indicador de la posición 1: no tiene nombre.",
        "#campo-objectives-0-indicators-0-name",
      ],
      [
        "Error: Objetivo 1, indicador de la posición 1, vigencia 2025: la ponderación por vigencia no nombra esta vigencia; se tomaría como 0 %.",
        "#campo-objectives-0-indicators-0-weight-2025",
      ],
    ]);
    const code = fieldByLabel("Código del plan");
    expect(code.getAttribute("aria-invalid")).toBe("true");
    expect(descriptionOf(code)).toBe(
      "Único en Rumbo, por ejemplo PES-GP-2024-2027. | Error: El plan no tiene código.",
    );
    expect(stubCalls(fetchMock).filter((c) => c.method === "POST")).toEqual([]);
  });

  it("409 PLAN_CODE_TAKEN queda junto al código del plan", async () => {
    await openNewPlan({
      "POST /api/plans": apiError(
        409,
        "PLAN_CODE_TAKEN",
        "Ya existe un plan con el código PES-PRUEBA-2025.",
      ),
    });
    fillSmallPlan();
    click("Crear el plan");
    await waitFor(() =>
      expect(descriptionOf(fieldByLabel("Código del plan"))).toContain(
        "Error: Ya existe un plan con el código PES-PRUEBA-2025.",
      ),
    );
  });

  it("422 del servidor: las advertencias y errores quedan junto a sus campos", async () => {
    await openNewPlan({
      "POST /api/plans": apiError(422, "VALIDATION_FAILED", "El plan tiene errores.", [
        {
          code: "weights.sum-not-100",
          severity: "warning",
          message: "Objetivo 1, vigencia 2025: las ponderaciones suman 100 %.",
          path: "objectives[0].indicators[0].weight.2025",
        },
        {
          code: "baseline.required",
          severity: "error",
          message: "Indicador 77: falta la línea base.",
          path: "objectives[0].indicators[0].baseline",
        },
      ]),
    });
    fillSmallPlan();
    click("Crear el plan");
    await waitFor(() =>
      expect(descriptionOf(fieldByLabel("Línea base: valor (opcional)"))).toBe(
        "Error: Indicador 77: falta la línea base.",
      ),
    );
    expect(descriptionOf(fieldByLabel("Ponderación del indicador 77 en 2025 (%)"))).toBe(
      "Participación: 100 % | Advertencia: Objetivo 1, vigencia 2025: las ponderaciones suman 100 %.",
    );
  });

  it("la planeadora pondera los objetivos al crear el plan: la suma se ve al escribir y el peso se envía", async () => {
    const fetchMock = await openNewPlan({
      "POST /api/plans": { status: 201, body: { id: 8, version: 1, warnings: [] } },
    });
    fillSmallPlan();
    const choice = fieldByLabel("Todos los objetivos pesan igual") as HTMLInputElement;
    expect(choice.checked).toBe(true);
    fireEvent.click(fieldByLabel("Ponderación por objetivo"));
    const weight2025 = fieldByLabel("Ponderación del objetivo 1 en 2025 (%)");
    expect((weight2025 as HTMLInputElement).value).toBe("");
    const sum2025 = screen.getByText("Suma 2025:", { exact: false }).closest("td");
    expect(visibleText(sum2025 as HTMLElement)).toBe("Suma 2025: 0 % (no suma 100 %)");
    type("Ponderación del objetivo 1 en 2025 (%)", "100");
    type("Ponderación del objetivo 1 en 2026 (%)", "100");
    expect(descriptionOf(weight2025)).toBe("Participación: 100 %");
    click("Crear el plan");

    await waitFor(() => expect(window.location.pathname).toBe("/planes/8/editar"));
    const post = stubCalls(fetchMock).find((c) => c.method === "POST" && c.path === "/api/plans");
    expect(post?.body).toMatchObject({
      plan: { objectives: [{ code: "1", name: "Fortalecer la gestión", weight: 100 }] },
    });
  });

  it("«Ponderación por objetivo» sin ninguna escrita no se envía: el resumen lleva a la sección", async () => {
    const fetchMock = await openNewPlan();
    fillSmallPlan();
    fireEvent.click(fieldByLabel("Ponderación por objetivo"));
    click("Crear el plan");
    const heading = await screen.findByText(/El plan tiene 1 error/, { selector: "h2" });
    const link = Array.from(heading.closest(".issue-summary")?.querySelectorAll("a") ?? []).map(
      (a) => [visibleText(a), a.getAttribute("href")],
    );
    expect(link).toEqual([
      [
        "Error: Escriba la ponderación de los objetivos o elija «Todos los objetivos pesan igual».",
        "#campo-objectiveWeights",
      ],
    ]);
    expect(stubCalls(fetchMock).filter((c) => c.method === "POST")).toEqual([]);
  });

  it("quitar un objetivo deja el foco en el botón para agregar y lo anuncia", async () => {
    await openNewPlan();
    click("Agregar objetivo");
    click("Quitar objetivo 1");
    await waitFor(() => expect(document.activeElement).toBe(buttonNamed("Agregar objetivo")));
    expect(screen.getByText("Se quitó el objetivo 1.")).toBeDefined();
    expect(screen.getByText("El plan aún no tiene objetivos.")).toBeDefined();
  });

  it("un responsable (sin planeación ni administración globales) no ve el formulario", async () => {
    stubApi({ "/api/auth/session": { body: RESPONSABLE_SESSION } });
    renderApp(NEW_URL);
    expect(
      await screen.findByText(/Su cuenta no tiene un rol que permita crear planes/),
    ).toBeDefined();
    expect(document.querySelector("form")).toBeNull();
  });
});
