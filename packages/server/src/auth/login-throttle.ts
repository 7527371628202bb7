/**
 * Per-address throttle of login attempts (issue 5: login rate limiting),
 * complementing the per-account lockout kept in the database. In memory:
 * enough for one server; it forgets on restart, the account lockout does not.
 */
export const LOGIN_WINDOW_MS = 10 * 60 * 1000;
export const LOGIN_MAX_PER_WINDOW = 20;

export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max = LOGIN_MAX_PER_WINDOW,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  /** Records an attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, nowMs: number): number {
    const recent = (this.attempts.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (recent.length >= this.max) {
      this.attempts.set(key, recent);
      const oldest = recent[0] ?? nowMs;
      return Math.ceil((oldest + this.windowMs - nowMs) / 1000);
    }
    recent.push(nowMs);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(nowMs);
    return 0;
  }

  private prune(nowMs: number): void {
    for (const [key, times] of this.attempts) {
      if (times.every((t) => nowMs - t >= this.windowMs)) this.attempts.delete(key);
    }
  }
}
