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
import { CONSULTA_SESSION } from "../session/fixtures/sessions.ts";
import { editorAnswers, SEED_WARNING, seedDocument } from "./fixtures/formulation-fixtures.ts";

async function openPlan(url = "/planes/1"): Promise<void> {
  renderApp(url);
  await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
}

afterEach(resetApp);

describe("el plan en la página pública", () => {
  it("cualquier visitante descarga el plan en XLSX, CSV y JSON; no ve herramientas de edición", async () => {
    stubApi({ "/api/plans/1": { body: seedDocument() } });
    await openPlan();
    const downloads = screen.getByRole("region", { name: "Descargar el plan" });
    const links = within(downloads).getAllByRole("link");
    expect(
      links.map((a) => [visibleText(a), a.getAttribute("href"), a.hasAttribute("download")]),
    ).toEqual([
      ["Descargar XLSX", "/api/plans/1/export?format=xlsx", true],
      ["Descargar CSV", "/api/plans/1/export?format=csv", true],
      ["Descargar JSON", "/api/plans/1/export?format=json", true],
    ]);
    expect(screen.queryByRole("link", { name: "Editar plan" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Formulación" })).toBeNull();
  });

  it("quien puede editar ve editar, historial, poner en vigencia, publicación y la validación", async () => {
    const fetchMock = stubApi({
      ...editorAnswers(seedDocument({ published: false })),
      "POST /api/plans/1/publish": { body: { published: true, publication: null } },
    });
    await openPlan();
    const tools = await screen.findByRole("region", { name: "Formulación" });
    expect(visibleText(tools)).toContain(
      "Estado del plan: En formulación · no publicado · versión 3",
    );
    expect(within(tools).getByRole("link", { name: "Editar plan" }).getAttribute("href")).toBe(
      "/planes/1/editar",
    );
    expect(
      within(tools).getByRole("link", { name: "Historial de versiones" }).getAttribute("href"),
    ).toBe("/planes/1/versiones");
    // Reprogramar is for plans in force.
    expect(within(tools).queryByRole("link", { name: "Reprogramar" })).toBeNull();

    const report = await within(tools).findByText("Validación del plan: 1 advertencia");
    expect(report.tagName).toBe("SUMMARY");
    const fix = within(tools).getByRole("link", { name: "Corregir" });
    expect(fix.getAttribute("href")).toBe(
      `/planes/1/editar?campo=${encodeURIComponent(SEED_WARNING.path).replace(/%20/g, "+")}`,
    );
    expect(visibleText(tools)).toContain(`Advertencia: ${SEED_WARNING.message}`);

    fireEvent.click(within(tools).getByRole("button", { name: "Publicar el plan" }));
    await waitFor(() =>
      expect(stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/publish")?.body).toEqual({
        published: true,
      }),
    );
    expect(
      stubCalls(fetchMock)
        .find((c) => c.path === "/api/plans/1/publish")
        ?.headers.get("if-match"),
    ).toBe('"v3"');
    expect(await within(tools).findByText("El plan quedó publicado.")).toBeDefined();
  });

  it("poner en vigencia pide confirmación y envía el estado «vigente» con la versión que la persona vio", async () => {
    const fetchMock = stubApi({
      ...editorAnswers(),
      "POST /api/plans/1/status": { body: { status: "vigente" } },
    });
    await openPlan();
    const tools = await screen.findByRole("region", { name: "Formulación" });
    fireEvent.click(within(tools).getByRole("button", { name: "Poner en vigencia" }));
    expect(visibleText(tools)).toContain("exige una reprogramación con justificación y acta");
    expect(stubCalls(fetchMock).some((c) => c.path === "/api/plans/1/status")).toBe(false);
    fireEvent.click(within(tools).getByRole("button", { name: "Confirmar: poner en vigencia" }));
    expect(await within(tools).findByText("El plan quedó en vigencia.")).toBeDefined();
    const call = stubCalls(fetchMock).find((c) => c.path === "/api/plans/1/status");
    expect(call?.body).toEqual({ status: "vigente" });
    expect(call?.headers.get("x-csrf-token")).toBe("csrf-planeacion");
    // An edit saved meanwhile makes it a conflict, not a plan put in force unseen.
    expect(call?.headers.get("if-match")).toBe('"v3"');
  });

  it("en un plan en vigencia, quien puede reprogramar ve «Reprogramar»", async () => {
    stubApi(editorAnswers(seedDocument({ status: "vigente" })));
    await openPlan();
    const tools = await screen.findByRole("region", { name: "Formulación" });
    expect(within(tools).getByRole("link", { name: "Reprogramar" }).getAttribute("href")).toBe(
      "/planes/1/reprogramar",
    );
    expect(within(tools).queryByRole("button", { name: "Poner en vigencia" })).toBeNull();
  });

  it("consulta no ve los botones que su rol no permite", async () => {
    stubApi({
      "/api/auth/session": { body: CONSULTA_SESSION },
      "/api/plans/1": { body: seedDocument() },
      "/api/plans/1/permissions": {
        body: {
          planId: 1,
          actions: {
            "plan.edit": false,
            "plan.reprogram": false,
            "plan.publish": false,
            "corte.manage": false,
            "actuals.import": false,
            "report.review": false,
          },
          reportableIndicators: [],
        },
      },
    });
    await openPlan();
    const tools = await screen.findByRole("region", { name: "Formulación" });
    expect(within(tools).queryByRole("link", { name: "Editar plan" })).toBeNull();
    expect(within(tools).queryByRole("button")).toBeNull();
    expect(within(tools).queryByText(/Validación del plan/)).toBeNull();
    // Its ficha page would only say the account cannot edit: the indicator codes are not links.
    const table = screen.getByRole("table", { name: "Indicadores del objetivo 1" });
    expect(within(table).queryAllByRole("link")).toEqual([]);
  });

  it("quien puede editar abre la ficha de cada indicador desde su código en la tabla del plan", async () => {
    stubApi(editorAnswers());
    await openPlan();
    await screen.findByRole("region", { name: "Formulación" });
    const table = screen.getByRole("table", { name: "Indicadores del objetivo 1" });
    const codes = SEED_PLAN.objectives[0]?.indicators.map((i) => i.code) ?? [];
    const links = await within(table).findAllByRole("link", { name: /^Ficha del indicador / });
    expect(links.map((a) => [visibleText(a), a.getAttribute("href")])).toEqual(
      codes.map((code) => [code, `/planes/1/indicadores/${code}/editar`]),
    );
  });
});

describe("una versión anterior del plan (?version=N)", () => {
  it("pide esa versión, muestra «Versión 1 (fecha): no es la vigente» y ninguna herramienta de edición", async () => {
    const fetchMock = stubApi({
      ...editorAnswers(),
      "GET /api/plans/1": (request) => ({
        body:
          request.search === "?version=1"
            ? seedDocument({ version: 1, currentVersion: 3 })
            : seedDocument(),
      }),
    });
    await openPlan("/planes/1?version=1");
    const banner = await screen.findByRole("note", { name: "Versión consultada" });
    await waitFor(() =>
      expect(visibleText(banner)).toContain("Versión 1 (15/01/2025): no es la vigente."),
    );
    expect(
      within(banner)
        .getByRole("link", { name: "Ver la versión vigente del plan" })
        .getAttribute("href"),
    ).toBe("/planes/1");
    expect(
      stubCalls(fetchMock).some((c) => c.path === "/api/plans/1" && c.search === "?version=1"),
    ).toBe(true);
    expect(screen.queryByRole("region", { name: "Formulación" })).toBeNull();
    // The ficha page edits the version in force: an earlier version does not link it.
    await waitFor(() =>
      expect(stubCalls(fetchMock).some((c) => c.path === "/api/plans/1/permissions")).toBe(true),
    );
    const table = screen.getByRole("table", { name: "Indicadores del objetivo 1" });
    expect(within(table).queryAllByRole("link")).toEqual([]);
  });

  it("las descargas de la versión 1 dan la versión 1 y nunca dicen «Versión vigente del plan»", async () => {
    stubApi({
      ...editorAnswers(),
      "GET /api/plans/1": (request) => ({
        body:
          request.search === "?version=1"
            ? seedDocument({ version: 1, currentVersion: 3 })
            : seedDocument(),
      }),
    });
    await openPlan("/planes/1?version=1");
    const downloads = screen.getByRole("region", { name: "Descargar el plan" });
    expect(
      within(downloads)
        .getAllByRole("link")
        .map((a) => a.getAttribute("href")),
    ).toEqual([
      "/api/plans/1/export?format=xlsx&version=1",
      "/api/plans/1/export?format=csv&version=1",
      "/api/plans/1/export?format=json&version=1",
    ]);
    expect(visibleText(downloads)).toContain(
      "Versión 1 del plan, la que se muestra en esta página (no es la vigente).",
    );
    expect(document.body.textContent).not.toContain("Versión vigente del plan");
  });

  it("la versión vigente pedida por número no lleva aviso", async () => {
    stubApi({ ...editorAnswers(), "GET /api/plans/1": { body: seedDocument() } });
    await openPlan("/planes/1?version=3");
    await screen.findByRole("region", { name: "Formulación" });
    expect(screen.queryByRole("note", { name: "Versión consultada" })).toBeNull();
  });
});
