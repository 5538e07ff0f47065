import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { fields } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { fieldOutput, type FieldMeta, type TableMeta } from "../tables/table-meta";

/** Stores a field's new name, type and options, and audits the change (the one field.update record). */
export async function saveFieldChange(tx: Db, table: TableMeta, before: FieldMeta, after: FieldMeta, actor: AuditActor) {
  await tx.update(fields).set({ name: after.name, type: after.type, options: after.options }).where(eq(fields.id, before.id));
  await recordAudit(tx, actor, {
    workspaceId: table.workspaceId,
    action: "field.update",
    resourceType: "field",
    resourceId: before.id,
    before: { tableId: table.id, ...fieldOutput(before) },
    after: { tableId: table.id, ...fieldOutput(after) },
  });
  return fieldOutput(after);
}
