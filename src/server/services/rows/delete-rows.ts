import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../../db";
import { arrayParam } from "../../db/array-param";
import { physicalTable } from "../../db/tenant/table-ddl";
import { type AuditActor, recordAudits } from "../../audit/record-audit";
import type { TableMeta } from "../tables/table-meta";
import { readRowsById } from "./row-codec";

/** To the trash (restorable): rows are marked deleted, their values kept. Unknown ids are skipped. */
export async function deleteRows(db: Db, params: { table: TableMeta; ids: string[]; actor: AuditActor }) {
  const { table } = params;
  return db.transaction(async (tx) => {
    const rows = await readRowsById(tx, table, params.ids, { forUpdate: true, fieldKey: "id" });
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
    return { deleted: rows.length };
  });
}
