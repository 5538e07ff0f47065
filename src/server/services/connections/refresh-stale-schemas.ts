import "server-only";
import { eq, lt } from "drizzle-orm";
import type { Db } from "../../db";
import { connections, connectionSchemas } from "../../db/schema";
import type { AuditActor } from "../../audit/record-audit";
import { discoverAndStore } from "./connection-schema";

const system: AuditActor = { userId: null, tokenId: null };

/**
 * Discovers again every connection whose cached schema is older than
 * `olderThan` (those never browsed have nothing to keep fresh), which also
 * brings their mounted tables in line (sync-mounted-tables.ts). One
 * failing connection does not stop the others: its status says why.
 */
export async function refreshStaleSchemas(db: Db, params: { olderThan: Date }) {
  const stale = await db
    .select({ connection: connections })
    .from(connectionSchemas)
    .innerJoin(connections, eq(connections.id, connectionSchemas.connectionId))
    .where(lt(connectionSchemas.discoveredAt, params.olderThan));
  const result = { refreshed: 0, failed: 0 };
  for (const { connection } of stale) {
    try {
      await discoverAndStore(db, connection, system);
      result.refreshed += 1;
    } catch {
      result.failed += 1;
    }
  }
  return result;
}
