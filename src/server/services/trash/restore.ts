import "server-only";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { LinkOptions } from "@/lib/fields/types/link";
import { type Db, rowsOf } from "../../db";
import { arrayParam } from "../../db/array-param";
import { fields, tables } from "../../db/schema";
import { physicalTable } from "../../db/tenant/table-ddl";
import { AppError, notFound } from "../../errors";
import { type AuditActor, recordAudit, recordAudits } from "../../audit/record-audit";
import { keyedBy, readRowsById } from "../rows/row-codec";
import { type Reader, tablePolicy } from "../../authz/table-policy";
import { rowsWithinPolicy } from "../../query/execute";
import { fieldOutput, type FieldMeta, loadTable, tableOutput, assertInternal } from "../tables/table-meta";
import { tableAndLinksChanged } from "../../events/table-changes";
import { linkedRowsFor } from "../../query/columns";
import { fieldsChanged } from "../fields/fields-changed";

/**
 * Brings rows back from the trash; answers CONFLICT for any that are not
 * there (rows outside the restorer's row rule are not there for them).
 */
export async function restoreRows(db: Db, params: { tableId: string; ids: string[]; actor: AuditActor; reader: Reader }) {
  const { table, rows } = await db.transaction(async (tx) => {
    const table = await loadTable(tx, params.tableId);
    assertInternal(table, "The row trash");
    const policy = tablePolicy(table, params.reader);
    const within = await rowsWithinPolicy(tx, table, params.reader, params.ids.filter((id) => /^\d{1,18}$/.test(id)));
    if (within.size !== params.ids.length) throw new AppError("CONFLICT", "Some rows are not in the trash (already restored, or purged)");
    const restored = rowsOf<{ id: string }>(
      await tx.execute(
        sql`update ${physicalTable(table.workspaceId, table.id)}
            set deleted_at = null, version = version + 1, updated_at = now(), updated_by = ${params.actor.userId}
            where id = any(${arrayParam(params.ids.filter((id) => /^\d{1,18}$/.test(id)), "bigint[]")}) and deleted_at is not null
            returning id::text as id`,
      ),
    );
    if (restored.length !== params.ids.length) {
      throw new AppError("CONFLICT", "Some rows are not in the trash (already restored, or purged)");
    }
    const rows = await readRowsById(tx, table, params.ids, { fieldKey: "id", linkedRows: linkedRowsFor(params.reader) });
    await recordAudits(
      tx,
      params.actor,
      rows.map((row) => ({
        workspaceId: table.workspaceId,
        action: "row.restore",
        resourceType: "row",
        resourceId: `${table.id}:${row.id}`,
        after: row.fields,
      })),
    );
    return { table, rows: rows.map((row) => keyedBy(policy.visible, row)) };
  });
  // Back in the views: to a client, like rows created.
  await tableAndLinksChanged(table, "rows", { created: rows.map((row) => row.id) });
  return rows;
}

export async function restoreField(db: Db, params: { tableId: string; fieldId: string; actor: AuditActor }) {
  const { table, output } = await db.transaction(async (tx) => {
    const table = await loadTable(tx, params.tableId);
    assertInternal(table, "Restoring a field");
    const [field] = await tx
      .select({ id: fields.id, name: fields.name, type: fields.type, options: fields.options, position: fields.position })
      .from(fields)
      .where(and(eq(fields.id, params.fieldId), eq(fields.tableId, table.id), isNotNull(fields.deletedAt)));
    if (!field) throw new AppError("CONFLICT", "The field is not in the trash (already restored, or purged)");
    const clash = table.fields.find((f) => f.name.toLowerCase() === field.name.toLowerCase());
    if (clash) throw new AppError("CONFLICT", `A field named "${clash.name}" exists now; rename it before restoring this one`);
    const inverseId = field.type === "link" ? (field.options as LinkOptions).inverseFieldId : undefined;
    await tx
      .update(fields)
      .set({ deletedAt: null })
      .where(inverseId ? inArray(fields.id, [field.id, inverseId]) : eq(fields.id, field.id));
    const output = fieldOutput(field as FieldMeta);
    await recordAudit(tx, params.actor, {
      workspaceId: table.workspaceId,
      action: "field.restore",
      resourceType: "field",
      resourceId: field.id,
      after: { tableId: table.id, ...output },
    });
    return { table, output };
  });
  await fieldsChanged(db, table.id);
  return output;
}

export async function restoreTable(db: Db, params: { tableId: string; actor: AuditActor }) {
  const table = await db.transaction(async (tx) => {
    const [trashed] = await tx
      .update(tables)
      .set({ deletedAt: null })
      .where(and(eq(tables.id, params.tableId), isNotNull(tables.deletedAt)))
      .returning({ id: tables.id });
    if (!trashed) {
      const [live] = await tx.select({ id: tables.id }).from(tables).where(and(eq(tables.id, params.tableId), isNull(tables.deletedAt)));
      if (live) throw new AppError("CONFLICT", "The table is not in the trash");
      throw notFound("Table");
    }
    const table = await loadTable(tx, params.tableId);
    await recordAudit(tx, params.actor, {
      workspaceId: table.workspaceId,
      action: "table.restore",
      resourceType: "table",
      resourceId: table.id,
      after: tableOutput(table),
    });
    return table;
  });
  await tableAndLinksChanged(table, "table");
  return tableOutput(table);
}
