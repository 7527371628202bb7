/**
 * Talks to the Rumbo API on the same origin. Errors come in one shape,
 * `{ "error": { "code", "message", "details" } }`, with the message in Spanish
 * for the user; anything else becomes an ApiError with a Spanish message too.
 */

export type ApiErrorBody = {
  error: { code: string; message: string; details?: unknown };
};

export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Codes for failures that never reached the API's error handler. */
export const CLIENT_ERROR_CODES = {
  network: "NETWORK_ERROR",
  badResponse: "BAD_RESPONSE",
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (!isRecord(value) || !isRecord(value.error)) return false;
  return typeof value.error.code === "string" && typeof value.error.message === "string";
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const body: unknown = await response.json();
    return body;
  } catch {
    return undefined;
  }
}

/**
 * The CSRF token of the current session. The server requires it in
 * `x-csrf-token` on every state-changing request made with a session cookie
 * (else 403 CSRF_INVALID); the session query keeps it here, so no component
 * has to pass it around.
 */
let csrfToken: string | null = null;

export const CSRF_HEADER = "x-csrf-token";

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type WriteMethod = "POST" | "PUT" | "PATCH" | "DELETE";

async function request(path: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    // same-origin: the session cookie goes with every call, and never elsewhere.
    response = await fetch(path, { ...init, credentials: "same-origin" });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new ApiError(
      0,
      CLIENT_ERROR_CODES.network,
      "No fue posible conectar con el servidor. Revise su conexión e intente de nuevo.",
    );
  }
  const body = await readJson(response);
  if (!response.ok) {
    if (isApiErrorBody(body)) {
      throw new ApiError(response.status, body.error.code, body.error.message, body.error.details);
    }
    throw new ApiError(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      `El servidor respondió con un error inesperado (HTTP ${response.status}).`,
    );
  }
  if (body === undefined) {
    throw new ApiError(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      "El servidor envió una respuesta que no se pudo leer.",
    );
  }
  return body;
}

/**
 * GET a JSON resource. The caller names the shape it expects; the body is not
 * validated here (the shared zod contracts of @rumbo/core will do that).
 */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request(path, { headers: { Accept: "application/json" }, signal })) as T;
}

/**
 * POST/PUT/PATCH/DELETE with an optional JSON body and the session's CSRF token;
 * `extraHeaders` for preconditions such as `If-Match: "v3"` (plan versions).
 */
export async function sendJson<T>(
  method: WriteMethod,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, Accept: "application/json" };
  // No content-type without a body: the server refuses an empty JSON body.
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrfToken !== null) headers[CSRF_HEADER] = csrfToken;
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  return (await request(path, init)) as T;
}

/** POST a file as the raw body (plan import), with its content type and the CSRF token. */
export async function sendFile<T>(
  path: string,
  file: Blob,
  contentType: string,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    ...extraHeaders,
    Accept: "application/json",
    "Content-Type": contentType,
  };
  if (csrfToken !== null) headers[CSRF_HEADER] = csrfToken;
  return (await request(path, { method: "POST", headers, body: file })) as T;
}

/** The API error's code, or undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}

/** `details` of validation errors: `[{ field, message }]`, the messages in Spanish. */
export type FieldProblem = { field: string; message: string };

export function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((detail: unknown) =>
    isRecord(detail) && typeof detail.field === "string" && typeof detail.message === "string"
      ? [{ field: detail.field, message: detail.message }]
      : [],
  );
}

/** The message to show for any error a query may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Ocurrió un error inesperado. Intente de nuevo más tarde.";
}
