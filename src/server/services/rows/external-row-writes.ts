import "server-only";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import type { Db } from "../../db";
import { type AuditActor, recordAudits } from "../../audit/record-audit";
import { assertWritable, type Reader, tablePolicy } from "../../authz/table-policy";
import type { ExternalValues, ExternalWrite, ExternalWriteResult, RowChange } from "../../connectors/connector";
import { AppError, forbidden, notFound } from "../../errors";
import { tableAndLinksChanged } from "../../events/table-changes";
import { loadConnection } from "../connections/connection-record";
import { externalRow, filterOnColumns, type MountedTable, rowIdsFor, withMountedConnection } from "../../query/external-rows";
import { type FieldMeta, findField } from "../tables/table-meta";
import type { FieldKey, Row } from "./row-codec";
import type { RowChanges, RowUpdate } from "@/lib/realtime/table-event";

/**
 * Row writes on a mounted table, one external transaction per row (read and
 * lock, compare-and-set in the WHERE, read again; see connectors/apply-write.ts).
 * Every row of a request is validated before the first is written; a batch is
 * not atomic across rows, since each row commits in the external database on
 * its own. Audit entries (keyed by field id, as for internal rows) are
 * written once the external change has committed: the two databases share no
 * transaction.
 */

type WriteParams = { table: MountedTable; actor: AuditActor; reader: Reader; fieldKey?: FieldKey };

/** The connection must allow writes, and the table must have a key to address rows by. */
async function assertRowsWritable(db: Db, table: MountedTable) {
  if (table.external.table.primaryKey.length === 0) {
    throw new AppError("BAD_REQUEST", `"${table.name}" has no primary key in its database: its rows are read-only`, { reason: "no_primary_key" });
  }
  const connection = await loadConnection(db, table.external.connectionId);
  if (connection.readOnly) throw forbidden(`The connection "${connection.name}" is read-only`);
}

/** Cells by field (id or name) as column values, each checked by its field type; hidden fields are unknown, read-only ones refused. */
function columnValues(table: MountedTable, reader: Reader, cells: unknown, rowIndex?: number): ExternalValues {
  if (cells === undefined || cells === null) return {};
  if (typeof cells !== "object" || Array.isArray(cells)) throw new AppError("BAD_REQUEST", "fields must be an object of field values", { row: rowIndex });
  const policy = tablePolicy(table, reader);
  const values: ExternalValues = {};
  const written: FieldMeta[] = [];
  for (const [key, value] of Object.entries(cells)) {
    const field = findField(policy.visible, key);
    if (!field?.externalColumn) throw new AppError("BAD_REQUEST", `Unknown field "${key}"`, { field: key, row: rowIndex });
    const checked = fieldTypeDefinition(field.type)!.toDb(value, field.options);
    if (!checked.ok) throw new AppError("BAD_REQUEST", `Field "${field.name}": ${checked.error}`, { field: field.name, row: rowIndex });
    values[field.externalColumn] = checked.value;
    written.push(field);
  }
  assertWritable(policy, written.map((f) => f.id));
  return values;
}

/** `expected` as column values; compared by the database in the update's WHERE. */
function expectedValues(table: MountedTable, reader: Reader, expected: unknown, rowIndex?: number): ExternalValues {
  if (expected === undefined || expected === null) return {};
  if (typeof expected !== "object" || Array.isArray(expected)) throw new AppError("BAD_REQUEST", "expected must be an object of field values", { row: rowIndex });
  const visible = tablePolicy(table, reader).visible;
  return Object.fromEntries(
    Object.entries(expected).map(([key, value]) => {
      const field = findField(visible, key);
      if (!field?.externalColumn) throw new AppError("BAD_REQUEST", `Unknown field "${key}" in expected`, { field: key, row: rowIndex });
      return [field.externalColumn, value];
    }),
  );
}

function rowKey(table: MountedTable, reader: Reader, id: string): ExternalValues {
  const key = rowIdsFor(table, reader).decode(id);
  if (!key) throw notFound(`Row ${id}`);
  return key;
}

/** One row written on the table's connection, audited as a `connection.use` of kind write. */
function writeOne(db: Db, params: WriteParams, change: RowChange): Promise<ExternalWriteResult> {
  const { table, reader } = params;
  const rule = tablePolicy(table, reader).rowFilter;
  const full: ExternalWrite = {
    ...change,
    schema: table.external.schema,
    table: table.external.table,
    now: new Date(),
    within: rule ? filterOnColumns(table.fields, rule) : undefined,
  };
  return withMountedConnection(db, { table, actor: params.actor, operation: "write", summary: (r) => ({ applied: r.applied }) }, (connector) => connector.write(full));
}

const byFieldId = (table: MountedTable, values: ExternalValues | null) => (values ? externalRow(table, table.fields, values, "id") : null);
const shownTo = (params: WriteParams, values: ExternalValues) =>
  externalRow(params.table, tablePolicy(params.table, params.reader).visible.fields, values, params.fieldKey, rowIdsFor(params.table, params.reader));

export async function createExternalRows(db: Db, params: WriteParams & { rows: Array<{ fields?: unknown }> }): Promise<Row[]> {
  await assertRowsWritable(db, params.table);
  const batch = params.rows.length > 1;
  const inserts = params.rows.map((row, i) => columnValues(params.table, params.reader, row.fields, batch ? i : undefined));
  const created: Row[] = [];
  const ids: string[] = [];
  for (const values of inserts) {
    const result = await writeOne(db, params, { kind: "insert", values });
    const after = byFieldId(params.table, result.after)!;
    await recordAudits(db, params.actor, [
      { workspaceId: params.table.workspaceId, action: "row.create", resourceType: "row", resourceId: `${params.table.id}:${after.id}`, after: after.fields },
    ]);
    created.push(shownTo(params, result.after!));
    ids.push(after.id);
  }
  await rowsChanged(params.table, { created: ids });
  return created;
}

/**
 * Cell-level compare-and-set as on internal tables: the update applies only
 * where every `expected` cell still holds its value; otherwise 409 with the
 * current row (rows written before it in the same request stay written).
 */
export async function updateExternalRows(db: Db, params: WriteParams & { rows: Array<{ id: string; fields?: unknown; expected?: unknown }> }): Promise<Row[]> {
  await assertRowsWritable(db, params.table);
  const { table } = params;
  const batch = params.rows.length > 1;
  const updates = params.rows.map((row, i) => {
    const values = columnValues(table, params.reader, row.fields, batch ? i : undefined);
    if (Object.keys(values).length === 0) throw new AppError("BAD_REQUEST", "Give at least one field to change", { row: batch ? i : undefined });
    const keyColumn = table.external.table.primaryKey.find((name) => name in values);
    // The id is the key: changing it would make the row another one.
    if (keyColumn) throw new AppError("BAD_REQUEST", `"${keyColumn}" is part of the primary key and cannot be changed`, { field: keyColumn, row: batch ? i : undefined });
    return { id: row.id, key: rowKey(table, params.reader, row.id), values, expected: expectedValues(table, params.reader, row.expected, batch ? i : undefined) };
  });
  if (new Set(updates.map((u) => u.id)).size !== updates.length) throw new AppError("BAD_REQUEST", "A row appears twice in the request");
  const updated: Row[] = [];
  // The external database keeps no version: clients read these rows again however the events arrive.
  const written: RowUpdate[] = [];
  for (const update of updates) {
    const changed = Object.keys(update.values);
    const result = await writeOne(db, params, { kind: "update", key: update.key, values: update.values, expected: update.expected });
    if (!result.before) throw notFound(`Row ${update.id}`);
    if (!result.applied) throw new AppError("CONFLICT", "The row was changed by someone else; nothing was saved", { rows: [shownTo(params, result.before)] });
    const pick = (values: ExternalValues) =>
      Object.fromEntries(table.fields.filter((f) => changed.includes(f.externalColumn!)).map((f) => [f.id, values[f.externalColumn!] ?? null]));
    await recordAudits(db, params.actor, [
      {
        workspaceId: table.workspaceId,
        action: "row.update",
        resourceType: "row",
        resourceId: `${table.id}:${update.id}`,
        before: pick(result.before),
        after: pick(result.after!),
      },
    ]);
    updated.push(shownTo(params, result.after!));
    written.push({ id: update.id, version: null, fields: table.fields.filter((f) => changed.includes(f.externalColumn!)).map((f) => f.id) });
  }
  await rowsChanged(table, { updated: written });
  return updated;
}

/** Deletes rows in the external database (there is no trash there); unknown ids and rows outside the row rule are skipped. */
export async function deleteExternalRows(db: Db, params: WriteParams & { ids: string[] }): Promise<{ deleted: number }> {
  await assertRowsWritable(db, params.table);
  const ids = rowIdsFor(params.table, params.reader);
  const keys = params.ids.map((id) => ids.decode(id)).filter((k): k is ExternalValues => k !== null);
  const deleted: string[] = [];
  for (const key of keys) {
    const result = await writeOne(db, params, { kind: "delete", key, expected: {} });
    if (!result.applied) continue;
    const before = byFieldId(params.table, result.before)!;
    await recordAudits(db, params.actor, [
      { workspaceId: params.table.workspaceId, action: "row.delete", resourceType: "row", resourceId: `${params.table.id}:${before.id}`, before: before.fields },
    ]);
    deleted.push(before.id);
  }
  if (deleted.length > 0) await rowsChanged(params.table, { deleted });
  return { deleted: deleted.length };
}

/**
 * Announces the rows written, by the ids audit records use (the key in the
 * clear). Events reach everyone in the table's room, and a reader from whom a
 * rule hides a key column knows rows only by sealed ids, so a table whose key
 * has a column that can be hidden (any but the first, the primary field)
 * announces no ids: clients read their rows again instead.
 */
async function rowsChanged(table: MountedTable, rows: Partial<RowChanges>) {
  await tableAndLinksChanged(table, "rows", table.external.table.primaryKey.length > 1 ? undefined : rows);
}
