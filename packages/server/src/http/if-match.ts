/**
 * The version a write names in `If-Match`: `"v<n>"` for a plan, `"r<n>"` for
 * a report (either may come weak, `W/"r3"`). Missing → undefined; malformed
 * or beyond an int4 → 400 IF_MATCH_INVALID.
 */
import { INT32_MAX } from "@rumbo/core";
import type { FastifyRequest } from "fastify";
import { ApiError } from "./api-error.ts";

export function ifMatchVersion(request: FastifyRequest, prefix: "v" | "r"): number | undefined {
  const header = request.headers["if-match"];
  if (header === undefined || header === "") return undefined;
  const m = typeof header === "string" ? header.match(/^(?:W\/)?"([vr])(\d{1,10})"$/) : null;
  if (!m || m[1] !== prefix || Number(m[2]) > INT32_MAX) {
    throw new ApiError(
      400,
      "IF_MATCH_INVALID",
      `If-Match no válido: ${String(header).slice(0, 40)} (se espera "${prefix}<versión>").`,
    );
  }
  return Number(m[2]);
}

/** A plan write must name the version it started from: missing → 428 IF_MATCH_REQUIRED. */
export function requiredIfMatchVersion(request: FastifyRequest, prefix: "v" | "r"): number {
  const version = ifMatchVersion(request, prefix);
  if (version === undefined) {
    throw new ApiError(
      428,
      "IF_MATCH_REQUIRED",
      `Falta el encabezado If-Match con la versión que editó (p. ej. "${prefix}3").`,
    );
  }
  return version;
}
