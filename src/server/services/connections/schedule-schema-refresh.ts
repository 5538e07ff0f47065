import "server-only";
import { getDb } from "../../db";
import { env } from "../../env";
import { refreshStaleSchemas } from "./refresh-stale-schemas";

const minute = 60 * 1000;

/**
 * Keeps discovered schemas (and the tables mounted from them) at most
 * CONNECTION_SCHEMA_REFRESH_MINUTES old, in this process, as the trash
 * purge runs (when the jobs work lands, a scheduled Inngest function calls
 * the same service). Checks every few minutes; each check refreshes only
 * the schemas due.
 */
export function startSchemaRefresh() {
  const every = env.CONNECTION_SCHEMA_REFRESH_MINUTES * minute;
  if (every === 0) return;
  let running = false;
  const run = async () => {
    // A slow database must not stack checks on top of each other.
    if (running) return;
    running = true;
    try {
      const result = await refreshStaleSchemas(await getDb(), { olderThan: new Date(Date.now() - every) });
      if (result.refreshed + result.failed > 0) console.info("connection schemas refreshed", result);
    } catch (error) {
      console.error("connection schema refresh failed:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  setInterval(run, Math.min(every, 5 * minute)).unref();
}
