import "server-only";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db";
import { fields, tables } from "../../db/schema";
import { physicalTable } from "../../db/tenant/table-ddl";
import { assertInternal, type TableMeta } from "../tables/table-meta";
import { keyedBy, readRowsById } from "../rows/row-codec";
import { type Reader, ruledRole, tablePolicy } from "../../authz/table-policy";
import { rowsWithinPolicy } from "../../query/execute";
import { linkedRowsFor } from "../../query/columns";

/**
 * What a table has in its trash: deleted fields and the most recently deleted
 * rows, as the reader may see them (their rules apply to trashed rows too).
 */
export async function listTableTrash(db: Db, table: TableMeta, reader: Reader, limit = 100) {
  assertInternal(table, "The row trash");
  const policy = tablePolicy(table, reader);
  const role = ruledRole(reader);
  const hiddenWhenRestored = (fieldId: string) => role !== null && table.rules.fields[fieldId]?.[role] === "hidden";
  const trashedFields = await db
    .select({ id: fields.id, name: fields.name, type: fields.type, deletedAt: fields.deletedAt })
    .from(fields)
    .where(and(eq(fields.tableId, table.id), isNotNull(fields.deletedAt)))
    .orderBy(desc(fields.deletedAt));
  const deleted = rowsOf<{ id: string; deleted_at: Date | string }>(
    await db.execute(
      sql`select id::text as id, deleted_at from ${physicalTable(table.workspaceId, table.id)}
          where deleted_at is not null order by deleted_at desc, id desc limit ${limit}`,
    ),
  );
  // Trashed rows are read like live ones, minus the liveness filter.
  const within = await rowsWithinPolicy(db, table, reader, deleted.map((d) => d.id));
  const rows = await readRowsById(db, table, deleted.map((d) => d.id).filter((id) => within.has(id)), { fieldKey: "id", includeDeleted: true, linkedRows: linkedRowsFor(reader) });
  const deletedAt = new Map(deleted.map((d) => [d.id, new Date(d.deleted_at).toISOString()]));
  return {
    fields: trashedFields.filter((f) => !hiddenWhenRestored(f.id)),
    rows: rows.map((row) => ({ ...keyedBy(policy.visible, row), deletedAt: deletedAt.get(row.id)! })),
  };
}

/** Trashed tables of a workspace. */
export async function listTrashedTables(db: Db, workspaceId: string) {
  return db
    .select({ id: tables.id, baseId: tables.baseId, name: tables.name, deletedAt: tables.deletedAt })
    .from(tables)
    .where(and(eq(tables.workspaceId, workspaceId), isNotNull(tables.deletedAt)))
    .orderBy(desc(tables.deletedAt));
}
