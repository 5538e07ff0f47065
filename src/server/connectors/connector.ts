import "server-only";
import type { ConnectionKind, TlsMode } from "@/lib/connections/connection-kinds";
import type { FilterNode, SortSpec } from "@/lib/query/plan";

/**
 * One interface over every external database (HOUSE-STYLE, "Adapters behind
 * one interface"): connect and test, discover the schema, run a query plan,
 * write one row of a table with a primary key.
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

export type ExternalAggregateFn = "count" | "count_distinct" | "count_empty" | "sum" | "avg" | "min" | "max";

/**
 * A plan's aggregate part on one discovered table: the rows the filter
 * keeps, grouped by the `groupBy` columns (one group when there are none),
 * each group with its aggregates. Groups come in the order rows sorted by
 * the group columns ascending would (empty keys last), at most `limit`.
 */
export type ExternalAggregateQuery = {
  schema: string;
  table: DiscoveredTable;
  filter?: FilterNode;
  groupBy: string[];
  /** `column` absent: count the rows. */
  aggregates: Array<{ fn: ExternalAggregateFn; column?: string }>;
  limit: number;
  now: Date;
};

/** One group: its key values in `groupBy` order and its aggregates in `aggregates` order, as JSON values. */
export type ExternalGroup = { key: unknown[]; values: unknown[] };

/**
 * A mounted table's source, kept in its metadata: the discovered table as
 * the last schema refresh found it. `droppedColumns` are columns its fields
 * showed that the database no longer has (the fields stay, reported, until
 * an admin deletes them); `missing` says the table itself was not found.
 */
export type ExternalSource = { connectionId: string; schema: string; table: DiscoveredTable; droppedColumns?: string[]; missing?: boolean };

/** A row's values by column, as queries answer them. */
export type ExternalValues = Record<string, unknown>;

/**
 * One row written, in one transaction of the external database. `key` holds
 * the primary key's values; `expected` cells the row must still hold for an
 * update or delete to apply (compared in the statement's WHERE). `within` is
 * the writer's row rule over columns: a row outside it is not found, and a
 * write that would leave it is refused (and rolled back).
 */
export type ExternalWrite = { schema: string; table: DiscoveredTable; now: Date; within?: FilterNode } & RowChange;

export type RowChange =
  | { kind: "insert"; values: ExternalValues }
  | { kind: "update"; key: ExternalValues; values: ExternalValues; expected: ExternalValues }
  | { kind: "delete"; key: ExternalValues; expected: ExternalValues };

/**
 * What happened: `before` and `after` are the row as queries read it (null
 * when there is none). A stale `expected` leaves `applied` false and the
 * current row in `before`; a missing row leaves both null.
 */
export type ExternalWriteResult = { applied: boolean; before: ExternalValues | null; after: ExternalValues | null };

export type ConnectorLimits = { queryTimeoutMs: number; connectTimeoutMs: number };

export interface Connector {
  /** Connects and runs a trivial statement; throws a ConnectorError saying what failed. */
  test(): Promise<void>;
  discover(): Promise<DiscoveredSchema>;
  query(query: ExternalQuery): Promise<ExternalPage>;
  aggregate(query: ExternalAggregateQuery): Promise<ExternalGroup[]>;
  /** The only path that writes: every other session of the pool stays read-only. */
  write(write: ExternalWrite): Promise<ExternalWriteResult>;
  /** Closes the pool; the connector is not used again. */
  close(): Promise<void>;
}
