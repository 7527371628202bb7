/**
 * The single error handler: every failure leaves as
 * `{ error: { code, message, details } }`, messages in Spanish, and never
 * with a stack trace or SQL in the body (those go to the log). Unknown
 * routes answer through `sendNotFound` in the same shape.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
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

export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .status(404)
    .send(
      body("NOT_FOUND", `No existe la ruta ${request.method} ${request.url.split("?")[0]}.`, null),
    );
}

function body(code: string, message: string, details: unknown): ErrorBody {
  return { error: { code, message, details } };
}
