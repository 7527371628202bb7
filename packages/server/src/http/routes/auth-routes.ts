/**
 * Login, logout, the current session, password change and reset.
 * Failed logins all get the same answer, whatever the reason, so nobody can
 * learn which emails have accounts.
 */
import { api, checkPassword } from "@rumbo/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { databaseLoginThrottle, type LoginThrottle } from "../../auth/login-throttle.ts";
import { consumePasswordReset, findPendingReset } from "../../auth/password-resets-repository.ts";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../auth/passwords.ts";
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  SESSION_ABSOLUTE_MS,
} from "../../auth/sessions-repository.ts";
import type { Database } from "../../db/open-database.ts";
import {
  clearFailedLogins,
  findUserByEmail,
  getUser,
  normaliseEmail,
  recordFailedLogin,
  setPassword,
  type UserWithAssignments,
} from "../../users/users-repository.ts";
import { audit, SESSION_COOKIE } from "../access-control.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";

export const LOGIN_FAILED_MESSAGE =
  "Correo o contraseña incorrectos, o la cuenta está bloqueada temporalmente por intentos fallidos.";

export function authRoutes(
  db: Database,
  now: () => Date,
  throttle: LoginThrottle = databaseLoginThrottle(db),
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(api.getSession.path, contractRoute(api.getSession), async (request) =>
      request.user && request.csrfToken
        ? {
            authenticated: true as const,
            user: sessionUser(request.user),
            csrfToken: request.csrfToken,
          }
        : { authenticated: false as const },
    );

    app.post(api.login.path, contractRoute(api.login), async (request, reply) => {
      const wait = await throttle.hit(request.ip, now());
      if (wait > 0) {
        await audit(db, request, "login", null, "denied", {
          email: request.body.email,
          motivo: "límite por dirección",
        });
        reply.header("retry-after", String(wait));
        throw new ApiError(
          429,
          "TOO_MANY_ATTEMPTS",
          `Demasiados intentos de inicio de sesión desde esta dirección. Espere ${Math.ceil(wait / 60)} minuto(s).`,
        );
      }
      const { email, password } = request.body;
      const found = await findUserByEmail(db, email);
      const at = now();
      if (!found?.active || !found.passwordHash) {
        await burnPasswordCheck(password);
        await audit(db, request, "login", null, "failed", { email }, normaliseEmail(email));
        throw new ApiError(401, "LOGIN_FAILED", LOGIN_FAILED_MESSAGE);
      }
      const locked = found.lockedUntil !== null && found.lockedUntil > at;
      const ok = (await verifyPassword(found.passwordHash, password)) && !locked;
      if (!ok) {
        const lockedUntil = locked ? found.lockedUntil : await recordFailedLogin(db, found, at);
        await audit(
          db,
          request,
          "login",
          `usuario ${found.id}`,
          "failed",
          {
            email: found.email,
            ...(lockedUntil ? { bloqueadaHasta: lockedUntil.toISOString() } : {}),
          },
          found.email,
        );
        throw new ApiError(401, "LOGIN_FAILED", LOGIN_FAILED_MESSAGE);
      }
      await clearFailedLogins(db, found.id);
      // A new session on every login: a token planted before login is worthless (session fixation).
      if (request.sessionToken) await deleteSession(db, request.sessionToken);
      const session = await createSession(db, found.id, at);
      setSessionCookie(request, reply, session.token);
      const user = await getUser(db, found.id);
      if (!user) throw new Error("la cuenta desapareció durante el inicio de sesión");
      request.user = user;
      await audit(db, request, "login", `usuario ${found.id}`, "ok");
      return {
        authenticated: true as const,
        user: sessionUser(user),
        csrfToken: session.csrfToken,
      };
    });

    app.post(api.logout.path, contractRoute(api.logout), async (request, reply) => {
      if (request.sessionToken) {
        await deleteSession(db, request.sessionToken);
        await audit(db, request, "logout", null, "ok");
      }
      clearSessionCookie(reply);
      return { authenticated: false as const };
    });

    app.post(
      api.logoutEverywhere.path,
      contractRoute(api.logoutEverywhere),
      async (request, reply) => {
        const user = requireUser(request);
        await deleteUserSessions(db, user.id);
        await audit(db, request, "logout-todas", `usuario ${user.id}`, "ok");
        clearSessionCookie(reply);
        return { authenticated: false as const };
      },
    );

    app.post(api.changePassword.path, contractRoute(api.changePassword), async (request, reply) => {
      const user = requireUser(request);
      const problems = checkPassword(request.body.newPassword, {
        email: user.email,
        name: user.name,
      });
      if (problems.length > 0) throw passwordProblems(problems);
      if (
        !user.passwordHash ||
        !(await verifyPassword(user.passwordHash, request.body.currentPassword))
      ) {
        await audit(db, request, "cambio-contraseña", `usuario ${user.id}`, "failed");
        throw new ApiError(400, "WRONG_PASSWORD", "La contraseña actual no es correcta.", [
          { field: "currentPassword", message: "La contraseña actual no es correcta." },
        ]);
      }
      await setPassword(db, user.id, await hashPassword(request.body.newPassword), false);
      await deleteUserSessions(db, user.id);
      const session = await createSession(db, user.id, now());
      setSessionCookie(request, reply, session.token);
      const updated = await getUser(db, user.id);
      if (!updated) throw new Error("la cuenta desapareció durante el cambio de contraseña");
      await audit(db, request, "cambio-contraseña", `usuario ${user.id}`, "ok");
      return {
        authenticated: true as const,
        user: sessionUser(updated),
        csrfToken: session.csrfToken,
      };
    });

    app.post(api.resetPassword.path, contractRoute(api.resetPassword), async (request) => {
      // Check the password first: a rejected password must not burn the link.
      const pendingId = await findPendingReset(db, request.body.token, now());
      const pending = pendingId === null ? null : await getUser(db, pendingId);
      const problems = checkPassword(request.body.newPassword, {
        email: pending?.email ?? "",
        name: pending?.name ?? "",
      });
      if (problems.length > 0) throw passwordProblems(problems);
      const userId = await consumePasswordReset(db, request.body.token, now());
      if (userId === null) {
        await audit(db, request, "restablecer-contraseña", null, "failed");
        throw new ApiError(
          400,
          "RESET_INVALID",
          "El enlace para fijar la contraseña no es válido, ya se usó o venció. Pida uno nuevo al administrador.",
        );
      }
      await setPassword(db, userId, await hashPassword(request.body.newPassword), false);
      await deleteUserSessions(db, userId);
      await audit(db, request, "restablecer-contraseña", `usuario ${userId}`, "ok");
      return { ok: true as const };
    });
  };
}

function passwordProblems(problems: string[]): ApiError {
  return new ApiError(
    400,
    "WEAK_PASSWORD",
    problems.join(" "),
    problems.map((message) => ({ field: "newPassword", message })),
  );
}

function requireUser(request: FastifyRequest): UserWithAssignments {
  if (!request.user)
    throw new ApiError(401, "AUTH_REQUIRED", "Debe iniciar sesión para hacer esto.");
  return request.user;
}

function sessionUser(user: UserWithAssignments) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    area: user.area,
    mustChangePassword: user.mustChangePassword,
    assignments: user.assignments,
  };
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    path: "/",
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}
