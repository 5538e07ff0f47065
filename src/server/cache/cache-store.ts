import "server-only";
import { env } from "../env";
import type { RateLimitResult } from "../auth/rate-limit";
import { createMemoryStore } from "./memory-store";
import { createRedisStore } from "./redis-store";

/** A published view's answer as sent: the body and the ETag that names it. */
export type CachedAnswer = { etag: string; body: string };

/**
 * What the published-view API needs from shared state. One interface, two
 * adapters: process memory (the default, one instance) and Redis (several
 * instances agree). Neither throws: Redis trouble degrades to a miss or to a
 * memory limiter, so a request never fails because of the cache.
 */
export interface CacheStore {
  get(key: string): Promise<CachedAnswer | null>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  /** A token that differs after every `bump` of the table, on every instance sharing the store. */
  generation(tableId: string): Promise<string>;
  bump(tableId: string): Promise<void>;
  /** Counts one hit on `key`; refuses once `limit` hits fall in the current window. */
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
}

export type CacheBackend = { kind: "memory" } | { kind: "redis"; url: string };

export function createCacheStore(backend: CacheBackend): CacheStore {
  switch (backend.kind) {
    case "memory":
      return createMemoryStore();
    case "redis":
      return createRedisStore({ url: backend.url });
    default: {
      const unknown: never = backend;
      throw new Error(`unknown cache backend ${JSON.stringify(unknown)}`);
    }
  }
}

// Chosen once per process (kept on globalThis so a dev-server module reload
// does not open a second Redis connection).
const globalForStore = globalThis as unknown as { tesseraCacheStore?: CacheStore };

export function cacheStore(): CacheStore {
  return (globalForStore.tesseraCacheStore ??= createCacheStore(
    env.REDIS_URL ? { kind: "redis", url: env.REDIS_URL } : { kind: "memory" },
  ));
}
