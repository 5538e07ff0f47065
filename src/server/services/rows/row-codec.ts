import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { ValueContext } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { type Db, rowsOf } from "../../db";
import { arrayParam } from "../../db/array-param";
import { columnName, junctionSides, junctionTable, physicalTable } from "../../db/tenant/table-ddl";
import type { LinkOptions } from "@/lib/fields/types/link";
import type { RollupOptions } from "@/lib/fields/types/computed";
import { AppError } from "../../errors";
import { formulaReader } from "../../formula/formula-reader";
import type { FieldMeta, TableMeta } from "../tables/table-meta";
import { findField } from "../tables/table-meta";

/** `createdAt`/`updatedAt` are null (and `version` 0) on an external table: its database keeps no such record. */
export type Row = { id: string; version: number; createdAt: string | null; updatedAt: string | null; fields: Record<string, unknown> };
export type FieldKey = "name" | "id";

export const rowIdPattern = /^[1-9]\d{0,17}$/;

const userJson = (column: SQL) =>
  sql`(select json_build_object('id', u.id, 'name', u.name) from users u where u.id = ${column})`;

type Reader = { expr: SQL; decode: (raw: unknown) => unknown };

/**
 * Which linked rows a reader may see through links, lookups, rollups and
 * counts: a condition over the linked table's row alias, or none. Built by
 * the query layer from the reader's row rule on the linked table.
 */
export type LinkedRowsFilter = (target: Omit<TableMeta, "linked">, alias: SQL) => SQL | undefined;

// Subqueries through links nest (a rule or formula may read another link):
// each gets its own aliases, so an inner one never captures an outer's name.
let aliasCounter = 0;
const freshAlias = (prefix: string): SQL => sql`${sql.identifier(`${prefix}${(aliasCounter = (aliasCounter + 1) % 1_000_000)}`)}`;

/**
 * How one field is read from row alias `row`: a SQL expression and the
 * decoding of what it returns. Plain and system columns are read directly;
 * links, lookups, rollups and counts are subqueries over the link's junction
 * that skip trashed rows (so a restored row gets its links back).
 */
export function fieldReader(
  table: Pick<TableMeta, "workspaceId" | "fields"> & { linked?: TableMeta["linked"] },
  field: FieldMeta,
  row: SQL,
  linkedRows?: LinkedRowsFilter,
): Reader | null {
  const definition = fieldTypeDefinition(field.type);
  if (!definition) return null;
  if (field.type === "formula") return formulaReader(table, field, row, (t, f, r) => fieldReader(t, f, r, linkedRows));
  const decode = (raw: unknown) => definition.fromDb(raw ?? null, field.options);
  const storage = definition.storage(field.options);
  if (storage.kind === "system") {
    const column = sql`${row}.${sql.identifier(storage.column)}`;
    return { expr: storage.column.endsWith("_by") ? userJson(column) : column, decode };
  }
  if (storage.kind === "column") {
    const column = sql`${row}.${sql.identifier(columnName(field.id))}`;
    if (definition.selectCast === "files") {
      return {
        expr: sql`(select coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size, 'type', f.type) order by x.ord), '[]'::json)
          from unnest(${column}) with ordinality as x(id, ord) join files f on f.id = x.id)`,
        decode,
      };
    }
    if (definition.selectCast === "users") {
      return {
        expr: sql`(select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name) order by x.ord), '[]'::json)
          from unnest(${column}) with ordinality as x(id, ord) join users u on u.id = x.id)`,
        decode,
      };
    }
    return { expr: definition.selectCast === "text" ? sql`${column}::text` : column, decode };
  }
  const linkField = field.type === "link" ? field : table.fields.find((f) => f.id === (field.options as { linkFieldId?: string }).linkFieldId);
  // Reading through a link that is gone (in the trash) gives empty values.
  if (!linkField || linkField.type !== "link" || !table.linked) return { expr: sql`null`, decode };
  const link = linkField.options as LinkOptions;
  const target = table.linked[link.tableId];
  if (!target || !link.junctionFieldId) return { expr: sql`null`, decode };
  const { here, there } = junctionSides(link.side);
  const o = freshAlias("o");
  const j = freshAlias("j");
  const visible = linkedRows?.(target, o);
  const through = (select: SQL) =>
    sql`(select ${select} from ${junctionTable(table.workspaceId, link.junctionFieldId!)} ${j}
      join ${physicalTable(table.workspaceId, target.id)} ${o} on ${o}.id = ${j}.${there} and ${o}.deleted_at is null${visible ? sql` and ${visible}` : sql``}
      where ${j}.${here} = ${row}.id)`;

  if (field.type === "count") return { expr: through(sql`count(*)`), decode };
  if (field.type === "link") {
    const primary = target.fields.find((f) => f.id === target.primaryFieldId);
    const name = primary ? fieldReader(target, primary, o) : null;
    const nameText = name ? sql`(${name.expr})::text` : sql`null`;
    return {
      expr: through(sql`coalesce(json_agg(json_build_object('id', ${o}.id::text, 'name', ${nameText}) order by ${j}.seq), '[]'::json)`),
      decode,
    };
  }
  const options = field.options as RollupOptions;
  const targetField = target.fields.find((f) => f.id === options.fieldId);
  const value = targetField ? fieldReader(target, targetField, o) : null;
  // A looked-up field that was deleted reads as empty rather than failing the whole read.
  if (!value || !targetField) return { expr: sql`null`, decode };
  if (field.type === "lookup") {
    return {
      expr: through(sql`coalesce(json_agg(${value.expr} order by ${j}.seq) filter (where ${value.expr} is not null), '[]'::json)`),
      decode: (raw) => (Array.isArray(raw) ? raw.map((v) => value.decode(v)) : []),
    };
  }
  const isTime = targetField.type === "datetime" || targetField.type.endsWith("_time");
  const aggregate = {
    sum: sql`sum(${value.expr})`,
    avg: sql`avg(${value.expr})`,
    min: isTime ? sql`to_char(min(${value.expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : sql`min(${value.expr})`,
    max: isTime ? sql`to_char(max(${value.expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : sql`max(${value.expr})`,
    count: sql`count(${value.expr})`,
    count_distinct: sql`count(distinct ${value.expr})`,
    concat: sql`string_agg((${value.expr})::text, ', ' order by ${j}.seq)`,
  }[options.fn];
  const textResult = options.fn === "concat" || ((options.fn === "min" || options.fn === "max") && (isTime || targetField.type === "date"));
  return { expr: through(aggregate), decode: textResult ? (raw) => (raw === null || raw === undefined ? null : String(raw)) : decode };
}

/** The SELECT list of a table's rows (system columns, then every readable field) and how to decode it. */
function rowReader(table: TableMeta, linkedRows?: LinkedRowsFilter) {
  const parts = [sql`r.id::text as id`, sql`r.version`, sql`r.created_at`, sql`r.updated_at`];
  const decoders: Array<{ field: FieldMeta; alias: string; decode: (raw: unknown) => unknown }> = [];
  for (const field of table.fields) {
    const reader = fieldReader(table, field, sql`r`, linkedRows);
    if (!reader) continue;
    const alias = columnName(field.id);
    parts.push(sql`${reader.expr} as ${sql.identifier(alias)}`);
    decoders.push({ field, alias, decode: reader.decode });
  }
  return { select: sql.join(parts, sql`, `), decoders };
}

type RawRow = Record<string, unknown> & { id: string; version: number; created_at: Date | string; updated_at: Date | string };

function decodeRow(reader: ReturnType<typeof rowReader>, raw: RawRow, fieldKey: FieldKey = "name"): Row {
  const values: Record<string, unknown> = {};
  for (const { field, alias, decode } of reader.decoders) values[fieldKey === "id" ? field.id : field.name] = decode(raw[alias]);
  return {
    id: raw.id,
    version: Number(raw.version),
    createdAt: new Date(raw.created_at).toISOString(),
    updatedAt: new Date(raw.updated_at).toISOString(),
    fields: values,
  };
}

/**
 * A row read with field ids as keys, re-keyed as the caller asked (no second
 * read). Only `table`'s fields are kept: pass the table as the reader may see
 * it and hidden fields are left out.
 */
export function keyedBy(table: Pick<TableMeta, "fields">, row: Row, fieldKey: FieldKey = "name"): Row {
  const fields: Record<string, unknown> = {};
  for (const field of table.fields) if (field.id in row.fields) fields[fieldKey === "id" ? field.id : field.name] = row.fields[field.id];
  return { ...row, fields };
}

/** Live rows of a table by id, in the order of `ids` (missing ones left out). */
export async function readRowsById(
  db: Db,
  table: TableMeta,
  ids: string[],
  opts: { fieldKey?: FieldKey; forUpdate?: boolean; includeDeleted?: boolean; linkedRows?: LinkedRowsFilter } = {},
) {
  // Row ids are bigints: anything else cannot name a row.
  const valid = ids.filter((id) => rowIdPattern.test(id));
  if (valid.length === 0) return [];
  const reader = rowReader(table, opts.linkedRows);
  const result = await db.execute(
    sql`select ${reader.select} from ${physicalTable(table.workspaceId, table.id)} r
        where r.id = any(${arrayParam(valid, "bigint[]")})${opts.includeDeleted ? sql`` : sql` and r.deleted_at is null`}${opts.forUpdate ? sql` for update` : sql``}`,
  );
  const byId = new Map(rowsOf<RawRow>(result).map((raw) => [raw.id, decodeRow(reader, raw, opts.fieldKey)]));
  return ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
}

export type EncodedCells = Array<{ field: FieldMeta; value: unknown }>;

/**
 * Checks and converts the API values of one row through the registry. Keys
 * are field names or ids. Errors name the field (and the row's index in a
 * batch), and nothing is written.
 */
export function encodeCells(table: TableMeta, input: unknown, context: ValueContext, rowIndex?: number): EncodedCells {
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
    const encoded = definition.toDb(value, field.options, context);
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
