/**
 * Writes a plan tree into the normalised tables, matching objectives and
 * indicators by code: an edit or a reprogramación keeps the ids (and so the
 * reported values) of what stays, adds what is new and removes what left.
 * Runs inside the caller's transaction.
 */
import {
  bogotaDate,
  INDICATOR_FICHA_FIELDS,
  type Indicator,
  type Plan,
  type WeightPct,
} from "@rumbo/core";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import {
  fichaColumnName,
  indicators,
  indicatorVigencias,
  objectives,
  objectiveWeights,
  plans,
  planVersions,
  vigencias,
} from "../db/schema.ts";
import type { VersionRecord } from "./plans-repository.ts";

const CHUNK = 500;

export function planColumns(plan: Plan) {
  return {
    code: plan.code,
    name: plan.name,
    entity: plan.entity ?? null,
    mission: plan.mission ?? null,
    vision: plan.vision ?? null,
    source: plan.source ?? null,
    semaforoRojo: plan.semaforo?.rojo ?? null,
    semaforoAmarillo: plan.semaforo?.amarillo ?? null,
    semaforoSobreejecucion: plan.semaforo?.sobreejecucion ?? null,
  };
}

export async function writePlanTree(db: Database, planId: number, plan: Plan): Promise<void> {
  await db.delete(vigencias).where(eq(vigencias.planId, planId));
  await db.insert(vigencias).values(plan.years.map((year) => ({ planId, year })));

  // Objectives: upsert by code, then drop the ones no longer in the plan.
  const objectiveCodes = plan.objectives.map((o) => o.code);
  const objectiveRows =
    plan.objectives.length === 0
      ? []
      : await db
          .insert(objectives)
          .values(
            plan.objectives.map((o, position) => ({
              planId,
              code: o.code,
              position,
              name: o.name,
              totalWeightPct: o.weight === undefined ? null : totalWeight(o.weight),
            })),
          )
          .onConflictDoUpdate({
            target: [objectives.planId, objectives.code],
            set: {
              position: sql`excluded.position`,
              name: sql`excluded.name`,
              totalWeightPct: sql`excluded.total_weight_pct`,
            },
          })
          .returning({ id: objectives.id, code: objectives.code });
  const objectiveId = new Map(objectiveRows.map((r) => [r.code, r.id]));
  const objectiveIds = objectiveRows.map((r) => r.id);

  const flat = plan.objectives.flatMap((o) => o.indicators.map((i) => ({ o, i })));
  const indicatorCodes = flat.map(({ i }) => i.code);

  if (objectiveIds.length > 0) {
    await db.delete(objectiveWeights).where(inArray(objectiveWeights.objectiveId, objectiveIds));
  }
  const perYearObjectiveWeights = plan.objectives.flatMap((o) =>
    o.weight === undefined || typeof o.weight === "number"
      ? []
      : plan.years.map((year) => ({
          objectiveId: objectiveId.get(o.code) ?? -1,
          year,
          weightPct: yearWeight(o.weight ?? 0, year),
        })),
  );
  if (perYearObjectiveWeights.length > 0)
    await db.insert(objectiveWeights).values(perYearObjectiveWeights);

  for (let start = 0; start < flat.length; start += CHUNK) {
    const chunk = flat.slice(start, start + CHUNK);
    const written = await db
      .insert(indicators)
      .values(
        chunk.map(({ o, i }, k) => ({
          planId,
          objectiveId: objectiveId.get(o.code) ?? -1,
          code: i.code,
          position: start + k,
          name: i.name,
          goalText: i.goal ?? null,
          trend: i.trend,
          progressVariant: i.progress ?? null,
          unit: i.unit ?? null,
          baseline: i.baseline ?? null,
          baselineYear: i.baselineYear ?? null,
          ...fichaValues(i),
          total: i.total ?? null,
          totalGiven: i.total !== undefined,
          totalWeightPct: typeof i.weight === "number" ? null : (i.weight.total ?? null),
          uniformWeight: typeof i.weight === "number",
        })),
      )
      .onConflictDoUpdate({
        target: [indicators.planId, indicators.code],
        set: Object.fromEntries(
          UPDATED_INDICATOR_COLUMNS.map((c) => [c, sql.raw(`excluded.${INDICATOR_COLUMN_SQL[c]}`)]),
        ),
      })
      .returning({ id: indicators.id, code: indicators.code });
    const idOf = new Map(written.map((r) => [r.code, r.id]));
    await db
      .delete(indicatorVigencias)
      .where(inArray(indicatorVigencias.indicatorId, [...idOf.values()]));
    await db.insert(indicatorVigencias).values(
      chunk.flatMap(({ i }) =>
        plan.years.map((year) => ({
          indicatorId: idOf.get(i.code) ?? -1,
          year,
          target: i.targets[String(year)] ?? null,
          weightPct: yearWeight(i.weight, year),
        })),
      ),
    );
  }
  // Only now remove what left the plan: an indicator that moved out of a
  // removed objective has already been re-pointed and keeps its reports.
  await db.delete(indicators).where(
    indicatorCodes.length === 0
      ? eq(indicators.planId, planId)
      : // One array parameter: a list of codes would exceed the protocol's 65,535
        // parameters in a plan of 100,000 indicators.
        and(
          eq(indicators.planId, planId),
          sql`${indicators.code} <> all(${sql.param(indicatorCodes)}::text[])`,
        ),
  );
  await db
    .delete(objectives)
    .where(
      objectiveCodes.length === 0
        ? eq(objectives.planId, planId)
        : and(
            eq(objectives.planId, planId),
            sql`${objectives.code} <> all(${sql.param(objectiveCodes)}::text[])`,
          ),
    );
}

/** The ficha's fields of an indicator, one column each (null when the plan leaves it out). */
function fichaValues(indicator: Indicator) {
  const values = {} as Record<(typeof INDICATOR_FICHA_FIELDS)[number]["key"], string | null>;
  for (const field of INDICATOR_FICHA_FIELDS) values[field.key] = indicator[field.key] ?? null;
  return values;
}

// Every column an edit may change (not the plan or the code, which identify the row).
const INDICATOR_COLUMN_SQL: Record<string, string> = {
  ...Object.fromEntries(
    INDICATOR_FICHA_FIELDS.map((field) => [field.key, fichaColumnName(field.key)]),
  ),
  objectiveId: "objective_id",
  position: "position",
  name: "name",
  goalText: "goal_text",
  trend: "trend",
  progressVariant: "progress_variant",
  unit: "unit",
  baseline: "baseline",
  baselineYear: "baseline_year",
  total: "total",
  totalGiven: "total_given",
  totalWeightPct: "total_weight_pct",
  uniformWeight: "uniform_weight",
};
const UPDATED_INDICATOR_COLUMNS = Object.keys(INDICATOR_COLUMN_SQL);

export async function insertVersion(
  db: Database,
  planId: number,
  version: number,
  plan: Plan,
  record: VersionRecord,
  at: Date,
): Promise<void> {
  await db.insert(planVersions).values({
    planId,
    version,
    kind: record.kind,
    createdAt: at,
    userId: record.userId ?? null,
    actorEmail: record.actorEmail ?? null,
    justification: record.justification ?? null,
    actReference: record.actReference ?? null,
    effectiveFrom: record.effectiveFrom ?? bogotaDate(at),
    snapshot: plan,
  });
}

export async function bumpVersion(
  db: Database,
  planId: number,
  plan: Plan,
  version: number,
): Promise<void> {
  await db
    .update(plans)
    .set({ ...planColumns(plan), version })
    .where(eq(plans.id, planId));
}

function yearWeight(weight: WeightPct, year: number): number {
  return typeof weight === "number" ? weight : (weight[String(year)] ?? 0);
}

function totalWeight(weight: WeightPct): number | null {
  if (typeof weight === "number") return weight;
  return weight.total ?? null;
}
