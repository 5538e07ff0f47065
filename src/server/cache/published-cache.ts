import "server-only";
import { cacheStore, type CachedAnswer } from "./cache-store";
import { installCacheInvalidation } from "./table-generation";

export type { CachedAnswer };

export type PublishedCache = {
  get(key: string): Promise<CachedAnswer | null>;
  set(key: string, answer: CachedAnswer): Promise<void>;
};

/**
 * Published views' answers, in memory or in Redis (REDIS_URL). Keys must hold
 * everything the answer depends on, `tableGeneration(tableId)` included.
 * Never throws: an unreachable Redis is a miss.
 */
export function publishedCache(): PublishedCache {
  installCacheInvalidation();
  const store = cacheStore();
  return { get: (key) => store.get(key), set: (key, answer) => store.set(key, answer) };
}
