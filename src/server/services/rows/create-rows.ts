import "server-only";
import { sql } from "drizzle-orm";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { type Db, rowsOf } from "../../db";
import { insertMany, type ManyColumn } from "../../db/insert-many";
import { columnName, physicalTable } from "../../db/tenant/table-ddl";
import { type AuditActor, recordAudits } from "../../audit/record-audit";
import { assertWritable, type Reader, tablePolicy } from "../../authz/table-policy";
import { AppError } from "../../errors";
import { rowsWithinPolicy } from "../../query/execute";
import type { TableMeta } from "../tables/table-meta";
import { encodeCells, type FieldKey, keyedBy, readRowsById } from "./row-codec";
import { attachmentIdsIn, loadValueContext } from "./value-context";
import { writeLinks } from "./write-links";
import { tableAndLinksChanged } from "../../events/table-changes";
import { linkedRowsFor } from "../../query/columns";
import { isMounted } from "../../query/external-rows";
import { createExternalRows } from "./external-row-writes";

/**
 * All rows or none: every value is checked before anything is written. The
 * writer's field rules apply (hidden fields are unknown, read-only ones
 * refused), and each new row must fall inside their row rule.
 */
export async function createRows(
  db: Db,
  params: { table: TableMeta; rows: Array<{ fields?: unknown }>; actor: AuditActor; reader: Reader; fieldKey?: FieldKey },
) {
  const { table } = params;
  if (isMounted(table)) return createExternalRows(db, { ...params, table });
  const policy = tablePolicy(table, params.reader);
  const context = await loadValueContext(db, table.workspaceId, table.fields.map((f) => f.type), attachmentIdsIn(table, params.rows));
  const encoded = params.rows.map((row, i) => encodeCells(policy.visible, row.fields ?? {}, context, params.rows.length > 1 ? i : undefined));
  assertWritable(policy, encoded.flatMap((cells) => cells.map((c) => c.field.id)));
  // One INSERT for the batch, a bound array per column. A row that leaves a
  // field out gets what an empty value stores (false for a checkbox, else null).
  const given = [...new Map(encoded.flatMap((cells) => cells.map((c) => [c.field.id, c.field]))).values()];
  const isLink = (f: { type: string }) => f.type === "link";
  const fields = given.filter((f) => !isLink(f));
  const userIds = encoded.map(() => params.actor.userId);
  const columns: ManyColumn[] = [
    { column: "created_by", elementType: "text", values: userIds },
    { column: "updated_by", elementType: "text", values: userIds },
    ...fields.map((field): ManyColumn => {
      const definition = fieldTypeDefinition(field.type)!;
      const storage = definition.storage(field.options);
      const sqlType = storage.kind === "column" ? storage.sqlType.split(" ")[0]! : "text";
      const empty = definition.toDb(null, field.options);
      const values = encoded.map((cells) => {
        const cell = cells.find((c) => c.field.id === field.id);
        return cell ? cell.value : empty.ok ? empty.value : null;
      });
      return sqlType === "text[]"
        ? { column: columnName(field.id), elementType: "text", cast: "text[]", values }
        : { column: columnName(field.id), elementType: sqlType, values };
    }),
  ];
  const created = await db.transaction(async (tx) => {
    const inserted = rowsOf<{ id: string }>(
      await tx.execute(insertMany(physicalTable(table.workspaceId, table.id), columns, sql`id::text as id`)),
    );
    // Identity values follow insertion order, which follows the request's.
    inserted.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    for (const [i, cells] of encoded.entries()) {
      for (const cell of cells) if (isLink(cell.field)) await writeLinks(tx, table, cell.field, inserted[i]!.id, cell.value as string[], { reader: params.reader, userId: params.actor.userId });
    }
    const within = await rowsWithinPolicy(tx, table, params.reader, inserted.map((r) => r.id));
    if (within.size !== inserted.length) throw new AppError("FORBIDDEN", "A new row would fall outside the rows your role may work on");
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
    // Audited in full; answered as the writer may see the linked rows.
    const linkedRows = linkedRowsFor(params.reader);
    const shown = linkedRows ? await readRowsById(tx, table, inserted.map((r) => r.id), { fieldKey: "id", linkedRows }) : rows;
    return shown.map((row) => keyedBy(policy.visible, row, params.fieldKey));
  });
  await tableAndLinksChanged(table, "rows", { created: created.map((row) => row.id) });
  return created;
}
