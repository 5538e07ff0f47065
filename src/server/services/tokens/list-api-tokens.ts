import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { apiTokens, users } from "../../db/schema";

export async function listApiTokens(db: Db, workspaceId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      createdBy: { id: users.id, name: users.name },
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.workspaceId, workspaceId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}
