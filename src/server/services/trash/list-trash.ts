import "server-only";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db";
import { fields, tables } from "../../db/schema";
import { physicalTable } from "../../db/tenant/table-ddl";
import type { TableMeta } from "../tables/table-meta";
import { keyedBy, readRowsById } from "../rows/row-codec";

/** What a table has in its trash: deleted fields and the most recently deleted rows. */
export async function listTableTrash(db: Db, table: TableMeta, limit = 100) {
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
  const rows = await readRowsById(db, table, deleted.map((d) => d.id), { fieldKey: "id", includeDeleted: true });
  const deletedAt = new Map(deleted.map((d) => [d.id, new Date(d.deleted_at).toISOString()]));
  return {
    fields: trashedFields,
    rows: rows.map((row) => ({ ...keyedBy(table, row), deletedAt: deletedAt.get(row.id)! })),
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
