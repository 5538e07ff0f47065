import "server-only";
import type { ConnectionKind, TlsMode } from "@/lib/connections/connection-kinds";
import type { FilterNode, SortSpec } from "@/lib/query/plan";

/**
 * One interface over every external database (HOUSE-STYLE, "Adapters behind
 * one interface"): connect and test, discover the schema, run a query plan.
 * Writes through mounted tables come with that next round.
 */

/** Everything needed to connect; sealed at rest, never answered or logged. */
export type ConnectionConfig = {
  kind: ConnectionKind;
  host: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  tls: TlsMode;
  /** MongoDB only: a `mongodb+srv://` address (hosts found through DNS). */
  srv?: boolean;
  /** MongoDB only: further URL options (authSource, replicaSet, …). */
  options?: Record<string, string>;
};

/** The Tessera field types external columns are shown as. */
export type ExternalFieldType = "text" | "long_text" | "number" | "boolean" | "date" | "datetime";

export type DiscoveredColumn = {
  name: string;
  type: ExternalFieldType;
  /** The database's own type name (MongoDB: the BSON types seen, joined by "|"). */
  nativeType: string;
  nullable: boolean;
  /** MongoDB: more than one BSON type was seen for this path. */
  mixed?: boolean;
};

export type DiscoveredForeignKey = { columns: string[]; references: { schema: string; table: string; columns: string[] } };

export type DiscoveredTable = {
  name: string;
  kind: "table" | "view" | "collection";
  primaryKey: string[];
  columns: DiscoveredColumn[];
  foreignKeys: DiscoveredForeignKey[];
};

export type DiscoveredSchema = { schemas: Array<{ name: string; tables: DiscoveredTable[] }> };

/** A query plan's read part, on one discovered table. */
export type ExternalQuery = {
  schema: string;
  table: DiscoveredTable;
  filter?: FilterNode;
  sort?: SortSpec;
  fields?: string[];
  limit: number;
  cursor?: string;
  /** The time `is_within` sees. */
  now: Date;
};

export type ExternalPage = { rows: Array<Record<string, unknown>>; nextCursor: string | null };

export type ConnectorLimits = { queryTimeoutMs: number; connectTimeoutMs: number };

export interface Connector {
  /** Connects and runs a trivial statement; throws a ConnectorError saying what failed. */
  test(): Promise<void>;
  discover(): Promise<DiscoveredSchema>;
  query(query: ExternalQuery): Promise<ExternalPage>;
  /** Closes the pool; the connector is not used again. */
  close(): Promise<void>;
}
