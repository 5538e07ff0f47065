import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { connections } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import type { TlsMode } from "@/lib/connections/connection-kinds";
import type { ConnectionConfig, Connector } from "../../connectors/connector";
import { ConnectorError } from "../../connectors/connector-error";
import { withConnector } from "../../connectors/connector-pool";
import { openCredentials, sealCredentials } from "../../connectors/sealed-credentials";
import { secretKey } from "../../connectors/secret-key";
import { AppError, notFound } from "../../errors";

export type ConnectionRow = typeof connections.$inferSelect;

/** The TLS mode sealed with the configuration; null when this key cannot open it (the connection says so when used). */
function storedTls(row: ConnectionRow): TlsMode | null {
  try {
    return connectionConfig(row).tls;
  } catch {
    return null;
  }
}

/** A connection as every answer shows it: where it points and how (TLS mode), never how it logs in. */
export function connectionView(row: ConnectionRow) {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    kind: row.kind,
    host: row.host,
    port: row.port,
    database: row.database,
    user: row.username,
    readOnly: row.readOnly,
    tls: storedTls(row),
    status: row.status,
    lastError: row.lastError,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What audit records say of a connection: its public description only. */
export function auditedConnection(row: Pick<ConnectionRow, "name" | "kind" | "host" | "port" | "database" | "username" | "readOnly">) {
  return { name: row.name, kind: row.kind, host: row.host, port: row.port, database: row.database, user: row.username, readOnly: row.readOnly };
}

export async function loadConnection(db: Db, connectionId: string): Promise<ConnectionRow> {
  const [row] = await db.select().from(connections).where(eq(connections.id, connectionId));
  if (!row) throw notFound("Connection");
  return row;
}

/** The clear columns of a configuration, and the whole of it sealed under the connection's id. */
export function storedConfig(connectionId: string, config: ConnectionConfig) {
  return {
    host: config.host,
    port: config.port ?? null,
    database: config.database ?? null,
    username: config.user ?? null,
    sealedConfig: sealCredentials(secretKey(), connectionId, JSON.stringify(config)),
  };
}

export function connectionConfig(row: ConnectionRow): ConnectionConfig {
  return JSON.parse(openCredentials(secretKey(), row.id, row.sealedConfig)) as ConnectionConfig;
}

/**
 * A connector failure as the API answers it: a timeout is the request's
 * (422), a refused row write the row's (409 for a duplicate key, else 400),
 * a schema out of date a 409 (refresh it), anything else the database's (502).
 */
export function connectorAppError(error: ConnectorError): AppError {
  if (error.reason === "query_timeout") return new AppError("UNPROCESSABLE_CONTENT", error.message, { reason: error.reason });
  if (error.reason === "duplicate_key" || error.reason === "schema_changed") return new AppError("CONFLICT", error.message, { reason: error.reason });
  if (error.reason === "rejected_value") return new AppError("BAD_REQUEST", error.message, { reason: error.reason });
  return new AppError("BAD_GATEWAY", error.message, { reason: error.reason });
}

export type ConnectionUse = { operation: "test" | "discover" | "query" | "write"; table?: string };

/**
 * Every use of a connection goes through here: the pooled connector, the
 * `connection.use` audit record (what was done, how it ended: never
 * credentials or filter values), and the connection's status when the
 * outcome changes it. Connector failures leave as AppErrors.
 */
export async function useConnection<T>(
  db: Db,
  params: { connection: ConnectionRow; actor: AuditActor; use: ConnectionUse; summary?: (result: T) => Record<string, unknown> },
  work: (connector: Connector) => Promise<T>,
): Promise<T> {
  const { connection, actor, use } = params;
  const version = connection.updatedAt.toISOString();
  let outcome: { ok: true; result: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, result: await withConnector({ id: connection.id, version }, () => connectionConfig(connection), work) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const failure = !outcome.ok && outcome.error instanceof ConnectorError ? outcome.error : undefined;
  await recordAudit(db, actor, {
    workspaceId: connection.workspaceId,
    action: "connection.use",
    resourceType: "connection",
    resourceId: connection.id,
    after: {
      ...use,
      ok: outcome.ok,
      ...(outcome.ok && params.summary ? params.summary(outcome.result) : {}),
      ...(failure ? { error: failure.reason } : {}),
    },
  });
  // A query's own failure (a timeout, a refused statement) says nothing about the connection itself.
  const reachable = outcome.ok || (failure && ["query_timeout", "refused", "duplicate_key", "rejected_value", "schema_changed"].includes(failure.reason));
  // Every use that reached the database (or failed to) is a check; a request refused before any (a bad filter) is not.
  if (reachable || failure) {
    await db
      .update(connections)
      .set({ status: reachable ? "ok" : "error", lastError: reachable ? null : failure!.message, lastCheckedAt: new Date() })
      .where(eq(connections.id, connection.id));
  }
  if (outcome.ok) return outcome.result;
  throw failure ? connectorAppError(failure) : outcome.error;
}
