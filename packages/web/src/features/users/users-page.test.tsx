import { ACCOUNT_TEXT_LIMITS } from "@rumbo/core";
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
import type { PlanSummary } from "../plans/plans-api.ts";
import {
  ADMIN_SESSION,
  ADMIN_USER,
  CONSULTA_SESSION,
  CONSULTA_USER,
  PLANEACION_USER,
  RESPONSABLE_USER,
} from "../session/fixtures/sessions.ts";
import type { SessionUser } from "../session/session-api.ts";
import type { UserAccount } from "./users-api.ts";

function account(user: SessionUser, extra: Partial<UserAccount> = {}): UserAccount {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    area: user.area,
    active: true,
    mustChangePassword: user.mustChangePassword,
    hasPassword: true,
    locked: false,
    assignments: user.assignments,
    ...extra,
  };
}

const ACCOUNTS: UserAccount[] = [
  account(ADMIN_USER),
  account(PLANEACION_USER),
  account(RESPONSABLE_USER, { locked: true }),
  account(CONSULTA_USER),
];

const PLAN: PlanSummary = {
  id: 1,
  code: "PES-GP-2024-2027",
  name: "Plan Estratégico Sectorial 2024-2027 - Sector Gestión Pública",
  years: [2024, 2025, 2026, 2027],
  entity: "Sector Gestión Pública",
  objectiveCount: 8,
  indicatorCount: 18,
  published: true,
};

const RESET = {
  link: "http://127.0.0.1:3210/restablecer#token=enlace-de-un-solo-uso",
  expiresAt: "2026-03-06T15:00:00.000Z",
};

const ADMIN_ANSWERS = {
  "/api/auth/session": { body: ADMIN_SESSION },
  "/api/users": { body: { users: ACCOUNTS } },
  "/api/plans": { body: { plans: [PLAN] } },
};

function usersTable(): HTMLElement {
  return screen.getByRole("table", { name: "Cuentas" });
}

function rowOf(name: string): HTMLElement {
  const header = within(usersTable()).getByRole("rowheader", { name: new RegExp(`^${name}`) });
  const row = header.closest("tr");
  if (row === null) throw new Error(`La cuenta ${name} no está en una fila`);
  return row;
}

afterEach(resetApp);

describe("cuentas (administración)", () => {
  it("lista las cuentas en una tabla con sus roles y estado", async () => {
    stubApi(ADMIN_ANSWERS);
    renderApp("/cuentas");
    await screen.findByRole("heading", { level: 1, name: "Cuentas" });
    expect(document.title).toBe("Cuentas — Rumbo");
    const headers = within(usersTable()).getAllByRole("rowheader").map(visibleText);
    expect(headers).toEqual([
      "Administración de Rumbo (su cuenta)",
      "Paula Planeación (demo)",
      "Ramiro Responsable (demo)",
      "Carla Consulta (demo)",
    ]);
    const responsable = rowOf("Ramiro Responsable");
    expect(visibleText(responsable)).toContain("responsable@rumbo.local");
    expect(visibleText(responsable)).toContain("Responsable (plan 1, objetivo 3)");
    expect(visibleText(responsable)).toContain("Activa; bloqueada temporalmente");
    expect(
      within(responsable).getByRole("button", { name: "Desactivar de Ramiro Responsable (demo)" }),
    ).toBeDefined();
    // No "Desactivar" on one's own account: it would close this very session.
    expect(
      within(rowOf("Administración de Rumbo")).queryByRole("button", { name: /^Desactivar/ }),
    ).toBeNull();
  });

  it("muestra las cuentas y la auditoría en la navegación de un administrador global", async () => {
    stubApi(ADMIN_ANSWERS);
    renderApp("/cuentas");
    const nav = screen.getByRole("navigation", { name: "Principal" });
    const link = await within(nav).findByRole("link", { name: "Cuentas" });
    expect(link.getAttribute("href")).toBe("/cuentas");
    expect(link.getAttribute("aria-current")).toBe("page");
    expect(within(nav).getByRole("link", { name: "Auditoría" }).getAttribute("href")).toBe(
      "/auditoria",
    );
  });

  it("crear una cuenta muestra el enlace de un solo uso con un botón para copiarlo", async () => {
    const created = account(
      {
        id: 5,
        email: "nueva@rumbo.local",
        name: "Nora Nueva",
        area: "Despacho",
        mustChangePassword: false,
        assignments: [
          { role: "responsable", scope: { kind: "indicator", planId: 1, indicatorCode: "78" } },
        ],
      },
      { hasPassword: false },
    );
    const fetchMock = stubApi({
      ...ADMIN_ANSWERS,
      "POST /api/users": { status: 201, body: { user: created, reset: RESET } },
    });
    renderApp("/cuentas");
    await screen.findByRole("heading", { level: 1, name: "Cuentas" });
    const form = screen.getByRole("region", { name: "Crear una cuenta" });
    // The limits are core's: the field stops where the server would refuse.
    expect(within(form).getByLabelText("Nombre").getAttribute("maxlength")).toBe(
      String(ACCOUNT_TEXT_LIMITS.name),
    );
    expect(within(form).getByLabelText(/^Área/).getAttribute("maxlength")).toBe(
      String(ACCOUNT_TEXT_LIMITS.area),
    );
    fireEvent.change(within(form).getByLabelText("Correo electrónico"), {
      target: { value: "nueva@rumbo.local" },
    });
    fireEvent.change(within(form).getByLabelText("Nombre"), { target: { value: "Nora Nueva" } });
    fireEvent.change(within(form).getByLabelText(/^Área/), { target: { value: "Despacho" } });
    fireEvent.change(within(form).getByLabelText("Rol"), { target: { value: "responsable" } });
    fireEvent.change(await within(form).findByRole("combobox", { name: "Plan" }), {
      target: { value: "1" },
    });
    fireEvent.change(within(form).getByLabelText(/^Código del indicador/), {
      target: { value: "78" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Crear cuenta" }));

    const panel = await screen.findByRole("region", { name: "Cuenta creada para Nora Nueva" });
    expect((within(panel).getByLabelText("Enlace de un solo uso") as HTMLInputElement).value).toBe(
      RESET.link,
    );
    expect(within(panel).getByRole("button", { name: "Copiar enlace" })).toBeDefined();
    expect(visibleText(panel)).toContain("vence el 06/03/2026, 10:00:00");
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(panel).getByRole("heading", { name: "Cuenta creada para Nora Nueva" }),
      ),
    );

    const post = stubCalls(fetchMock).find((c) => c.method === "POST" && c.path === "/api/users");
    expect(post?.headers.get("x-csrf-token")).toBe("csrf-admin");
    expect(post?.headers.get("content-type")).toBe("application/json");
    expect(post?.body).toEqual({
      email: "nueva@rumbo.local",
      name: "Nora Nueva",
      area: "Despacho",
      assignments: [
        { role: "responsable", scope: { kind: "indicator", planId: 1, indicatorCode: "78" } },
      ],
    });
  });

  it("muestra el mensaje del servidor si el correo ya tiene cuenta", async () => {
    const message = "Ya existe una cuenta con el correo consulta@rumbo.local.";
    stubApi({
      ...ADMIN_ANSWERS,
      "POST /api/users": apiError(409, "EMAIL_TAKEN", message, [{ field: "email", message }]),
    });
    renderApp("/cuentas");
    const form = await screen.findByRole("region", { name: "Crear una cuenta" });
    fireEvent.change(within(form).getByLabelText("Correo electrónico"), {
      target: { value: "consulta@rumbo.local" },
    });
    fireEvent.change(within(form).getByLabelText("Nombre"), { target: { value: "Otra" } });
    fireEvent.click(within(form).getByLabelText("Global (todos los planes)"));
    fireEvent.click(within(form).getByRole("button", { name: "Crear cuenta" }));
    expect(visibleText(await screen.findByRole("alert"))).toBe(message);
    expect(within(form).getByLabelText("Correo electrónico").getAttribute("aria-invalid")).toBe(
      "true",
    );
  });

  it("pide elegir el plan cuando el alcance es un plan", async () => {
    const fetchMock = stubApi(ADMIN_ANSWERS);
    renderApp("/cuentas");
    const form = await screen.findByRole("region", { name: "Crear una cuenta" });
    fireEvent.change(within(form).getByLabelText("Correo electrónico"), {
      target: { value: "x@rumbo.local" },
    });
    fireEvent.change(within(form).getByLabelText("Nombre"), { target: { value: "Equis" } });
    fireEvent.click(within(form).getByRole("button", { name: "Crear cuenta" }));
    expect(await within(form).findByText("Elija el plan.")).toBeDefined();
    expect(stubCalls(fetchMock).some((c) => c.method === "POST")).toBe(false);
  });

  it("desactivar envía PATCH con el token CSRF y confirma", async () => {
    const fetchMock = stubApi({
      ...ADMIN_ANSWERS,
      "PATCH /api/users/4": { body: account(CONSULTA_USER, { active: false }) },
    });
    renderApp("/cuentas");
    await screen.findByRole("table", { name: "Cuentas" });
    fireEvent.click(
      within(rowOf("Carla Consulta")).getByRole("button", {
        name: "Desactivar de Carla Consulta (demo)",
      }),
    );
    expect(visibleText(await screen.findByRole("status"))).toBe(
      "Se desactivó la cuenta de Carla Consulta (demo); sus sesiones se cerraron.",
    );
    const patch = stubCalls(fetchMock).find((c) => c.method === "PATCH");
    expect(patch?.path).toBe("/api/users/4");
    expect(patch?.headers.get("x-csrf-token")).toBe("csrf-admin");
    expect(patch?.body).toEqual({ active: false });
  });

  it("'Generar enlace para restablecer' muestra el enlace nuevo", async () => {
    const fetchMock = stubApi({
      ...ADMIN_ANSWERS,
      "POST /api/users/2/reset-link": { body: RESET },
    });
    renderApp("/cuentas");
    await screen.findByRole("table", { name: "Cuentas" });
    fireEvent.click(
      within(rowOf("Paula Planeación")).getByRole("button", {
        name: "Generar enlace para restablecer de Paula Planeación (demo)",
      }),
    );
    const panel = await screen.findByRole("region", {
      name: "Enlace para restablecer la contraseña de Paula Planeación (demo)",
    });
    expect((within(panel).getByRole("textbox") as HTMLInputElement).value).toBe(RESET.link);
    const call = stubCalls(fetchMock).find((c) => c.path === "/api/users/2/reset-link");
    expect(call?.headers.get("x-csrf-token")).toBe("csrf-admin");
  });

  it("una cuenta desactivada no ofrece generar enlace para restablecer; se ofrece activarla", async () => {
    stubApi({
      ...ADMIN_ANSWERS,
      "/api/users": {
        body: { users: [account(ADMIN_USER), account(CONSULTA_USER, { active: false })] },
      },
    });
    renderApp("/cuentas");
    await screen.findByRole("table", { name: "Cuentas" });
    const row = rowOf("Carla Consulta");
    expect(
      within(row).queryByRole("button", { name: /^Generar enlace para restablecer/ }),
    ).toBeNull();
    expect(
      within(row).getByRole("button", { name: "Activar de Carla Consulta (demo)" }),
    ).toBeDefined();
  });

  it("cambiar roles: quita uno, agrega otro y guarda la lista completa", async () => {
    const fetchMock = stubApi({
      ...ADMIN_ANSWERS,
      "PUT /api/users/3/assignments": {
        body: account(RESPONSABLE_USER, {
          assignments: [{ role: "consulta", scope: { kind: "global" } }],
        }),
      },
    });
    renderApp("/cuentas");
    await screen.findByRole("table", { name: "Cuentas" });
    fireEvent.click(
      within(rowOf("Ramiro Responsable")).getByRole("button", {
        name: "Cambiar roles de Ramiro Responsable (demo)",
      }),
    );
    const editor = screen.getByRole("region", { name: "Roles de Ramiro Responsable (demo)" });
    fireEvent.click(
      within(editor).getByRole("button", { name: "Quitar Responsable (plan 1, objetivo 3)" }),
    );
    expect(visibleText(editor)).toContain("Sin roles");
    fireEvent.change(within(editor).getByLabelText("Rol"), { target: { value: "consulta" } });
    fireEvent.click(within(editor).getByLabelText("Global (todos los planes)"));
    fireEvent.click(within(editor).getByRole("button", { name: "Agregar rol" }));
    expect(within(editor).getByRole("list").textContent).toContain("Consulta (global)");
    fireEvent.click(within(editor).getByRole("button", { name: "Guardar roles" }));

    expect(visibleText(await screen.findByRole("status"))).toBe(
      "Se guardaron los roles de Ramiro Responsable (demo).",
    );
    const put = stubCalls(fetchMock).find((c) => c.method === "PUT");
    expect(put?.path).toBe("/api/users/3/assignments");
    expect(put?.headers.get("x-csrf-token")).toBe("csrf-admin");
    expect(put?.body).toEqual({ assignments: [{ role: "consulta", scope: { kind: "global" } }] });
  });
});

describe("acceso a las páginas de administración", () => {
  it("quien no es administrador ve 'No tiene permiso para ver esta página' (403) y no tiene los enlaces", async () => {
    stubApi({
      "/api/auth/session": { body: CONSULTA_SESSION },
      "/api/users": apiError(403, "FORBIDDEN", "No tiene permiso para hacer esto."),
    });
    renderApp("/cuentas");
    await screen.findByRole("heading", {
      level: 1,
      name: "No tiene permiso para ver esta página",
    });
    expect(screen.queryByRole("table")).toBeNull();
    const nav = screen.getByRole("navigation", { name: "Principal" });
    expect(within(nav).queryByRole("link", { name: "Cuentas" })).toBeNull();
    expect(within(nav).queryByRole("link", { name: "Auditoría" })).toBeNull();
  });

  it("un visitante sin sesión (401) va a iniciar sesión y volverá a /cuentas", async () => {
    stubApi({
      "/api/users": apiError(401, "AUTH_REQUIRED", "Debe iniciar sesión para hacer esto."),
    });
    renderApp("/cuentas");
    await screen.findByRole("heading", { level: 1, name: "Iniciar sesión" });
    expect(window.location.pathname).toBe("/entrar");
    expect(window.location.search).toBe("?volver=%2Fcuentas");
  });
});
