import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { workspaces } from "../../db/schema";
import { dropWorkspaceSchema } from "../../db/tenant/workspace-schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { getWorkspace } from "./get-workspace";

/** Drops the workspace's schema with all its tables; members, bases and tokens go by cascade. */
export async function deleteWorkspace(db: Db, params: { workspaceId: string; actor: AuditActor }) {
  await db.transaction(async (tx) => {
    const before = await getWorkspace(tx, params.workspaceId);
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
  });
}
