import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { passwordResets, users } from "../db/schema.ts";
import { newToken, tokenHash } from "./tokens.ts";

/**
 * A reset link is valid for 24 hours, once, and only while its account is
 * active: a deactivated account gets no link, and one issued before the
 * deactivation stops working with it (a reactivation does not revive it).
 */
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/** A link was asked for an account that is deactivated (or gone). */
export class InactiveAccountError extends Error {
  constructor(readonly userId: number) {
    super(
      `La cuenta ${userId} está desactivada: actívela antes de emitir un enlace para fijar la contraseña.`,
    );
    this.name = "InactiveAccountError";
  }
}

export async function createPasswordReset(
  db: Database,
  userId: number,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const [account] = await db
    .select({ active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!account?.active) throw new InactiveAccountError(userId);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await db.insert(passwordResets).values({ tokenHash: tokenHash(token), userId, expiresAt });
  return { token, expiresAt };
}

/** Marks the link used and returns its user, or null when unknown, used or expired. */
export async function consumePasswordReset(
  db: Database,
  token: string,
  now: Date,
): Promise<number | null> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(usableLink(db, token, now))
    .returning({ userId: passwordResets.userId });
  return row?.userId ?? null;
}

export function resetLink(baseUrl: string, token: string): string {
  // The token travels in the fragment, which browsers never send to servers or proxies' logs.
  return `${baseUrl.replace(/\/$/, "")}/restablecer#token=${token}`;
}

/** The user a still-valid link belongs to, without using it up. */
export async function findPendingReset(
  db: Database,
  token: string,
  now: Date,
): Promise<number | null> {
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(usableLink(db, token, now));
  return row?.userId ?? null;
}

/** Unknown, used, expired and deactivated-account links are all unusable. */
function usableLink(db: Database, token: string, now: Date) {
  return and(
    eq(passwordResets.tokenHash, tokenHash(token)),
    isNull(passwordResets.usedAt),
    gt(passwordResets.expiresAt, now),
    inArray(
      passwordResets.userId,
      db.select({ id: users.id }).from(users).where(eq(users.active, true)),
    ),
  );
}
