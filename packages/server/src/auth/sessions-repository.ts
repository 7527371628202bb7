/**
 * Server-side sessions with idle and absolute expiry. The cookie holds a
 * random token; the table keeps its SHA-256 and the session's CSRF token.
 */
import { eq, lt, or } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { sessions } from "../db/schema.ts";
import { newToken, tokenHash } from "./tokens.ts";

/** A session dies after 2 hours without use, or 12 hours after login (a working day). */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// Last-seen is written at most once a minute, not on every request.
const TOUCH_EVERY_MS = 60 * 1000;

export type Session = {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
};

/** Opens a session; expired ones of everybody are swept at the same time (no background job needed). */
export async function createSession(
  db: Database,
  userId: number,
  now: Date,
): Promise<{ token: string; csrfToken: string }> {
  await deleteExpiredSessions(db, now);
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  });
  return { token, csrfToken };
}

/** The live session of a token, or null (unknown, idle too long or past its absolute expiry). */
export async function findSession(db: Database, token: string, now: Date): Promise<Session | null> {
  const hash = tokenHash(token);
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, hash));
  if (!row) return null;
  if (row.expiresAt <= now || now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) {
    await db.delete(sessions).where(eq(sessions.tokenHash, hash));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, hash));
  }
  return {
    tokenHash: hash,
    userId: row.userId,
    csrfToken: row.csrfToken,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
  };
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}

/** "Cerrar sesión en todos los dispositivos", and what a password change does. */
export async function deleteUserSessions(db: Database, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Database, now: Date): Promise<void> {
  await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, now),
        lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
      ),
    );
}
