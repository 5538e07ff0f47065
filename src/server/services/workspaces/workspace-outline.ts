import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { ViewType } from "@/lib/views/view-type";
import type { Db } from "../../db";
import { bases, tables, views } from "../../db/schema";

export type WorkspaceOutline = {
  bases: Array<{ id: string; name: string; tables: Array<{ id: string; name: string; views: Array<{ id: string; name: string; type: ViewType }> }> }>;
};

/**
 * Every base, live table and view of a workspace, names only, in their
 * orders: what the sidebar and the command palette list. Three queries,
 * whatever the workspace's size.
 */
export async function workspaceOutline(db: Db, workspaceId: string): Promise<WorkspaceOutline> {
  const baseRows = await db.select({ id: bases.id, name: bases.name }).from(bases).where(eq(bases.workspaceId, workspaceId)).orderBy(asc(bases.createdAt), asc(bases.id));
  const baseIds = baseRows.map((b) => b.id);
  const tableRows = baseIds.length
    ? await db
        .select({ id: tables.id, baseId: tables.baseId, name: tables.name })
        .from(tables)
        .where(and(inArray(tables.baseId, baseIds), isNull(tables.deletedAt)))
        .orderBy(asc(tables.position), asc(tables.createdAt))
    : [];
  const tableIds = tableRows.map((t) => t.id);
  const viewRows = tableIds.length
    ? await db
        .select({ id: views.id, tableId: views.tableId, name: views.name, type: views.type })
        .from(views)
        .where(inArray(views.tableId, tableIds))
        .orderBy(asc(views.position), asc(views.createdAt))
    : [];
  return {
    bases: baseRows.map((base) => ({
      ...base,
      tables: tableRows
        .filter((t) => t.baseId === base.id)
        .map((table) => ({
          id: table.id,
          name: table.name,
          views: viewRows.filter((v) => v.tableId === table.id).map((v) => ({ id: v.id, name: v.name, type: v.type as ViewType })),
        })),
    })),
  };
}
