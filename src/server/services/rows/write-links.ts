import "server-only";
import { sql } from "drizzle-orm";
import type { LinkOptions } from "@/lib/fields/types/link";
import { type Db, rowsOf } from "../../db";
import { arrayParam } from "../../db/array-param";
import { junctionSides, junctionTable, physicalTable } from "../../db/tenant/table-ddl";
import { AppError } from "../../errors";
import type { FieldMeta, TableMeta } from "../tables/table-meta";
import { type Reader, tablePolicy } from "../../authz/table-policy";
import { rowsWithinPolicy } from "../../query/execute";

/**
 * Replaces the rows `rowId` links to through `field` with `ids`, in that
 * order. The inverse field reads the same junction, so both sides change
 * together — and so the writer's rules on the linked table hold as well:
 * every id must be a live row inside their row rule there (400 naming the
 * field otherwise, the same whether the row is missing or out of reach), and
 * the inverse field must be writable for them (403).
 */
export async function writeLinks(tx: Db, table: TableMeta, field: FieldMeta, rowId: string, ids: string[], writer: { reader: Reader; userId: string | null }) {
  const link = field.options as LinkOptions;
  const target = table.linked[link.tableId];
  if (!target || !link.junctionFieldId) throw new AppError("BAD_REQUEST", `Field "${field.name}": the linked table no longer exists`);
  const targetTable = { ...target, linked: {} };
  const targetPolicy = tablePolicy(targetTable, writer.reader);
  if (link.inverseFieldId && (targetPolicy.hidden.has(link.inverseFieldId) || targetPolicy.readOnly.has(link.inverseFieldId))) {
    throw new AppError("FORBIDDEN", `Field "${field.name}" changes "${target.name}", where your role may not change its links`, { field: field.name });
  }
  if (ids.length > 0) {
    const found = rowsOf<{ id: string }>(
      await tx.execute(sql`select id::text as id from ${physicalTable(table.workspaceId, target.id)}
        where id = any(${arrayParam(ids, "bigint[]")}) and deleted_at is null`),
    );
    const reachable = await rowsWithinPolicy(tx, targetTable, writer.reader, found.map((r) => r.id));
    const missing = ids.find((id) => !reachable.has(id));
    if (missing) {
      throw new AppError("BAD_REQUEST", `Field "${field.name}": row ${missing} is not a row of "${target.name}"`, { field: field.name });
    }
  }
  const j = junctionTable(table.workspaceId, link.junctionFieldId);
  const { here, there } = junctionSides(link.side);
  // Links to rows the writer cannot see are not theirs to remove: they stay.
  let kept: string[] = [];
  if (targetPolicy.rowFilter) {
    const linked = rowsOf<{ id: string }>(await tx.execute(sql`select ${there}::text as id from ${j} where ${here} = ${rowId}::bigint`)).map((r) => r.id);
    const visible = await rowsWithinPolicy(tx, targetTable, writer.reader, linked);
    kept = linked.filter((id) => !visible.has(id));
  }
  await tx.execute(sql`delete from ${j} where ${here} = ${rowId}::bigint and not (${there} = any(${arrayParam(kept, "bigint[]")}))`);
  // When the other side links to one row at most, linking one of its rows here
  // replaces that row's previous link (as from its own side): the rows that
  // lose it must be the writer's to change, and they change (a new version).
  const inverse = target.fields.find((f) => f.id === link.inverseFieldId);
  if (ids.length > 0 && (inverse?.options as LinkOptions | undefined)?.multiple === false) {
    const losing = rowsOf<{ id: string }>(
      await tx.execute(sql`delete from ${j} where ${there} = any(${arrayParam(ids, "bigint[]")}) and ${here} <> ${rowId}::bigint
        returning ${here}::text as id`),
    ).map((r) => r.id);
    if (losing.length > 0) {
      const within = await rowsWithinPolicy(tx, table, writer.reader, losing);
      if (within.size !== new Set(losing).size) {
        throw new AppError("FORBIDDEN", `Field "${field.name}": a linked row is held by a row your role may not change`, { field: field.name });
      }
      await tx.execute(sql`update ${physicalTable(table.workspaceId, table.id)}
        set version = version + 1, updated_at = now(), updated_by = ${writer.userId}
        where id = any(${arrayParam(losing, "bigint[]")})`);
    }
  }
  const added = ids.filter((id) => !kept.includes(id));
  if (added.length > 0) {
    await tx.execute(sql`insert into ${j} (${here}, ${there})
      select ${rowId}::bigint, u.id from unnest(${arrayParam(added, "bigint[]")}) with ordinality as u(id, ord) order by u.ord`);
  }
}
