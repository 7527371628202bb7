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
} from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listActuals } from "../../actuals/actuals-repository.ts";
import type { Database } from "../../db/open-database.ts";
import { getPlanVersionAt } from "../../plans/plan-revisions.ts";
import { getPlan } from "../../plans/plans-repository.ts";
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
 * explainCompliance, so the same query gives the same numbers.
 */
export async function resolveCompliance(
  db: Database,
  planId: number,
  query: ComplianceQuery,
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
  const current = await getPlan(db, planId);
  if (!current) {
    throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
  }
  let plan: Plan = current;
  if (query.planAt) {
    const inForce = await getPlanVersionAt(db, current.id, query.planAt);
    if (!inForce) {
      throw new ApiError(
        404,
        "VERSION_NOT_FOUND",
        `El plan ${current.id} no estaba vigente el ${query.planAt}.`,
      );
    }
    plan = inForce.plan;
  }
  const actuals = await listActuals(db, current.id);
  const options: ComplianceOptions = {
    asOf: asOf.value,
    missing: missing.value,
    cap: cap.value,
  };
  return { plan, result: computeCompliance(plan, actuals, options), options };
}

export function complianceRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      api.getCompliance.path,
      contractRoute(api.getCompliance, planResource(db)),
      async (request) => (await resolveCompliance(db, request.params.id, request.query)).result,
    );
  };
}
