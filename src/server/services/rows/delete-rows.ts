import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../../db";
import { arrayParam } from "../../db/array-param";
import { physicalTable } from "../../db/tenant/table-ddl";
import { type AuditActor, recordAudits } from "../../audit/record-audit";
import type { Reader } from "../../authz/table-policy";
import { rowsWithinPolicy } from "../../query/execute";
import type { TableMeta } from "../tables/table-meta";
import { readRowsById } from "./row-codec";
import { tableAndLinksChanged } from "../../events/table-changes";
import { isMounted } from "../../query/external-rows";
import { deleteExternalRows } from "./external-row-writes";

/**
 * To the trash (restorable): rows are marked deleted, their values kept.
 * A mounted table's rows are deleted in their database, which has no trash.
 * Unknown ids, and rows outside the deleter's row rule, are skipped.
 */
export async function deleteRows(db: Db, params: { table: TableMeta; ids: string[]; actor: AuditActor; reader: Reader }) {
  const { table } = params;
  if (isMounted(table)) return deleteExternalRows(db, { ...params, table });
  const deleted = await db.transaction(async (tx) => {
    const locked = await readRowsById(tx, table, params.ids, { forUpdate: true, fieldKey: "id" });
    const within = await rowsWithinPolicy(tx, table, params.reader, locked.map((r) => r.id));
    const rows = locked.filter((r) => within.has(r.id));
    if (rows.length > 0) {
      await tx.execute(
        sql`update ${physicalTable(table.workspaceId, table.id)} set deleted_at = now()
            where id = any(${arrayParam(rows.map((r) => r.id), "bigint[]")})`,
      );
    }
    await recordAudits(
      tx,
      params.actor,
      rows.map((row) => ({
        workspaceId: table.workspaceId,
        action: "row.delete",
        resourceType: "row",
        resourceId: `${table.id}:${row.id}`,
        before: row.fields,
      })),
    );
    return rows.map((row) => row.id);
  });
  if (deleted.length > 0) await tableAndLinksChanged(table, "rows", { deleted });
  return { deleted: deleted.length };
}
