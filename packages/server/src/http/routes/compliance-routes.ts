import {
  api,
  computeCompliance,
  formatProblem,
  parseAsOf,
  parseCap,
  parseMissing,
  writeActualsCsv,
} from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { complianceInputs } from "../../seguimiento/compliance-basis.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { planResource } from "./plans-routes.ts";

export function complianceRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      api.getCompliance.path,
      contractRoute(api.getCompliance, planResource(db)),
      async (request) => {
        // The same option parsers as `rumbo compute`, naming the query parameters.
        const asOf = parseAsOf(request.query.asOf, "asOf");
        const missing = parseMissing(request.query.missing, "missing");
        const cap = parseCap(request.query.cap, "cap");
        const problems = [asOf, missing, cap].flatMap((o) => (o.ok ? [] : [o.problem]));
        if (!asOf.ok || !missing.ok || !cap.ok) {
          const details = problems.map((p) => ({
            field: p.source,
            message: p.message,
          }));
          throw new ApiError(
            400,
            "VALIDATION_ERROR",
            `La solicitud no es válida: ${problems.map(formatProblem).join("; ")}`,
            details,
          );
        }
        const inputs = await complianceInputs(db, request.params.id, request.query);
        return {
          ...computeCompliance(inputs.plan, inputs.actuals, {
            asOf: asOf.value,
            missing: missing.value,
            cap: cap.value,
          }),
          basis: inputs.basis,
          preview: inputs.basis === "submitted",
          knownAt: inputs.knownAt,
        };
      },
    );

    // The values the same compliance query used, as the formats.md §2 file:
    // `rumbo compute` on it gives the same numbers (Ley 1712 de 2014: open formats).
    app.get(
      api.exportActuals.path,
      contractRoute(api.exportActuals, planResource(db)),
      async (request, reply) => {
        const inputs = await complianceInputs(db, request.params.id, request.query);
        const basis = inputs.basis === "submitted" ? "-vista-previa" : "";
        const fileName = `${inputs.plan.code.replace(/[^A-Za-z0-9._-]+/g, "_")}-avances${basis}.csv`;
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .send(writeActualsCsv(inputs.actuals));
      },
    );
  };
}
