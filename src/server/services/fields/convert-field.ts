import "server-only";
import { sql } from "drizzle-orm";
import { type FieldType, type FieldTypeDefinition, type ValueContext, valueFromText } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { valueAsText } from "@/lib/fields/value-text";
import { type SelectOptions, withChoiceIds } from "@/lib/fields/types/select";
import { type Db, rowsOf } from "../../db";
import { updateColumnById } from "../../db/insert-many";
import { addPhysicalColumn, columnName, physicalTable } from "../../db/tenant/table-ddl";
import { AppError, notFound } from "../../errors";
import type { AuditActor } from "../../audit/record-audit";
import { fieldReader } from "../rows/row-codec";
import { loadValueContext } from "../rows/value-context";
import { type FieldMeta, loadTable, type TableMeta, assertInternal } from "../tables/table-meta";
import { prepareField } from "./prepare-field";
import { saveFieldChange } from "./save-field-change";
import { fieldsChanged } from "./fields-changed";
import { dropGroupCounts } from "../../query/group-counts";

const batchSize = 2000;

type Target = { type: FieldType; options: unknown; definition: FieldTypeDefinition<any> };

/**
 * The field's values as the API shows them, a batch at a time, trashed rows
 * included (they convert with the rest).
 */
async function* storedValues(db: Db, table: TableMeta, field: FieldMeta) {
  const reader = fieldReader(table, field, sql`r`);
  if (!reader) return;
  for (let after = "0"; ; ) {
    const rows = rowsOf<{ id: string; value: unknown; deleted: boolean }>(
      await db.execute(sql`select r.id::text as id, ${reader.expr} as value, r.deleted_at is not null as deleted
        from ${physicalTable(table.workspaceId, table.id)} r where r.id > ${after}::bigint order by r.id limit ${batchSize}`),
    );
    if (rows.length === 0) return;
    yield rows.map((row) => ({ ...row, value: reader.decode(row.value) }));
    after = rows.at(-1)!.id;
  }
}

/** One value of the old type (as the API shows it) to what the new column stores, or why it cannot be. */
function convert(target: Target, value: unknown, context: ValueContext) {
  return target.definition.toDb(valueFromText(target.definition, valueAsText(value), target.options), target.options, context);
}

/**
 * The target type with its options checked. A select given no choices gets
 * one per distinct value of the field, as spreadsheets do.
 */
async function resolveTarget(db: Db, table: TableMeta, field: FieldMeta, type: string, options: unknown): Promise<Target> {
  let resolved = options;
  if ((type === "single_select" || type === "multi_select") && (options as Partial<SelectOptions> | undefined)?.choices === undefined) {
    const names = new Set<string>();
    for await (const batch of storedValues(db, table, field)) {
      for (const row of batch) {
        const text = valueAsText(row.value);
        for (const part of type === "multi_select" ? text.split(",") : [text]) if (part.trim()) names.add(part.trim().slice(0, 200));
      }
      if (names.size > 1000) throw new AppError("BAD_REQUEST", `Field "${field.name}" has more than 1000 distinct values, too many for choices`);
    }
    resolved = { ...(options as object | undefined), choices: [...names].map((name) => ({ name })) };
  }
  const prepared = prepareField({ name: field.name, type, options: resolved }, table.fields, field);
  const keepIds = field.type === prepared.type ? (field.options as SelectOptions) : undefined;
  const finalOptions =
    prepared.type === "single_select" || prepared.type === "multi_select"
      ? withChoiceIds(prepared.options as SelectOptions, keepIds)
      : prepared.options;
  return { type: prepared.type, options: finalOptions, definition: prepared.definition };
}

/** Links and computed fields hold no values of their own to convert (yet). */
function assertConvertible(field: FieldMeta, target: Target) {
  const kinds = [fieldTypeDefinition(field.type)!.storage(field.options).kind, target.definition.storage(target.options).kind];
  if (kinds.some((kind) => kind === "link" || kind === "computed")) {
    throw new AppError("BAD_REQUEST", `Field "${field.name}": converting to or from a link or computed field is not available yet`);
  }
}

async function loadField(db: Db, tableId: string, fieldId: string) {
  const table = await loadTable(db, tableId);
  assertInternal(table, "Changing a field's type");
  const field = table.fields.find((f) => f.id === fieldId);
  if (!field) throw notFound("Field");
  return { table, field };
}

/** What changing the type would do, without doing it: how many values will not convert, with examples. */
export async function previewConversion(db: Db, params: { tableId: string; fieldId: string; type: string; options?: unknown }) {
  const { table, field } = await loadField(db, params.tableId, params.fieldId);
  const target = await resolveTarget(db, table, field, params.type, params.options);
  assertConvertible(field, target);
  const context = await loadValueContext(db, table.workspaceId, [target.type]);
  let values = 0;
  let failing = 0;
  const examples: Array<{ rowId: string; value: string; reason: string }> = [];
  for await (const batch of storedValues(db, table, field)) {
    for (const row of batch) {
      const text = valueAsText(row.value);
      if (row.deleted || text.trim() === "") continue;
      values += 1;
      const result = convert(target, row.value, context);
      if (result.ok) continue;
      failing += 1;
      if (examples.length < 10) examples.push({ rowId: row.id, value: text.slice(0, 200), reason: result.error });
    }
  }
  return { type: target.type, options: target.options, values, failing, examples };
}

/**
 * Changes a field's type in one transaction: the old column is set aside, a
 * column of the new type is filled by converting every value through the
 * registry (what does not convert becomes empty, as the preview said), and
 * the old column is dropped.
 */
export async function changeFieldType(
  db: Db,
  params: { tableId: string; fieldId: string; type: string; options?: unknown; name?: string; actor: AuditActor },
) {
  const changed = await db.transaction(async (tx) => {
    const { table, field } = await loadField(tx, params.tableId, params.fieldId);
    const target = await resolveTarget(tx, table, field, params.type, params.options);
    assertConvertible(field, target);
    if (table.primaryFieldId === field.id && !target.definition.canBePrimary) {
      throw new AppError("BAD_REQUEST", `Field "${field.name}" is the primary field and cannot become ${target.type}`);
    }
    const name = params.name ?? field.name;
    if (name !== field.name) prepareField({ name, type: target.type, options: target.options }, table.fields, field);

    // The new column is filled under a temporary name while the old one is
    // read as usual, then takes the field's column name.
    const t = physicalTable(table.workspaceId, table.id);
    const column = columnName(field.id);
    // Counts kept per value of the old column would not survive it (views re-create them when saved).
    await dropGroupCounts(tx, table.workspaceId, table.id, field.id);
    const oldStorage = fieldTypeDefinition(field.type)!.storage(field.options);
    const newStorage = target.definition.storage(target.options);
    await addPhysicalColumn(tx, table.workspaceId, table.id, field.id, newStorage, "_new");
    if (newStorage.kind === "column" && !target.definition.readOnly) {
      const context = await loadValueContext(tx, table.workspaceId, [target.type]);
      const empty = target.definition.toDb(null, target.options, context);
      const emptyValue = empty.ok ? empty.value : null;
      const sqlType = newStorage.sqlType.split(" ")[0]!;
      for await (const batch of storedValues(tx, table, field)) {
        const values = batch.map((row) => {
          const result = convert(target, row.value, context);
          return result.ok ? result.value : emptyValue;
        });
        await tx.execute(updateColumnById(t, `${column}_new`, sqlType, batch.map((row) => row.id), values));
      }
    }
    if (oldStorage.kind === "column") await tx.execute(sql`alter table ${t} drop column ${sql.identifier(column)}`);
    if (newStorage.kind === "column") {
      await tx.execute(sql`alter table ${t} rename column ${sql.identifier(`${column}_new`)} to ${sql.identifier(column)}`);
    }

    return saveFieldChange(tx, table, field, { ...field, name, type: target.type, options: target.options }, params.actor);
  });
  await fieldsChanged(db, params.tableId);
  return changed;
}
