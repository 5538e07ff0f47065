import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { views } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { tableChanged } from "../../events/table-changes";
import { AppError, notFound } from "../../errors";
import { loadTable } from "../tables/table-meta";
import { insertView } from "./create-view";
import { type ViewOutput, viewMeta, viewOutput } from "./view-meta";

/**
 * Deletes a view (and its publication: its slug and key stop working at
 * once). Audited as view.delete with the whole view, which is what a revert
 * brings back.
 */
export async function deleteView(db: Db, params: { viewId: string; actor: AuditActor }) {
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx.delete(views).where(eq(views.id, params.viewId)).returning();
    if (!row) throw notFound("View");
    const before = viewOutput(viewMeta(row));
    await recordAudit(tx, params.actor, {
      workspaceId: row.workspaceId,
      action: "view.delete",
      resourceType: "view",
      resourceId: row.id,
      before,
    });
    return row;
  });
  await tableChanged({ workspaceId: deleted.workspaceId, tableId: deleted.tableId, kind: "views" });
}

/**
 * A deleted view back, with its id and settings (not its publication, whose
 * key is gone: publish it again). Audited as view.create. Its settings are
 * kept as they were; one naming a field deleted since fails when read, as any
 * view does, until it is edited.
 */
export async function restoreView(db: Db, params: { workspaceId: string; before: ViewOutput; actor: AuditActor }) {
  const { before } = params;
  const table = await loadTable(db, before.tableId).catch(() => {
    throw new AppError("CONFLICT", "Cannot restore the view: its table has been deleted; restore the table first");
  });
  const restored = await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: views.id }).from(views).where(eq(views.id, before.id));
    if (existing) throw new AppError("CONFLICT", "The view already exists");
    const view = await insertView(tx, {
      id: before.id,
      workspaceId: table.workspaceId,
      tableId: table.id,
      name: before.name,
      type: before.type,
      position: before.position,
      filter: before.filter,
      sort: before.sort,
      groupBy: before.groupBy,
      hiddenFields: before.hiddenFields,
      config: before.config,
      createdBy: before.createdBy,
      createdAt: new Date(before.createdAt),
    });
    await recordAudit(tx, params.actor, { workspaceId: table.workspaceId, action: "view.create", resourceType: "view", resourceId: view.id, after: view });
    return view;
  });
  await tableChanged({ workspaceId: table.workspaceId, tableId: table.id, kind: "views" });
  return restored;
}
