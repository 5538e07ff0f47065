import "server-only";
import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { FieldType } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import type { LinkOptions } from "@/lib/fields/types/link";
import { type Db, rowsOf } from "../../db";
import { fields, tables } from "../../db/schema";
import { columnName, dropPhysicalTable, junctionTable, physicalTable } from "../../db/tenant/table-ddl";
import { recordAudit } from "../../audit/record-audit";
import { dropGroupCounts } from "../../query/group-counts";

const system = { userId: null, tokenId: null };

/**
 * Deletes for good what has been in the trash longer than the retention:
 * rows, fields (their columns, or a link pair's junction) and whole tables
 * (with the link fields pointing at them from other tables). Each table is
 * purged in its own transaction, audited as done by the system.
 */
export async function purgeTrash(db: Db, params: { olderThan: Date; workspaceId?: string }) {
  const inScope = params.workspaceId ? eq(tables.workspaceId, params.workspaceId) : undefined;
  const purged = { tables: 0, fields: 0, rows: 0 };
  const expiredTables = await db
    .select({ id: tables.id, workspaceId: tables.workspaceId, name: tables.name, connectionId: tables.connectionId })
    .from(tables)
    .where(and(isNotNull(tables.deletedAt), lt(tables.deletedAt, params.olderThan), inScope));
  for (const table of expiredTables) {
    await db.transaction(async (tx) => {
      const pointing = (
        await tx.select({ id: fields.id, options: fields.options }).from(fields).innerJoin(tables, eq(tables.id, fields.tableId))
          .where(and(eq(fields.type, "link"), eq(tables.workspaceId, table.workspaceId)))
      ).filter(
        (f) => (f.options as LinkOptions).tableId === table.id,
      );
      for (const link of pointing) await dropLink(tx, table.workspaceId, link.options as LinkOptions, link.id);
      const ownFields = await tx.select({ id: fields.id }).from(fields).where(eq(fields.tableId, table.id));
      // A mounted table has only metadata here.
      if (!table.connectionId) {
        for (const field of ownFields) await dropGroupCounts(tx, table.workspaceId, table.id, field.id);
        await dropPhysicalTable(tx, table.workspaceId, table.id);
      }
      await tx.delete(tables).where(eq(tables.id, table.id));
      await recordAudit(tx, system, { workspaceId: table.workspaceId, action: "table.purge", resourceType: "table", resourceId: table.id, before: { name: table.name } });
    });
    purged.tables += 1;
  }

  const expiredFields = await db
    .select({ id: fields.id, tableId: fields.tableId, type: fields.type, options: fields.options, name: fields.name, workspaceId: tables.workspaceId })
    .from(fields)
    .innerJoin(tables, eq(tables.id, fields.tableId))
    .where(and(isNotNull(fields.deletedAt), lt(fields.deletedAt, params.olderThan), inScope));
  for (const field of expiredFields) {
    await db.transaction(async (tx) => {
      const storage = fieldTypeDefinition(field.type as FieldType)?.storage(field.options as never);
      if (field.type === "link") await dropLink(tx, field.workspaceId, field.options as LinkOptions, field.id);
      else if (storage?.kind === "column") {
        await dropGroupCounts(tx, field.workspaceId, field.tableId, field.id);
        await tx.execute(sql`alter table ${physicalTable(field.workspaceId, field.tableId)} drop column if exists ${sql.identifier(columnName(field.id))}`);
      }
      await tx.delete(fields).where(eq(fields.id, field.id));
      await recordAudit(tx, system, { workspaceId: field.workspaceId, action: "field.purge", resourceType: "field", resourceId: field.id, before: { tableId: field.tableId, name: field.name } });
    });
    purged.fields += 1;
  }

  const liveTables = await db
    .select({ id: tables.id, workspaceId: tables.workspaceId })
    .from(tables)
    // A mounted table's rows live in its database, which has no trash.
    .where(and(isNull(tables.deletedAt), isNull(tables.connectionId), inScope));
  for (const table of liveTables) {
    // Their links go with them (the junctions' foreign keys cascade).
    const deleted = rowsOf<{ n: number }>(
      await db.execute(sql`with gone as (delete from ${physicalTable(table.workspaceId, table.id)}
        where deleted_at < ${params.olderThan.toISOString()}::timestamptz returning 1) select count(*)::int as n from gone`),
    );
    purged.rows += deleted[0]?.n ?? 0;
  }
  return purged;
}

/** A link field and its inverse lose their metadata, and their junction goes. */
async function dropLink(tx: Db, workspaceId: string, options: LinkOptions, fieldId: string) {
  const ids = [fieldId, options.inverseFieldId].filter((id): id is string => Boolean(id));
  await tx.delete(fields).where(inArray(fields.id, ids));
  if (options.junctionFieldId) await tx.execute(sql`drop table if exists ${junctionTable(workspaceId, options.junctionFieldId)}`);
}
