import {
  api,
  type ComplianceOptions,
  type ComplianceResult,
  computeCompliance,
  formatProblem,
  type Plan,
  parseAsOf,
  parseCap,
  parseMissing,
  writeActualsCsv,
} from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { complianceInputs } from "../../seguimiento/compliance-basis.ts";
import type { ComplianceCache } from "../../seguimiento/compliance-cache.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";
import { planResource } from "./plans-routes.ts";

/** The options of getCompliance, as every compliance route reads them. */
export type ComplianceQuery = {
  asOf?: string | undefined;
  missing?: string | undefined;
  cap?: string | undefined;
  planAt?: string | undefined;
  // Seguimiento's `knownAt`/`basis` travel in the same query (api/compliance.ts).
  knownAt?: string | undefined;
  basis?: "approved" | "submitted" | undefined;
};

export type ComputedCompliance = {
  plan: Plan;
  result: ComplianceResult;
  options: ComplianceOptions;
};

/**
 * The plan (in force at `planAt`), its actuals and the engine's result for a
 * getCompliance query: the one path behind getCompliance, getDashboard and
 * explainCompliance, so the same query gives the same numbers. With the
 * server's `cache`, the current plan's answers come from its kept engine state.
 */
export async function resolveCompliance(
  db: Database,
  planId: number,
  query: ComplianceQuery,
  cache?: ComplianceCache,
): Promise<ComputedCompliance> {
  // The same option parsers as `rumbo compute`, naming the query parameters.
  const asOf = parseAsOf(query.asOf, "asOf");
  const missing = parseMissing(query.missing, "missing");
  const cap = parseCap(query.cap, "cap");
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
  const options: ComplianceOptions = {
    asOf: asOf.value,
    missing: missing.value,
    cap: cap.value,
  };
  const basis = query.basis ?? "approved";
  if (cache && query.planAt === undefined && query.knownAt === undefined) {
    // The plan as it stands and what Rumbo knows now: kept per plan, checked on every answer (ADR 0016).
    const cached = await cache.answer(db, planId, basis, options);
    const result: ComplianceResult = {
      ...cached.result,
      basis,
      preview: basis === "submitted",
      knownAt: null,
    };
    return { plan: cached.plan, result, options };
  }
  cache?.bypassed();
  // The plan version and the report versions the query names (planAt, knownAt, basis; ADR 0015).
  const inputs = await complianceInputs(db, planId, {
    planAt: query.planAt,
    knownAt: query.knownAt,
    basis,
  });
  const result: ComplianceResult = {
    ...computeCompliance(inputs.plan, inputs.actuals, options),
    basis: inputs.basis,
    preview: inputs.basis === "submitted",
    knownAt: inputs.knownAt,
  };
  return { plan: inputs.plan, result, options };
}

export function complianceRoutes(db: Database, cache: ComplianceCache): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      api.getCompliance.path,
      contractRoute(api.getCompliance, planResource(db)),
      async (request) =>
        (await resolveCompliance(db, request.params.id, request.query, cache)).result,
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
