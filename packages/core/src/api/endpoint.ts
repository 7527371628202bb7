/**
 * An endpoint contract: everything about one route of the API that the
 * server, the OpenAPI document and the web client all read — its stable
 * operationId, method and path, the policy action that guards it, the zod
 * schemas of its params, query, body and success answers, and the union of
 * error codes it may answer. Route files declare no schema of their own.
 */
import type { z } from "zod";
import type { Action } from "../auth/policy.ts";
import type { ApiErrorCode } from "./errors.ts";

export const API_TAGS = [
  "planes",
  "formulación",
  "cumplimiento",
  "seguimiento",
  "cuentas",
  "auditoría",
  "publicación",
  "datos públicos",
  "sistema",
] as const;
export type ApiTag = (typeof API_TAGS)[number];

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Statuses of answers that are not errors (health answers 503 in its own shape). */
export type SuccessStatus = 200 | 201 | 503;

export type Endpoint = {
  /** Stable and meaningful: integrators, generated clients and docs name routes by it. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Fastify's form, `:id` for a path parameter. */
  readonly path: string;
  readonly tag: ApiTag;
  readonly summary: string;
  /** The policy action the server checks before the handler runs (auth/policy.ts). */
  readonly action: Action;
  readonly params?: z.ZodType;
  readonly querystring?: z.ZodType;
  readonly body?: z.ZodType;
  readonly responses: Partial<Record<SuccessStatus, z.ZodType>>;
  /** Every code this route answers besides the transport codes (errors.ts). */
  readonly errorCodes: readonly ApiErrorCode[];
  /**
   * "file": the 200 answer is a file's bytes (a download), not JSON; the web
   * links to it instead of calling it.
   */
  readonly produces?: "json" | "file";
  /** "file": the body is a file's own bytes with its content type, not JSON. */
  readonly consumes?: "json" | "file";
};

/** Keeps the literal types of a contract (operationId, codes, schemas) for inference. */
export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}

// Codes every guarded route or every write may answer, spread into `errorCodes`.

/** A route guarded by the policy: anonymous → 401, no permission → 403. */
export const GUARDED_ERRORS = [
  "AUTH_REQUIRED",
  "FORBIDDEN",
  "PASSWORD_CHANGE_REQUIRED",
] as const satisfies readonly ApiErrorCode[];

/** A write with the session cookie needs the session's CSRF token. */
export const WRITE_ERRORS = ["CSRF_INVALID"] as const satisfies readonly ApiErrorCode[];

type SchemaOf<E, K extends "params" | "querystring" | "body"> = E extends {
  readonly [P in K]: infer S extends z.ZodType;
}
  ? S
  : never;

/**
 * What a caller writes for params or query: the parsed type of each field,
 * optional where the input may leave it out (defaults, optional fields).
 */
type Fields<S extends z.ZodType> = {
  [K in keyof z.input<S>]: K extends keyof z.output<S> ? z.output<S>[K] : never;
};

export type EndpointParams<E extends Endpoint> = [SchemaOf<E, "params">] extends [never]
  ? undefined
  : Fields<SchemaOf<E, "params">>;

export type EndpointQuery<E extends Endpoint> = [SchemaOf<E, "querystring">] extends [never]
  ? undefined
  : Fields<SchemaOf<E, "querystring">>;

export type EndpointBody<E extends Endpoint> = [SchemaOf<E, "body">] extends [never]
  ? undefined
  : z.input<SchemaOf<E, "body">>;

type OkStatus<E extends Endpoint> = keyof E["responses"] & (200 | 201);

/** The parsed answer of a successful call (200 or 201; both when a route has both). */
export type EndpointResponse<E extends Endpoint> = {
  [S in OkStatus<E>]: E["responses"][S] extends z.ZodType ? z.output<E["responses"][S]> : never;
}[OkStatus<E>];

/** The union of codes an endpoint answers (besides the transport codes). */
export type EndpointErrorCode<E extends Endpoint> = E["errorCodes"][number];

/** The path with its parameters filled in: `/api/plans/:id` + `{ id: 3 }` → `/api/plans/3`. */
export function endpointPath(
  endpoint: Endpoint,
  params: Readonly<Record<string, string | number>> | undefined,
): string {
  return endpoint.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Falta el parámetro ${name} de ${endpoint.path}`);
    return encodeURIComponent(String(value));
  });
}
