import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../../audit/audit-repository.ts";
import { hashPassword } from "../../auth/passwords.ts";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../../auth/sessions-repository.ts";
import { type DatabaseHandle, openDatabase } from "../../db/open-database.ts";
import { auditLog, sessions } from "../../db/schema.ts";
import { createAccount, sessionFor, TEST_PASSWORD } from "../../testing/accounts.ts";
import { createUser, findUserByEmail } from "../../users/users-repository.ts";
import { SESSION_COOKIE } from "../access-control.ts";
import { buildApp } from "../app.ts";
import { LOGIN_FAILED_MESSAGE } from "./auth-routes.ts";

let clock = new Date("2026-03-02T14:00:00Z");
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openDatabase({ engine: "pglite", dataDir: null });
  app = await buildApp({ database, logger: false, webDist: null, version: "t", now: () => clock });
  await createAccount(
    database.db,
    "ana@entidad.gov.co",
    [{ role: "consulta", scope: { kind: "global" } }],
    {
      name: "Ana Torres",
    },
  );
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function login(
  email: string,
  password: string,
  headers: Record<string, string> = {},
  remoteAddress = "10.0.0.1",
) {
  return app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
    headers,
    remoteAddress,
  });
}

function sessionCookie(res: { cookies: { name: string; value: string }[] }): string {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  if (!c) throw new Error("sin cookie de sesión");
  return `${SESSION_COOKIE}=${c.value}`;
}

describe("inicio y cierre de sesión", () => {
  it("con la contraseña correcta abre una sesión con cookie httpOnly y SameSite=Lax", async () => {
    const res = await login("  Ana@Entidad.gov.co ", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      authenticated: true,
      user: { email: "ana@entidad.gov.co", name: "Ana Torres" },
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeUndefined();
    const me = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: sessionCookie(res) },
    });
    expect(me.json()).toMatchObject({ authenticated: true, csrfToken: body.csrfToken });
  });

  it("detrás de un proxy HTTPS de confianza la cookie es Secure; sin confianza, el encabezado no cuenta", async () => {
    const viaProxy = async (trustProxy: boolean) => {
      const proxied = await buildApp({
        database,
        logger: false,
        webDist: null,
        version: "t",
        now: () => clock,
        trustProxy,
      });
      const res = await proxied.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "ana@entidad.gov.co", password: TEST_PASSWORD },
        headers: { "x-forwarded-proto": "https" },
        remoteAddress: "10.0.0.50",
      });
      await proxied.close();
      return res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure;
    };
    expect(await viaProxy(true)).toBe(true);
    expect(await viaProxy(false)).toBeUndefined();
  });

  it("fijación de sesión: una cookie plantada antes de entrar no sirve después", async () => {
    const planted = await login("ana@entidad.gov.co", TEST_PASSWORD);
    const plantedCookie = sessionCookie(planted);
    const res = await login("ana@entidad.gov.co", TEST_PASSWORD, {
      cookie: plantedCookie,
      "x-csrf-token": planted.json().csrfToken,
    });
    expect(sessionCookie(res)).not.toBe(plantedCookie);
    const old = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: plantedCookie },
    });
    expect(old.json()).toEqual({ authenticated: false });
  });

  it("la sesión vence tras 2 horas sin uso y a las 12 horas aunque se use", async () => {
    const res = await login("ana@entidad.gov.co", TEST_PASSWORD);
    const cookie = sessionCookie(res);
    const ask = async () =>
      (await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } })).json()
        .authenticated;
    advance(SESSION_IDLE_MS - 60_000);
    expect(await ask()).toBe(true);
    advance(SESSION_IDLE_MS + 1);
    expect(await ask()).toBe(false);

    const busy = sessionCookie(await login("ana@entidad.gov.co", TEST_PASSWORD));
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS - 3_600_000; elapsed += 3_600_000) {
      advance(3_600_000);
      expect(
        (
          await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: busy } })
        ).json().authenticated,
      ).toBe(true);
    }
    advance(3_600_001);
    expect(
      (
        await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie: busy } })
      ).json().authenticated,
    ).toBe(false);
    // Expired sessions do not pile up: the next login sweeps them.
    await login("ana@entidad.gov.co", TEST_PASSWORD);
    const rows = await database.db.select().from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every(
        (r) => r.expiresAt > clock && clock.getTime() - r.lastSeenAt.getTime() <= SESSION_IDLE_MS,
      ),
    ).toBe(true);
  });

  it("cerrar sesión invalida la cookie; cerrar en todos los dispositivos, todas", async () => {
    const a = await login("ana@entidad.gov.co", TEST_PASSWORD);
    const b = await login("ana@entidad.gov.co", TEST_PASSWORD);
    const out = await app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: sessionCookie(a), "x-csrf-token": a.json().csrfToken },
    });
    expect(out.json()).toEqual({ authenticated: false });
    expect(
      (
        await app.inject({
          method: "GET",
          url: "/api/auth/session",
          headers: { cookie: sessionCookie(a) },
        })
      ).json(),
    ).toEqual({
      authenticated: false,
    });
    const c = await login("ana@entidad.gov.co", TEST_PASSWORD);
    const all = await app.inject({
      method: "POST",
      url: "/api/auth/logout-all",
      headers: { cookie: sessionCookie(b), "x-csrf-token": b.json().csrfToken },
    });
    expect(all.statusCode).toBe(200);
    for (const s of [b, c]) {
      const r = await app.inject({
        method: "GET",
        url: "/api/auth/session",
        headers: { cookie: sessionCookie(s) },
      });
      expect(r.json()).toEqual({ authenticated: false });
    }
  });
});

describe("CSRF", () => {
  it("una escritura con sesión y sin token, o con un token falso, se rechaza", async () => {
    const res = await login("ana@entidad.gov.co", TEST_PASSWORD);
    const cookie = sessionCookie(res);
    for (const headers of [{ cookie }, { cookie, "x-csrf-token": "falso" }]) {
      const r = await app.inject({ method: "POST", url: "/api/auth/logout-all", headers });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe("CSRF_INVALID");
    }
    // The token of another session does not work either.
    const other = await login("ana@entidad.gov.co", TEST_PASSWORD);
    const forged = await app.inject({
      method: "POST",
      url: "/api/auth/logout-all",
      headers: { cookie, "x-csrf-token": other.json().csrfToken },
    });
    expect(forged.json().error.code).toBe("CSRF_INVALID");
    const audited = await listAudit(database.db, { action: "csrf:session.read" });
    expect(audited.length).toBeGreaterThanOrEqual(3);
    expect(audited[0]).toMatchObject({
      outcome: "denied",
      actorEmail: "ana@entidad.gov.co",
      resource: "/api/auth/logout-all",
    });
  });
});

describe("intentos fallidos, bloqueo y enumeración", () => {
  it("una cuenta inexistente y una contraseña errada reciben la misma respuesta", async () => {
    const unknown = await login("nadie@entidad.gov.co", "Cualquier-cosa-2026", {}, "10.0.1.1");
    const wrong = await login("ana@entidad.gov.co", "Cualquier-cosa-2026", {}, "10.0.1.1");
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json()).toEqual({
      error: { code: "LOGIN_FAILED", message: LOGIN_FAILED_MESSAGE, details: null },
    });
  });

  it("una cuenta inexistente cuesta lo mismo que una contraseña errada: también se verifica un hash", async () => {
    await login("nadie@entidad.gov.co", "calentar", {}, "10.0.2.1");
    const time = async (email: string) => {
      const t0 = performance.now();
      await login(email, "Cualquier-cosa-2026", {}, "10.0.2.1");
      return performance.now() - t0;
    };
    const unknown = [
      await time("nadie1@entidad.gov.co"),
      await time("nadie2@entidad.gov.co"),
      await time("nadie3@x.co"),
    ];
    await createAccount(database.db, "tiempos@entidad.gov.co", []);
    const known = [await time("tiempos@entidad.gov.co"), await time("tiempos@entidad.gov.co")];
    // Without the dummy verification an unknown email answers ~30 times faster.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) / 3);
  });

  it("tras 5 fallos seguidos la cuenta se bloquea 1 minuto, y el bloqueo se duplica con cada fallo", async () => {
    await createAccount(database.db, "bloqueo@entidad.gov.co", []);
    for (let i = 0; i < 5; i++) await login("bloqueo@entidad.gov.co", "mala", {}, "10.0.3.1");
    const locked = await findUserByEmail(database.db, "bloqueo@entidad.gov.co");
    expect(locked?.failedLogins).toBe(5);
    expect(locked?.lockedUntil?.getTime()).toBe(clock.getTime() + 60_000);
    // Even the right password fails while locked, with the same generic answer.
    const during = await login("bloqueo@entidad.gov.co", TEST_PASSWORD, {}, "10.0.3.1");
    expect(during.json().error.code).toBe("LOGIN_FAILED");
    advance(60_001);
    await login("bloqueo@entidad.gov.co", "mala", {}, "10.0.3.1");
    expect(
      (await findUserByEmail(database.db, "bloqueo@entidad.gov.co"))?.lockedUntil?.getTime(),
    ).toBe(clock.getTime() + 120_000);
    advance(120_001);
    const after = await login("bloqueo@entidad.gov.co", TEST_PASSWORD, {}, "10.0.3.1");
    expect(after.statusCode).toBe(200);
    expect((await findUserByEmail(database.db, "bloqueo@entidad.gov.co"))?.failedLogins).toBe(0);
  });

  it("más de 20 intentos en 10 minutos desde una dirección reciben 429 con Retry-After", async () => {
    for (let i = 0; i < 20; i++) {
      expect((await login(`x${i}@entidad.gov.co`, "mala", {}, "10.9.9.9")).statusCode).toBe(401);
    }
    const blocked = await login("ana@entidad.gov.co", TEST_PASSWORD, {}, "10.9.9.9");
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("TOO_MANY_ATTEMPTS");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await login("ana@entidad.gov.co", TEST_PASSWORD, {}, "10.9.9.10")).statusCode).toBe(
      200,
    );
  });
});

describe("contraseñas", () => {
  it("se guardan con argon2id, 19 MiB, 2 iteraciones, 1 hilo", async () => {
    const user = await findUserByEmail(database.db, "ana@entidad.gov.co");
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("una contraseña de un solo uso obliga a cambiarla antes de hacer otra cosa", async () => {
    await createUser(database.db, {
      email: "nuevo.admin@entidad.gov.co",
      name: "Nuevo Admin",
      area: null,
      passwordHash: await hashPassword("UnSoloUso-7hQ2mZ9xKc"),
      mustChangePassword: true,
      assignments: [{ role: "administrador", scope: { kind: "global" } }],
    });
    const res = await login("nuevo.admin@entidad.gov.co", "UnSoloUso-7hQ2mZ9xKc", {}, "10.0.4.1");
    expect(res.json().user.mustChangePassword).toBe(true);
    const cookie = sessionCookie(res);
    const blocked = await app.inject({ method: "GET", url: "/api/users", headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("PASSWORD_CHANGE_REQUIRED");

    const weak = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: { cookie, "x-csrf-token": res.json().csrfToken },
      payload: { currentPassword: "UnSoloUso-7hQ2mZ9xKc", newPassword: "corta" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe("WEAK_PASSWORD");
    expect(weak.json().error.details[0]).toEqual({
      field: "newPassword",
      message: "La contraseña debe tener al menos 12 caracteres.",
    });

    const changed = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: { cookie, "x-csrf-token": res.json().csrfToken },
      payload: {
        currentPassword: "UnSoloUso-7hQ2mZ9xKc",
        newPassword: "Matriz de formulación 2026",
      },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    // The password change rotated the session: the old cookie is gone, the new one works.
    expect(
      (await app.inject({ method: "GET", url: "/api/users", headers: { cookie } })).statusCode,
    ).toBe(401);
    const users = await app.inject({
      method: "GET",
      url: "/api/users",
      headers: { cookie: sessionCookie(changed) },
    });
    expect(users.statusCode).toBe(200);
  });

  it("un enlace de restablecimiento sirve una vez; una contraseña débil no lo gasta", async () => {
    const admin = await createAccount(database.db, "admin.reset@entidad.gov.co", [
      { role: "administrador", scope: { kind: "global" } },
    ]);
    const target = await createAccount(database.db, "olvido@entidad.gov.co", []);
    const s = await sessionFor(database.db, admin, clock);
    const link = await app.inject({
      method: "POST",
      url: `/api/users/${target}/reset-link`,
      headers: { ...s.headers, host: "rumbo.local:3000" },
    });
    expect(link.statusCode).toBe(200);
    expect(link.json().link).toMatch(
      /^http:\/\/rumbo\.local:3000\/restablecer#token=[A-Za-z0-9_-]{43}$/,
    );
    const token = String(link.json().link).split("#token=")[1];
    const weak = await app.inject({
      method: "POST",
      url: "/api/auth/reset",
      payload: { token, newPassword: "olvido123456" },
    });
    expect(weak.json().error.code).toBe("WEAK_PASSWORD");
    const ok = await app.inject({
      method: "POST",
      url: "/api/auth/reset",
      payload: { token, newPassword: "Tablero de seguimiento sectorial" },
    });
    expect(ok.json()).toEqual({ ok: true });
    expect(
      (await login("olvido@entidad.gov.co", "Tablero de seguimiento sectorial", {}, "10.0.5.1"))
        .statusCode,
    ).toBe(200);
    const again = await app.inject({
      method: "POST",
      url: "/api/auth/reset",
      payload: { token, newPassword: "Otra frase larga y distinta" },
    });
    expect(again.json().error.code).toBe("RESET_INVALID");
  });
});

describe("auditoría", () => {
  it("registra entradas, fallos y cambios de permisos con quién, cuándo y desde dónde; se filtra y exporta", async () => {
    const admin = await createAccount(database.db, "auditora@entidad.gov.co", [
      { role: "administrador", scope: { kind: "global" } },
    ]);
    const target = await createAccount(database.db, '=HYPERLINK("x")@entidad.gov.co', []);
    await login("auditora@entidad.gov.co", "mala", {}, "10.7.7.7");
    await login("auditora@entidad.gov.co", TEST_PASSWORD, {}, "10.7.7.7");
    const s = await sessionFor(database.db, admin, clock);
    await app.inject({
      method: "PUT",
      url: `/api/users/${target}/assignments`,
      headers: s.headers,
      payload: { assignments: [{ role: "consulta", scope: { kind: "global" } }] },
    });
    const entries = await listAudit(database.db, { actorEmail: "auditora" });
    expect(entries.map((e) => [e.action, e.outcome])).toEqual(
      expect.arrayContaining([
        ["login", "ok"],
        ["permisos-cambiados", "ok"],
      ]),
    );
    const failed = await listAudit(database.db, { action: "login", outcome: "failed" });
    expect(
      failed.some((e) => e.ip === "10.7.7.7" && e.details?.email === "auditora@entidad.gov.co"),
    ).toBe(true);
    const change = entries.find((e) => e.action === "permisos-cambiados");
    expect(change?.details).toEqual({
      antes: [],
      despues: [{ role: "consulta", scope: { kind: "global" } }],
    });

    const api = await app.inject({
      method: "GET",
      url: "/api/audit?accion=permisos-cambiados&resultado=ok",
      headers: s.headers,
    });
    expect(
      api.json().entries.every((e: { action: string }) => e.action === "permisos-cambiados"),
    ).toBe(true);
    const csv = await app.inject({
      method: "GET",
      url: "/api/audit?formato=csv&usuario=auditora",
      headers: s.headers,
    });
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(
      csv.body.startsWith(
        "\uFEFFid,fecha,usuario_id,correo,accion,descripcion,recurso,resultado,ip,detalles\r\n",
      ),
    ).toBe(true);
    // The export says what happened in the same words as the audit page.
    expect(csv.body).toContain(",permisos-cambiados,Cambió los permisos de una cuenta: ");
    // "hasta" takes the whole day in Bogotá, to the microsecond the database keeps.
    await database.db.insert(auditLog).values([
      {
        at: sql`'2024-05-31 23:59:59.9995-05'::timestamptz`,
        action: "cierre-de-dia",
        outcome: "ok",
      },
      { at: sql`'2024-06-01 00:00:00-05'::timestamptz`, action: "cierre-de-dia", outcome: "ok" },
    ]);
    const day = await app.inject({
      method: "GET",
      url: "/api/audit?accion=cierre-de-dia&desde=2024-05-31&hasta=2024-05-31",
      headers: s.headers,
    });
    expect(day.json().entries.map((e: { at: string }) => e.at)).toEqual([
      "2024-06-01T04:59:59.999Z",
    ]);
    const bad = await app.inject({
      method: "GET",
      url: "/api/audit?desde=2026-13-01",
      headers: s.headers,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe("cabeceras de seguridad y límites", () => {
  it("envía CSP estricta, nosniff y sin marco; rechaza cuerpos de más de 1 MiB", async () => {
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.headers["content-security-policy"]).toBe(
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    );
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    const big = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: JSON.stringify({ email: "a@b.co", password: "x".repeat(1_100_000) }),
      headers: { "content-type": "application/json" },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toEqual({
      code: "BODY_TOO_LARGE",
      message: "El cuerpo de la solicitud supera el tamaño permitido.",
      details: null,
    });
  });
});
