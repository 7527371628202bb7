/**
 * Every change of a plan — edit, reprogramación, status, publication — as one
 * transaction that takes the plan row's lock, decides with core's lifecycle
 * rules on the state it just read, and bumps the version
 * (docs/decisions/0010-a-plan-state-changes.md). Nothing is decided on a
 * state read before the lock, so a change that lands in between is either
 * seen or caught by the version check (If-Match).
 */
import {
  classifyPlanChange,
  decidePublication,
  decideStatusChange,
  diffPlans,
  type LicenseId,
  type Plan,
  type PlanChange,
  type PlanRefusal,
  type PlanStatus,
} from "@rumbo/core";
import { writeAudit } from "../audit/audit-repository.ts";
import type { Database } from "../db/open-database.ts";
import { whenUniqueViolation } from "../db/unique-violation.ts";
import { type PublishOutcome, recordPlanPublication } from "../publicacion/publication-service.ts";
import {
  getPlanVersion,
  type LockedPlan,
  lockPlan,
  VersionConflictError,
  writeContentVersion,
  writeStateVersion,
} from "./plan-revisions.ts";
import { getPlan, PlanCodeTakenError } from "./plans-repository.ts";

/** Who asks for the change (null for the system). */
export type Author = { userId: number | null; actorEmail: string | null };

export class PlanNotFoundError extends Error {
  readonly code = "PLAN_NOT_FOUND";
  constructor(readonly planId: number) {
    super(`No existe el plan ${planId}.`);
    this.name = "PlanNotFoundError";
  }
}

/** A change the lifecycle rules refuse (REPROGRAMACION_REQUIRED, PLAN_IN_FORCE, VALIDATION_FAILED). */
export class PlanChangeRefusedError extends Error {
  constructor(readonly refusal: PlanRefusal) {
    super(refusal.message);
    this.name = "PlanChangeRefusedError";
  }
}

/** A stale write, with what the others changed since the version it started from. */
export class PlanVersionConflictError extends VersionConflictError {
  constructor(
    conflict: VersionConflictError,
    readonly changes: PlanChange[],
  ) {
    super(conflict.currentVersion, conflict.expectedVersion);
    this.name = "PlanVersionConflictError";
  }
}

export type WriteOptions = {
  author: Author;
  now: Date;
  /**
   * The audit entry of this change, written in its transaction with the
   * version it made (none when nothing changed): for writes whose route does
   * not leave the audit to the app's hook.
   */
  audit?: ChangeAudit;
};

/** The audit actions of a plan updated from its matriz (the web's upload and the CLI's --update). */
export const MATRIZ_UPDATE_AUDIT_ACTIONS = {
  editar: "plan-editado",
  reprogramar: "plan-reprogramado",
} as const;

/** What the audit log records of a change (who comes from the author). */
export type ChangeAudit = {
  action: string;
  ip: string | null;
  details?: Record<string, unknown>;
};

/**
 * A plain edit. A save that changes nothing answers the version it started
 * from and writes none; en vigencia, a change of programación is refused
 * (REPROGRAMACION_REQUIRED) — decided under the lock, on the current status.
 */
export async function editPlan(
  db: Database,
  planId: number,
  plan: Plan,
  options: WriteOptions & { expectedVersion: number },
): Promise<{ version: number; changed: boolean }> {
  return lockedChange(db, planId, options.expectedVersion, plan.code, async (tx, locked) => {
    const current = await getPlan(tx, planId);
    if (!current) throw new PlanNotFoundError(planId);
    const change = classifyPlanChange(locked.status, current, plan);
    if (change.kind === "none") return { version: locked.version, changed: false };
    if (change.kind === "reprogramacion-required") throw new PlanChangeRefusedError(change.refusal);
    const version = await writeContentVersion(
      tx,
      locked,
      plan,
      { kind: "edicion", ...options.author },
      options.now,
    );
    await auditChange(tx, planId, options, version);
    return { version, changed: true };
  });
}

export type Reprogramacion = {
  justification: string;
  actReference: string;
  /** AAAA-MM-DD from which it is in force (the act's date). */
  effectiveFrom: string;
};

/** A reprogramación: new content with its justification and act, in force from its date. */
export async function reprogramPlan(
  db: Database,
  planId: number,
  plan: Plan,
  reprogramacion: Reprogramacion,
  options: WriteOptions & { expectedVersion: number },
): Promise<{ version: number }> {
  return lockedChange(db, planId, options.expectedVersion, plan.code, async (tx, locked) => {
    const version = await writeContentVersion(
      tx,
      locked,
      plan,
      { kind: "reprogramacion", ...options.author, ...reprogramacion },
      options.now,
    );
    await auditChange(tx, planId, options, version);
    return { version };
  });
}

/**
 * formulación → vigencia (when the plan has no blocking error). The status is
 * a version of its own, so an edit started before it gets VERSION_CONFLICT
 * instead of slipping into the plan in force as a plain edit.
 */
export async function changePlanStatus(
  db: Database,
  planId: number,
  status: PlanStatus,
  options: WriteOptions & { expectedVersion?: number },
): Promise<{ status: PlanStatus; version: number }> {
  return lockedChange(db, planId, options.expectedVersion, null, async (tx, locked) => {
    const current = await getPlan(tx, planId);
    if (!current) throw new PlanNotFoundError(planId);
    const decision = decideStatusChange(locked.status, status, current);
    if (decision.outcome === "unchanged") return { status, version: locked.version };
    if (decision.outcome === "refused") throw new PlanChangeRefusedError(decision.refusal);
    const version = await writeStateVersion(
      tx,
      locked,
      { status },
      { kind: decision.kind, ...options.author },
      options.now,
    );
    return { status, version };
  });
}

/**
 * Publishing (Ley 1712 de 2014) or withdrawing the plan, as a version of its
 * own. Publishing also records the plan's publication (ADR 0016) in the same
 * transaction: a new one when the plan or its licence changed since the last.
 */
export async function publishPlan(
  db: Database,
  planId: number,
  published: boolean,
  options: WriteOptions & {
    expectedVersion?: number;
    license?: LicenseId | undefined;
    licenseAct?: string | undefined;
  },
): Promise<{ published: boolean; version: number; publication: PublishOutcome | null }> {
  return lockedChange(db, planId, options.expectedVersion, null, async (tx, locked) => {
    const decision = decidePublication(locked.published, published);
    const version =
      decision.outcome === "unchanged"
        ? locked.version
        : await writeStateVersion(
            tx,
            locked,
            { published },
            { kind: decision.kind, ...options.author },
            options.now,
          );
    const publication = published
      ? await recordPlanPublication(
          tx,
          planId,
          { license: options.license, licenseAct: options.licenseAct },
          { userId: options.author.userId, now: options.now },
        )
      : null;
    return { published, version, publication };
  });
}

async function auditChange(
  tx: Database,
  planId: number,
  options: WriteOptions,
  version: number,
): Promise<void> {
  if (!options.audit) return;
  await writeAudit(tx, {
    userId: options.author.userId,
    actorEmail: options.author.actorEmail,
    action: options.audit.action,
    resource: `plan ${planId}`,
    outcome: "ok",
    ip: options.audit.ip,
    details: { ...options.audit.details, version },
  });
}

/**
 * One transaction holding the plan's lock. A version conflict is completed,
 * after the transaction, with what changed since the writer's version.
 */
async function lockedChange<T>(
  db: Database,
  planId: number,
  expectedVersion: number | undefined,
  newCode: string | null,
  change: (tx: Database, locked: LockedPlan) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      const locked = await lockPlan(tx, planId, expectedVersion);
      if (!locked) throw new PlanNotFoundError(planId);
      return change(tx, locked);
    });
  } catch (error) {
    if (error instanceof VersionConflictError) {
      const [base, current] = await Promise.all([
        getPlanVersion(db, planId, error.expectedVersion),
        getPlan(db, planId),
      ]);
      throw new PlanVersionConflictError(error, base && current ? diffPlans(base, current) : []);
    }
    if (newCode === null) throw error;
    return whenUniqueViolation("plans_code_unique", () => new PlanCodeTakenError(newCode))(error);
  }
}
