import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { connections } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { closeConnector } from "../../connectors/connector-pool";
import { auditedConnection, loadConnection } from "./connection-record";

/** Removes the connection (its sealed credentials and cached schema with it) and closes its pool. */
export async function deleteConnection(db: Db, params: { connectionId: string; actor: AuditActor }): Promise<void> {
  const current = await loadConnection(db, params.connectionId);
  await db.transaction(async (tx) => {
    await tx.delete(connections).where(eq(connections.id, current.id));
    await recordAudit(tx, params.actor, {
      workspaceId: current.workspaceId,
      action: "connection.delete",
      resourceType: "connection",
      resourceId: current.id,
      before: auditedConnection(current),
    });
  });
  await closeConnector(current.id);
}
