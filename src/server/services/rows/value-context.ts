import "server-only";
import { eq } from "drizzle-orm";
import type { ValueContext } from "@/lib/fields/field-type";
import type { Db } from "../../db";
import { workspaceMembers } from "../../db/schema";

/**
 * What field types need to check values against the workspace (the user
 * type: its members). Loaded only when one of `types` needs it.
 */
export async function loadValueContext(db: Db, workspaceId: string, types: Iterable<string>): Promise<ValueContext> {
  if (![...types].includes("user")) return { memberIds: new Set() };
  const members = await db.select({ id: workspaceMembers.userId }).from(workspaceMembers).where(eq(workspaceMembers.workspaceId, workspaceId));
  return { memberIds: new Set(members.map((m) => m.id)) };
}
