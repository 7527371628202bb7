/**
 * Every request gets an id that goes into each log line it causes (`reqId`)
 * and back to the client in `x-request-id`, so a person's "it failed at
 * 3:02" can be found in the log. An id sent by the reverse proxy (nginx's
 * $request_id) is kept when it looks like one, so the proxy's log and
 * Rumbo's share it; anything else is replaced, never logged as sent.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";

export const REQUEST_ID_HEADER = "x-request-id";
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(raw: IncomingMessage): string {
  const sent = raw.headers[REQUEST_ID_HEADER];
  return typeof sent === "string" && ACCEPTED_ID.test(sent) ? sent : randomUUID();
}

export function echoRequestId(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}
