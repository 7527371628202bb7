/** Accounts, their roles and scopes (administrador global only, by the policy). */
import { z } from "zod";
import { ROLES } from "../auth/policy.ts";
import { defineEndpoint, GUARDED_ERRORS, WRITE_ERRORS } from "./endpoint.ts";
import { int32Field, int32Id, safeText } from "./primitives.ts";

const planId = int32Field("el id del plan");

/**
 * How long each text of an account may be: RFC 5321's 320 characters for an
 * address (254 in practice, but the standard's is the one to refuse), and
 * room for a full name and a dependencia's name as the fichas write them.
 */
export const ACCOUNT_TEXT_LIMITS = { email: 320, name: 200, area: 200 } as const;

function tooLong(label: string, max: number): string {
  return `«${label}» admite hasta ${max} caracteres`;
}

export const scopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("global") }),
  z.object({ kind: z.literal("plan"), planId }),
  z.object({
    kind: z.literal("objective"),
    planId,
    objectiveCode: safeText(100).min(1),
  }),
  z.object({
    kind: z.literal("indicator"),
    planId,
    indicatorCode: safeText(100).min(1),
  }),
]);

export const assignmentSchema = z.object({
  role: z.enum(ROLES, { error: `rol desconocido; use uno de: ${ROLES.join(", ")}` }),
  scope: scopeSchema,
});

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  area: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  /** False until the person opens their one-time link and sets one. */
  hasPassword: z.boolean(),
  /** Temporarily locked after failed logins. */
  locked: z.boolean(),
  assignments: z.array(assignmentSchema),
});

/** A one-time link to set a password (24 h), shown once to the administrator. */
export const resetLinkSchema = z.object({ link: z.string(), expiresAt: z.string() });

export type UserAccount = z.infer<typeof userSchema>;
export type ResetLink = z.infer<typeof resetLinkSchema>;

const userIdParams = z.object({ id: int32Id("el id de la cuenta") });

const listUsers = defineEndpoint({
  operationId: "listUsers",
  method: "GET",
  path: "/api/users",
  tag: "cuentas",
  summary: "Cuentas y sus roles",
  action: "user.read",
  responses: { 200: z.object({ users: z.array(userSchema) }) },
  errorCodes: [...GUARDED_ERRORS],
});

const createUser = defineEndpoint({
  operationId: "createUser",
  method: "POST",
  path: "/api/users",
  tag: "cuentas",
  summary: "Crear una cuenta; devuelve el enlace de un solo uso para fijar su contraseña",
  action: "user.manage",
  body: z.object({
    // The email pattern admits neither NUL nor half surrogate pairs.
    email: z
      .email({ error: "no es un correo válido" })
      .max(ACCOUNT_TEXT_LIMITS.email, tooLong("correo", ACCOUNT_TEXT_LIMITS.email)),
    name: safeText(ACCOUNT_TEXT_LIMITS.name, tooLong("nombre", ACCOUNT_TEXT_LIMITS.name))
      .trim()
      .min(1, "escriba el nombre"),
    area: safeText(ACCOUNT_TEXT_LIMITS.area, tooLong("área", ACCOUNT_TEXT_LIMITS.area))
      .trim()
      .nullable()
      .default(null),
    assignments: z.array(assignmentSchema).max(200).default([]),
  }),
  responses: { 201: z.object({ user: userSchema, reset: resetLinkSchema }) },
  errorCodes: [...GUARDED_ERRORS, ...WRITE_ERRORS, "VALIDATION_ERROR", "EMAIL_TAKEN"],
});

const replaceUserAssignments = defineEndpoint({
  operationId: "replaceUserAssignments",
  method: "PUT",
  path: "/api/users/:id/assignments",
  tag: "cuentas",
  summary: "Reemplazar los roles y alcances de una cuenta",
  action: "user.manage",
  params: userIdParams,
  body: z.object({ assignments: z.array(assignmentSchema).max(200) }),
  responses: { 200: userSchema },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "USER_NOT_FOUND",
    "LAST_ADMINISTRATOR",
  ],
});

const setUserActive = defineEndpoint({
  operationId: "setUserActive",
  method: "PATCH",
  path: "/api/users/:id",
  tag: "cuentas",
  summary: "Activar o desactivar una cuenta (desactivar cierra sus sesiones)",
  action: "user.manage",
  params: userIdParams,
  body: z.object({ active: z.boolean() }),
  responses: { 200: userSchema },
  errorCodes: [
    ...GUARDED_ERRORS,
    ...WRITE_ERRORS,
    "VALIDATION_ERROR",
    "USER_NOT_FOUND",
    "LAST_ADMINISTRATOR",
  ],
});

const issueUserResetLink = defineEndpoint({
  operationId: "issueUserResetLink",
  method: "POST",
  path: "/api/users/:id/reset-link",
  tag: "cuentas",
  summary: "Enlace de un solo uso (24 h) para que la persona fije una contraseña nueva",
  action: "user.manage",
  params: userIdParams,
  responses: { 200: resetLinkSchema },
  errorCodes: [...GUARDED_ERRORS, ...WRITE_ERRORS, "VALIDATION_ERROR", "USER_NOT_FOUND"],
});

export const usersEndpoints = {
  listUsers,
  createUser,
  replaceUserAssignments,
  setUserActive,
  issueUserResetLink,
};
