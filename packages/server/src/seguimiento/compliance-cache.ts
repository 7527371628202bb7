/**
 * The compiled plan and the engine's state of each plan, kept between
 * requests (ADR 0018). Every answer first reads the plan's stamp — its
 * `version` (content and state) and `data_version` (+1 with every report
 * version written, in the writer's transaction) — from the database, so
 * several servers on one PostgreSQL never answer from a stale state:
 *
 * - same stamp: the engine's shared result, nothing recomputed (hit);
 * - only report versions since: their indicator-years are read again and
 *   replaced in the engine, which recomputes their paths (incremental);
 * - anything else (first answer, a new plan version, a gap in data_version
 *   that report versions do not explain, many indicators at once): the plan
 *   and its values are loaded and computed again (miss).
 *
 * The state read is at least as new as the stamp read before it; a change
 * committed in between is read again by the next answer, which sees a newer
 * stamp. Answers for an instant (`knownAt`) or a past plan version (`planAt`)
 * are kept whole, and only while the stamp is exactly the same (`exact`).
 */
import {
  type ComplianceBasis,
  type ComplianceEngine,
  ComplianceInputError,
  type ComplianceOptions,
  type ComplianceResult,
  createEngine,
  type Indicator,
  type IndicatorYear,
  type Objective,
  officialActuals,
  type Plan,
} from "@rumbo/core";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { plans, reportVersions } from "../db/schema.ts";
import { getPlan } from "../plans/plans-repository.ts";
import { countedVersionsAsKnown } from "./actuals-as-known.ts";
import { SeguimientoRefusal } from "./report-store.ts";

/** How an answer was found: for /metrics (`rumbo_compliance_cache_requests_total`). */
export const CACHE_OUTCOMES = ["hit", "incremental", "fork", "miss", "bypass"] as const;
export type CacheOutcome = (typeof CACHE_OUTCOMES)[number];

export type CachedCompliance = { plan: Plan; result: ComplianceResult };

export type ComplianceCache = {
  /** The plan as it stands and the engine's result for the basis and options, never stale. */
  answer(
    db: Database,
    planId: number,
    basis: ComplianceBasis,
    options: ComplianceOptions,
    /** The stamp this request already read (with the plan's access), or null to read it. */
    stamp?: PlanStamp | null,
  ): Promise<CachedCompliance>;
  /**
   * An answer for an instant (`knownAt`) or a past plan version (`planAt`):
   * computed by `compute` and kept while the plan's stamp does not move at
   * all (it depends only on what the database holds). `key` names the query.
   */
  exact<T>(
    db: Database,
    planId: number,
    key: string,
    stamp: PlanStamp | null,
    compute: () => Promise<T>,
  ): Promise<T>;
};

export type ComplianceCacheOptions = {
  /** Plans kept (least recently used leaves first). */
  maxPlans?: number;
  /** Engines kept per plan, one per basis and options (asOf, missing, cap). */
  maxEngines?: number;
  /** More changed indicators than this at once (a bulk load) are computed again from scratch. */
  maxIncrementalIndicators?: number;
  /** Answers for an instant or a past plan version kept (least recently used leave first). */
  maxExactAnswers?: number;
  onOutcome?: (outcome: CacheOutcome) => void;
};

type CachedEngine = { basis: ComplianceBasis; key: string; engine: ComplianceEngine };

type PlanEntry = {
  revision: number;
  dataVersion: number;
  plan: Plan;
  /** The plan's indicators by code, with their objective (to build small plans for officialActuals). */
  indicators: Map<string, { objective: Objective; indicator: Indicator }>;
  /** Most recently used first. */
  engines: CachedEngine[];
};

const optionsKey = (o: ComplianceOptions) => `${o.asOf ?? ""}|${o.missing}|${o.cap ?? "none"}`;

export function createComplianceCache(settings: ComplianceCacheOptions = {}): ComplianceCache {
  const maxPlans = settings.maxPlans ?? 8;
  const maxEngines = settings.maxEngines ?? 6;
  const maxIncremental = settings.maxIncrementalIndicators ?? 2_000;
  const count = settings.onOutcome ?? (() => {});
  const entries = new Map<number, PlanEntry>();
  // Answers for an instant or a past plan version, with the stamp they were computed under.
  const exactAnswers = new Map<string, Stamp & { value: unknown }>();
  const maxExact = settings.maxExactAnswers ?? 32;
  // One refresh of a plan at a time: an answer that must change the entry waits here.
  const queues = new Map<number, Promise<unknown>>();

  function serialized<T>(planId: number, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(planId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => {},
      () => {},
    );
    queues.set(planId, settled);
    void settled.then(() => {
      if (queues.get(planId) === settled) queues.delete(planId);
    });
    return next;
  }

  function remember(planId: number, entry: PlanEntry): void {
    entries.delete(planId);
    entries.set(planId, entry);
    while (entries.size > maxPlans) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  /** The engine for the basis and options when the entry holds it (moved to the front). */
  function engineOf(entry: PlanEntry, basis: ComplianceBasis, key: string) {
    const index = entry.engines.findIndex((e) => e.basis === basis && e.key === key);
    if (index < 0) return null;
    const [found] = entry.engines.splice(index, 1);
    if (!found) return null;
    entry.engines.unshift(found);
    return found.engine;
  }

  function keep(entry: PlanEntry, cached: CachedEngine): void {
    entry.engines.unshift(cached);
    entry.engines.length = Math.min(entry.engines.length, maxEngines);
  }

  const fresh = (entry: PlanEntry, stamp: Stamp): boolean =>
    entry.revision === stamp.revision && entry.dataVersion >= stamp.dataVersion;

  async function load(db: Database, planId: number, stamp: Stamp): Promise<PlanEntry> {
    const plan = await getPlan(db, planId);
    if (!plan) throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
    const indicators: PlanEntry["indicators"] = new Map();
    for (const objective of plan.objectives)
      for (const indicator of objective.indicators)
        indicators.set(indicator.code, { objective, indicator });
    return { ...stamp, plan, indicators, engines: [] };
  }

  /** Applies the report versions written after the entry's data_version; false when it cannot. */
  async function catchUp(db: Database, planId: number, entry: PlanEntry, stamp: Stamp) {
    const written = await db
      .select({
        indicator: reportVersions.indicatorCode,
        period: reportVersions.period,
        dataVersion: reportVersions.dataVersion,
      })
      .from(reportVersions)
      .where(
        and(
          eq(reportVersions.planId, planId),
          gt(reportVersions.dataVersion, entry.dataVersion),
          lte(reportVersions.dataVersion, stamp.dataVersion),
        ),
      );
    // Every step of data_version must be a report version: anything else changed too.
    const steps = new Set(written.map((row) => row.dataVersion));
    if (steps.size !== stamp.dataVersion - entry.dataVersion) return false;
    const years = new Set(entry.plan.years);
    const cells = new Map<string, IndicatorYear>();
    for (const { indicator, period } of written) {
      const year = Number(period.slice(0, 4));
      if (!entry.indicators.has(indicator) || !years.has(year)) continue;
      cells.set(`${indicator}\u0000${year}`, { indicator, year });
    }
    const codes = [...new Set([...cells.values()].map((cell) => cell.indicator))];
    if (codes.length > maxIncremental) return false;
    const changed = [...cells.values()];
    const subPlan = smallPlan(entry, codes);
    for (const basis of new Set(entry.engines.map((e) => e.basis))) {
      const rows = (await countedVersionsAsKnown(db, planId, { basis, indicators: codes })).filter(
        (row) => cells.has(`${row.indicator}\u0000${row.period.slice(0, 4)}`),
      );
      const values = officialActuals(subPlan, rows);
      for (const cached of entry.engines) {
        if (cached.basis !== basis) continue;
        try {
          cached.engine.replaceYears(changed, values);
        } catch (error) {
          if (error instanceof ComplianceInputError || error instanceof RangeError) return false;
          throw error;
        }
      }
    }
    entry.dataVersion = stamp.dataVersion;
    return true;
  }

  async function engineFor(
    db: Database,
    planId: number,
    entry: PlanEntry,
    basis: ComplianceBasis,
    options: ComplianceOptions,
  ): Promise<ComplianceEngine> {
    const key = optionsKey(options);
    const known = engineOf(entry, basis, key);
    if (known) return known;
    const sibling = entry.engines.find((e) => e.basis === basis);
    let engine: ComplianceEngine;
    if (sibling) {
      engine = sibling.engine.fork(options);
      count("fork");
    } else {
      const values = officialActuals(
        entry.plan,
        await countedVersionsAsKnown(db, planId, { basis }),
      );
      engine = createEngine(entry.plan, options);
      engine.setActuals(values);
      count("miss");
    }
    keep(entry, { basis, key, engine });
    return engine;
  }

  return {
    async answer(db, planId, basis, options, known = null) {
      const stamp = known ?? (await readPlanStamp(db, planId));
      if (!stamp) {
        entries.delete(planId);
        throw new SeguimientoRefusal("PLAN_NOT_FOUND", `No existe el plan ${planId}.`);
      }
      const entry = entries.get(planId);
      if (entry !== undefined && fresh(entry, stamp)) {
        const engine = engineOf(entry, basis, optionsKey(options));
        if (engine) {
          remember(planId, entry);
          count("hit");
          return { plan: entry.plan, result: engine.currentResult() };
        }
      }
      return serialized(planId, async () => {
        let current = entries.get(planId);
        let outcome: CacheOutcome = "hit";
        if (current === undefined || !fresh(current, stamp)) {
          if (
            current !== undefined &&
            current.revision === stamp.revision &&
            current.engines.length > 0 &&
            (await catchUp(db, planId, current, stamp))
          ) {
            outcome = "incremental";
          } else {
            current = await load(db, planId, stamp);
          }
        }
        remember(planId, current);
        const known = engineOf(current, basis, optionsKey(options));
        if (known) count(outcome);
        // Without one, engineFor counts a fork of a sibling or a miss.
        const engine = known ?? (await engineFor(db, planId, current, basis, options));
        return { plan: current.plan, result: engine.currentResult() };
      });
    },
    async exact(db, planId, key, known, compute) {
      const stamp = known ?? (await readPlanStamp(db, planId));
      const name = `${planId}\u0000${key}`;
      const kept = exactAnswers.get(name);
      if (
        stamp !== null &&
        kept !== undefined &&
        kept.revision === stamp.revision &&
        kept.dataVersion === stamp.dataVersion
      ) {
        exactAnswers.delete(name);
        exactAnswers.set(name, kept);
        count("hit");
        return kept.value as Awaited<ReturnType<typeof compute>>;
      }
      const value = await compute();
      count("bypass");
      if (stamp !== null) {
        exactAnswers.delete(name);
        exactAnswers.set(name, { ...stamp, value });
        while (exactAnswers.size > maxExact) {
          const oldest = exactAnswers.keys().next().value;
          if (oldest === undefined) break;
          exactAnswers.delete(oldest);
        }
      }
      return value;
    },
  };
}

type Stamp = { revision: number; dataVersion: number };

/** What a cached answer is checked against, with what the access policy needs of the plan. */
export type PlanStamp = Stamp & { published: boolean };

/**
 * One indexed row: what every answer checks before using the cache. The
 * compliance routes read it as the plan's access resource, so a cached
 * answer costs the database one query, like a route that does nothing.
 */
export async function readPlanStamp(db: Database, planId: number): Promise<PlanStamp | null> {
  let prepared = stampQueries.get(db);
  if (prepared === undefined) {
    // Prepared once per database handle: this runs on every compliance answer.
    prepared = db
      .select({
        revision: plans.version,
        dataVersion: plans.dataVersion,
        published: plans.published,
      })
      .from(plans)
      .where(eq(plans.id, sql.placeholder("id")))
      .prepare("rumbo_plan_stamp");
    stampQueries.set(db, prepared);
  }
  const [row] = await prepared.execute({ id: planId });
  return row ?? null;
}

const stampQueries = new WeakMap<Database, StampQuery>();
type StampQuery = {
  execute(values: { id: number }): Promise<PlanStamp[]>;
};

/** The plan with only the given indicators: officialActuals of a few, without indexing 100,000. */
function smallPlan(entry: PlanEntry, codes: readonly string[]): Plan {
  const byObjective = new Map<Objective, Indicator[]>();
  for (const code of codes) {
    const found = entry.indicators.get(code);
    if (!found) continue;
    const list = byObjective.get(found.objective) ?? [];
    list.push(found.indicator);
    byObjective.set(found.objective, list);
  }
  return {
    ...entry.plan,
    objectives: [...byObjective].map(([objective, indicators]) => ({ ...objective, indicators })),
  };
}
