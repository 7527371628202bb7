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
import { planDetail, SEED_PLAN } from "../plans/fixtures/seed-plan.ts";
import { ADMIN_SESSION, CONSULTA_SESSION, FIRST_ADMIN_SESSION } from "./fixtures/sessions.ts";
import type { Session } from "./session-api.ts";

const NAME_PROBLEM = "La contraseña no puede contener su nombre.";
const PLAN_ANSWERS = {
  "/api/plans/1": { body: planDetail(SEED_PLAN) },
  "/api/plans/1/permissions": {
    body: { planId: 1, actions: {}, reportableIndicators: [] },
  },
};

function fill(current: string, next: string, confirmation = next): void {
  fireEvent.change(screen.getByLabelText(/^Contraseña actual/), { target: { value: current } });
  fireEvent.change(screen.getByLabelText("Contraseña nueva"), { target: { value: next } });
  fireEvent.change(screen.getByLabelText("Repita la contraseña nueva"), {
    target: { value: confirmation },
  });
  fireEvent.click(screen.getByRole("button", { name: "Cambiar contraseña" }));
}

afterEach(resetApp);

describe("cambio obligatorio de la contraseña de un solo uso", () => {
  it("lleva a 'Cambiar contraseña' desde cualquier página y no ofrece Cuentas ni Auditoría", async () => {
    stubApi({ ...PLAN_ANSWERS, "/api/auth/session": { body: FIRST_ADMIN_SESSION } });
    renderApp("/planes/1");
    await screen.findByRole("heading", { level: 1, name: "Cambiar contraseña" });
    expect(window.location.pathname).toBe("/cuenta/contrasena");
    expect(window.location.search).toBe("?volver=%2Fplanes%2F1");
    expect(visibleText(screen.getByRole("main"))).toContain(
      "Antes de continuar debe cambiar la contraseña de un solo uso",
    );
    const nav = screen.getByRole("navigation", { name: "Principal" });
    expect(within(nav).queryByRole("link", { name: "Cuentas" })).toBeNull();
    expect(within(nav).queryByRole("link", { name: "Auditoría" })).toBeNull();
  });

  it("muestra el mensaje del servidor si la nueva es débil y, ya cambiada, vuelve a donde iba con el token nuevo", async () => {
    let session: Session = FIRST_ADMIN_SESSION;
    let attempts = 0;
    const fetchMock = stubApi({
      ...PLAN_ANSWERS,
      "/api/auth/session": () => ({ body: session }),
      "/api/users": { body: { users: [] } },
      "POST /api/auth/password": () => {
        attempts += 1;
        if (attempts === 1) {
          return apiError(400, "WEAK_PASSWORD", NAME_PROBLEM, [
            { field: "newPassword", message: NAME_PROBLEM },
          ]);
        }
        session = ADMIN_SESSION;
        return { body: ADMIN_SESSION };
      },
      "POST /api/auth/logout": { body: { authenticated: false } },
    });
    renderApp("/cuentas");
    await screen.findByRole("heading", { level: 1, name: "Cambiar contraseña" });

    fill("Abc123def456ghi789jk", "Rumbo-Planeación-2026-Segura!");
    expect(visibleText(await screen.findByRole("alert"))).toBe(NAME_PROBLEM);
    const newPassword = screen.getByLabelText("Contraseña nueva");
    expect(newPassword.getAttribute("aria-invalid")).toBe("true");
    expect(newPassword.getAttribute("autocomplete")).toBe("new-password");

    fill("Abc123def456ghi789jk", "Brújula-Sectorial-2026-Segura!");
    await screen.findByRole("heading", { level: 1, name: "Cuentas" });
    expect(window.location.pathname).toBe("/cuentas");

    const calls = stubCalls(fetchMock);
    const changes = calls.filter((c) => c.path === "/api/auth/password");
    expect(changes.map((c) => c.headers.get("x-csrf-token"))).toEqual([
      "csrf-primera",
      "csrf-primera",
    ]);
    expect(changes[1]?.body).toEqual({
      currentPassword: "Abc123def456ghi789jk",
      newPassword: "Brújula-Sectorial-2026-Segura!",
    });

    // The next write carries the token of the new session.
    fireEvent.click(
      within(screen.getByRole("banner")).getByRole("button", { name: "Cerrar sesión" }),
    );
    await waitFor(() =>
      expect(stubCalls(fetchMock).some((c) => c.path === "/api/auth/logout")).toBe(true),
    );
    const logout = stubCalls(fetchMock).find((c) => c.path === "/api/auth/logout");
    expect(logout?.headers.get("x-csrf-token")).toBe("csrf-admin");
  });
});

describe("cambiar la contraseña", () => {
  it("no llama al servidor si las dos contraseñas nuevas no coinciden", async () => {
    const fetchMock = stubApi({ "/api/auth/session": { body: CONSULTA_SESSION } });
    renderApp("/cuenta/contrasena");
    await screen.findByLabelText("Contraseña actual");
    fill("la actual de siempre", "una frase nueva y larga", "otra frase distinta");
    expect(visibleText(await screen.findByRole("alert"))).toContain(
      "Las dos contraseñas nuevas no coinciden.",
    );
    expect(stubCalls(fetchMock).some((c) => c.path === "/api/auth/password")).toBe(false);
  });

  it("un cambio voluntario confirma y se queda en la página", async () => {
    stubApi({
      "/api/auth/session": { body: CONSULTA_SESSION },
      "POST /api/auth/password": { body: CONSULTA_SESSION },
    });
    renderApp("/cuenta/contrasena");
    await screen.findByLabelText("Contraseña actual");
    fill("la actual de siempre", "una frase nueva y larga");
    expect(visibleText(await screen.findByRole("status"))).toContain("Su contraseña se cambió.");
    expect(window.location.pathname).toBe("/cuenta/contrasena");
  });

  it("muestra WRONG_PASSWORD junto a la contraseña actual", async () => {
    const message = "La contraseña actual no es correcta.";
    stubApi({
      "/api/auth/session": { body: CONSULTA_SESSION },
      "POST /api/auth/password": apiError(400, "WRONG_PASSWORD", message, [
        { field: "currentPassword", message },
      ]),
    });
    renderApp("/cuenta/contrasena");
    await screen.findByLabelText("Contraseña actual");
    fill("no es esta", "una frase nueva y larga");
    expect(visibleText(await screen.findByRole("alert"))).toBe(message);
    expect(screen.getByLabelText("Contraseña actual").getAttribute("aria-invalid")).toBe("true");
  });

  it("sin sesión, la página lleva a iniciar sesión", async () => {
    stubApi({});
    renderApp("/cuenta/contrasena");
    await screen.findByRole("heading", { level: 1, name: "Iniciar sesión" });
    expect(window.location.pathname).toBe("/entrar");
    expect(window.location.search).toBe("?volver=%2Fcuenta%2Fcontrasena");
  });
});
