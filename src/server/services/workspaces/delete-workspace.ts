import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { tables, workspaces } from "../../db/schema";
import { dropWorkspaceSchema } from "../../db/tenant/workspace-schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { getWorkspace } from "./get-workspace";
import { tableChanged } from "../../events/table-changes";

/** Drops the workspace's schema with all its tables; members, bases and tokens go by cascade. */
export async function deleteWorkspace(db: Db, params: { workspaceId: string; actor: AuditActor }) {
  const tableIds = await db.transaction(async (tx) => {
    const before = await getWorkspace(tx, params.workspaceId);
    const workspaceTables = await tx.select({ id: tables.id }).from(tables).where(eq(tables.workspaceId, params.workspaceId));
    await dropWorkspaceSchema(tx, params.workspaceId);
    await tx.delete(workspaces).where(eq(workspaces.id, params.workspaceId));
    // Kept (workspaceId set) so the deletion stays visible in the trail.
    await recordAudit(tx, params.actor, {
      workspaceId: params.workspaceId,
      action: "workspace.delete",
      resourceType: "workspace",
      resourceId: params.workspaceId,
      before: { id: before.id, name: before.name },
    });
    return workspaceTables.map((t) => t.id);
  });
  // Its tables' published views stop answering at once.
  for (const tableId of tableIds) await tableChanged({ workspaceId: params.workspaceId, tableId, kind: "table" });
}
