import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { passwordResets } from "../db/schema.ts";
import { newToken, tokenHash } from "./tokens.ts";

/** A reset link is valid for 24 hours and once. */
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

export async function createPasswordReset(
  db: Database,
  userId: number,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
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
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
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
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    );
  return row?.userId ?? null;
}
