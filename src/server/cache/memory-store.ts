import "server-only";
import { LRUCache } from "lru-cache";
import { createMemoryRateLimiter } from "../auth/rate-limit";
import type { CachedAnswer, CacheStore } from "./cache-store";

export type MemoryStoreOptions = { maxEntries?: number; maxBytes?: number; ttlMs?: number };

export const CACHE_TTL_MS = 5 * 60_000;

/** One process's cache: a bounded LRU (entries and bytes), generations as counters, the sign-in limiter's fixed windows. */
export function createMemoryStore({ maxEntries = 5_000, maxBytes = 64 * 1024 ** 2, ttlMs = CACHE_TTL_MS }: MemoryStoreOptions = {}): CacheStore {
  const answers = new LRUCache<string, CachedAnswer>({
    max: maxEntries,
    maxSize: maxBytes,
    // One huge answer must not flush everything else; larger ones are simply not cached.
    maxEntrySize: Math.max(1, Math.floor(maxBytes / 4)),
    sizeCalculation: (answer) => Math.max(1, Buffer.byteLength(answer.body) + answer.etag.length),
    ttl: ttlMs,
  });
  const generations = new Map<string, number>();
  const limiter = createMemoryRateLimiter();
  return {
    async get(key) {
      return answers.get(key) ?? null;
    },
    async set(key, answer) {
      answers.set(key, answer);
    },
    async generation(tableId) {
      return String(generations.get(tableId) ?? 0);
    },
    async bump(tableId) {
      generations.set(tableId, (generations.get(tableId) ?? 0) + 1);
    },
    async hit(key, limit, windowMs) {
      return limiter.hit(key, limit, windowMs / 1000);
    },
  };
}
