import "server-only";
import type { Db } from "../../db";
import { workspaceMembers, workspaces } from "../../db/schema";
import { createWorkspaceSchema } from "../../db/tenant/workspace-schema";
import { newId } from "../../ids";
import { type AuditActor, recordAudit } from "../../audit/record-audit";

/** Metadata, owner membership and the workspace's PostgreSQL schema commit together or not at all. */
export async function createWorkspace(db: Db, params: { name: string; actor: AuditActor & { userId: string } }) {
  const workspace = { id: newId(), name: params.name };
  await db.transaction(async (tx) => {
    await tx.insert(workspaces).values({ ...workspace, createdBy: params.actor.userId });
    await tx.insert(workspaceMembers).values({ workspaceId: workspace.id, userId: params.actor.userId, role: "owner" });
    await createWorkspaceSchema(tx, workspace.id);
    await recordAudit(tx, params.actor, {
      workspaceId: workspace.id,
      action: "workspace.create",
      resourceType: "workspace",
      resourceId: workspace.id,
      after: workspace,
    });
  });
  return workspace;
}
