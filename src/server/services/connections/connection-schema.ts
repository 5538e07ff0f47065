import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { connectionSchemas } from "../../db/schema";
import type { AuditActor } from "../../audit/record-audit";
import type { DiscoveredSchema, DiscoveredTable } from "../../connectors/connector";
import { AppError } from "../../errors";
import { type ConnectionRow, loadConnection, useConnection } from "./connection-record";
import { syncMountedTables } from "./sync-mounted-tables";

export type ConnectionSchema = DiscoveredSchema & { discoveredAt: string };

export async function discoverAndStore(db: Db, connection: ConnectionRow, actor: AuditActor): Promise<ConnectionSchema> {
  const schema = await useConnection<DiscoveredSchema>(
    db,
    {
      connection,
      actor,
      use: { operation: "discover" },
      summary: (s) => ({ tables: s.schemas.reduce((n, x) => n + x.tables.length, 0) }),
    },
    (connector) => connector.discover(),
  );
  const discoveredAt = new Date();
  await db
    .insert(connectionSchemas)
    .values({ connectionId: connection.id, schema, discoveredAt })
    .onConflictDoUpdate({ target: connectionSchemas.connectionId, set: { schema, discoveredAt } });
  // The tables mounted from it follow what was found.
  await syncMountedTables(db, { connectionId: connection.id, schema, actor });
  return { ...schema, discoveredAt: discoveredAt.toISOString() };
}

/** The discovered schema: from the cache, discovered on first use, or again when `refresh` asks for it. */
export async function connectionSchema(db: Db, params: { connectionId: string; refresh?: boolean; actor: AuditActor }): Promise<ConnectionSchema> {
  const connection = await loadConnection(db, params.connectionId);
  if (!params.refresh) {
    const [cached] = await db.select().from(connectionSchemas).where(eq(connectionSchemas.connectionId, connection.id));
    if (cached) return { ...cached.schema, discoveredAt: cached.discoveredAt.toISOString() };
  }
  return discoverAndStore(db, connection, params.actor);
}

/**
 * A table of the schema by "schema.table", or by its bare name when that is
 * unambiguous (names may themselves hold dots, so every split is tried
 * against what was discovered, never parsed).
 */
export function findExternalTable(schema: DiscoveredSchema, name: string): { schema: string; table: DiscoveredTable } {
  const all = schema.schemas.flatMap((s) => s.tables.map((table) => ({ schema: s.name, table })));
  const qualified = all.find((t) => `${t.schema}.${t.table.name}` === name);
  if (qualified) return qualified;
  const bare = all.filter((t) => t.table.name === name);
  if (bare.length === 1) return bare[0]!;
  if (bare.length > 1) {
    throw new AppError("BAD_REQUEST", `"${name}" is in several schemas (${bare.map((t) => t.schema).join(", ")}): name it as schema.table`, { field: "table" });
  }
  throw new AppError("NOT_FOUND", `No table "${name}" in the connection's schema (refresh the schema if it is new)`, { field: "table" });
}
