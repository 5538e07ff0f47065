import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { tables } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { loadTable, tableOutput } from "./table-meta";
import { tableAndLinksChanged } from "../../events/table-changes";

export async function renameTable(db: Db, params: { tableId: string; name: string; actor: AuditActor }) {
  const renamed = await db.transaction(async (tx) => {
    const before = await loadTable(tx, params.tableId);
    await tx.update(tables).set({ name: params.name }).where(eq(tables.id, params.tableId));
    await recordAudit(tx, params.actor, {
      workspaceId: before.workspaceId,
      action: "table.update",
      resourceType: "table",
      resourceId: params.tableId,
      before: { name: before.name },
      after: { name: params.name },
    });
    return { ...before, name: params.name };
  });
  await tableAndLinksChanged(renamed, "table");
  return tableOutput(renamed);
}

/** To the trash: the metadata is marked and the physical table kept, so it can be restored. */
export async function deleteTable(db: Db, params: { tableId: string; actor: AuditActor }) {
  const deleted = await db.transaction(async (tx) => {
    const before = await loadTable(tx, params.tableId);
    await tx.update(tables).set({ deletedAt: new Date() }).where(eq(tables.id, params.tableId));
    await recordAudit(tx, params.actor, {
      workspaceId: before.workspaceId,
      action: "table.delete",
      resourceType: "table",
      resourceId: params.tableId,
      before: tableOutput(before),
    });
    return before;
  });
  await tableAndLinksChanged(deleted, "table");
}
