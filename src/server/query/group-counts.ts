import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { type Db, rowsOf } from "../db";
import { columnName, physicalTable } from "../db/tenant/table-ddl";
import { workspaceSchemaName } from "../db/tenant/workspace-schema";
import type { FieldMeta, TableMeta } from "../services/tables/table-meta";

/**
 * Row counts per value of a field, maintained as rows change, for the
 * fields views group and stack by: counting a million rows by scanning them
 * takes a parallel pass over the whole table, reading these takes a few
 * rows. `gc_<fieldId>` in the workspace's schema holds (value, n) for live
 * rows; statement-level triggers with transition tables (one per event, as
 * PostgreSQL requires) apply each statement's net change in one upsert, so
 * a COPY of a million rows costs one grouped insert. Answers use it only
 * when nothing narrows the rows (no filter, search or row rule): otherwise
 * the query scans as usual.
 */

const name = (fieldId: string, suffix = "") => `gc_${fieldId}${suffix}`;

function countsTable(workspaceId: string, fieldId: string): SQL {
  return sql`${sql.identifier(workspaceSchemaName(workspaceId))}.${sql.identifier(name(fieldId))}`;
}

function countsFunction(workspaceId: string, fieldId: string): SQL {
  return sql`${sql.identifier(workspaceSchemaName(workspaceId))}.${sql.identifier(name(fieldId, "_apply"))}`;
}

// Free text can exceed what a b-tree entry holds (about 2.7 kB): a long value
// would make every write to the table fail. Such fields are neither indexed
// nor counted; their sorts and groups scan.
const freeText = new Set(["text", "long_text", "email", "url", "phone"]);

/** The column type of a field that can be indexed and counted (a stored scalar of bounded size), or null. */
export function countableType(field: FieldMeta): string | null {
  if (freeText.has(field.type)) return null;
  const storage = fieldTypeDefinition(field.type)?.storage(field.options);
  if (storage?.kind !== "column" || storage.sqlType.startsWith("text[]")) return null;
  return storage.sqlType.split(" ")[0]!;
}

export async function hasGroupCounts(db: Db, table: TableMeta, fieldId: string): Promise<boolean> {
  const [found] = rowsOf<{ found: string | null }>(
    await db.execute(sql`select to_regclass(${`${workspaceSchemaName(table.workspaceId)}.${name(fieldId)}`})::text as found`),
  );
  return Boolean(found?.found);
}

/** Creates and fills the counts of a field once; later calls find them. Writers wait while it fills. */
export async function ensureGroupCounts(db: Db, table: TableMeta, field: FieldMeta) {
  const type = countableType(field);
  if (!type || (await hasGroupCounts(db, table, field.id))) return;
  const rows = physicalTable(table.workspaceId, table.id);
  const counts = countsTable(table.workspaceId, field.id);
  const apply = countsFunction(table.workspaceId, field.id);
  const column = sql.identifier(columnName(field.id));
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${rows} in share row exclusive mode`);
    if (await hasGroupCounts(tx, table, field.id)) return;
    await tx.execute(sql`create table ${counts} (${column} ${sql.raw(type)}, n bigint not null, unique nulls not distinct (${column}))`);
    await tx.execute(sql`insert into ${counts} (${column}, n) select ${column}, count(*) from ${rows} where deleted_at is null group by 1`);
    await tx.execute(sql.raw(applyFunction(table.workspaceId, field.id)));
    await tx.execute(sql`create trigger ${sql.identifier(name(field.id, "_ins"))} after insert on ${rows}
      referencing new table as new_rows for each statement execute function ${apply}()`);
    await tx.execute(sql`create trigger ${sql.identifier(name(field.id, "_upd"))} after update on ${rows}
      referencing old table as old_rows new table as new_rows for each statement execute function ${apply}()`);
    await tx.execute(sql`create trigger ${sql.identifier(name(field.id, "_del"))} after delete on ${rows}
      referencing old table as old_rows for each statement execute function ${apply}()`);
  });
}

/**
 * The trigger function's DDL. A function body is text, so it is written as
 * text — only from quoted identifiers made of checked metadata ids, never a
 * value. plpgsql plans only the branch it runs, so each event's branch names
 * only its own transition tables. Each applies the statement's net change:
 * minus the old live rows, plus the new ones.
 */
function applyFunction(workspaceId: string, fieldId: string): string {
  const schema = `"${workspaceSchemaName(workspaceId)}"`;
  const counts = `${schema}."${name(fieldId)}"`;
  const column = `"${columnName(fieldId)}"`;
  const before = `select ${column} as v, -1 as d from old_rows where deleted_at is null`;
  const after = `select ${column} as v, 1 as d from new_rows where deleted_at is null`;
  const upsert = (changes: string) => `insert into ${counts} (${column}, n)
      select v, sum(d) from (${changes}) changes group by v having sum(d) <> 0
      on conflict (${column}) do update set n = ${counts}.n + excluded.n`;
  return `create function ${schema}."${name(fieldId, "_apply")}"() returns trigger language plpgsql as $body$
    begin
      if TG_OP = 'INSERT' then ${upsert(after)};
      elsif TG_OP = 'DELETE' then ${upsert(before)};
      else ${upsert(`${before} union all ${after}`)};
      end if;
      return null;
    end $body$`;
}

/** Before a field's column goes (type change, purge) or its table does: the triggers would fail on the next write. */
export async function dropGroupCounts(tx: Db, workspaceId: string, tableId: string | null, fieldId: string) {
  if (tableId) {
    for (const event of ["_ins", "_upd", "_del"]) {
      await tx.execute(sql`drop trigger if exists ${sql.identifier(name(fieldId, event))} on ${physicalTable(workspaceId, tableId)}`);
    }
  }
  await tx.execute(sql`drop function if exists ${countsFunction(workspaceId, fieldId)}() cascade`);
  await tx.execute(sql`drop table if exists ${countsTable(workspaceId, fieldId)}`);
}

/** The counts as a FROM item, aliased `gc`, with the field's column under its usual name (so the field's reader reads it). */
export function groupCountsSource(table: TableMeta, fieldId: string): SQL {
  return sql`${countsTable(table.workspaceId, fieldId)} gc`;
}
