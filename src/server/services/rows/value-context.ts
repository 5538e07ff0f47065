import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { ValueContext } from "@/lib/fields/field-type";
import type { Db } from "../../db";
import { files, workspaceMembers } from "../../db/schema";
import { findField, type TableMeta } from "../tables/table-meta";

/**
 * What field types need to check values against the workspace: its members
 * (user fields) and which of the files a request names were uploaded to it
 * (attachment fields). Each is loaded only when a type in `types` needs it.
 */
export async function loadValueContext(
  db: Db,
  workspaceId: string,
  types: Iterable<string>,
  candidateFileIds: string[] = [],
): Promise<ValueContext> {
  const needed = new Set(types);
  const memberIds = needed.has("user")
    ? (await db.select({ id: workspaceMembers.userId }).from(workspaceMembers).where(eq(workspaceMembers.workspaceId, workspaceId))).map((m) => m.id)
    : [];
  const ids = [...new Set(candidateFileIds)].filter((id) => /^[a-z2-7]{16}$/.test(id));
  const fileIds =
    needed.has("attachment") && ids.length > 0
      ? (await db.select({ id: files.id }).from(files).where(and(eq(files.workspaceId, workspaceId), inArray(files.id, ids)))).map((f) => f.id)
      : [];
  return { memberIds: new Set(memberIds), fileIds: new Set(fileIds) };
}

/** The file ids the attachment cells of some input rows name (to look up before checking them). */
export function attachmentIdsIn(table: TableMeta, rows: Array<{ fields?: unknown }>): string[] {
  const ids: string[] = [];
  for (const row of rows) {
    if (typeof row.fields !== "object" || row.fields === null) continue;
    for (const [key, value] of Object.entries(row.fields)) {
      if (findField(table, key)?.type !== "attachment") continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : item;
        if (typeof id === "string") ids.push(id);
      }
    }
  }
  return ids;
}
