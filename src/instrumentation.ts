// Runs once when the server starts (Next.js instrumentation).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first write: a change this process makes must invalidate published views.
  const { installCacheInvalidation } = await import("./server/cache/table-generation");
  installCacheInvalidation();
  const { installRealtimeBroadcast } = await import("./server/realtime/broadcast-table-change");
  installRealtimeBroadcast();
  const { startTrashPurge } = await import("./server/services/trash/schedule-purge");
  startTrashPurge();
  const { startSchemaRefresh } = await import("./server/services/connections/schedule-schema-refresh");
  startSchemaRefresh();
}
