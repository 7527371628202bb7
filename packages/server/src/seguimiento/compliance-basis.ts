/**
 * What one compliance answer is computed from (ADR 0015): the plan version
 * and the reported values, chosen by `planAt`, `knownAt` and `basis`. The
 * compliance route and the actuals export both read it, so the export holds
 * exactly the values the answer used.
 */
import type { ActualValue, ComplianceBasis, Plan } from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import { getPlanState, getPlanVersionAt, getPlanVersionKnownAt } from "../plans/plan-revisions.ts";
import { getPlan } from "../plans/plans-repository.ts";
import { actualsAsKnown } from "./actuals-as-known.ts";
import { SeguimientoRefusal } from "./report-store.ts";

export type ComplianceBasisQuery = {
  /** AAAA-MM-DD: the plan version in force on that date (before later reprogramaciones). */
  planAt?: string | undefined;
  /** ISO 8601 instant: what Rumbo knew then. */
  knownAt?: string | undefined;
  basis: ComplianceBasis;
};

export type ComplianceInputs = {
  plan: Plan;
  actuals: ActualValue[];
  basis: ComplianceBasis;
  /** The instant asked, in UTC (ISO 8601), or null for what Rumbo knows now. */
  knownAt: string | null;
};

export async function complianceInputs(
  db: Database,
  planId: number,
  query: ComplianceBasisQuery,
): Promise<ComplianceInputs> {
  if (!(await getPlanState(db, planId)))
    throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
  const knownAt = query.knownAt === undefined ? undefined : new Date(query.knownAt);
  let plan: Plan;
  if (knownAt) {
    // The plan as recorded by then; with planAt, the version in force that day among those.
    const known = await getPlanVersionKnownAt(db, planId, knownAt, query.planAt);
    if (!known) {
      throw new SeguimientoRefusal(
        "VERSION_NOT_FOUND",
        query.planAt
          ? `El ${knownAt.toISOString()} Rumbo no conocía ninguna versión del plan ${planId} vigente el ${query.planAt}.`
          : `El plan ${planId} aún no existía el ${knownAt.toISOString()}.`,
      );
    }
    plan = known.plan;
  } else if (query.planAt) {
    const inForce = await getPlanVersionAt(db, planId, query.planAt);
    if (!inForce) {
      throw new SeguimientoRefusal(
        "VERSION_NOT_FOUND",
        `El plan ${planId} no estaba vigente el ${query.planAt}.`,
      );
    }
    plan = inForce.plan;
  } else {
    const current = await getPlan(db, planId);
    if (!current) throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
    plan = current;
  }
  const actuals = await actualsAsKnown(db, planId, {
    basis: query.basis,
    plan,
    ...(knownAt ? { knownAt } : {}),
  });
  return { plan, actuals, basis: query.basis, knownAt: knownAt?.toISOString() ?? null };
}
