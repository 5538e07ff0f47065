import "server-only";
import { getDb } from "../../db";
import { env } from "../../env";
import { purgeTrash } from "./purge-trash";

const hour = 60 * 60 * 1000;

/**
 * Purges expired trash at start and then hourly, in this process. (When the
 * jobs work lands this becomes a scheduled Inngest function calling the
 * same service.)
 */
export function startTrashPurge() {
  const run = async () => {
    try {
      const purged = await purgeTrash(await getDb(), { olderThan: new Date(Date.now() - env.TRASH_RETENTION_DAYS * 24 * hour) });
      if (purged.tables + purged.fields + purged.rows > 0) console.info("trash purged", purged);
    } catch (error) {
      console.error("trash purge failed:", error instanceof Error ? error.message : error);
    }
  };
  void run();
  setInterval(run, hour).unref();
}
