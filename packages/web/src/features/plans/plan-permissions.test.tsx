import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import {
  CONSULTA_SESSION,
  PLANEACION_SESSION,
  RESPONSABLE_SESSION,
} from "../session/fixtures/sessions.ts";
import type { Session } from "../session/session-api.ts";
import { planDetail, SEED_PLAN } from "./fixtures/seed-plan.ts";
import type { PlanPermissions } from "./permissions-api.ts";

const NO_ACTIONS: PlanPermissions["actions"] = {
  "plan.edit": false,
  "plan.reprogram": false,
  "plan.publish": false,
  "corte.manage": false,
  "actuals.import": false,
  "report.review": false,
};

const PERMISSIONS: Record<string, PlanPermissions> = {
  responsable: { planId: 1, actions: NO_ACTIONS, reportableIndicators: ["78", "2320"] },
  planeacion: {
    planId: 1,
    actions: {
      "plan.edit": true,
      "plan.reprogram": true,
      "plan.publish": true,
      "corte.manage": true,
      "actuals.import": true,
      "report.review": true,
    },
    reportableIndicators: [],
  },
  consulta: { planId: 1, actions: NO_ACTIONS, reportableIndicators: [] },
};

async function openPlanAs(session: Session, permissions?: PlanPermissions) {
  const fetchMock = stubApi({
    "/api/auth/session": { body: session },
    "/api/plans/1": { body: planDetail(SEED_PLAN) },
    ...(permissions ? { "/api/plans/1/permissions": { body: permissions } } : {}),
  });
  renderApp("/planes/1");
  await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
  return fetchMock;
}

function badgedCodes(): string[] {
  return screen
    .getAllByRole("rowheader")
    .filter((header) => visibleText(header.closest("tr") ?? header).includes("Usted reporta"))
    .map(visibleText);
}

afterEach(resetApp);

describe("lo que cada persona puede hacer en el plan", () => {
  it("responsable: 'Puede reportar 2 indicadores' y la marca 'Usted reporta' solo en 78 y 2320", async () => {
    await openPlanAs(RESPONSABLE_SESSION, PERMISSIONS.responsable);
    const note = await screen.findByRole("region", { name: "Lo que puede hacer en este plan" });
    expect(visibleText(note)).toContain("Puede reportar 2 indicadores.");
    expect(badgedCodes()).toEqual(["78", "2320"]);
    // The mark is text in the indicator's cell, not only a colour; the code stays the row's name.
    const table3 = screen.getByRole("table", { name: "Indicadores del objetivo 3" });
    expect(within(table3).getByRole("rowheader", { name: "78" })).toBeDefined();
    expect(within(table3).getAllByText("Usted reporta")).toHaveLength(2);
  });

  it("planeación: la nota dice que puede revisar reportes y reprogramar, sin marcas de reporte", async () => {
    await openPlanAs(PLANEACION_SESSION, PERMISSIONS.planeacion);
    const note = await screen.findByRole("region", { name: "Lo que puede hacer en este plan" });
    expect(visibleText(within(note).getByText(/^Puede/))).toBe(
      "Puede revisar reportes, reprogramar, editar el plan, publicarlo, gestionar los cortes e importar avances.",
    );
    expect(screen.queryAllByText("Usted reporta")).toHaveLength(0);
  });

  it("consulta: puede consultar, sin acciones ni marcas", async () => {
    await openPlanAs(CONSULTA_SESSION, PERMISSIONS.consulta);
    const note = await screen.findByRole("region", { name: "Lo que puede hacer en este plan" });
    expect(visibleText(note)).toContain(
      "Puede consultar este plan; su cuenta no tiene acciones sobre él.",
    );
    expect(screen.queryAllByText("Usted reporta")).toHaveLength(0);
  });

  it("sin sesión, la página no cambia y no se piden permisos", async () => {
    const fetchMock = await openPlanAs({ authenticated: false });
    await waitFor(() =>
      expect(stubCalls(fetchMock).some((c) => c.path === "/api/auth/session")).toBe(true),
    );
    expect(screen.queryByRole("region", { name: "Lo que puede hacer en este plan" })).toBeNull();
    expect(screen.queryAllByText("Usted reporta")).toHaveLength(0);
    expect(stubCalls(fetchMock).some((c) => c.path === "/api/plans/1/permissions")).toBe(false);
  });
});
