/**
 * Versions of a plan (docs/decisions/0005-plan-versions.md): every save is a new version with who, when,
 * why and from when it is in force; writes check the version the editor
 * started from, so two people never overwrite each other silently.
 */
import type { Plan } from "@rumbo/core";
import { and, asc, desc, eq, lte } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { plans, planVersions } from "../db/schema.ts";
import { whenUniqueViolation } from "../db/unique-violation.ts";
import { bumpVersion, insertVersion, writePlanTree } from "./plan-tree-writer.ts";
import { PlanCodeTakenError, type PlanVersionKind, type VersionMeta } from "./plans-repository.ts";

export type PlanStatus = "formulacion" | "vigente";

export type PlanMeta = { id: number; version: number; status: PlanStatus; published: boolean };

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

export async function getPlanMeta(db: Database, id: number): Promise<PlanMeta | null> {
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

/** Replaces the plan's content as a new version, if nobody saved since `expectedVersion`. */
export async function replacePlan(
  db: Database,
  planId: number,
  plan: Plan,
  expectedVersion: number,
  meta: VersionMeta,
  now: Date,
): Promise<number> {
  return db
    .transaction(async (tx) => {
      const [current] = await tx
        .select({ version: plans.version, code: plans.code })
        .from(plans)
        .where(eq(plans.id, planId))
        .for("update");
      if (!current) throw new Error(`El plan ${planId} no existe.`);
      if (current.version !== expectedVersion)
        throw new VersionConflictError(current.version, expectedVersion);
      if (plan.code !== current.code) {
        const [taken] = await tx
          .select({ id: plans.id })
          .from(plans)
          .where(eq(plans.code, plan.code));
        if (taken) throw new PlanCodeTakenError(plan.code);
      }
      const version = current.version + 1;
      await bumpVersion(tx, planId, plan, version);
      await writePlanTree(tx, planId, plan);
      await insertVersion(tx, planId, version, plan, meta, now);
      return version;
    })
    .catch(whenUniqueViolation("plans_code_unique", () => new PlanCodeTakenError(plan.code)));
}

export async function setPlanStatus(
  db: Database,
  planId: number,
  status: PlanStatus,
): Promise<void> {
  await db.update(plans).set({ status }).where(eq(plans.id, planId));
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

/** The version in force on a date: the latest one whose effective date is on or before it. */
export async function getPlanVersionAt(
  db: Database,
  planId: number,
  date: string,
): Promise<{ version: number; plan: Plan } | null> {
  const [row] = await db
    .select({ version: planVersions.version, snapshot: planVersions.snapshot })
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), lte(planVersions.effectiveFrom, date)))
    // The last decision that applies on that date: each version is built on
    // the one before, so a reprogramación dated back before an earlier edit
    // replaces that edit from its own date (docs/decisions/0005).
    .orderBy(desc(planVersions.version))
    .limit(1);
  return row ? { version: row.version, plan: row.snapshot as Plan } : null;
}
