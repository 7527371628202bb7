/**
 * «Cambio desde el corte anterior» on the tablero (methodology.md §13): the
 * engine runs again for the previous closed corte — its date as `asOf`, what
 * was known when it closed as `knownAt`, the official basis and the other
 * options of the query — and core compares the two tableros.
 */
import {
  buildDashboard,
  type CellAt,
  type ClosedCorte,
  type PlanDashboard,
  previousCorte,
  withPreviousCorte,
} from "@rumbo/core";
import type { Database } from "../db/open-database.ts";
import {
  type ComplianceQuery,
  type ComputedCompliance,
  resolveCompliance,
} from "../http/routes/compliance-routes.ts";
import type { ComplianceCache } from "../seguimiento/compliance-cache.ts";
import { listPlanCortes } from "../seguimiento/corte-queries.ts";
import { SeguimientoRefusal } from "../seguimiento/report-store.ts";

/** The previous closed corte of the query (as known then) and its engine result, or null. */
export async function previousCorteCompliance(
  db: Database,
  planId: number,
  query: ComplianceQuery,
  asOf: string | null,
  cache?: ComplianceCache,
): Promise<{ corte: ClosedCorte; computed: ComputedCompliance } | null> {
  const cortes = await listPlanCortes(db, planId);
  const corte = previousCorte(
    cortes.map((c) => ({
      id: c.id,
      periodEnd: c.periodEnd,
      closedAt: c.closedAt?.toISOString() ?? null,
    })),
    {
      asOf,
      knownAt: query.knownAt === undefined ? null : new Date(query.knownAt).toISOString(),
    },
  );
  if (corte === null) return null;
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
    return { corte, computed };
  } catch (error) {
    // No plan was recorded yet when that corte closed: there is nothing to compare with.
    if (error instanceof SeguimientoRefusal && error.code === "VERSION_NOT_FOUND") return null;
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** `current` compared with the tablero of `previous` (previousCorteCompliance), when there is one. */
export function withPreviousTablero(
  current: PlanDashboard,
  previous: { corte: ClosedCorte; computed: ComputedCompliance } | null,
  at: CellAt,
): PlanDashboard {
  if (previous === null) return current;
  let tablero: PlanDashboard;
  try {
    tablero = buildDashboard(previous.computed, at);
  } catch (error) {
    // That corte's plan had not this vigencia: there is nothing to compare with.
    if (error instanceof RangeError) return current;
    throw error;
  }
  return withPreviousCorte(current, tablero, previous.corte);
}

export async function compareWithPreviousCorte(
  db: Database,
  planId: number,
  query: ComplianceQuery,
  current: PlanDashboard,
  at: CellAt,
  cache?: ComplianceCache,
): Promise<PlanDashboard> {
  const previous = await previousCorteCompliance(db, planId, query, current.options.asOf, cache);
  return withPreviousTablero(current, previous, at);
}
