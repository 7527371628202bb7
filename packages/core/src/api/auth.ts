/** Sessions and passwords: login, logout, the current session, password change and reset. */
import { z } from "zod";
import { defineEndpoint, GUARDED_ERRORS, WRITE_ERRORS } from "./endpoint.ts";
import { safeText } from "./primitives.ts";
import { ACCOUNT_TEXT_LIMITS, assignmentSchema } from "./users.ts";

export const sessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  area: z.string().nullable(),
  mustChangePassword: z.boolean(),
  assignments: z.array(assignmentSchema),
});

export const sessionSchema = z.union([
  z.object({ authenticated: z.literal(false) }),
  z.object({ authenticated: z.literal(true), user: sessionUserSchema, csrfToken: z.string() }),
]);

export type SessionUser = z.infer<typeof sessionUserSchema>;
export type Session = z.infer<typeof sessionSchema>;

const password = safeText(1024, "la contraseña es demasiado larga");

const getSession = defineEndpoint({
  operationId: "getSession",
  method: "GET",
  path: "/api/auth/session",
  tag: "cuentas",
  summary: "La sesión actual y su token CSRF",
  action: "public",
  responses: { 200: sessionSchema },
  errorCodes: [],
});

const login = defineEndpoint({
  operationId: "login",
  method: "POST",
  path: "/api/auth/login",
  tag: "cuentas",
  summary: "Iniciar sesión",
  action: "public",
  body: z.object({
    email: safeText(
      ACCOUNT_TEXT_LIMITS.email,
      `«correo» admite hasta ${ACCOUNT_TEXT_LIMITS.email} caracteres`,
    )
      .trim()
      .min(1, "escriba su correo"),
    password: password.min(1, "escriba su contraseña"),
  }),
  responses: { 200: sessionSchema },
  errorCodes: [...WRITE_ERRORS, "VALIDATION_ERROR", "LOGIN_FAILED", "TOO_MANY_ATTEMPTS"],
});

const logout = defineEndpoint({
  operationId: "logout",
  method: "POST",
  path: "/api/auth/logout",
  tag: "cuentas",
  summary: "Cerrar la sesión",
  action: "public",
  responses: { 200: sessionSchema },
  errorCodes: [...WRITE_ERRORS],
});

const logoutEverywhere = defineEndpoint({
  operationId: "logoutEverywhere",
  method: "POST",
  path: "/api/auth/logout-all",
  tag: "cuentas",
  summary: "Cerrar la sesión en todos los dispositivos",
  action: "session.read",
  responses: { 200: sessionSchema },
  errorCodes: [...GUARDED_ERRORS, ...WRITE_ERRORS],
});

const changePassword = defineEndpoint({
  operationId: "changePassword",
  method: "POST",
  path: "/api/auth/password",
  tag: "cuentas",
  summary: "Cambiar la contraseña propia (cierra las demás sesiones)",
  action: "session.read",
  body: z.object({ currentPassword: safeText(1024), newPassword: password }),
  responses: { 200: sessionSchema },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "WEAK_PASSWORD",
    "WRONG_PASSWORD",
  ],
});

const resetPassword = defineEndpoint({
  operationId: "resetPassword",
  method: "POST",
  path: "/api/auth/reset",
  tag: "cuentas",
  summary: "Fijar una contraseña con un enlace de un solo uso",
  action: "public",
  body: z.object({ token: safeText(200).min(1), newPassword: password }),
  responses: { 200: z.object({ ok: z.literal(true) }) },
  errorCodes: [...WRITE_ERRORS, "VALIDATION_ERROR", "WEAK_PASSWORD", "RESET_INVALID"],
});

export const authEndpoints = {
  getSession,
  login,
  logout,
  logoutEverywhere,
  changePassword,
  resetPassword,
};
