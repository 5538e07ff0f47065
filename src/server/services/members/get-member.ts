import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { users, workspaceMembers } from "../../db/schema";
import { notFound } from "../../errors";

export async function getMember(db: Db, workspaceId: string, userId: string) {
  const [member] = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  if (!member) throw notFound("Member");
  return member;
}
