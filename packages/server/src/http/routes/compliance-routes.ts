import {
  api,
  computeCompliance,
  formatProblem,
  type Plan,
  parseAsOf,
  parseCap,
  parseMissing,
} from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listActuals } from "../../actuals/actuals-repository.ts";
import type { Database } from "../../db/open-database.ts";
import { getPlanVersionAt } from "../../plans/plan-revisions.ts";
import { getPlan } from "../../plans/plans-repository.ts";
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
        const current = await getPlan(db, request.params.id);
        if (!current) {
          throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${request.params.id}.`);
        }
        let plan: Plan = current;
        if (request.query.planAt) {
          const inForce = await getPlanVersionAt(db, current.id, request.query.planAt);
          if (!inForce) {
            throw new ApiError(
              404,
              "VERSION_NOT_FOUND",
              `El plan ${current.id} no estaba vigente el ${request.query.planAt}.`,
            );
          }
          plan = inForce.plan;
        }
        const actuals = await listActuals(db, current.id);
        return computeCompliance(plan, actuals, {
          asOf: asOf.value,
          missing: missing.value,
          cap: cap.value,
        });
      },
    );
  };
}
