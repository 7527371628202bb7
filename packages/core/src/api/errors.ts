/**
 * Every error code the API answers, with its HTTP status: one catalogue, so a
 * route cannot throw a code the web does not know, and the web switches over
 * an endpoint's codes exhaustively (style.md: one shape, stable codes).
 * Over HTTP an error is always `{ "error": { "code", "message", "details" } }`,
 * the message in Spanish for the person.
 */
import { z } from "zod";

export const API_ERROR_STATUS = {
  // Any route: the request itself (the single error handler).
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  BAD_REQUEST: 400,
  BODY_TOO_LARGE: 413,
  NOT_FOUND: 404,
  INTERNAL_ERROR: 500,
  // Access control: sessions, CSRF and the permission policy.
  AUTH_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  // Sessions and passwords.
  LOGIN_FAILED: 401,
  TOO_MANY_ATTEMPTS: 429,
  WRONG_PASSWORD: 400,
  WEAK_PASSWORD: 400,
  RESET_INVALID: 400,
  // Accounts.
  USER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  LAST_ADMINISTRATOR: 409,
  ACCOUNT_INACTIVE: 409,
  // Plans, versions and formulación.
  PLAN_NOT_FOUND: 404,
  VERSION_NOT_FOUND: 404,
  PLAN_CODE_TAKEN: 409,
  VERSION_CONFLICT: 409,
  REPROGRAMACION_REQUIRED: 409,
  PLAN_IN_FORCE: 409,
  VALIDATION_FAILED: 422,
  IF_MATCH_REQUIRED: 428,
  IF_MATCH_INVALID: 400,
  // Plan files.
  EMPTY_FILE: 400,
  UNSUPPORTED_FILE: 415,
  IMPORT_FAILED: 422,
  PLAN_EXISTS: 409,
  PLAN_CODE_MISMATCH: 422,
  FILE_TOO_COMPLEX: 413,
  // Tablero and explanation (api/dashboard.ts).
  OBJECTIVE_NOT_FOUND: 404,
  // Seguimiento: cortes, reports, evidence (api/seguimiento.ts).
  INDICATOR_NOT_FOUND: 404,
  CORTE_NOT_FOUND: 404,
  CORTE_EXISTS: 409,
  CORTE_ALREADY_CLOSED: 409,
  CORTE_NOT_CLOSED: 409,
  REPORT_NOT_FOUND: 404,
  CORTE_CLOSED: 409,
  NOT_OPEN_YET: 409,
  UNDER_REVIEW: 409,
  APPROVED: 409,
  INVALID_TRANSITION: 409,
  SELF_APPROVAL_NOT_ALLOWED: 403,
  REPORT_INVALID: 422,
  WARNINGS_UNEXPLAINED: 422,
  EVIDENCE_NOT_FOUND: 404,
  EVIDENCE_TOO_LARGE: 413,
  EVIDENCE_TYPE_NOT_ALLOWED: 415,
  EVIDENCE_DUPLICATE: 409,
  // Publicación and the public read API (ADR 0016).
  PLAN_NOT_PUBLISHED: 409,
  PUBLICATION_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as ApiErrorCode[];

/**
 * Codes any route may answer whatever it does (malformed request, server
 * failure); they are not listed per endpoint, and a client handles them once.
 */
export const TRANSPORT_ERROR_CODES = [
  "INVALID_JSON",
  "BAD_REQUEST",
  "BODY_TOO_LARGE",
  "NOT_FOUND",
  "INTERNAL_ERROR",
] as const satisfies readonly ApiErrorCode[];

export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

export function isApiErrorCode(value: string): value is ApiErrorCode {
  return Object.hasOwn(API_ERROR_STATUS, value);
}

/** The one error shape of the API; `details` depends on the code (field problems, issues, changes). */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** `details` of VALIDATION_ERROR and of other refusals of one field: `[{ field, message }]`. */
export const fieldProblemSchema = z.object({ field: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof fieldProblemSchema>;
