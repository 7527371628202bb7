/**
 * The public API's limit per client (ADR 0016): a fixed window per address,
 * counted in this process's memory. Several server processes each count
 * their own share — a shared store is the multi-process work's concern; a
 * database write per public request would cost more than the answer itself.
 */
export type RateLimit = { max: number; windowMs: number };

export const PUBLIC_RATE_LIMIT: RateLimit = { max: 600, windowMs: 60_000 };

const MAX_TRACKED_CLIENTS = 50_000;

export class PublicRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: RateLimit) {}

  /** Counts a request; the seconds to wait when the client is over its limit, else null. */
  take(client: string, nowMs: number): number | null {
    let window = this.windows.get(client);
    if (!window || nowMs - window.start >= this.limit.windowMs) {
      if (!window && this.windows.size >= MAX_TRACKED_CLIENTS) this.sweep(nowMs);
      window = { start: nowMs, count: 0 };
      this.windows.set(client, window);
    }
    window.count += 1;
    if (window.count <= this.limit.max) return null;
    return Math.max(1, Math.ceil((window.start + this.limit.windowMs - nowMs) / 1000));
  }

  private sweep(nowMs: number): void {
    for (const [client, window] of this.windows) {
      if (nowMs - window.start >= this.limit.windowMs) this.windows.delete(client);
    }
    // Still full: forget the oldest windows rather than grow without bound.
    for (const client of this.windows.keys()) {
      if (this.windows.size < MAX_TRACKED_CLIENTS) break;
      this.windows.delete(client);
    }
  }
}
