/**
 * Soportes over HTTP (ADR 0015): upload a file to a report (the body is the
 * file's own bytes, whatever its Content-Type; the type is read from the
 * content) and download a soporte of the plan by its SHA-256. A download can
 * never act as a page of Rumbo: it goes out as an attachment, with nosniff and
 * a sandboxing Content-Security-Policy.
 */
import { api } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { attachEvidence, findPlanEvidence } from "../../seguimiento/evidence-service.ts";
import { EVIDENCE_MAX_BYTES } from "../../seguimiento/evidence-type.ts";
import { reportEtag } from "../../seguimiento/report-store.ts";
import { getReportView } from "../../seguimiento/report-view.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { ifMatchVersion } from "../if-match.ts";
import { planResource } from "./plans-routes.ts";
import { indicatorResource } from "./report-routes.ts";

// Bodies a little over the soporte limit still arrive, so they get the
// specific EVIDENCE_TOO_LARGE; beyond this, the transport's BODY_TOO_LARGE.
const BODY_LIMIT = EVIDENCE_MAX_BYTES + 1024 * 1024;

export function evidenceRoutes(db: Database, now: () => Date): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (_r, body, done) =>
      done(null, body),
    );

    app.post(
      api.uploadEvidence.path,
      contractRoute(api.uploadEvidence, indicatorResource(db)),
      async (request, reply) => {
        const at = now();
        const key = {
          planId: request.params.id,
          indicatorCode: request.params.code,
          period: request.params.period,
          area: request.query.area?.trim() ?? "",
        };
        const body: unknown = request.body;
        const row = await attachEvidence(db, {
          key,
          actor: { userId: request.user?.id ?? null, email: request.user?.email ?? null },
          expected: ifMatchVersion(request, "r"),
          now: at,
          ip: request.ip,
          bytes: Buffer.isBuffer(body) ? body : new Uint8Array(),
          fileName: request.query.fileName,
        });
        const view = await getReportView(db, { key, now: at, row });
        reply.header("etag", reportEtag(view.version));
        return view;
      },
    );

    app.get(
      api.getEvidence.path,
      contractRoute(api.getEvidence, planResource(db)),
      async (request, reply) => {
        const { id, sha256 } = request.params;
        const file = await findPlanEvidence(db, id, sha256);
        if (!file) {
          throw new ApiError(
            404,
            "EVIDENCE_NOT_FOUND",
            `El plan ${id} no tiene un soporte con SHA-256 ${sha256.slice(0, 12)}….`,
          );
        }
        const text = file.mediaType.startsWith("text/");
        return (
          reply
            .header("content-type", text ? `${file.mediaType}; charset=utf-8` : file.mediaType)
            .header("content-length", String(file.size))
            .header("content-disposition", contentDisposition(file.fileName))
            .header("x-content-type-options", "nosniff")
            // Even opened in the browser, the file runs no script and loads nothing in Rumbo's origin.
            .header("content-security-policy", "sandbox; default-src 'none'")
            .header("cache-control", "private, no-cache")
            .header("etag", `"${file.sha256}"`)
            .send(file.bytes)
        );
      },
    );
  };
}

/** RFC 6266: an ASCII fallback name and the exact UTF-8 name (RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize("NFD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\]/g, "_") || "soporte";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
