import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  renderApp,
  resetApp,
  type StubRequest,
  type StubResponse,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import { editorAnswers, SEED_VERSIONS, seedDocument } from "./fixtures/formulation-fixtures.ts";
import type { PlanVersion } from "./formulation-api.ts";

/** A plan in force: version 2 is a reprogramación with its act. */
const VERSIONS: PlanVersion[] = SEED_VERSIONS.map((v) =>
  v.version === 2
    ? {
        ...v,
        kind: "reprogramacion",
        justification: "Ajuste de metas 2025",
        actReference: "Acta Comité Sectorial 01/2025",
        effectiveFrom: "2025-03-01",
      }
    : v,
);

/** `GET /api/plans/1` as the server answers it: `?version=N`, `?at=` (the version in force then) or the current one. */
function planAnswer(request: StubRequest): StubResponse {
  const query = new URLSearchParams(request.search);
  const at = query.get("at");
  const version = query.get("version");
  if (at !== null) {
    const inForce = VERSIONS.filter((v) => v.effectiveFrom <= at).at(-1);
    return inForce === undefined
      ? apiError(404, "VERSION_NOT_FOUND", `El plan 1 no estaba vigente el ${at}.`)
      : { body: seedDocument({ version: inForce.version, status: "vigente" }) };
  }
  return { body: seedDocument({ version: version === null ? 3 : Number(version) }) };
}

async function openVersions() {
  const fetchMock = stubApi({
    ...editorAnswers(),
    "GET /api/plans/1": planAnswer,
    "/api/plans/1/versions": { body: { versions: VERSIONS } },
  });
  renderApp("/planes/1/versiones");
  await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
  return fetchMock;
}

function askFor(date: string): void {
  const form = screen.getByRole("region", { name: "Ver el plan como estaba en una fecha" });
  fireEvent.change(within(form).getByLabelText("Fecha"), { target: { value: date } });
  fireEvent.click(within(form).getByRole("button", { name: "Ver el plan en esa fecha" }));
}

function atRequests(fetchMock: ReturnType<typeof stubApi>): string[] {
  return stubCalls(fetchMock)
    .filter((c) => c.search.startsWith("?at="))
    .map((c) => `${c.path}${c.search}`);
}

afterEach(resetApp);

describe("ver el plan como estaba en una fecha", () => {
  it("una fecha dentro de la segunda versión abre el plan en la versión 2, con su fecha y su acta", async () => {
    const fetchMock = await openVersions();
    askFor("2025-06-30");
    await waitFor(() =>
      expect(`${location.pathname}${location.search}`).toBe("/planes/1?version=2"),
    );
    expect(atRequests(fetchMock)).toEqual(["/api/plans/1?at=2025-06-30"]);
    const banner = await screen.findByRole("note", { name: "Versión consultada" });
    expect(visibleText(banner)).toContain("Versión 2 (03/02/2025): no es la vigente.");
    expect(visibleText(banner)).toContain(
      "Rigió desde el 1 de marzo de 2025. Acta o documento: Acta Comité Sectorial 01/2025.",
    );
    await waitFor(() =>
      expect(
        stubCalls(fetchMock).some((c) => c.path === "/api/plans/1" && c.search === "?version=2"),
      ).toBe(true),
    );
  });

  it("una fecha desde la última reprogramación dice que regía la versión vigente y no cambia de página", async () => {
    await openVersions();
    askFor("2025-08-15");
    const status = await screen.findByRole("status");
    expect(visibleText(status)).toContain(
      "El 15 de agosto de 2025 regía la versión 3, la vigente (Acta Comité Sectorial 03/2025). El plan está hoy como estaba en esa fecha.",
    );
    expect(
      within(status).getByRole("link", { name: "Ver el plan vigente" }).getAttribute("href"),
    ).toBe("/planes/1");
    expect(location.pathname).toBe("/planes/1/versiones");
  });

  it("una fecha anterior a la primera versión avisa que el plan no estaba vigente, con las fechas en palabras", async () => {
    const fetchMock = await openVersions();
    askFor("2024-12-31");
    const alert = await screen.findByRole("alert");
    expect(visibleText(alert)).toBe(
      "El plan no tenía una versión vigente el 31 de diciembre de 2024: la primera rige desde el 15 de enero de 2025.",
    );
    expect(atRequests(fetchMock)).toEqual(["/api/plans/1?at=2024-12-31"]);
    expect(location.pathname).toBe("/planes/1/versiones");
  });

  it("sin fecha pide escribirla, marca el campo y no consulta al servidor", async () => {
    const fetchMock = await openVersions();
    askFor("");
    const field = screen.getByLabelText("Fecha");
    expect(screen.getByText("Escriba una fecha: día, mes y año.")).toBeTruthy();
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(field.getAttribute("aria-describedby")).toBe(
      screen.getByText("Escriba una fecha: día, mes y año.").id,
    );
    expect(document.activeElement).toBe(field);
    expect(atRequests(fetchMock)).toEqual([]);
  });

  it("si el servidor no responde, lo dice sin cambiar de página", async () => {
    await openVersions();
    stubApi({ ...editorAnswers(), "GET /api/plans/1": { networkError: true } });
    askFor("2025-06-30");
    const alert = await screen.findByRole("alert");
    expect(visibleText(alert)).toBe(
      "No fue posible consultar el plan en esa fecha: No fue posible conectar con el servidor. Revise su conexión e intente de nuevo.",
    );
  });
});
