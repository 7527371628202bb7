import {
  type ActualValue,
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
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/open-database.ts";
import { complianceInputs } from "../../seguimiento/compliance-basis.ts";
import {
  type ComplianceCache,
  type PlanStamp,
  readPlanStamp,
} from "../../seguimiento/compliance-cache.ts";
import { missingPlan, type ResourceResolver } from "../access-control.ts";
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
  /** The values the engine read (the report versions the query names); absent when the answer came from the cache. */
  actuals?: ActualValue[];
  /** The cache's shared result `result` wraps: the same object until the plan's data change. */
  shared?: ComplianceResult;
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
  stamp?: PlanStamp | null,
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
    // The plan as it stands and what Rumbo knows now: kept per plan, checked on every answer (ADR 0018).
    const cached = await cache.answer(db, planId, basis, options, stamp);
    const result: ComplianceResult = {
      ...cached.result,
      basis,
      preview: basis === "submitted",
      knownAt: null,
    };
    return { plan: cached.plan, result, options, shared: cached.result };
  }
  // The plan version and the report versions the query names (planAt, knownAt, basis; ADR 0015).
  const compute = async (): Promise<ComputedCompliance> => {
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
    return { plan: inputs.plan, result, options, actuals: inputs.actuals };
  };
  if (!cache) return compute();
  // Kept while nothing at all changes in the plan's data (ADR 0018).
  const knownAt = query.knownAt === undefined ? "" : new Date(query.knownAt).toISOString();
  const key = [basis, knownAt, query.planAt ?? "", asOf.value ?? "", missing.value, cap.value];
  return cache.exact(db, planId, key.join("|"), stamp ?? null, compute);
}

const stamps = new WeakMap<object, PlanStamp>();
const serialized = new WeakMap<ComplianceResult, Buffer>();

/**
 * getCompliance's body, encoded and checked against the contract as Fastify's
 * serializer does it, once per state of the cache: a cached answer sends the
 * same text again (ADR 0018).
 */
function complianceJson(computed: ComputedCompliance): Buffer | null {
  if (computed.shared === undefined) return null;
  let json = serialized.get(computed.shared);
  if (json === undefined) {
    const encoded = z.safeEncode(api.getCompliance.responses[200], computed.result);
    if (!encoded.success) throw encoded.error;
    json = Buffer.from(JSON.stringify(encoded.data));
    serialized.set(computed.shared, json);
  }
  return json;
}

/**
 * The plan named by `:id` for the policy (like planResource), read together
 * with its cache stamp (ADR 0018): the answer then needs no second query.
 */
export function stampedPlanResource(db: Database): ResourceResolver {
  return async (request) => {
    const id = (request.params as { id: number }).id;
    const stamp = await readPlanStamp(db, id);
    if (!stamp) throw missingPlan(request.actor, id);
    stamps.set(request, stamp);
    return { kind: "plan", planId: id, published: stamp.published };
  };
}

/** The stamp read by stampedPlanResource for this request, if any. */
export function stampOf(request: object): PlanStamp | null {
  return stamps.get(request) ?? null;
}

export function complianceRoutes(db: Database, cache: ComplianceCache): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      api.getCompliance.path,
      contractRoute(api.getCompliance, stampedPlanResource(db)),
      async (request, reply) => {
        const { id } = request.params;
        const computed = await resolveCompliance(db, id, request.query, cache, stampOf(request));
        const json = complianceJson(computed);
        if (json === null) return computed.result;
        // Already encoded and checked: the bytes go out as they are.
        return (reply as FastifyReply).type("application/json; charset=utf-8").send(json);
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
