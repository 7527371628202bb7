/**
 * The single error handler: every failure leaves as
 * `{ error: { code, message, details } }`, messages in Spanish, and never
 * with a stack trace or SQL in the body (those go to the log). Unknown
 * routes answer through `sendNotFound` in the same shape.
 */
import { API_ERROR_STATUS } from "@rumbo/core";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { boundProblemLine, omittedProblemsText, UPLOAD_LIMITS } from "../files/upload-limits.ts";
import { SeguimientoRefusal } from "../seguimiento/report-store.ts";
import { ApiError, type ErrorBody } from "./api-error.ts";

const LOCATION: Record<string, string> = {
  body: "cuerpo",
  querystring: "parámetro de consulta",
  params: "parámetro de ruta",
  headers: "encabezado",
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send(body(error.code, error.message, error.details));
    }
    if (error instanceof SeguimientoRefusal) {
      return reply
        .status(API_ERROR_STATUS[error.code])
        .send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = LOCATION[error.validationContext ?? ""] ?? "solicitud";
      const details = error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, "").replace(/\//g, ".") || where,
        message: v.message ?? "valor no válido",
      }));
      return reply
        .status(400)
        .send(
          body(
            "VALIDATION_ERROR",
            `La solicitud no es válida (${where}): ${details.map((d) => `${d.field}: ${d.message}`).join("; ")}`,
            details,
          ),
        );
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const code =
        error.code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
        error.code === "FST_ERR_CTP_EMPTY_JSON_BODY"
          ? "INVALID_JSON"
          : error.code === "FST_ERR_CTP_BODY_TOO_LARGE"
            ? "BODY_TOO_LARGE"
            : "BAD_REQUEST";
      const message =
        code === "INVALID_JSON"
          ? "El cuerpo de la solicitud no es JSON válido."
          : code === "BODY_TOO_LARGE"
            ? "El cuerpo de la solicitud supera el tamaño permitido."
            : "La solicitud no es válida.";
      return reply.status(status).send(body(code, message, null));
    }
    request.log.error({ err: error }, "error no controlado");
    return reply
      .status(500)
      .send(
        body(
          "INTERNAL_ERROR",
          "Ocurrió un error interno. El equipo técnico puede revisarlo en el registro del servidor.",
          null,
        ),
      );
  });
}

/**
 * What the router refuses before any route runs (fastify's `frameworkErrors`):
 * a path with a percent-escape that is not UTF-8 (`%ED%A0%80`) or a segment
 * longer than the router takes. Same shape and language as every other error.
 */
export function sendFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const message =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? `Un segmento de la dirección supera los ${MAX_PARAM_LENGTH} caracteres: revise el código o el periodo de la dirección.`
      : error.code === "FST_ERR_BAD_URL"
        ? "La dirección de la solicitud no es válida: tiene un carácter codificado (%XX) que no es texto UTF-8."
        : "La solicitud no es válida.";
  return reply.status(400).send(body("BAD_REQUEST", message, null));
}

/** The router's limit on one path segment (fastify's `maxParamLength`). */
export const MAX_PARAM_LENGTH = 100;

export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .status(404)
    .send(
      body("NOT_FOUND", `No existe la ruta ${request.method} ${request.url.split("?")[0]}.`, null),
    );
}

/**
 * Every error body is small whatever caused it: a message quotes at most an
 * excerpt of what was sent, and a list of details keeps its first entries
 * and counts the rest (a body too big to serialise would leave the
 * documented shape as a bare 500).
 */
function body(code: string, message: string, details: unknown): ErrorBody {
  return { error: { code, message: boundProblemLine(message), details: boundDetails(details) } };
}

function boundDetails(details: unknown): unknown {
  if (!Array.isArray(details)) return details;
  const { maxProblems } = UPLOAD_LIMITS;
  const shown = details.slice(0, maxProblems + 1).map(boundDetail);
  return details.length > maxProblems + 1
    ? [
        ...shown.slice(0, maxProblems),
        { message: omittedProblemsText(details.length - maxProblems) },
      ]
    : shown;
}

function boundDetail(detail: unknown): unknown {
  if (typeof detail === "string") return boundProblemLine(detail);
  if (typeof detail !== "object" || detail === null) return detail;
  return Object.fromEntries(
    Object.entries(detail).map(([key, value]) => [
      key,
      typeof value === "string" ? boundProblemLine(value) : value,
    ]),
  );
}
