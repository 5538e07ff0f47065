import "server-only";

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one hit on `key`; refuses once `limit` hits fall in the window. */
  hit(key: string, limit: number, windowSeconds: number): RateLimitResult;
  reset(key: string): void;
}

// Fixed windows in process memory: right for the single-process default. A
// multi-process deployment needs a shared store behind this same interface.
export function createMemoryRateLimiter(now: () => number = Date.now, maxWindows = 100_000): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    hit(key, limit, windowSeconds) {
      const t = now();
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        if (windows.size >= maxWindows) {
          for (const [k, v] of windows) if (v.resetAt <= t) windows.delete(k);
          // Still full of live windows (a flood of distinct keys): the oldest go, so memory stays bounded.
          for (const k of windows.keys()) {
            if (windows.size < maxWindows) break;
            windows.delete(k);
          }
        }
        w = { count: 0, resetAt: t + windowSeconds * 1000 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count > limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - t) / 1000)) };
      return { ok: true };
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

const globalForLimiter = globalThis as unknown as { tesseraRateLimiter?: RateLimiter };
export const rateLimiter: RateLimiter = (globalForLimiter.tesseraRateLimiter ??= createMemoryRateLimiter());
