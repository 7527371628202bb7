import { api, can, type Plan } from "@rumbo/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/open-database.ts";
import { getPlanState, getPlanVersion, getPlanVersionAt } from "../../plans/plan-revisions.ts";
import { getPlan, getPlanAccess, listPlans } from "../../plans/plans-repository.ts";
import { missingPlan, type ResourceResolver } from "../access-control.ts";
import { ApiError } from "../api-error.ts";
import { contractRoute } from "../contract-route.ts";

/** The plan named by `:id`, as the policy sees it; 404 when there is none. */
export function planResource(db: Database): ResourceResolver {
  return async (request) => {
    const id = (request.params as { id: number }).id;
    const access = await getPlanAccess(db, id);
    if (!access) throw missingPlan(request.actor, id);
    return { kind: "plan", planId: access.id, published: access.published };
  };
}

export function etagOf(version: number): string {
  return `"v${version}"`;
}

async function versionAsked(
  db: Database,
  planId: number,
  currentVersion: number,
  version: number | undefined,
  at: string | undefined,
): Promise<{ version: number; plan: Plan } | null> {
  if (version !== undefined) {
    if (version === currentVersion) return null;
    const plan = await getPlanVersion(db, planId, version);
    if (!plan)
      throw new ApiError(
        404,
        "VERSION_NOT_FOUND",
        `El plan ${planId} no tiene versión ${version}.`,
      );
    return { version, plan };
  }
  if (at !== undefined) {
    const found = await getPlanVersionAt(db, planId, at);
    if (!found)
      throw new ApiError(404, "VERSION_NOT_FOUND", `El plan ${planId} no estaba vigente el ${at}.`);
    return found.version === currentVersion ? null : found;
  }
  return null;
}

export function plansRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(api.listPlans.path, contractRoute(api.listPlans), async (request) => ({
      plans: (await listPlans(db)).filter((p) =>
        can(request.actor, "plan.read", { kind: "plan", planId: p.id, published: p.published }),
      ),
    }));

    app.get(
      api.getPlan.path,
      contractRoute(api.getPlan, planResource(db)),
      async (request, reply) => {
        const { id } = request.params;
        const state = await getPlanState(db, id);
        const current = await getPlan(db, id);
        if (!state || !current)
          throw new ApiError(404, "PLAN_NOT_FOUND", `No existe el plan ${id}.`);
        const { version, at } = request.query;
        if (version !== undefined && at !== undefined) {
          throw new ApiError(400, "VALIDATION_ERROR", "Use ?version o ?at, no ambos.");
        }
        const asked = await versionAsked(db, id, state.version, version, at);
        reply.header("etag", etagOf(state.version));
        const doc = asked ?? { version: state.version, plan: current };
        return {
          ...doc.plan,
          id,
          version: doc.version,
          currentVersion: state.version,
          status: state.status,
          published: state.published,
        };
      },
    );
  };
}
