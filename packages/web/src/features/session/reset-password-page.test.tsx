import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiError,
  renderApp,
  resetApp,
  stubApi,
  stubCalls,
  visibleText,
} from "../../shared/testing/render-app.tsx";
import { tokenFromHash } from "./reset-password-page.tsx";

const RESET_INVALID =
  "El enlace para fijar la contraseña no es válido, ya se usó o venció. Pida uno nuevo al administrador.";

function fill(password: string): void {
  fireEvent.change(screen.getByLabelText("Contraseña nueva"), { target: { value: password } });
  fireEvent.change(screen.getByLabelText("Repita la contraseña nueva"), {
    target: { value: password },
  });
  fireEvent.click(screen.getByRole("button", { name: "Fijar contraseña" }));
}

afterEach(resetApp);

describe("fijar la contraseña con un enlace de un solo uso", () => {
  it("lee el token del fragmento del enlace", () => {
    expect(tokenFromHash("#token=abc-DEF_123")).toBe("abc-DEF_123");
    expect(tokenFromHash("#token=")).toBeNull();
    expect(tokenFromHash("")).toBeNull();
  });

  it("envía el token del fragmento, lo quita de la barra de direcciones y confirma", async () => {
    const fetchMock = stubApi({ "POST /api/auth/reset": { body: { ok: true } } });
    renderApp("/restablecer#token=tok-de-un-solo-uso");
    expect(
      screen.getByRole("heading", { level: 1, name: "Fijar una contraseña nueva" }),
    ).toBeDefined();
    expect(window.location.hash).toBe("");

    fill("una frase larga y propia");
    expect(visibleText(await screen.findByRole("status"))).toContain("Su contraseña quedó fijada.");
    expect(screen.getByRole("link", { name: "iniciar sesión" }).getAttribute("href")).toBe(
      "/entrar",
    );
    const reset = stubCalls(fetchMock).find((c) => c.path === "/api/auth/reset");
    expect(reset?.body).toEqual({
      token: "tok-de-un-solo-uso",
      newPassword: "una frase larga y propia",
    });
  });

  it("muestra el mensaje del servidor si el enlace ya se usó o venció", async () => {
    stubApi({ "POST /api/auth/reset": apiError(400, "RESET_INVALID", RESET_INVALID) });
    renderApp("/restablecer#token=usado");
    fill("una frase larga y propia");
    expect(visibleText(await screen.findByRole("alert"))).toBe(RESET_INVALID);
  });

  it("sin token en el enlace, explica qué hacer y no muestra el formulario", () => {
    stubApi({});
    renderApp("/restablecer");
    expect(visibleText(screen.getByRole("alert"))).toContain(
      "Este enlace no trae el código para fijar la contraseña.",
    );
    expect(screen.queryByLabelText("Contraseña nueva")).toBeNull();
  });
});
