import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { users, workspaceMembers } from "../../db/schema";

export async function listMembers(db: Db, workspaceId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: workspaceMembers.role, addedAt: workspaceMembers.createdAt })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(users.name), asc(users.id));
}
