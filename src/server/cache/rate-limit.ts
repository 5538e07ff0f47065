import "server-only";
import type { RateLimitResult } from "../auth/rate-limit";
import { cacheStore } from "./cache-store";

/**
 * Fixed-window limit on `key`, shared by every instance when REDIS_URL is set
 * (per instance while Redis is unreachable). Never throws.
 */
export function rateLimit(key: string, opts: { limit: number; windowMs: number }): Promise<RateLimitResult> {
  return cacheStore().hit(key, opts.limit, opts.windowMs);
}
