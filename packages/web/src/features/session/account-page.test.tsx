import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { RESPONSABLE_SESSION } from "./fixtures/sessions.ts";
import type { Session } from "./session-api.ts";

afterEach(resetApp);

describe("mi cuenta", () => {
  it("muestra nombre, correo, área y roles con su alcance", async () => {
    stubApi({ "/api/auth/session": { body: RESPONSABLE_SESSION } });
    renderApp("/cuenta");
    await screen.findByText("responsable@rumbo.local");
    const main = screen.getByRole("main");
    expect(visibleText(main)).toContain("Ramiro Responsable (demo)");
    expect(visibleText(main)).toContain("Alta Consejería Distrital de TIC");
    const roles = within(main).getAllByRole("listitem").map(visibleText);
    expect(roles).toEqual(["Responsable (plan 1, objetivo 3)"]);
    expect(screen.getByRole("link", { name: "Cambiar contraseña" }).getAttribute("href")).toBe(
      "/cuenta/contrasena",
    );
  });

  it("'Cerrar sesión en todos los dispositivos' llama al servidor con el token CSRF y deja la sesión cerrada", async () => {
    let session: Session = RESPONSABLE_SESSION;
    const fetchMock = stubApi({
      "/api/auth/session": () => ({ body: session }),
      "/api/plans": { body: { plans: [] } },
      "POST /api/auth/logout-all": () => {
        session = { authenticated: false };
        return { body: session };
      },
    });
    renderApp("/cuenta");
    fireEvent.click(
      await screen.findByRole("button", { name: "Cerrar sesión en todos los dispositivos" }),
    );
    await screen.findByRole("link", { name: "Iniciar sesión" });
    await waitFor(() => expect(window.location.pathname).toBe("/"));
    const call = stubCalls(fetchMock).find((c) => c.path === "/api/auth/logout-all");
    expect(call?.method).toBe("POST");
    expect(call?.headers.get("x-csrf-token")).toBe("csrf-responsable");
  });
});
