/**
 * Per-address throttle of login attempts, complementing the per-account
 * lockout. Both live in the database, so every server process on the same
 * database shares one count and a restart forgets neither: attempts are
 * counted per address in fixed windows of 10 minutes, each one an atomic
 * `INSERT … ON CONFLICT DO UPDATE SET attempts = attempts + 1`.
 */
import { lt, sql } from "drizzle-orm";
import type { Database } from "../db/open-database.ts";
import { loginAttempts } from "../db/schema.ts";

export const LOGIN_WINDOW_MS = 10 * 60 * 1000;
export const LOGIN_MAX_PER_WINDOW = 20;

export type LoginThrottle = {
  /** Records an attempt from `ip`; returns the seconds to wait when over the limit, else 0. */
  hit(ip: string, now: Date): Promise<number>;
};

export function databaseLoginThrottle(
  db: Database,
  max = LOGIN_MAX_PER_WINDOW,
  windowMs = LOGIN_WINDOW_MS,
): LoginThrottle {
  return {
    async hit(ip, now) {
      const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
      const [row] = await db
        .insert(loginAttempts)
        .values({ ip, windowStart, attempts: 1 })
        .onConflictDoUpdate({
          target: [loginAttempts.ip, loginAttempts.windowStart],
          set: { attempts: sql`${loginAttempts.attempts} + 1` },
        })
        .returning({ attempts: loginAttempts.attempts });
      const attempts = row?.attempts ?? 1;
      // The first attempt of a window clears the windows that ended, so the table stays small.
      if (attempts === 1) {
        await db.delete(loginAttempts).where(lt(loginAttempts.windowStart, windowStart));
      }
      if (attempts <= max) return 0;
      return Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
    },
  };
}
