import "server-only";
import { sql } from "drizzle-orm";
import type { LinkOptions } from "@/lib/fields/types/link";
import { type Db, rowsOf } from "../../db";
import { arrayParam } from "../../db/array-param";
import { junctionSides, junctionTable, physicalTable } from "../../db/tenant/table-ddl";
import { AppError } from "../../errors";
import type { FieldMeta, TableMeta } from "../tables/table-meta";

/**
 * Replaces the rows `rowId` links to through `field` with `ids`, in that
 * order. Every id must be a live row of the linked table (400 naming the
 * field otherwise). The inverse field reads the same junction, so both
 * sides change together.
 */
export async function writeLinks(tx: Db, table: TableMeta, field: FieldMeta, rowId: string, ids: string[]) {
  const link = field.options as LinkOptions;
  const target = table.linked[link.tableId];
  if (!target || !link.junctionFieldId) throw new AppError("BAD_REQUEST", `Field "${field.name}": the linked table no longer exists`);
  if (ids.length > 0) {
    const found = rowsOf<{ id: string }>(
      await tx.execute(sql`select id::text as id from ${physicalTable(table.workspaceId, target.id)}
        where id = any(${arrayParam(ids, "bigint[]")}) and deleted_at is null`),
    );
    const missing = ids.find((id) => !found.some((r) => r.id === id));
    if (missing) {
      throw new AppError("BAD_REQUEST", `Field "${field.name}": row ${missing} is not a row of "${target.name}"`, { field: field.name });
    }
  }
  const j = junctionTable(table.workspaceId, link.junctionFieldId);
  const { here, there } = junctionSides(link.side);
  await tx.execute(sql`delete from ${j} where ${here} = ${rowId}::bigint`);
  // When the other side links to one row at most, linking one of its rows here
  // replaces that row's previous link (as from its own side).
  const inverse = target.fields.find((f) => f.id === link.inverseFieldId);
  if (ids.length > 0 && (inverse?.options as LinkOptions | undefined)?.multiple === false) {
    await tx.execute(sql`delete from ${j} where ${there} = any(${arrayParam(ids, "bigint[]")}) and ${here} <> ${rowId}::bigint`);
  }
  if (ids.length > 0) {
    await tx.execute(sql`insert into ${j} (${here}, ${there})
      select ${rowId}::bigint, u.id from unnest(${arrayParam(ids, "bigint[]")}) with ordinality as u(id, ord) order by u.ord`);
  }
}
