import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Role } from "@/lib/roles";
import type { Db } from "../../db";
import { workspaceMembers, workspaces } from "../../db/schema";

export type WorkspaceSummary = { id: string; name: string; role: Role };

export async function listWorkspaces(db: Db, userId: string): Promise<WorkspaceSummary[]> {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(workspaces.name), asc(workspaces.id));
}
