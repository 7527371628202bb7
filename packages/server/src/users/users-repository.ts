/**
 * Accounts and their role assignments. Emails are stored lower-cased and
 * trimmed, so "Ana@Entidad.gov.co" and "ana@entidad.gov.co" are one account.
 */
import type { Assignment, Role, Scope } from "@rumbo/core";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { passwordResets, roleAssignments, users } from "../db/schema.ts";
import { whenUniqueViolation } from "../db/unique-violation.ts";

export type UserRecord = {
  id: number;
  email: string;
  name: string;
  area: string | null;
  passwordHash: string | null;
  mustChangePassword: boolean;
  active: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
};

export type UserWithAssignments = UserRecord & { assignments: Assignment[] };

export class EmailTakenError extends Error {
  readonly code = "EMAIL_TAKEN";
  constructor(readonly email: string) {
    super(`Ya existe una cuenta con el correo ${email}.`);
    this.name = "EmailTakenError";
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(
  db: Database,
  input: {
    email: string;
    name: string;
    area: string | null;
    passwordHash: string | null;
    mustChangePassword: boolean;
    assignments: readonly Assignment[];
  },
): Promise<number> {
  const email = normaliseEmail(input.email);
  return db
    .transaction(async (tx) => {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (taken) throw new EmailTakenError(email);
      const [row] = await tx
        .insert(users)
        .values({
          email,
          name: input.name.trim(),
          area: input.area?.trim() || null,
          passwordHash: input.passwordHash,
          mustChangePassword: input.mustChangePassword,
        })
        .returning({ id: users.id });
      if (!row) throw new Error("La base de datos no devolvió el id de la cuenta creada.");
      if (input.assignments.length > 0) {
        await tx
          .insert(roleAssignments)
          .values(input.assignments.map((a) => assignmentRow(row.id, a)));
      }
      return row.id;
    })
    .catch(whenUniqueViolation("users_email_unique", () => new EmailTakenError(email)));
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRecord | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return row ? toRecord(row) : null;
}

export async function getUser(db: Database, id: number): Promise<UserWithAssignments | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) return null;
  return { ...toRecord(row), assignments: await assignmentsOf(db, id) };
}

export async function listUsers(db: Database): Promise<UserWithAssignments[]> {
  const rows = await db.select().from(users).orderBy(asc(users.id));
  const all = await db.select().from(roleAssignments).orderBy(asc(roleAssignments.id));
  return rows.map((r) => ({
    ...toRecord(r),
    assignments: all.filter((a) => a.userId === r.id).map(toAssignment),
  }));
}

export async function assignmentsOf(db: Database, userId: number): Promise<Assignment[]> {
  const rows = await db
    .select()
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId))
    .orderBy(asc(roleAssignments.id));
  return rows.map(toAssignment);
}

/** Replaces every assignment of a user in one transaction. */
export async function setAssignments(
  db: Database,
  userId: number,
  assignments: readonly Assignment[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(roleAssignments).where(eq(roleAssignments.userId, userId));
    if (assignments.length > 0) {
      await tx.insert(roleAssignments).values(assignments.map((a) => assignmentRow(userId, a)));
    }
  });
}

export async function setPassword(
  db: Database,
  userId: number,
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword, failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, userId));
    // A new password retires every reset link still pending for the account:
    // an older link found later in a mailbox or a chat must not change it again.
    await tx
      .delete(passwordResets)
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  });
}

export async function setActive(db: Database, userId: number, active: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ active }).where(eq(users.id, userId));
    // A deactivation retires the pending reset links: reactivating the account
    // later must not bring an old link back to life.
    if (!active) {
      await tx
        .delete(passwordResets)
        .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    }
  });
}

/** Failures before the first lock, and the longest lock. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MAX_MINUTES = 60;

/**
 * Counts a failed login; from the 5th consecutive failure the account locks
 * for 1 minute, doubling with each further failure up to an hour.
 */
export async function recordFailedLogin(
  db: Database,
  user: Pick<UserRecord, "id">,
  now: Date,
): Promise<Date | null> {
  // Counted in the database, not from the count read before: failures that
  // arrive at the same moment each count (the row lock serialises them).
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failures: users.failedLogins });
    const failures = row?.failures ?? 0;
    if (failures < LOCKOUT_THRESHOLD) return null;
    const lockedUntil = new Date(
      now.getTime() + Math.min(LOCKOUT_MAX_MINUTES, 2 ** (failures - LOCKOUT_THRESHOLD)) * 60_000,
    );
    await tx.update(users).set({ lockedUntil }).where(eq(users.id, user.id));
    return lockedUntil;
  });
}

export async function clearFailedLogins(db: Database, userId: number): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

function toRecord(row: typeof users.$inferSelect): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    area: row.area,
    passwordHash: row.passwordHash,
    mustChangePassword: row.mustChangePassword,
    active: row.active,
    failedLogins: row.failedLogins,
    lockedUntil: row.lockedUntil,
  };
}

function assignmentRow(userId: number, a: Assignment) {
  const scope = a.scope;
  return {
    userId,
    role: a.role,
    planId: scope.kind === "global" ? null : scope.planId,
    objectiveCode: scope.kind === "objective" ? scope.objectiveCode : null,
    indicatorCode: scope.kind === "indicator" ? scope.indicatorCode : null,
  };
}

function toAssignment(row: typeof roleAssignments.$inferSelect): Assignment {
  const role = row.role as Role;
  let scope: Scope;
  if (row.planId === null) scope = { kind: "global" };
  else if (row.indicatorCode !== null)
    scope = { kind: "indicator", planId: row.planId, indicatorCode: row.indicatorCode };
  else if (row.objectiveCode !== null)
    scope = { kind: "objective", planId: row.planId, objectiveCode: row.objectiveCode };
  else scope = { kind: "plan", planId: row.planId };
  return { role, scope };
}
