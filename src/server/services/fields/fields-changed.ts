import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { tables } from "../../db/schema";
import { tableChanged } from "../../events/table-changes";

/**
 * After a field change commits, every table of the workspace is announced:
 * a link's inverse, lookups through it and formulas over it live in other
 * tables, and after a link is deleted or converted the table no longer says
 * which ones they were. Field changes are rare; announcing a few tables more
 * costs a few cache misses.
 */
export async function fieldsChanged(db: Db, tableId: string) {
  const [table] = await db.select({ workspaceId: tables.workspaceId }).from(tables).where(eq(tables.id, tableId));
  if (!table) return;
  const all = await db.select({ id: tables.id }).from(tables).where(eq(tables.workspaceId, table.workspaceId));
  await Promise.all(all.map(({ id }) => tableChanged({ workspaceId: table.workspaceId, tableId: id, kind: "fields" })));
}
