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
import { PLANEACION_SESSION } from "../session/fixtures/sessions.ts";
import {
  INDICATOR_78,
  PLANEACION_PERMISSIONS,
  planAnswers,
  RESPONSABLE_ACTOR,
  report,
  summary,
} from "./fixtures/seguimiento-fixtures.ts";

afterEach(resetApp);

const SUBMITTED = {
  status: "enviado" as const,
  lock: "UNDER_REVIEW" as const,
  submittedBy: RESPONSABLE_ACTOR,
  submittedAt: "2025-04-10T15:00:00.000Z",
  canReport: false,
  canReview: true,
};

const QUEUE = [
  summary({ ...SUBMITTED, version: 4, value: 12.5 }),
  summary({ ...SUBMITTED, ...INDICATOR_78, version: 7, value: 50, target: 60, previousValue: 45 }),
];

const BASE_2320 = "/api/plans/1/indicators/2320/reports/2025-Q1";
const BASE_78 = "/api/plans/1/indicators/78/reports/2025-Q1";

function openQueue(answers: Parameters<typeof stubApi>[0] = {}) {
  const fetchMock = stubApi({
    ...planAnswers(PLANEACION_SESSION, PLANEACION_PERMISSIONS),
    "/api/plans/1/reports": { body: { reports: QUEUE } },
    "/api/plans/1/cortes": { body: { cortes: [] } },
    ...answers,
  });
  renderApp("/planes/1/seguimiento/revision");
  return fetchMock;
}

async function card(title: string): Promise<HTMLElement> {
  return screen.findByRole("article", { name: title });
}

describe("reportes por revisar", () => {
  it("muestra cada reporte al lado del periodo anterior y la meta de la vigencia", async () => {
    const fetchMock = openQueue();
    await screen.findByRole("heading", { level: 1, name: "Reportes por revisar" });
    const first = await card("Indicador 2320 — primer trimestre de 2025");
    const facts = within(first).getAllByRole("definition").map(visibleText);
    expect(facts).toEqual(["12,5 %", "10 %", "40 %"]);
    expect(visibleText(first)).toContain("Enviado por Ramiro Responsable (demo) el 10/04/2025");
    const list = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/reports");
    expect(new URLSearchParams(list?.search).get("review")).toBe("true");
  });

  it("devolver exige un comentario: sin él no se llama al servidor; con él va con su If-Match", async () => {
    const fetchMock = openQueue({
      [`POST ${BASE_2320}/return`]: {
        body: report({ status: "devuelto", version: 5, returnComment: "Adjunte el acta." }),
      },
    });
    const first = await card("Indicador 2320 — primer trimestre de 2025");
    const returnButton = within(first).getByRole("button", {
      name: "Devolver Indicador 2320 — primer trimestre de 2025",
    });
    fireEvent.click(returnButton);
    const comment = within(first).getByLabelText("Comentario de devolución");
    expect(comment.getAttribute("aria-invalid")).toBe("true");
    expect(visibleText(first)).toContain(
      "Escriba qué debe corregirse antes de devolver el reporte.",
    );
    expect(stubCalls(fetchMock).some((c) => c.path.endsWith("/return"))).toBe(false);

    fireEvent.change(comment, { target: { value: "Adjunte el acta." } });
    fireEvent.click(returnButton);
    const outcome = await screen.findByRole("region", { name: "Resultado de la revisión" });
    expect(visibleText(outcome)).toContain(
      "Indicador 2320 — primer trimestre de 2025: Devuelto con el comentario.",
    );
    const call = stubCalls(fetchMock).find((c) => c.path === `${BASE_2320}/return`);
    expect(call?.headers.get("If-Match")).toBe('"r4"');
    expect(call?.body).toEqual({ comment: "Adjunte el acta." });
  });

  it("aprobar varios a la vez: cada uno con su If-Match, y dice cuál pasó y cuál chocó (409)", async () => {
    const fetchMock = openQueue({
      [`POST ${BASE_2320}/approve`]: {
        body: report({ status: "aprobado", version: 5, lock: "APPROVED" }),
      },
      [`POST ${BASE_78}/approve`]: apiError(
        409,
        "VERSION_CONFLICT",
        "Otra persona cambió el reporte: ahora va en la versión 8.",
      ),
    });
    await card("Indicador 2320 — primer trimestre de 2025");
    fireEvent.click(screen.getByLabelText("Seleccionar todos (2)"));
    expect(screen.getByText("2 reportes seleccionados")).toBeDefined();
    fireEvent.click(screen.getByRole("button", { name: "Aprobar los seleccionados" }));
    const outcome = await screen.findByRole("region", { name: "Resultado de la revisión" });
    expect(visibleText(outcome)).toContain("1 reporte revisado; 1 no se pudo revisar.");
    expect(visibleText(outcome)).toContain("Indicador 2320 — primer trimestre de 2025: Aprobado.");
    expect(visibleText(outcome)).toContain(
      "Indicador 78 — primer trimestre de 2025: No se aprobó (conflicto 409): Otra persona cambió el reporte: ahora va en la versión 8.",
    );
    const approvals = stubCalls(fetchMock).filter((c) => c.path.endsWith("/approve"));
    expect(approvals.map((c) => [c.path, c.headers.get("If-Match")])).toEqual([
      [`${BASE_2320}/approve`, '"r4"'],
      [`${BASE_78}/approve`, '"r7"'],
    ]);
    // The one that failed stays selected, to try again after reloading.
    await waitFor(() => expect(screen.getByText("1 reporte seleccionado")).toBeDefined());
  });

  it("devolver los seleccionados también pide el comentario", async () => {
    const fetchMock = openQueue();
    await card("Indicador 2320 — primer trimestre de 2025");
    fireEvent.click(screen.getByLabelText("Seleccionar todos (2)"));
    fireEvent.click(screen.getByRole("button", { name: "Devolver los seleccionados" }));
    const comment = screen.getByLabelText("Comentario para devolver los seleccionados");
    expect(comment.getAttribute("aria-invalid")).toBe("true");
    expect(stubCalls(fetchMock).some((c) => c.path.endsWith("/return"))).toBe(false);
  });
});
