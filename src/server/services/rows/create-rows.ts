import "server-only";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db";
import { columnName, physicalTable } from "../../db/tenant/table-ddl";
import { type AuditActor, recordAudits } from "../../audit/record-audit";
import type { TableMeta } from "../tables/table-meta";
import { cellParam, encodeCells, type FieldKey, keyedBy, readRowsById } from "./row-codec";

/** All rows or none: every value is checked before anything is written. */
export async function createRows(
  db: Db,
  params: { table: TableMeta; rows: Array<{ fields?: unknown }>; actor: AuditActor; fieldKey?: FieldKey },
) {
  const { table } = params;
  const encoded = params.rows.map((row, i) => encodeCells(table, row.fields ?? {}, params.rows.length > 1 ? i : undefined));
  // One INSERT for the batch: the columns any row sets, DEFAULT where a row leaves one out.
  const fieldIds = [...new Set(encoded.flatMap((cells) => cells.map((c) => c.field.id)))];
  const columns = [sql.identifier("created_by"), sql.identifier("updated_by"), ...fieldIds.map((id) => sql.identifier(columnName(id)))];
  const tuples = encoded.map((cells) => {
    const byField = new Map(cells.map((c) => [c.field.id, c.value]));
    const values = [sql`${params.actor.userId}`, sql`${params.actor.userId}`];
    for (const id of fieldIds) values.push(byField.has(id) ? cellParam(byField.get(id)) : sql`default`);
    return sql`(${sql.join(values, sql`, `)})`;
  });
  return db.transaction(async (tx) => {
    const inserted = rowsOf<{ id: string }>(
      await tx.execute(
        sql`insert into ${physicalTable(table.workspaceId, table.id)} (${sql.join(columns, sql`, `)})
            values ${sql.join(tuples, sql`, `)} returning id::text as id`,
      ),
    );
    const rows = await readRowsById(tx, table, inserted.map((r) => r.id), { fieldKey: "id" });
    await recordAudits(
      tx,
      params.actor,
      rows.map((row) => ({
        workspaceId: table.workspaceId,
        action: "row.create",
        resourceType: "row",
        resourceId: `${table.id}:${row.id}`,
        // Keyed by field id, so a later rename does not break a revert.
        after: row.fields,
      })),
    );
    return rows.map((row) => keyedBy(table, row, params.fieldKey));
  });
}
