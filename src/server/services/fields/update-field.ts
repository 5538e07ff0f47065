import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { LinkOptions } from "@/lib/fields/types/link";
import type { UserOptions } from "@/lib/fields/types/user";
import type { SelectOptions } from "@/lib/fields/types/select";
import { type Db, rowsOf } from "../../db";
import { arrayParam } from "../../db/array-param";
import { fields } from "../../db/schema";
import { columnName, junctionSides, junctionTable, physicalTable } from "../../db/tenant/table-ddl";
import { AppError, notFound } from "../../errors";
import { checkFormulaField } from "../../formula/check-formula-field";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import { fieldOutput, type FieldMeta, loadTable, type TableMeta, assertInternal } from "../tables/table-meta";
import { checkComputed } from "./add-field";
import { changeFieldType } from "./convert-field";
import { saveFieldChange } from "./save-field-change";
import { prepareField } from "./prepare-field";
import { fieldsChanged } from "./fields-changed";

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
  const updated = await db.transaction(async (tx) => {
    const table = await loadTable(tx, params.tableId);
    assertInternal(table, "Changing a field");
    const before = table.fields.find((f) => f.id === params.fieldId);
    if (!before) throw notFound("Field");
    const prepared = prepareField(
      { name: params.name ?? before.name, type: before.type, options: params.options ?? before.options },
      table.fields,
      before,
    );
    prepared.options = await checkedOptionChange(tx, table, before, prepared.options);
    if (before.type === "single_select" || before.type === "multi_select") {
      await clearRemovedChoices(tx, table, before, prepared.options as SelectOptions);
    }
    return saveFieldChange(tx, table, before, { ...before, name: prepared.name, options: prepared.options }, params.actor);
  });
  await fieldsChanged(db, params.tableId);
  return updated;
}


/**
 * Options that would break what is stored are refused: a link keeps its
 * linked table (and the junction's bookkeeping), and may become single only
 * when no row holds several links; a user field likewise; a lookup, rollup
 * or count is checked as when it was created.
 */
async function checkedOptionChange(tx: Db, table: TableMeta, before: FieldMeta, next: unknown): Promise<unknown> {
  const refuse = (message: string) => new AppError("BAD_REQUEST", `Field "${before.name}": ${message}`, { field: before.name });
  if (before.type === "link") {
    const previous = before.options as LinkOptions;
    const wanted = next as LinkOptions;
    if (wanted.tableId !== previous.tableId) throw refuse("the linked table cannot change; create a new link field instead");
    if (previous.multiple && !wanted.multiple) {
      const { here } = junctionSides(previous.side);
      const several = rowsOf(
        await tx.execute(sql`select 1 from ${junctionTable(table.workspaceId, previous.junctionFieldId!)} group by ${here} having count(*) > 1 limit 1`),
      );
      if (several.length > 0) throw refuse("some rows link to several records; unlink them first");
    }
    return { ...previous, multiple: wanted.multiple };
  }
  if (before.type === "user" && (before.options as UserOptions).multiple && !(next as UserOptions).multiple) {
    const several = rowsOf(
      await tx.execute(sql`select 1 from ${physicalTable(table.workspaceId, table.id)} where cardinality(${sql.identifier(columnName(before.id))}) > 1 limit 1`),
    );
    if (several.length > 0) throw refuse("some rows hold several users; leave one in each first");
  }
  if (before.type === "lookup" || before.type === "rollup" || before.type === "count") checkComputed(table, { ...before, options: next });
  if (before.type === "formula") checkFormulaField(table.fields, { ...before, options: next });
  return next;
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
    assertInternal(table, "Deleting a field");
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
  await fieldsChanged(db, params.tableId);
}
