import "server-only";
import { onTableChange } from "../events/table-changes";
import { cacheStore, type CacheStore } from "./cache-store";

/**
 * A token that changes on every change of the table (rows, fields, views).
 * Put it in every published-view cache key: after a change the old entries are
 * unreachable and expire by themselves.
 */
export async function tableGeneration(tableId: string): Promise<string> {
  installCacheInvalidation();
  return cacheStore().generation(tableId);
}

/** Bumps `store`'s generation of every table that changes; returns the unsubscribe. */
export function invalidateOnTableChange(store: CacheStore): () => void {
  return onTableChange((change) => store.bump(change.tableId));
}

// Keyed by the events module's function, so a dev-server reload of either module
// neither registers twice nor loses the registration.
const globalForInvalidation = globalThis as unknown as { tesseraCacheInvalidation?: WeakSet<object> };

/**
 * Registers the invalidation listener once per process. Called at startup
 * (instrumentation) so no write can slip past it, and again lazily on every use.
 */
export function installCacheInvalidation(): void {
  const installed = (globalForInvalidation.tesseraCacheInvalidation ??= new WeakSet());
  if (installed.has(onTableChange)) return;
  installed.add(onTableChange);
  invalidateOnTableChange(cacheStore());
}
