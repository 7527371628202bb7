/**
 * Reported values of a plan's indicators. A load replaces the plan's values
 * in one transaction: the CSV is the whole picture, and a failed load leaves
 * the previous values untouched.
 */
import type { ActualValue } from "@rumbo/core";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { indicatorActuals, indicators } from "../db/schema.ts";

export async function replaceActuals(
  db: Database,
  planId: number,
  actuals: readonly ActualValue[],
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: indicators.id, code: indicators.code })
      .from(indicators)
      .where(eq(indicators.planId, planId));
    const idOf = new Map(rows.map((r) => [r.code, r.id]));
    const ids = rows.map((r) => r.id);
    if (ids.length > 0)
      await tx.delete(indicatorActuals).where(inArray(indicatorActuals.indicatorId, ids));
    const values = actuals.map((a) => {
      const indicatorId = idOf.get(a.indicator);
      // The reader checked codes against this same plan; a miss means the plan changed meanwhile.
      if (indicatorId === undefined)
        throw new Error(`El indicador ${a.indicator} no está en el plan ${planId}.`);
      return { indicatorId, period: a.period, value: a.value };
    });
    for (let i = 0; i < values.length; i += 1000) {
      await tx.insert(indicatorActuals).values(values.slice(i, i + 1000));
    }
    return values.length;
  });
}

/** Periods in byte order, the same on every server whatever its collation: 2024 < 2024-03 < 2024-Q1. */
export async function listActuals(db: Database, planId: number): Promise<ActualValue[]> {
  return db
    .select({
      indicator: indicators.code,
      period: indicatorActuals.period,
      value: indicatorActuals.value,
    })
    .from(indicatorActuals)
    .innerJoin(indicators, eq(indicators.id, indicatorActuals.indicatorId))
    .where(eq(indicators.planId, planId))
    .orderBy(asc(indicators.position), sql`${indicatorActuals.period} collate "C"`);
}
