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
import { CONSULTA_SESSION, PLANEACION_SESSION } from "./fixtures/sessions.ts";
import type { Session } from "./session-api.ts";

const LOGIN_FAILED_MESSAGE =
  "Correo o contraseña incorrectos, o la cuenta está bloqueada temporalmente por intentos fallidos.";

const PLAN_ANSWERS = {
  "/api/plans/1": { body: planDetail(SEED_PLAN) },
  "/api/plans/1/permissions": {
    body: {
      planId: 1,
      actions: { "plan.reprogram": true, "report.review": true },
      reportableIndicators: [],
    },
  },
};

function fillLogin(email: string, password: string): void {
  fireEvent.change(screen.getByLabelText("Correo electrónico"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Contraseña"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Entrar" }));
}

afterEach(resetApp);

describe("iniciar sesión", () => {
  it("un visitante ve 'Iniciar sesión' en el encabezado, que vuelve a la página donde estaba", async () => {
    stubApi(PLAN_ANSWERS);
    renderApp("/planes/1");
    const banner = screen.getByRole("banner");
    const link = await within(banner).findByRole("link", { name: "Iniciar sesión" });
    expect(link.getAttribute("href")).toBe("/entrar?volver=%2Fplanes%2F1");
    expect(within(banner).queryByRole("button", { name: "Cerrar sesión" })).toBeNull();
  });

  it("el formulario tiene campos con etiqueta y autocompletado para gestores de contraseñas", async () => {
    stubApi({});
    renderApp("/entrar");
    expect(screen.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeDefined();
    expect(document.title).toBe("Iniciar sesión — Rumbo");
    const email = screen.getByLabelText("Correo electrónico");
    expect(email.getAttribute("type")).toBe("email");
    expect(email.getAttribute("autocomplete")).toBe("username");
    const password = screen.getByLabelText("Contraseña");
    expect(password.getAttribute("type")).toBe("password");
    expect(password.getAttribute("autocomplete")).toBe("current-password");
  });

  it("con correo y contraseña correctos entra, vuelve a donde estaba y muestra su nombre y roles", async () => {
    let session: Session = { authenticated: false };
    const fetchMock = stubApi({
      ...PLAN_ANSWERS,
      "/api/auth/session": () => ({ body: session }),
      "POST /api/auth/login": () => {
        session = PLANEACION_SESSION;
        return { body: PLANEACION_SESSION };
      },
    });
    renderApp("/entrar?volver=%2Fplanes%2F1");
    fillLogin("planeacion@rumbo.local", "una frase larga y propia");

    await screen.findByRole("heading", { level: 1, name: SEED_PLAN.name });
    expect(window.location.pathname).toBe("/planes/1");
    const banner = screen.getByRole("banner");
    expect(visibleText(banner)).toContain("Paula Planeación (demo)");
    expect(visibleText(banner)).toContain("Planeación (global)");
    // A global scope is not administration: no Cuentas nor Auditoría.
    const nav = within(banner).getByRole("navigation", { name: "Principal" });
    expect(within(nav).queryByRole("link", { name: "Cuentas" })).toBeNull();
    expect(within(banner).getByRole("button", { name: "Cerrar sesión" })).toBeDefined();
    expect(within(banner).queryByRole("link", { name: "Iniciar sesión" })).toBeNull();

    const login = stubCalls(fetchMock).find((c) => c.path === "/api/auth/login");
    expect(login?.method).toBe("POST");
    expect(login?.headers.get("content-type")).toBe("application/json");
    expect(login?.body).toEqual({
      email: "planeacion@rumbo.local",
      password: "una frase larga y propia",
    });
  });

  it("sin página de regreso, entra al inicio", async () => {
    stubApi({
      "POST /api/auth/login": { body: CONSULTA_SESSION },
      "/api/plans": { body: { plans: [] } },
    });
    renderApp("/entrar");
    fillLogin("consulta@rumbo.local", "una frase larga y propia");
    await screen.findByRole("heading", { level: 1, name: "Planes estratégicos" });
    expect(window.location.pathname).toBe("/");
  });

  it("no acepta una dirección de regreso de otro sitio", async () => {
    stubApi({
      "POST /api/auth/login": { body: CONSULTA_SESSION },
      "/api/plans": { body: { plans: [] } },
    });
    renderApp("/entrar?volver=%2F%2Fmalicioso.example%2F");
    fillLogin("consulta@rumbo.local", "una frase larga y propia");
    await screen.findByRole("heading", { level: 1, name: "Planes estratégicos" });
    expect(window.location.pathname).toBe("/");
  });

  it("si el servidor responde LOGIN_FAILED, anuncia su mensaje tal cual y no sale de la página", async () => {
    stubApi({ "POST /api/auth/login": apiError(401, "LOGIN_FAILED", LOGIN_FAILED_MESSAGE) });
    renderApp("/entrar");
    fillLogin("alguien@rumbo.local", "no es esta");
    const alert = await screen.findByRole("alert");
    expect(visibleText(alert)).toBe(LOGIN_FAILED_MESSAGE);
    expect(window.location.pathname).toBe("/entrar");
    expect(screen.getByRole("button", { name: "Entrar" })).toBeDefined();
  });

  it("anuncia el límite de intentos (429) con el mensaje del servidor", async () => {
    const message =
      "Demasiados intentos de inicio de sesión desde esta dirección. Espere 10 minuto(s).";
    stubApi({ "POST /api/auth/login": apiError(429, "TOO_MANY_ATTEMPTS", message) });
    renderApp("/entrar");
    fillLogin("alguien@rumbo.local", "otra contraseña");
    expect(visibleText(await screen.findByRole("alert"))).toBe(message);
  });

  it("pide correo y contraseña antes de llamar al servidor", async () => {
    const fetchMock = stubApi({});
    renderApp("/entrar");
    fireEvent.click(screen.getByRole("button", { name: "Entrar" }));
    expect(visibleText(await screen.findByRole("alert"))).toContain(
      "Escriba su correo electrónico. Escriba su contraseña.",
    );
    const email = screen.getByLabelText("Correo electrónico");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(stubCalls(fetchMock).some((c) => c.path === "/api/auth/login")).toBe(false);
  });
});

describe("cerrar sesión", () => {
  it("envía el token CSRF de la sesión, vuelve al inicio y muestra de nuevo 'Iniciar sesión'", async () => {
    let session: Session = CONSULTA_SESSION;
    const fetchMock = stubApi({
      ...PLAN_ANSWERS,
      "/api/plans": { body: { plans: [] } },
      "/api/auth/session": () => ({ body: session }),
      "POST /api/auth/logout": () => {
        session = { authenticated: false };
        return { body: session };
      },
    });
    renderApp("/planes/1");
    const banner = screen.getByRole("banner");
    fireEvent.click(await within(banner).findByRole("button", { name: "Cerrar sesión" }));

    await within(banner).findByRole("link", { name: "Iniciar sesión" });
    await waitFor(() => expect(window.location.pathname).toBe("/"));
    const logout = stubCalls(fetchMock).find((c) => c.path === "/api/auth/logout");
    expect(logout?.method).toBe("POST");
    expect(logout?.headers.get("x-csrf-token")).toBe("csrf-consulta");
  });
});
