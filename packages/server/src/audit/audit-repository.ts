/**
 * The audit log (Ley 1581 de 2012: audit who did what): logins,
 * failed logins, permission changes and every write, with who, when, from
 * where and what.
 */
import { and, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { auditLog } from "../db/schema.ts";

export type AuditOutcome = "ok" | "denied" | "failed";

export type AuditEntry = {
  userId: number | null;
  actorEmail: string | null;
  action: string;
  resource: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  details?: Record<string, unknown> | null;
};

export type AuditRecord = AuditEntry & { id: number; at: string };

export type AuditFilter = {
  from?: Date;
  /** Exclusive: entries strictly before this instant (the database keeps microseconds). */
  before?: Date;
  actorEmail?: string;
  action?: string;
  outcome?: AuditOutcome;
  limit?: number;
};

export async function writeAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? null });
}

export async function listAudit(db: Database, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  const where: SQL[] = [];
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.before) where.push(lt(auditLog.at, filter.before));
  if (filter.actorEmail)
    where.push(ilike(auditLog.actorEmail, `%${escapeLike(filter.actorEmail)}%`));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.outcome) where.push(eq(auditLog.outcome, filter.outcome));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(Math.min(filter.limit ?? 500, 10_001));
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    userId: r.userId,
    actorEmail: r.actorEmail,
    action: r.action,
    resource: r.resource,
    outcome: r.outcome as AuditOutcome,
    ip: r.ip,
    details: (r.details as Record<string, unknown> | null) ?? null,
  }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
