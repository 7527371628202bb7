/**
 * «Cambio desde el corte anterior» on the tablero (methodology.md §13): the
 * engine runs again for the previous closed corte — its date as `asOf`, what
 * was known when it closed as `knownAt`, the official basis and the other
 * options of the query — and core compares the two tableros.
 */
import {
  buildDashboard,
  type CellAt,
  type PlanDashboard,
  previousCorte,
  withPreviousCorte,
} from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import { type ComplianceQuery, resolveCompliance } from "../http/routes/compliance-routes.ts";
import type { ComplianceCache } from "../seguimiento/compliance-cache.ts";
import { listPlanCortes } from "../seguimiento/corte-queries.ts";
import { SeguimientoRefusal } from "../seguimiento/report-store.ts";

export async function compareWithPreviousCorte(
  db: Database,
  planId: number,
  query: ComplianceQuery,
  current: PlanDashboard,
  at: CellAt,
  cache?: ComplianceCache,
): Promise<PlanDashboard> {
  const cortes = await listPlanCortes(db, planId);
  const corte = previousCorte(
    cortes.map((c) => ({
      id: c.id,
      periodEnd: c.periodEnd,
      closedAt: c.closedAt?.toISOString() ?? null,
    })),
    {
      asOf: current.options.asOf,
      knownAt: query.knownAt === undefined ? null : new Date(query.knownAt).toISOString(),
    },
  );
  if (corte === null) return current;
  let previous: PlanDashboard;
  try {
    const computed = await resolveCompliance(
      db,
      planId,
      {
        ...query,
        asOf: corte.periodEnd,
        knownAt: corte.closedAt,
        basis: "approved",
      },
      cache,
    );
    previous = buildDashboard(computed, at);
  } catch (error) {
    // No plan was recorded yet when that corte closed, or it had not this
    // vigencia: there is nothing to compare with.
    if (error instanceof SeguimientoRefusal && error.code === "VERSION_NOT_FOUND") return current;
    if (error instanceof RangeError) return current;
    throw error;
  }
  return withPreviousCorte(current, previous, corte);
}
