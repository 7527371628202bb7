import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { planDetail, SEED_PLAN } from "./features/plans/fixtures/seed-plan.ts";
import type { PlanSummary } from "./features/plans/plans-api.ts";
import { renderApp, resetApp, stubApi, visibleText } from "./shared/testing/render-app.tsx";

const SEED_SUMMARY: PlanSummary = {
  id: 1,
  code: SEED_PLAN.code,
  name: SEED_PLAN.name,
  years: SEED_PLAN.years,
  entity: SEED_PLAN.entity ?? null,
  objectiveCount: 8,
  indicatorCount: 18,
  published: true,
};

const OTHER_SUMMARY: PlanSummary = {
  id: 2,
  code: "PEI-SG-2024-2027",
  name: "Plan Estratégico Institucional 2024-2027",
  years: [2024, 2025, 2026, 2027],
  entity: null,
  objectiveCount: 1,
  indicatorCount: 1,
  published: false,
};

afterEach(resetApp);

describe("marco de la aplicación", () => {
  it("tiene barra GOV.CO, salto al contenido, navegación principal y pie con licencias", async () => {
    stubApi({ "/api/plans": { body: { plans: [SEED_SUMMARY, OTHER_SUMMARY] } } });
    renderApp("/planes");
    await screen.findByRole("heading", { level: 1, name: "Planes estratégicos" });

    const skipLink = screen.getByRole("link", { name: "Saltar al contenido principal" });
    expect(skipLink.getAttribute("href")).toBe("#contenido");
    expect(screen.getByRole("main").id).toBe("contenido");

    const banner = screen.getByRole("banner");
    expect(within(banner).getByRole("link", { name: "GOV.CO" }).getAttribute("href")).toBe(
      "https://www.gov.co/",
    );
    expect(within(banner).getByRole("link", { name: "Rumbo" }).getAttribute("href")).toBe("/");
    const nav = within(banner).getByRole("navigation", { name: "Principal" });
    expect(within(nav).getByRole("link", { name: "Planes" }).getAttribute("href")).toBe("/planes");

    const footer = screen.getByRole("contentinfo");
    expect(visibleText(footer)).toContain("Rumbo — software libre");
    expect(visibleText(footer)).toContain("Datos: CC BY-SA 4.0");
  });
});

describe("inicio y lista de planes", () => {
  it("con un solo plan, el inicio abre el plan directamente", async () => {
    stubApi({
      "/api/plans": { body: { plans: [SEED_SUMMARY] } },
      "/api/plans/1": { body: planDetail(SEED_PLAN) },
    });
    renderApp("/");
    await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
    expect(window.location.pathname).toBe("/planes/1");
  });

  it("con varios planes, el inicio los lista con enlaces a cada plan", async () => {
    stubApi({
      "/api/plans": { body: { plans: [SEED_SUMMARY, OTHER_SUMMARY] } },
      "/api/plans/1": { body: planDetail(SEED_PLAN) },
    });
    renderApp("/");
    await screen.findByRole("heading", { level: 1, name: "Planes estratégicos" });
    const link = screen.getByRole("link", { name: SEED_PLAN.name });
    expect(link.getAttribute("href")).toBe("/planes/1");
    expect(visibleText(screen.getByRole("main"))).toContain("8 objetivos, 18 indicadores");

    fireEvent.click(link);
    await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
    expect(window.location.pathname).toBe("/planes/1");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("main")));
  });

  it("/planes lista los planes aunque haya uno solo", async () => {
    stubApi({ "/api/plans": { body: { plans: [SEED_SUMMARY] } } });
    renderApp("/planes");
    await screen.findByRole("heading", { level: 1, name: "Planes estratégicos" });
    expect(screen.getAllByRole("listitem")).toHaveLength(2); // the nav item and the plan
  });

  it("muestra el mensaje de la API si la lista falla", async () => {
    stubApi({
      "/api/plans": {
        status: 503,
        body: {
          error: {
            code: "DB_UNAVAILABLE",
            message: "La base de datos no está disponible.",
            details: null,
          },
        },
      },
    });
    renderApp("/");
    expect(visibleText(await screen.findByRole("alert"))).toContain(
      "La base de datos no está disponible.",
    );
  });

  it("una dirección desconocida muestra 'Página no encontrada'", () => {
    stubApi({});
    renderApp("/otra-cosa");
    expect(screen.getByRole("heading", { level: 1, name: "Página no encontrada" })).toBeDefined();
  });
});
