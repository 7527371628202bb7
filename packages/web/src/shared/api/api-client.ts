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
 * GET a JSON resource. The caller names the shape it expects; the body is not
 * validated here (the shared zod contracts of @rumbo/core will do that).
 */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
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
  return body as T;
}

/** The message to show for any error a query may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Ocurrió un error inesperado. Intente de nuevo más tarde.";
}
