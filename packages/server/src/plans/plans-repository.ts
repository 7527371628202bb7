/**
 * Plans in the database: a plan tree in, the same tree out. Writes happen in
 * one transaction, so a failed save leaves nothing behind.
 */
import type {
  Indicator,
  IndicatorFicha,
  Objective,
  Plan,
  PlanVersionKind,
  WeightPct,
} from "@rumbo/core";
import { fichaOption, INDICATOR_FICHA_FIELDS, PLAN_FORMAT } from "@rumbo/core";
import { asc, count, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import {
  indicators,
  indicatorVigencias,
  objectives,
  objectiveWeights,
  plans,
  vigencias,
} from "../db/schema.ts";
import { whenUniqueViolation } from "../db/unique-violation.ts";
import { insertVersion, planColumns, writePlanTree } from "./plan-tree-writer.ts";

export type StoredPlan = Plan & { id: number };

export type PlanSummary = {
  id: number;
  code: string;
  name: string;
  entity: string | null;
  years: number[];
  objectiveCount: number;
  indicatorCount: number;
  published: boolean;
};

export class PlanCodeTakenError extends Error {
  readonly code = "PLAN_CODE_TAKEN";
  constructor(readonly planCode: string) {
    super(`Ya existe un plan con el código ${planCode}.`);
    this.name = "PlanCodeTakenError";
  }
}

/** Published plans are public (Ley 1712 de 2014); others only for accounts with a role on them. */
export async function getPlanAccess(
  db: Database,
  id: number,
): Promise<{ id: number; published: boolean } | null> {
  const [row] = await db
    .select({ id: plans.id, published: plans.published })
    .from(plans)
    .where(eq(plans.id, id));
  return row ?? null;
}

export type VersionRecord = {
  kind: PlanVersionKind;
  userId?: number | null;
  actorEmail?: string | null;
  justification?: string | null;
  actReference?: string | null;
  /** AAAA-MM-DD from which this version is in force; default: the day it is saved. */
  effectiveFrom?: string;
};

export type { PlanVersionKind };

export async function savePlan(
  db: Database,
  plan: Plan,
  options: {
    published?: boolean;
    status?: "formulacion" | "vigente";
    version?: VersionRecord;
    /** When it is saved (the server's clock; tests move it). */
    at?: Date;
  } = {},
): Promise<number> {
  return db
    .transaction(async (tx) => {
      const taken = await tx.select({ id: plans.id }).from(plans).where(eq(plans.code, plan.code));
      if (taken.length > 0) throw new PlanCodeTakenError(plan.code);
      const [row] = await tx
        .insert(plans)
        .values({
          ...planColumns(plan),
          published: options.published ?? false,
          status: options.status ?? "formulacion",
          version: 1,
          createdAt: options.at ?? new Date(),
        })
        .returning({ id: plans.id, createdAt: plans.createdAt });
      if (!row) throw new Error("La base de datos no devolvió el id del plan creado.");
      await writePlanTree(tx, row.id, plan);
      await insertVersion(
        tx,
        row.id,
        1,
        plan,
        options.version ?? { kind: "creacion" },
        row.createdAt,
      );
      return row.id;
    })
    .catch(whenUniqueViolation("plans_code_unique", () => new PlanCodeTakenError(plan.code)));
}

export async function listPlans(db: Database): Promise<PlanSummary[]> {
  const rows = await db.select().from(plans).orderBy(asc(plans.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const years = await db.select().from(vigencias).where(inArray(vigencias.planId, ids));
  const objectiveCounts = await db
    .select({ planId: objectives.planId, n: count() })
    .from(objectives)
    .where(inArray(objectives.planId, ids))
    .groupBy(objectives.planId);
  const indicatorCounts = await db
    .select({ planId: indicators.planId, n: count() })
    .from(indicators)
    .where(inArray(indicators.planId, ids))
    .groupBy(indicators.planId);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    entity: r.entity,
    years: years
      .filter((y) => y.planId === r.id)
      .map((y) => y.year)
      .sort((a, b) => a - b),
    objectiveCount: objectiveCounts.find((c) => c.planId === r.id)?.n ?? 0,
    indicatorCount: indicatorCounts.find((c) => c.planId === r.id)?.n ?? 0,
    published: r.published,
  }));
}

export async function countPlans(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(plans);
  return row?.n ?? 0;
}

export async function findPlanIdByCode(db: Database, code: string): Promise<number | null> {
  const [row] = await db.select({ id: plans.id }).from(plans).where(eq(plans.code, code));
  return row?.id ?? null;
}

export async function getPlan(db: Database, id: number): Promise<StoredPlan | null> {
  const [p] = await db.select().from(plans).where(eq(plans.id, id));
  if (!p) return null;
  const years = (await db.select().from(vigencias).where(eq(vigencias.planId, id)))
    .map((v) => v.year)
    .sort((a, b) => a - b);
  const objectiveRows = await db
    .select()
    .from(objectives)
    .where(eq(objectives.planId, id))
    .orderBy(asc(objectives.position));
  const objectiveIds = objectiveRows.map((o) => o.id);
  const objectiveWeightRows =
    objectiveIds.length === 0
      ? []
      : await db
          .select()
          .from(objectiveWeights)
          .where(inArray(objectiveWeights.objectiveId, objectiveIds));
  const indicatorRows = await db
    .select()
    .from(indicators)
    .where(eq(indicators.planId, id))
    .orderBy(asc(indicators.position));
  const vigenciaRows = await db
    .select({
      indicatorId: indicatorVigencias.indicatorId,
      year: indicatorVigencias.year,
      target: indicatorVigencias.target,
      weightPct: indicatorVigencias.weightPct,
    })
    .from(indicatorVigencias)
    .innerJoin(indicators, eq(indicators.id, indicatorVigencias.indicatorId))
    .where(eq(indicators.planId, id));
  const byIndicator = groupBy(vigenciaRows, (v) => v.indicatorId);
  const indicatorsByObjective = groupBy(indicatorRows, (i) => i.objectiveId);

  const objectivesOut: Objective[] = objectiveRows.map((o) => {
    const yearly = objectiveWeightRows.filter((w) => w.objectiveId === o.id);
    const weight: WeightPct | undefined =
      yearly.length > 0
        ? {
            ...Object.fromEntries(yearly.map((w) => [String(w.year), w.weightPct])),
            ...(o.totalWeightPct === null ? {} : { total: o.totalWeightPct }),
          }
        : (o.totalWeightPct ?? undefined);
    return {
      code: o.code,
      name: o.name,
      ...(weight === undefined ? {} : { weight }),
      indicators: (indicatorsByObjective.get(o.id) ?? []).map((i) =>
        toIndicator(i, byIndicator.get(i.id) ?? [], years),
      ),
    };
  });

  const hasSemaforo =
    p.semaforoRojo !== null && p.semaforoAmarillo !== null && p.semaforoSobreejecucion !== null;
  return {
    id: p.id,
    format: PLAN_FORMAT,
    code: p.code,
    name: p.name,
    years,
    ...(hasSemaforo
      ? {
          semaforo: {
            rojo: p.semaforoRojo ?? 0,
            amarillo: p.semaforoAmarillo ?? 0,
            sobreejecucion: p.semaforoSobreejecucion ?? 0,
          },
        }
      : {}),
    objectives: objectivesOut,
    ...optional("entity", p.entity),
    ...optional("mission", p.mission),
    ...optional("vision", p.vision),
    ...optional("source", p.source),
  };
}

type IndicatorRow = typeof indicators.$inferSelect;
type VigenciaRow = { year: number; target: number | null; weightPct: number };

function toIndicator(row: IndicatorRow, vigs: VigenciaRow[], years: number[]): Indicator {
  const at = (year: number) => vigs.find((v) => v.year === year);
  const weight: WeightPct = row.uniformWeight
    ? (at(years[0] ?? 0)?.weightPct ?? 0)
    : {
        ...Object.fromEntries(years.map((y) => [String(y), at(y)?.weightPct ?? 0])),
        ...(row.totalWeightPct === null ? {} : { total: row.totalWeightPct }),
      };
  return {
    code: row.code,
    name: row.name,
    ...optional("goal", row.goalText),
    trend: row.trend as Indicator["trend"],
    ...optional("unit", row.unit),
    baseline: row.baseline,
    weight,
    targets: Object.fromEntries(years.map((y) => [String(y), at(y)?.target ?? null])),
    ...(row.totalGiven ? { total: row.total } : {}),
    ...optional("progress", row.progressVariant as Indicator["progress"] | null),
    ...optional("baselineYear", row.baselineYear),
    ...fichaOf(row),
  };
}

/**
 * The ficha's fields as stored. The columns hold what the plan's reader
 * accepted, so a closed list holds one of its values; anything else (a value
 * written by hand in the database) is left out rather than served.
 */
function fichaOf(row: IndicatorRow): IndicatorFicha {
  const ficha: Record<string, string> = {};
  for (const field of INDICATOR_FICHA_FIELDS) {
    const value = row[field.key];
    if (value === null) continue;
    if (field.kind === "enum" && fichaOption(field, value) === undefined) continue;
    ficha[field.key] = value;
  }
  return ficha as IndicatorFicha;
}

function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
