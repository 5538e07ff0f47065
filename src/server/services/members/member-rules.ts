import "server-only";
import { and, count, eq } from "drizzle-orm";
import { can } from "@/lib/permissions";
import { type Role, roleRank } from "@/lib/roles";
import type { Db } from "../../db";
import { workspaceMembers } from "../../db/schema";
import { AppError, forbidden } from "../../errors";

/**
 * Owners manage anyone and may grant any role. Everyone else who may manage
 * members (Admins) manages only roles below their own: they cannot touch an
 * Admin or Owner, nor make one.
 */
export function assertMayManage(actorRole: Role, role: Role): void {
  if (can(actorRole, "member.assign_admin")) return;
  if (roleRank(role) >= roleRank(actorRole)) {
    throw forbidden(`A${actorRole === "admin" ? "n" : ""} ${actorRole} can only manage editors and viewers`);
  }
}

/** Refuses a change that would leave the workspace without an owner. */
export async function assertNotLastOwner(tx: Db, workspaceId: string, userId: string): Promise<void> {
  const [member] = await tx
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  if (member?.role !== "owner") return;
  const [owners] = await tx
    .select({ n: count() })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner")));
  if ((owners?.n ?? 0) <= 1) {
    throw new AppError("CONFLICT", "The last owner of a workspace cannot leave or be demoted; make someone else owner first");
  }
}
