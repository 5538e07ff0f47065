import "server-only";
import { eq } from "drizzle-orm";
import type { Role } from "@/lib/roles";
import type { Db } from "../../db";
import { users, workspaceMembers } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { isUniqueViolation } from "../auth/sign-up";
import { assertMayManage } from "./member-rules";

export async function addMember(
  db: Db,
  params: { workspaceId: string; email: string; role: Role; actorRole: Role; actor: AuditActor },
) {
  assertMayManage(params.actorRole, params.role);
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.email, params.email.toLowerCase()));
  if (!user) throw notFound("User");
  const member = { userId: user.id, email: user.email, name: user.name, role: params.role };
  try {
    await db.transaction(async (tx) => {
      await tx.insert(workspaceMembers).values({ workspaceId: params.workspaceId, userId: user.id, role: params.role });
      await recordAudit(tx, params.actor, {
        workspaceId: params.workspaceId,
        action: "member.add",
        resourceType: "member",
        resourceId: user.id,
        after: { userId: user.id, role: params.role },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "This user is already a member of the workspace");
    throw error;
  }
  return member;
}
