/**
 * Talks to the Rumbo API on the same origin through core's endpoint contracts
 * (`api.getPlan`, `api.listPlanVersions`…): a call names its endpoint and gets
 * the contract's type back; in development and tests the answer is parsed
 * against the contract, so a drift between server and web fails loudly.
 * Errors come in one shape, `{ "error": { "code", "message", "details" } }`,
 * with the message in Spanish for the user; anything else becomes an ApiError
 * with a client code and a Spanish message too.
 */
import {
  type ApiErrorCode,
  apiErrorSchema,
  type Endpoint,
  type EndpointBody,
  type EndpointErrorCode,
  type EndpointParams,
  type EndpointQuery,
  type EndpointResponse,
  endpointPath,
  type FieldProblem,
  fieldProblemSchema,
  isApiErrorCode,
  TRANSPORT_ERROR_CODES,
  type TransportErrorCode,
} from "@rumbo/core";

/** Codes for failures that never reached the API's error handler. */
export const CLIENT_ERROR_CODES = {
  network: "NETWORK_ERROR",
  badResponse: "BAD_RESPONSE",
} as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

/** Every code a call may fail with: the API's catalogue plus the client's own. */
export type AnyErrorCode = ApiErrorCode | ClientErrorCode;

/** The codes a call to `E` may fail with: its contract's, the transport's and the client's. */
export type CallErrorCode<E extends Endpoint> =
  | EndpointErrorCode<E>
  | TransportErrorCode
  | ClientErrorCode;

export class ApiError<Code extends AnyErrorCode = AnyErrorCode> extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: Code;
  readonly details: unknown;
  /** The endpoint called (its operationId), to narrow `code` with `isCallError`. */
  readonly operationId: string | null;

  constructor(
    status: number,
    code: Code,
    message: string,
    details?: unknown,
    operationId: string | null = null,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.operationId = operationId;
  }
}

/** An error of a call to `endpoint`: its `code` is that endpoint's union, for an exhaustive switch. */
export function isCallError<E extends Endpoint>(
  error: unknown,
  endpoint: E,
): error is ApiError<CallErrorCode<E>> {
  return error instanceof ApiError && error.operationId === endpoint.operationId;
}

const TRANSPORT_OR_CLIENT: ReadonlySet<string> = new Set<string>([
  ...TRANSPORT_ERROR_CODES,
  ...Object.values(CLIENT_ERROR_CODES),
]);

/**
 * Failures no screen handles by itself (a malformed request, a server or
 * network failure): after this check a switch lists only the endpoint's codes.
 */
export function isTransportOrClientCode(
  code: AnyErrorCode,
): code is TransportErrorCode | ClientErrorCode {
  return TRANSPORT_OR_CLIENT.has(code);
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

/** A file sent as the raw body (plan import), with its content type. */
export type FileUpload = { data: Blob; contentType: string };

type ParamsInput<E extends Endpoint> =
  EndpointParams<E> extends undefined ? { params?: undefined } : { params: EndpointParams<E> };

type QueryInput<E extends Endpoint> =
  EndpointQuery<E> extends undefined
    ? { query?: undefined }
    : Record<string, never> extends EndpointQuery<E>
      ? { query?: EndpointQuery<E> }
      : { query: EndpointQuery<E> };

type BodyInput<E extends Endpoint> = E extends { readonly consumes: "file" }
  ? { file: FileUpload }
  : EndpointBody<E> extends undefined
    ? { body?: undefined }
    : { body: EndpointBody<E> };

/** What a call sends: the contract's params, query and body, plus headers such as If-Match. */
export type CallInput<E extends Endpoint> = ParamsInput<E> &
  QueryInput<E> &
  BodyInput<E> & { headers?: Record<string, string>; signal?: AbortSignal };

/** Answers are checked against the contract where a mismatch should stop someone: dev and tests. */
const PARSE_RESPONSES = import.meta.env.DEV || import.meta.env.MODE === "test";

/** The URL of an endpoint with its params and query (also for links: downloads, CSV). */
export function endpointUrl<E extends Endpoint>(
  endpoint: E,
  input: { params?: EndpointParams<E>; query?: EndpointQuery<E> | undefined },
): string {
  const path = endpointPath(
    endpoint,
    input.params as Readonly<Record<string, string | number>> | undefined,
  );
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {})) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return query === "" ? path : `${path}?${query}`;
}

/** Calls an endpoint of the API; the answer has the contract's type. */
export async function call<E extends Endpoint>(
  endpoint: E,
  input: CallInput<E>,
): Promise<EndpointResponse<E>> {
  const fail = (status: number, code: CallErrorCode<E>, message: string, details?: unknown) =>
    new ApiError<CallErrorCode<E>>(status, code, message, details, endpoint.operationId);
  const headers: Record<string, string> = { ...input.headers, Accept: "application/json" };
  const init: RequestInit = { method: endpoint.method, headers };
  if (input.signal) init.signal = input.signal;
  // The input's shape follows the contract (BodyInput): a file, a JSON body or nothing.
  const { file, body: json } = input as { file?: FileUpload; body?: unknown };
  if (file) {
    headers["Content-Type"] = file.contentType;
    init.body = file.data;
  } else if (json !== undefined) {
    // No content-type without a body: the server refuses an empty JSON body.
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  }
  if (endpoint.method !== "GET" && csrfToken !== null) headers[CSRF_HEADER] = csrfToken;
  const url = endpointUrl(endpoint, input);
  let response: Response;
  try {
    // same-origin: the session cookie goes with every call, and never elsewhere.
    response = await fetch(url, { ...init, credentials: "same-origin" });
  } catch (cause) {
    if (input.signal?.aborted) throw cause;
    throw fail(
      0,
      CLIENT_ERROR_CODES.network,
      "No fue posible conectar con el servidor. Revise su conexión e intente de nuevo.",
    );
  }
  const body = await readJson(response);
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(body);
    if (error.success) {
      const { code, message, details } = error.data.error;
      // The server's codes come from the same catalogue (api/errors.ts); a code
      // outside it (a proxy, an older server) keeps its message.
      throw isApiErrorCode(code)
        ? fail(response.status, code as CallErrorCode<E>, message, details)
        : fail(response.status, CLIENT_ERROR_CODES.badResponse, message, details);
    }
    throw fail(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      `El servidor respondió con un error inesperado (HTTP ${response.status}).`,
    );
  }
  if (body === undefined) {
    throw fail(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      "El servidor envió una respuesta que no se pudo leer.",
    );
  }
  const schema = endpoint.responses[response.status as keyof Endpoint["responses"]];
  if (PARSE_RESPONSES && schema) {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw fail(
        response.status,
        CLIENT_ERROR_CODES.badResponse,
        `La respuesta de ${endpoint.operationId} no cumple su contrato: ${parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
          .join("; ")}`,
      );
    }
    return parsed.data as EndpointResponse<E>;
  }
  return body as EndpointResponse<E>;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const body: unknown = await response.json();
    return body;
  } catch {
    return undefined;
  }
}

/** `details` of validation errors: `[{ field, message }]`, the messages in Spanish. */
export type { FieldProblem };

export function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((detail: unknown) => {
    const problem = fieldProblemSchema.safeParse(detail);
    return problem.success ? [problem.data] : [];
  });
}

/** The message to show for any error a query may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Ocurrió un error inesperado. Intente de nuevo más tarde.";
}
