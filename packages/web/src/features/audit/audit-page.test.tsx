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
import { ADMIN_SESSION, PLANEACION_SESSION } from "../session/fixtures/sessions.ts";
import type { AuditEntry } from "./audit-api.ts";
import { auditCsvUrl, filtersFromSearch, filtersToSearch, NO_FILTERS } from "./audit-api.ts";

const ENTRIES: AuditEntry[] = [
  {
    id: 2,
    at: "2026-03-05T15:04:05.000Z",
    userId: null,
    actorEmail: null,
    action: "login",
    resource: null,
    outcome: "failed",
    ip: "127.0.0.1",
    details: { email: "nadie@rumbo.local" },
  },
  {
    id: 1,
    at: "2026-03-05T14:00:00.000Z",
    userId: 1,
    actorEmail: "admin@rumbo.local",
    action: "login",
    resource: "usuario 1",
    outcome: "ok",
    ip: "127.0.0.1",
    details: null,
  },
  {
    id: 0,
    at: "2026-03-05T13:00:00.000Z",
    userId: 2,
    actorEmail: "planeacion@rumbo.local",
    action: "PUT /api/plans/:id",
    resource: "/api/plans/3",
    outcome: "ok",
    ip: "127.0.0.1",
    details: { status: 200 },
  },
];

afterEach(resetApp);

describe("filtros de la auditoría", () => {
  it("pasan de la dirección a la API y al CSV con los nombres de la API", () => {
    const filters = filtersFromSearch("?desde=2026-03-01&usuario=admin&resultado=nada&otro=x");
    expect(filters).toEqual({ ...NO_FILTERS, desde: "2026-03-01", usuario: "admin" });
    expect(filtersToSearch(filters)).toBe("desde=2026-03-01&usuario=admin");
    expect(auditCsvUrl(filters)).toBe("/api/audit?desde=2026-03-01&usuario=admin&formato=csv");
    expect(auditCsvUrl(NO_FILTERS)).toBe("/api/audit?formato=csv");
  });
});

describe("página de auditoría", () => {
  it("muestra las entradas en una tabla con fecha de Bogotá, qué pasó y el resultado en palabras, y enlace CSV", async () => {
    stubApi({
      "/api/auth/session": { body: ADMIN_SESSION },
      "/api/audit": { body: { entries: ENTRIES, truncated: false } },
    });
    renderApp("/auditoria");
    const table = await screen.findByRole("table", { name: "Registro de auditoría" });
    const rows = within(table).getAllByRole("row").slice(1).map(visibleText);
    expect(rows[0]).toContain("05/03/2026, 10:04:05");
    expect(rows[0]).toContain("Sin sesión");
    expect(rows[0]).toContain("Fallido");
    expect(rows[0]).toContain("Intento de inicio de sesión fallido");
    expect(rows[1]).toContain("admin@rumbo.local");
    expect(rows[1]).toContain("Inició sesión");
    expect(rows[1]).toContain("Correcto");
    expect(rows[2]).toContain("Guardó cambios del plan 3");
    // Routes and JSON stay in the CSV export, not on the page.
    expect(rows.join(" ")).not.toMatch(/\/api|\{|PUT /);
    expect(screen.getByRole("link", { name: "Exportar CSV" }).getAttribute("href")).toBe(
      "/api/audit?formato=csv",
    );
  });

  it("al filtrar, pide a la API con los filtros, los deja en la dirección y en el CSV", async () => {
    const fetchMock = stubApi({
      "/api/auth/session": { body: ADMIN_SESSION },
      "/api/audit": { body: { entries: ENTRIES, truncated: false } },
    });
    renderApp("/auditoria");
    await screen.findByRole("table", { name: "Registro de auditoría" });
    fireEvent.change(screen.getByLabelText("Desde"), { target: { value: "2026-03-01" } });
    fireEvent.change(screen.getByLabelText("Hasta"), { target: { value: "2026-03-31" } });
    fireEvent.change(screen.getByLabelText("Usuario"), { target: { value: "admin" } });
    fireEvent.change(screen.getByLabelText("Acción"), { target: { value: "login" } });
    fireEvent.change(screen.getByLabelText("Resultado"), { target: { value: "ok" } });
    fireEvent.click(screen.getByRole("button", { name: "Filtrar" }));

    const expected = "desde=2026-03-01&hasta=2026-03-31&usuario=admin&accion=login&resultado=ok";
    await waitFor(() =>
      expect(stubCalls(fetchMock).some((c) => c.search === `?${expected}`)).toBe(true),
    );
    expect(window.location.search).toBe(`?${expected}`);
    await waitFor(() =>
      expect(screen.getByRole("link", { name: "Exportar CSV" }).getAttribute("href")).toBe(
        `/api/audit?${expected}&formato=csv`,
      ),
    );
    expect((screen.getByLabelText("Usuario") as HTMLInputElement).value).toBe("admin");
  });

  it("no acepta un rango con 'Desde' después de 'Hasta'", async () => {
    stubApi({
      "/api/auth/session": { body: ADMIN_SESSION },
      "/api/audit": { body: { entries: [], truncated: false } },
    });
    renderApp("/auditoria");
    await screen.findByRole("table", { name: "Registro de auditoría" });
    fireEvent.change(screen.getByLabelText("Desde"), { target: { value: "2026-04-01" } });
    fireEvent.change(screen.getByLabelText("Hasta"), { target: { value: "2026-03-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Filtrar" }));
    expect(visibleText(await screen.findByRole("alert"))).toBe(
      "La fecha «Desde» es posterior a la fecha «Hasta».",
    );
    expect(window.location.search).toBe("");
  });

  it("planeación ve 'No tiene permiso para ver esta página'", async () => {
    stubApi({
      "/api/auth/session": { body: PLANEACION_SESSION },
      "/api/audit": apiError(403, "FORBIDDEN", "No tiene permiso para hacer esto."),
    });
    renderApp("/auditoria");
    await screen.findByRole("heading", { level: 1, name: "No tiene permiso para ver esta página" });
    expect(screen.queryByRole("link", { name: "Exportar CSV" })).toBeNull();
  });
});
