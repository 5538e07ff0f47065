import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { workspaces } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { getWorkspace } from "./get-workspace";

export async function renameWorkspace(db: Db, params: { workspaceId: string; name: string; actor: AuditActor }) {
  return db.transaction(async (tx) => {
    const before = await getWorkspace(tx, params.workspaceId);
    await tx.update(workspaces).set({ name: params.name }).where(eq(workspaces.id, params.workspaceId));
    await recordAudit(tx, params.actor, {
      workspaceId: params.workspaceId,
      action: "workspace.update",
      resourceType: "workspace",
      resourceId: params.workspaceId,
      before: { name: before.name },
      after: { name: params.name },
    });
    return { id: params.workspaceId, name: params.name };
  });
}
