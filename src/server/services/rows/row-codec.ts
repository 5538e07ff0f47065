import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { type Db, rowsOf } from "../../db";
import { arrayParam } from "../../db/array-param";
import { columnName, physicalTable } from "../../db/tenant/table-ddl";
import { AppError } from "../../errors";
import type { FieldMeta, TableMeta } from "../tables/table-meta";
import { findField } from "../tables/table-meta";

export type Row = { id: string; version: number; createdAt: string; updatedAt: string; fields: Record<string, unknown> };
export type FieldKey = "name" | "id";

export const rowIdPattern = /^[1-9]\d{0,17}$/;

const userJson = (column: SQL) =>
  sql`(select json_build_object('id', u.id, 'name', u.name) from users u where u.id = ${column})`;

/** What to select for a field, aliased by the field's column name. */
function fieldSelect(field: FieldMeta): SQL | null {
  const definition = fieldTypeDefinition(field.type);
  if (!definition) return null;
  const storage = definition.storage(field.options);
  const alias = sql.identifier(columnName(field.id));
  if (storage.kind === "system") {
    const column = sql.identifier(storage.column);
    const value = storage.column.endsWith("_by") ? userJson(sql`r.${column}`) : sql`r.${column}`;
    return sql`${value} as ${alias}`;
  }
  if (storage.kind !== "column") return null;
  const column = sql`r.${sql.identifier(columnName(field.id))}`;
  return definition.selectCast === "text" ? sql`${column}::text as ${alias}` : sql`${column} as ${alias}`;
}

/** The SELECT list of a table's rows: system columns, then every readable field. */
function selectList(table: TableMeta): SQL {
  const parts = [sql`r.id::text as id`, sql`r.version`, sql`r.created_at`, sql`r.updated_at`];
  for (const field of table.fields) {
    const part = fieldSelect(field);
    if (part) parts.push(part);
  }
  return sql.join(parts, sql`, `);
}

type RawRow = Record<string, unknown> & { id: string; version: number; created_at: Date | string; updated_at: Date | string };

export function decodeRow(table: TableMeta, raw: RawRow, fieldKey: FieldKey = "name"): Row {
  const values: Record<string, unknown> = {};
  for (const field of table.fields) {
    const definition = fieldTypeDefinition(field.type);
    if (!definition) continue;
    values[fieldKey === "id" ? field.id : field.name] = definition.fromDb(raw[columnName(field.id)] ?? null, field.options);
  }
  return {
    id: raw.id,
    version: Number(raw.version),
    createdAt: new Date(raw.created_at).toISOString(),
    updatedAt: new Date(raw.updated_at).toISOString(),
    fields: values,
  };
}

/** A row read with field ids as keys, re-keyed as the caller asked (no second read). */
export function keyedBy(table: TableMeta, row: Row, fieldKey: FieldKey = "name"): Row {
  if (fieldKey === "id") return row;
  const fields: Record<string, unknown> = {};
  for (const field of table.fields) if (field.id in row.fields) fields[field.name] = row.fields[field.id];
  return { ...row, fields };
}

/** Live rows of a table by id, in the order of `ids` (missing ones left out). */
export async function readRowsById(
  db: Db,
  table: TableMeta,
  ids: string[],
  opts: { fieldKey?: FieldKey; forUpdate?: boolean; includeDeleted?: boolean } = {},
) {
  // Row ids are bigints: anything else cannot name a row.
  const valid = ids.filter((id) => rowIdPattern.test(id));
  if (valid.length === 0) return [];
  const result = await db.execute(
    sql`select ${selectList(table)} from ${physicalTable(table.workspaceId, table.id)} r
        where r.id = any(${arrayParam(valid, "bigint[]")})${opts.includeDeleted ? sql`` : sql` and r.deleted_at is null`}${opts.forUpdate ? sql` for update` : sql``}`,
  );
  const byId = new Map(rowsOf<RawRow>(result).map((raw) => [raw.id, decodeRow(table, raw, opts.fieldKey)]));
  return ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
}

/** A page of live rows in id order, after `afterId`. */
export async function readRowsPage(db: Db, table: TableMeta, opts: { limit: number; afterId?: string; fieldKey?: FieldKey }) {
  const after = opts.afterId ? sql` and r.id > ${opts.afterId}::bigint` : sql``;
  const result = await db.execute(
    sql`select ${selectList(table)} from ${physicalTable(table.workspaceId, table.id)} r
        where r.deleted_at is null${after} order by r.id limit ${opts.limit + 1}`,
  );
  const raws = rowsOf<RawRow>(result);
  const page = raws.slice(0, opts.limit).map((raw) => decodeRow(table, raw, opts.fieldKey));
  return { rows: page, hasMore: raws.length > opts.limit };
}

export type EncodedCells = Array<{ field: FieldMeta; value: unknown }>;

/**
 * Checks and converts the API values of one row through the registry. Keys
 * are field names or ids. Errors name the field (and the row's index in a
 * batch), and nothing is written.
 */
export function encodeCells(table: TableMeta, input: unknown, rowIndex?: number): EncodedCells {
  const where = rowIndex === undefined ? "" : ` (row ${rowIndex + 1})`;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new AppError("BAD_REQUEST", `fields must be an object${where}`, { row: rowIndex });
  }
  const cells: EncodedCells = [];
  for (const [key, value] of Object.entries(input)) {
    const field = findField(table, key);
    if (!field) throw new AppError("BAD_REQUEST", `Unknown field "${key}"${where}`, { field: key, row: rowIndex });
    const definition = fieldTypeDefinition(field.type)!;
    if (definition.readOnly) {
      throw new AppError("BAD_REQUEST", `Field "${field.name}" is computed and cannot be written${where}`, { field: field.name, row: rowIndex });
    }
    const encoded = definition.toDb(value, field.options);
    if (!encoded.ok) {
      throw new AppError("BAD_REQUEST", `Field "${field.name}": ${encoded.error}${where}`, { field: field.name, row: rowIndex });
    }
    if (cells.some((c) => c.field.id === field.id)) {
      throw new AppError("BAD_REQUEST", `Field "${field.name}" is given twice${where}`, { field: field.name, row: rowIndex });
    }
    cells.push({ field, value: encoded.value });
  }
  return cells;
}

/** A value as the column binds it: arrays as text[] so PostgreSQL need not guess. */
export function cellParam(value: unknown): SQL {
  if (Array.isArray(value)) return arrayParam(value as string[], "text[]");
  return sql`${value}`;
}

/** The API value a client's `expected` stands for, so `1` matches a stored `1.00` and a choice name its id. */
export function normalizeExpected(field: FieldMeta, value: unknown): unknown {
  const definition = fieldTypeDefinition(field.type)!;
  const encoded = definition.toDb(value, field.options);
  return encoded.ok ? definition.fromDb(encoded.value, field.options) : value;
}
