import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { LinkOptions } from "@/lib/fields/types/link";
import type { SelectOptions } from "@/lib/fields/types/select";
import type { Db } from "../../db";
import { arrayParam } from "../../db/array-param";
import { fields } from "../../db/schema";
import { columnName, physicalTable } from "../../db/tenant/table-ddl";
import { AppError, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { fieldOutput, type FieldMeta, loadTable, type TableMeta } from "../tables/table-meta";
import { changeFieldType } from "./convert-field";
import { prepareField } from "./prepare-field";

/**
 * Renames a field and/or changes its options. Select choices keep their ids
 * across renames (so stored values follow); values of removed choices are
 * cleared. A new type goes to changeFieldType, which converts the values.
 */
export async function updateField(
  db: Db,
  params: { tableId: string; fieldId: string; name?: string; type?: string; options?: unknown; actor: AuditActor },
) {
  if (params.type !== undefined) {
    const current = (await loadTable(db, params.tableId)).fields.find((f) => f.id === params.fieldId);
    if (current && current.type !== params.type) return changeFieldType(db, { ...params, type: params.type });
  }
  return db.transaction(async (tx) => {
    const table = await loadTable(tx, params.tableId);
    const before = table.fields.find((f) => f.id === params.fieldId);
    if (!before) throw notFound("Field");
    const prepared = prepareField(
      { name: params.name ?? before.name, type: before.type, options: params.options ?? before.options },
      table.fields,
      before,
    );
    await tx.update(fields).set({ name: prepared.name, options: prepared.options }).where(eq(fields.id, before.id));
    if (before.type === "single_select" || before.type === "multi_select") {
      await clearRemovedChoices(tx, table, before, prepared.options as SelectOptions);
    }
    const after: FieldMeta = { ...before, name: prepared.name, options: prepared.options };
    await recordAudit(tx, params.actor, {
      workspaceId: table.workspaceId,
      action: "field.update",
      resourceType: "field",
      resourceId: before.id,
      before: { tableId: table.id, ...fieldOutput(before) },
      after: { tableId: table.id, ...fieldOutput(after) },
    });
    return fieldOutput(after);
  });
}

async function clearRemovedChoices(tx: Db, table: TableMeta, field: FieldMeta, next: SelectOptions) {
  const kept = new Set(next.choices.map((c) => c.id));
  const removed = (field.options as SelectOptions).choices.map((c) => c.id!).filter((id) => !kept.has(id));
  if (removed.length === 0) return;
  const t = physicalTable(table.workspaceId, table.id);
  const col = sql.identifier(columnName(field.id));
  const removedArray = arrayParam(removed, "text[]");
  if (field.type === "single_select") {
    await tx.execute(sql`update ${t} set ${col} = null where ${col} = any(${removedArray})`);
  } else {
    await tx.execute(
      sql`update ${t} set ${col} = nullif(array(select x from unnest(${col}) x where x <> all(${removedArray})), '{}') where ${col} && ${removedArray}`,
    );
  }
}

/** To the trash: the field's metadata is marked and its column kept, so it can be restored. */
export async function deleteField(db: Db, params: { tableId: string; fieldId: string; actor: AuditActor }) {
  await db.transaction(async (tx) => {
    const table = await loadTable(tx, params.tableId);
    const field = table.fields.find((f) => f.id === params.fieldId);
    if (!field) throw notFound("Field");
    if (table.primaryFieldId === field.id) {
      throw new AppError("BAD_REQUEST", `Field "${field.name}" is the primary field and cannot be deleted`, { field: field.name });
    }
    // A link goes to the trash with its inverse (one junction serves both); restoring brings both back.
    const inverseId = field.type === "link" ? (field.options as LinkOptions).inverseFieldId : undefined;
    const deletedAt = new Date();
    await tx
      .update(fields)
      .set({ deletedAt })
      .where(inverseId ? inArray(fields.id, [field.id, inverseId]) : eq(fields.id, field.id));
    await recordAudit(tx, params.actor, {
      workspaceId: table.workspaceId,
      action: "field.delete",
      resourceType: "field",
      resourceId: field.id,
      before: { tableId: table.id, ...fieldOutput(field) },
    });
  });
}
