import "server-only";
import { isDeepStrictEqual } from "node:util";
import { sql } from "drizzle-orm";
import type { Db } from "../../db";
import { columnName, physicalTable } from "../../db/tenant/table-ddl";
import { AppError, notFound } from "../../errors";
import { type AuditActor, recordAudits } from "../../audit/record-audit";
import { assertWritable, type Reader, tablePolicy } from "../../authz/table-policy";
import { rowsWithinPolicy } from "../../query/execute";
import { findField, type TableMeta } from "../tables/table-meta";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { cellParam, encodeCells, type FieldKey, keyedBy, normalizeExpected, readRowsById } from "./row-codec";
import { attachmentIdsIn, loadValueContext } from "./value-context";
import { writeLinks } from "./write-links";
import { tableAndLinksChanged } from "../../events/table-changes";
import { linkedRowsFor } from "../../query/columns";
import { isMounted } from "../../query/external-rows";
import { updateExternalRows } from "./external-row-writes";

export type RowUpdate = { id: string; fields?: unknown; expected?: unknown };

/**
 * Updates rows all or nothing, with cell-level compare-and-set: for each cell
 * in `expected`, the row must still hold that value, otherwise the whole
 * request is refused with CONFLICT and the current rows. Two people editing
 * different cells of one row never conflict. The writer's field and row
 * rules apply: rows outside their row rule are not found.
 */
export async function updateRows(
  db: Db,
  params: { table: TableMeta; rows: RowUpdate[]; actor: AuditActor; reader: Reader; fieldKey?: FieldKey },
) {
  const { table } = params;
  if (isMounted(table)) return updateExternalRows(db, { ...params, table });
  const policy = tablePolicy(table, params.reader);
  const batch = params.rows.length > 1;
  const context = await loadValueContext(db, table.workspaceId, table.fields.map((f) => f.type), attachmentIdsIn(table, params.rows));
  const updates = params.rows.map((row, i) => ({
    id: row.id,
    cells: encodeCells(policy.visible, row.fields ?? {}, context, batch ? i : undefined),
    expected: expectedCells(policy.visible, row.expected, batch ? i : undefined),
  }));
  assertWritable(policy, updates.flatMap((u) => u.cells.map((c) => c.field.id)));
  const ids = updates.map((u) => u.id);
  if (new Set(ids).size !== ids.length) throw new AppError("BAD_REQUEST", "A row appears twice in the request");

  const { updated, written } = await db.transaction(async (tx) => {
    // Locks the rows so a concurrent edit waits and then compares against this one's result.
    const current = await readRowsById(tx, table, ids, { forUpdate: true, fieldKey: "id" });
    const within = await rowsWithinPolicy(tx, table, params.reader, current.map((r) => r.id));
    const byId = new Map(current.filter((r) => within.has(r.id)).map((r) => [r.id, r]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw notFound(`Row ${missing}`);
    // Compared and answered as the writer sees the rows (links to rows outside their rules left out);
    // audited in full.
    const linkedRows = linkedRowsFor(params.reader);
    const seen = linkedRows ? new Map((await readRowsById(tx, table, ids, { fieldKey: "id", linkedRows })).map((r) => [r.id, r])) : byId;

    const stale = updates.filter((u) =>
      u.expected.some(({ fieldId, value, comparable }) => !isDeepStrictEqual(comparable(seen.get(u.id)!.fields[fieldId]), value)),
    );
    if (stale.length > 0) {
      const rows = stale.map((u) => keyedBy(policy.visible, seen.get(u.id)!, params.fieldKey));
      throw new AppError("CONFLICT", "The row was changed by someone else; nothing was saved", { rows });
    }

    const t = physicalTable(table.workspaceId, table.id);
    for (const update of updates) {
      for (const cell of update.cells) if (cell.field.type === "link") await writeLinks(tx, table, cell.field, update.id, cell.value as string[], { reader: params.reader, userId: params.actor.userId });
      const sets = update.cells
        .filter((c) => c.field.type !== "link")
        .map((c) => sql`${sql.identifier(columnName(c.field.id))} = ${cellParam(c.value)}`);
      await tx.execute(
        sql`update ${t} set ${sql.join(
          [...sets, sql`version = version + 1`, sql`updated_at = now()`, sql`updated_by = ${params.actor.userId}`],
          sql`, `,
        )} where id = ${update.id}::bigint`,
      );
    }

    const after = await readRowsById(tx, table, ids, { fieldKey: "id" });
    await recordAudits(
      tx,
      params.actor,
      updates.map((u, i) => {
        const changed = u.cells.map((c) => c.field);
        const pick = (fields: Record<string, unknown>) => Object.fromEntries(changed.map((f) => [f.id, fields[f.id]]));
        return {
          workspaceId: table.workspaceId,
          action: "row.update",
          resourceType: "row",
          resourceId: `${table.id}:${u.id}`,
          before: pick(byId.get(u.id)!.fields),
          after: pick(after[i]!.fields),
        };
      }),
    );
    if ((await rowsWithinPolicy(tx, table, params.reader, ids)).size !== ids.length) {
      throw new AppError("FORBIDDEN", "The change would move a row outside the rows your role may work on");
    }
    const shown = linkedRows ? await readRowsById(tx, table, ids, { fieldKey: "id", linkedRows }) : after;
    return {
      updated: shown.map((row) => keyedBy(policy.visible, row, params.fieldKey)),
      written: updates.map((u, i) => ({ id: u.id, version: after[i]!.version, fields: u.cells.map((c) => c.field.id) })),
    };
  });
  await tableAndLinksChanged(table, "rows", { updated: written });
  return updated;
}

function expectedCells(table: TableMeta, expected: unknown, rowIndex?: number) {
  if (expected === undefined || expected === null) return [];
  if (typeof expected !== "object" || Array.isArray(expected)) {
    throw new AppError("BAD_REQUEST", "expected must be an object of field values", { row: rowIndex });
  }
  return Object.entries(expected).map(([key, value]) => {
    const field = findField(table, key);
    if (!field) throw new AppError("BAD_REQUEST", `Unknown field "${key}" in expected`, { field: key, row: rowIndex });
    const definedComparable = fieldTypeDefinition(field.type)!.comparable;
    const comparable = definedComparable ?? ((v: unknown) => v);
    return { fieldId: field.id, value: definedComparable ? definedComparable(value) : normalizeExpected(field, value), comparable };
  });
}
