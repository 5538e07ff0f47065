import "server-only";
import { and, eq } from "drizzle-orm";
import { type Role, roleRank } from "@/lib/roles";
import type { Db } from "../../db";
import { workspaceMembers } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { getMember } from "./get-member";
import { assertMayManage, assertNotLastOwner } from "./member-rules";

export async function updateMemberRole(
  db: Db,
  params: { workspaceId: string; userId: string; role: Role; actorRole: Role; actor: AuditActor },
) {
  return db.transaction(async (tx) => {
    const member = await getMember(tx, params.workspaceId, params.userId);
    if (member.role === params.role) return member;
    // Stepping down oneself is always allowed (subject to the last-owner rule).
    const selfDemotion = params.userId === params.actor.userId && roleRank(params.role) < roleRank(member.role);
    if (!selfDemotion) {
      assertMayManage(params.actorRole, member.role);
      assertMayManage(params.actorRole, params.role);
    }
    if (params.role !== "owner") await assertNotLastOwner(tx, params.workspaceId, params.userId);
    await tx
      .update(workspaceMembers)
      .set({ role: params.role })
      .where(and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(workspaceMembers.userId, params.userId)));
    await recordAudit(tx, params.actor, {
      workspaceId: params.workspaceId,
      action: "member.update",
      resourceType: "member",
      resourceId: params.userId,
      before: { role: member.role },
      after: { role: params.role },
    });
    return { ...member, role: params.role };
  });
}
