import "server-only";
import { and, eq, isNull, max } from "drizzle-orm";
import { isDeepStrictEqual } from "node:util";
import type { Db } from "../../db";
import { fields, tables } from "../../db/schema";
import { type AuditActor, recordAudit } from "../../audit/record-audit";
import type { DiscoveredSchema, ExternalSource } from "../../connectors/connector";
import { newId } from "../../ids";
import { prepareField } from "../fields/prepare-field";
import { loadTable } from "../tables/table-meta";
import { fieldInput, fieldName } from "./mount-external-table";

export type MountedTableChanges = {
  tableId: string;
  added: string[];
  dropped: string[];
  retyped: Array<{ column: string; from: string; to: string }>;
  missing: boolean;
};

/**
 * Brings the tables mounted from a connection in line with a fresh
 * discovery: a new column becomes a field; a field whose column was dropped
 * stays (its views and rules may name it) but is reported in the table's
 * `droppedColumns` and left out of reads; a column whose type now maps to
 * another field type changes its field's type; a table no longer found is
 * marked `missing`. Each table that changed is audited as `table.sync`
 * with what changed. Answers the changes, per table.
 */
export async function syncMountedTables(db: Db, params: { connectionId: string; schema: DiscoveredSchema; actor: AuditActor }): Promise<MountedTableChanges[]> {
  const mounted = await db
    .select({ id: tables.id, external: tables.external })
    .from(tables)
    .where(and(eq(tables.connectionId, params.connectionId), isNull(tables.deletedAt)));
  const changes: MountedTableChanges[] = [];
  for (const { id } of mounted) {
    const change = await db.transaction((tx) => syncOne(tx, id, params));
    if (change) changes.push(change);
  }
  return changes;
}

async function syncOne(tx: Db, tableId: string, params: { schema: DiscoveredSchema; actor: AuditActor }): Promise<MountedTableChanges | null> {
  const table = await loadTable(tx, tableId);
  const source = table.external!;
  const found = params.schema.schemas.find((s) => s.name === source.schema)?.tables.find((t) => t.name === source.table.name);
  const change: MountedTableChanges = { tableId, added: [], dropped: [], retyped: [], missing: !found };
  let next: ExternalSource;
  if (!found) {
    next = { ...source, missing: true };
  } else {
    const shown = new Set(table.fields.map((f) => f.externalColumn));
    const columns = new Map(found.columns.map((c) => [c.name, c]));
    const taken = new Set(table.fields.map((f) => f.name.toLowerCase()));
    const [{ last } = { last: null }] = await tx.select({ last: max(fields.position) }).from(fields).where(eq(fields.tableId, tableId));
    let position = (last ?? -1) + 1;
    for (const column of found.columns.filter((c) => !shown.has(c.name))) {
      const prepared = prepareField({ name: fieldName(column.name, taken), ...fieldInput(column) }, []);
      await tx.insert(fields).values({ id: newId(), tableId, name: prepared.name, type: prepared.type, options: prepared.options, position: position++, externalColumn: column.name });
      change.added.push(column.name);
    }
    for (const field of table.fields) {
      const column = columns.get(field.externalColumn!);
      if (!column) {
        change.dropped.push(field.externalColumn!);
        continue;
      }
      const input = prepareField({ name: field.name, ...fieldInput(column) }, []);
      if (input.type !== field.type || !isDeepStrictEqual(input.options, field.options)) {
        await tx.update(fields).set({ type: input.type, options: input.options }).where(eq(fields.id, field.id));
        if (input.type !== field.type) change.retyped.push({ column: column.name, from: field.type, to: input.type });
      }
    }
    next = { connectionId: source.connectionId, schema: source.schema, table: found, ...(change.dropped.length ? { droppedColumns: change.dropped } : {}) };
  }
  if (isDeepStrictEqual(next, source)) return null;
  await tx.update(tables).set({ external: next }).where(eq(tables.id, tableId));
  await recordAudit(tx, params.actor, {
    workspaceId: table.workspaceId,
    action: "table.sync",
    resourceType: "table",
    resourceId: tableId,
    before: { columns: source.table.columns.map((c) => `${c.name}: ${c.nativeType}`), droppedColumns: source.droppedColumns ?? [], missing: source.missing ?? false },
    after: { columns: next.table.columns.map((c) => `${c.name}: ${c.nativeType}`), ...change },
  });
  return change;
}
