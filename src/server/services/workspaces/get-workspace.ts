import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { workspaces } from "../../db/schema";
import { notFound } from "../../errors";

export async function getWorkspace(db: Db, workspaceId: string) {
  const [workspace] = await db
    .select({ id: workspaces.id, name: workspaces.name, createdAt: workspaces.createdAt })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!workspace) throw notFound("Workspace");
  return workspace;
}
