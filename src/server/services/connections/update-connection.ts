import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { connections, connectionSchemas } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { configFromInput } from "../../connectors/connection-url";
import { closeConnector } from "../../connectors/connector-pool";
import { auditedConnection, connectionConfig, connectionView, loadConnection, storedConfig } from "./connection-record";
import type { ConnectionInput } from "./create-connection";

const configKeys = ["url", "host", "port", "user", "password", "database", "tls"] as const;

/**
 * Renames, switches read-only, or changes where and how the connection logs
 * in; what the request leaves out is kept (a rename does not resend the
 * password). A changed configuration closes the pool and forgets the cached
 * schema, which may describe another database now.
 */
export async function updateConnection(db: Db, params: { connectionId: string; name?: string; input: ConnectionInput; actor: AuditActor }) {
  const current = await loadConnection(db, params.connectionId);
  const configChanged = configKeys.some((key) => params.input[key] !== undefined);
  const config = configChanged ? configFromInput(current.kind, params.input, connectionConfig(current)) : undefined;
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(connections)
      .set({
        ...(params.name !== undefined ? { name: params.name } : {}),
        ...(params.input.readOnly !== undefined ? { readOnly: params.input.readOnly } : {}),
        ...(config ? { ...storedConfig(current.id, config), status: "untested" as const, lastError: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(connections.id, current.id))
      .returning();
    if (config) await tx.delete(connectionSchemas).where(eq(connectionSchemas.connectionId, current.id));
    await recordAudit(tx, params.actor, {
      workspaceId: current.workspaceId,
      action: "connection.update",
      resourceType: "connection",
      resourceId: current.id,
      before: auditedConnection(current),
      after: { ...auditedConnection(updated!), ...(params.input.password !== undefined || params.input.url !== undefined ? { credentialsChanged: true } : {}) },
    });
    return updated!;
  });
  if (config) await closeConnector(current.id);
  return connectionView(row);
}
