/**
 * Versions of a plan (docs/decisions/0005-plan-versions.md): every save is a new version with who, when,
 * why and from when it is in force; writes check the version the editor
 * started from, so two people never overwrite each other silently.
 */
import { type Plan, type PlanStatus, versionInForceOn } from "@rumbo/core";
import { and, asc, eq, lt } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { plans, planVersions } from "../db/schema.ts";
import { whenUniqueViolation } from "../db/unique-violation.ts";
import { bumpVersion, insertVersion, writePlanTree } from "./plan-tree-writer.ts";
import {
  PlanCodeTakenError,
  type PlanVersionKind,
  type VersionRecord,
} from "./plans-repository.ts";

export type { PlanStatus };

export type PlanState = { id: number; version: number; status: PlanStatus; published: boolean };

export type PlanVersionInfo = {
  version: number;
  kind: PlanVersionKind;
  createdAt: string;
  actorEmail: string | null;
  justification: string | null;
  actReference: string | null;
  effectiveFrom: string;
};

export class VersionConflictError extends Error {
  readonly code = "VERSION_CONFLICT";
  constructor(
    readonly currentVersion: number,
    readonly expectedVersion: number,
  ) {
    super(
      `Otra persona guardó cambios en el plan: usted editaba la versión ${expectedVersion} y la vigente es la ${currentVersion}.`,
    );
    this.name = "VersionConflictError";
  }
}

export async function getPlanState(db: Database, id: number): Promise<PlanState | null> {
  const [row] = await db
    .select({
      id: plans.id,
      version: plans.version,
      status: plans.status,
      published: plans.published,
    })
    .from(plans)
    .where(eq(plans.id, id));
  return row ? { ...row, status: row.status as PlanStatus } : null;
}

/** The plan row as it stands under its lock. */
export type LockedPlan = PlanState & { code: string };

/**
 * Takes the plan row's lock (SELECT … FOR UPDATE) for the rest of the
 * transaction: every change of a plan — content, status, publication — goes
 * through here, so two of them never decide on the same state. When the
 * writer names the version it started from, a newer one is a conflict.
 */
export async function lockPlan(
  tx: Database,
  planId: number,
  expectedVersion?: number,
): Promise<LockedPlan | null> {
  const [row] = await tx
    .select({
      id: plans.id,
      code: plans.code,
      version: plans.version,
      status: plans.status,
      published: plans.published,
    })
    .from(plans)
    .where(eq(plans.id, planId))
    .for("update");
  if (!row) return null;
  if (expectedVersion !== undefined && row.version !== expectedVersion)
    throw new VersionConflictError(row.version, expectedVersion);
  return { ...row, status: row.status as PlanStatus };
}

/** Writes new content as the next version; the caller holds the lock. */
export async function writeContentVersion(
  tx: Database,
  locked: LockedPlan,
  plan: Plan,
  record: VersionRecord,
  now: Date,
): Promise<number> {
  if (plan.code !== locked.code) {
    const [taken] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.code, plan.code));
    if (taken) throw new PlanCodeTakenError(plan.code);
  }
  const version = locked.version + 1;
  await bumpVersion(tx, locked.id, plan, version);
  await writePlanTree(tx, locked.id, plan);
  await insertVersion(tx, locked.id, version, plan, record, now);
  return version;
}

/**
 * Records a change of status or publication as the next version; the caller
 * holds the lock. The version keeps the content and the date in force of the
 * one before, so "which version rules on a date" gives the same plan as
 * before the change (docs/decisions/0010-a-plan-state-changes.md).
 */
export async function writeStateVersion(
  tx: Database,
  locked: LockedPlan,
  state: { status?: PlanStatus; published?: boolean },
  record: VersionRecord,
  now: Date,
): Promise<number> {
  const [previous] = await tx
    .select({ snapshot: planVersions.snapshot, effectiveFrom: planVersions.effectiveFrom })
    .from(planVersions)
    .where(and(eq(planVersions.planId, locked.id), eq(planVersions.version, locked.version)));
  if (!previous) throw new Error(`El plan ${locked.id} no tiene su versión ${locked.version}.`);
  const version = locked.version + 1;
  await tx
    .update(plans)
    .set({ ...state, version })
    .where(eq(plans.id, locked.id));
  await insertVersion(
    tx,
    locked.id,
    version,
    previous.snapshot as Plan,
    { ...record, effectiveFrom: previous.effectiveFrom },
    now,
  );
  return version;
}

/** Replaces the plan's content as a new version, if nobody saved since `expectedVersion`. */
export async function replacePlan(
  db: Database,
  planId: number,
  plan: Plan,
  expectedVersion: number,
  record: VersionRecord,
  now: Date,
): Promise<number> {
  return db
    .transaction(async (tx) => {
      const locked = await lockPlan(tx, planId, expectedVersion);
      if (!locked) throw new Error(`El plan ${planId} no existe.`);
      return writeContentVersion(tx, locked, plan, record, now);
    })
    .catch(whenUniqueViolation("plans_code_unique", () => new PlanCodeTakenError(plan.code)));
}

export async function listPlanVersions(db: Database, planId: number): Promise<PlanVersionInfo[]> {
  const rows = await db
    .select({
      version: planVersions.version,
      kind: planVersions.kind,
      createdAt: planVersions.createdAt,
      actorEmail: planVersions.actorEmail,
      justification: planVersions.justification,
      actReference: planVersions.actReference,
      effectiveFrom: planVersions.effectiveFrom,
    })
    .from(planVersions)
    .where(eq(planVersions.planId, planId))
    .orderBy(asc(planVersions.version));
  return rows.map((r) => ({
    ...r,
    kind: r.kind as PlanVersionKind,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function getPlanVersion(
  db: Database,
  planId: number,
  version: number,
): Promise<Plan | null> {
  const [row] = await db
    .select({ snapshot: planVersions.snapshot })
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)));
  return row ? (row.snapshot as Plan) : null;
}

/** The version in force on a date (core's rule, the same one the versions page shows). */
export async function getPlanVersionAt(
  db: Database,
  planId: number,
  date: string,
): Promise<{ version: number; plan: Plan } | null> {
  const versions = await db
    .select({ version: planVersions.version, effectiveFrom: planVersions.effectiveFrom })
    .from(planVersions)
    .where(eq(planVersions.planId, planId));
  const inForce = versionInForceOn(versions, date);
  if (inForce === undefined) return null;
  const plan = await getPlanVersion(db, planId, inForce.version);
  return plan ? { version: inForce.version, plan } : null;
}

/**
 * The plan as Rumbo knew it at an instant (ADR 0015): among the versions
 * recorded by then, the one in force on `planAt` when given, else the latest.
 */
export async function getPlanVersionKnownAt(
  db: Database,
  planId: number,
  knownAt: Date,
  planAt?: string,
): Promise<{ version: number; plan: Plan } | null> {
  const versions = await db
    .select({ version: planVersions.version, effectiveFrom: planVersions.effectiveFrom })
    .from(planVersions)
    .where(
      and(
        eq(planVersions.planId, planId),
        // The whole millisecond named counts (the database records microseconds).
        lt(planVersions.createdAt, new Date(knownAt.getTime() + 1)),
      ),
    );
  const chosen =
    planAt === undefined
      ? versions.reduce<(typeof versions)[number] | undefined>(
          (latest, v) => (latest === undefined || v.version > latest.version ? v : latest),
          undefined,
        )
      : versionInForceOn(versions, planAt);
  if (chosen === undefined) return null;
  const plan = await getPlanVersion(db, planId, chosen.version);
  return plan ? { version: chosen.version, plan } : null;
}
