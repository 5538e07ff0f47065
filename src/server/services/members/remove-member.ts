import "server-only";
import { and, eq } from "drizzle-orm";
import type { Role } from "@/lib/roles";
import type { Db } from "../../db";
import { apiTokens, workspaceMembers } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { getMember } from "./get-member";
import { assertMayManage, assertNotLastOwner } from "./member-rules";

/** Removes a member (or lets one leave) and revokes the API tokens they made here. */
export async function removeMember(
  db: Db,
  params: { workspaceId: string; userId: string; actorRole: Role; actor: AuditActor },
) {
  await db.transaction(async (tx) => {
    const member = await getMember(tx, params.workspaceId, params.userId);
    if (params.userId !== params.actor.userId) assertMayManage(params.actorRole, member.role);
    await assertNotLastOwner(tx, params.workspaceId, params.userId);
    await tx
      .delete(apiTokens)
      .where(and(eq(apiTokens.workspaceId, params.workspaceId), eq(apiTokens.createdBy, params.userId)));
    await tx
      .delete(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(workspaceMembers.userId, params.userId)));
    await recordAudit(tx, params.actor, {
      workspaceId: params.workspaceId,
      action: "member.remove",
      resourceType: "member",
      resourceId: params.userId,
      before: { userId: member.userId, role: member.role },
    });
  });
}
