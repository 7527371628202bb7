import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../db/open-database.ts";
import { loadDemoDataIfEmpty } from "../../demo-data.ts";
import {
  createAccount,
  sessionFor,
  TEST_PASSWORD,
  type TestLogin,
} from "../../testing/accounts.ts";
import { buildApp } from "../app.ts";

let database: DatabaseHandle;
let app: FastifyInstance;
let admin: TestLogin;
let planId: number;

beforeAll(async () => {
  database = await openDatabase({ engine: "pglite", dataDir: null });
  const demo = await loadDemoDataIfEmpty(database.db);
  if (!demo.loaded) throw new Error("base no vacía");
  planId = demo.planId;
  app = await buildApp({
    database,
    logger: false,
    webDist: null,
    version: "t",
    publicUrl: "https://rumbo.entidad.gov.co",
  });
  admin = await sessionFor(
    database.db,
    await createAccount(database.db, "admin@entidad.gov.co", [
      { role: "administrador", scope: { kind: "global" } },
    ]),
  );
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("administración de cuentas", () => {
  it("el administrador crea una cuenta de responsable con alcance de objetivo y recibe el enlace de un solo uso", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: {
        email: "Gerente.Meta@Entidad.gov.co",
        name: "Gerente de meta",
        area: "Dirección Distrital de Desarrollo Institucional",
        assignments: [
          { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "6" } },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({
      email: "gerente.meta@entidad.gov.co",
      active: true,
      hasPassword: false,
      mustChangePassword: false,
      locked: false,
      assignments: [
        { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "6" } },
      ],
    });
    expect(body.reset.link).toMatch(/^https:\/\/rumbo\.entidad\.gov\.co\/restablecer#token=/);
    // The new person sets a password with the link and then reports on objective 6 only.
    const token = String(body.reset.link).split("#token=")[1];
    expect(
      (
        await app.inject({
          method: "POST",
          url: "/api/auth/reset",
          payload: { token, newPassword: "Reto de ciudad número seis" },
        })
      ).json(),
    ).toEqual({ ok: true });
    const s = await sessionFor(database.db, body.user.id);
    const perms = (
      await app.inject({
        method: "GET",
        url: `/api/plans/${planId}/permissions`,
        headers: s.headers,
      })
    ).json();
    expect(perms.reportableIndicators).toEqual(["72", "4226", "3", "4248", "80"]);
    expect(perms.actions["report.review"]).toBe(false);
  });

  it("un correo repetido da 409 nombrando el campo, sin tocar la cuenta existente", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: { email: "admin@entidad.gov.co", name: "Otra", area: null, assignments: [] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: "EMAIL_TAKEN",
      message: "Ya existe una cuenta con el correo admin@entidad.gov.co.",
      details: [
        { field: "email", message: "Ya existe una cuenta con el correo admin@entidad.gov.co." },
      ],
    });
  });

  it("datos no válidos se rechazan nombrando cada campo", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: {
        email: "no-es-correo",
        name: "",
        assignments: [{ role: "jefe", scope: { kind: "global" } }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      "email",
      "name",
      "assignments.0.role",
    ]);
  });

  it("un nombre de más de 200 caracteres se rechaza nombrando «nombre» y no crea la cuenta", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: { email: "larga@entidad.gov.co", name: "María ".repeat(40), assignments: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_ERROR");
    expect(res.json().error.details).toEqual([
      { field: "name", message: "«nombre» admite hasta 200 caracteres" },
    ]);
    const list = await app.inject({ method: "GET", url: "/api/users", headers: admin.headers });
    expect(list.json().users.map((u: { email: string }) => u.email)).not.toContain(
      "larga@entidad.gov.co",
    );
  });

  it("desactivar una cuenta cierra sus sesiones y le impide entrar", async () => {
    const id = await createAccount(database.db, "saliente@entidad.gov.co", [
      { role: "consulta", scope: { kind: "global" } },
    ]);
    const s = await sessionFor(database.db, id);
    const res = await app.inject({
      method: "PATCH",
      url: `/api/users/${id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(res.json().active).toBe(false);
    expect(
      (await app.inject({ method: "GET", url: "/api/auth/session", headers: s.headers })).json(),
    ).toEqual({ authenticated: false });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "saliente@entidad.gov.co", password: TEST_PASSWORD },
    });
    expect(login.json().error.code).toBe("LOGIN_FAILED");
  });

  it("a una cuenta desactivada no se le emite enlace para fijar la contraseña (409), y queda auditado", async () => {
    const id = await createAccount(database.db, "retirada@entidad.gov.co", []);
    await app.inject({
      method: "PATCH",
      url: `/api/users/${id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    const res = await app.inject({
      method: "POST",
      url: `/api/users/${id}/reset-link`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: "ACCOUNT_INACTIVE",
      message:
        "La cuenta de retirada@entidad.gov.co está desactivada: actívela antes de emitir un enlace para fijar la contraseña.",
      details: null,
    });
  });

  it("un enlace emitido antes de desactivar la cuenta ya no fija la contraseña", async () => {
    const id = await createAccount(database.db, "trasladado@entidad.gov.co", []);
    const issued = await app.inject({
      method: "POST",
      url: `/api/users/${id}/reset-link`,
      headers: admin.headers,
    });
    const token = String(issued.json().link).split("#token=")[1];
    await app.inject({
      method: "PATCH",
      url: `/api/users/${id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/reset",
      payload: { token, newPassword: "Otra-Clave-Segura-2026" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("RESET_INVALID");
  });

  it("una cuenta que no existe da 404", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/users/99999/reset-link",
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("USER_NOT_FOUND");
  });

  it("un rol sobre un plan, objetivo o indicador que no existe se rechaza nombrando el campo", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: {
        email: "alcance@entidad.gov.co",
        name: "Alcance errado",
        area: null,
        assignments: [
          { role: "consulta", scope: { kind: "plan", planId: 424242 } },
          { role: "responsable", scope: { kind: "objective", planId, objectiveCode: "99" } },
          { role: "responsable", scope: { kind: "indicator", planId, indicatorCode: "2153" } },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: "assignments.0.scope.planId", message: "No existe el plan 424242." },
      {
        field: "assignments.1.scope.objectiveCode",
        message: "El plan PES-GP-2024-2027 no tiene objetivo 99.",
      },
      // 2153 is a meta; its indicator is 4075.
      {
        field: "assignments.2.scope.indicatorCode",
        message: "El plan PES-GP-2024-2027 no tiene indicador 2153.",
      },
    ]);
  });

  it("nadie deja a Rumbo sin una administración global activa", async () => {
    const selfOff = await app.inject({
      method: "PATCH",
      url: `/api/users/${admin.userId}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(selfOff.statusCode).toBe(409);
    expect(selfOff.json().error.code).toBe("LAST_ADMINISTRATOR");
    const demote = await app.inject({
      method: "PUT",
      url: `/api/users/${admin.userId}/assignments`,
      headers: admin.headers,
      payload: { assignments: [{ role: "consulta", scope: { kind: "global" } }] },
    });
    expect(demote.json().error.code).toBe("LAST_ADMINISTRATOR");
    // With a second administrator, the first may step down.
    await createAccount(database.db, "admin2@entidad.gov.co", [
      { role: "administrador", scope: { kind: "global" } },
    ]);
    const ok = await app.inject({
      method: "PUT",
      url: `/api/users/${admin.userId}/assignments`,
      headers: admin.headers,
      payload: {
        assignments: [
          { role: "administrador", scope: { kind: "global" } },
          { role: "consulta", scope: { kind: "global" } },
        ],
      },
    });
    expect(ok.statusCode).toBe(200);
  });

  it("los intentos fallidos se encuentran por el correo escrito, y la lista dice si quedó cortada", async () => {
    await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "Intruso@Ejemplo.co", password: "x" },
    });
    const res = await app.inject({
      method: "GET",
      url: "/api/audit?usuario=intruso&limite=1",
      headers: admin.headers,
    });
    expect(res.json().entries).toEqual([
      expect.objectContaining({
        action: "login",
        outcome: "failed",
        actorEmail: "intruso@ejemplo.co",
        userId: null,
      }),
    ]);
    expect(res.json().truncated).toBe(false);
    const all = await app.inject({
      method: "GET",
      url: "/api/audit?limite=1",
      headers: admin.headers,
    });
    expect(all.json().truncated).toBe(true);
  });
});
