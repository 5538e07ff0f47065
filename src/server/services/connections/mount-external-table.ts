import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { bases, fields, tables } from "../../db/schema";
import type { AuditActor } from "../../audit/record-audit";
import type { DiscoveredColumn } from "../../connectors/connector";
import { notFound } from "../../errors";
import { newId } from "../../ids";
import { prepareField } from "../fields/prepare-field";
import { finishNewTable } from "../tables/create-table";
import { loadConnection } from "./connection-record";
import { connectionSchema, findExternalTable } from "./connection-schema";

/** Decimals a number field shows for a column: its declared scale, none for integers, all (8) for floating point. */
function numberPrecision(nativeType: string): number {
  const scale = /\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(nativeType);
  if (scale) return Math.min(8, Number(scale[1]));
  return /int|long|serial/i.test(nativeType) ? 0 : 8;
}

/** The field type and options a discovered column is shown with. */
export function fieldInput(column: DiscoveredColumn) {
  switch (column.type) {
    case "number":
      return { type: column.type, options: { precision: numberPrecision(column.nativeType) } };
    case "datetime":
      return { type: column.type, options: { timeZone: "UTC" } };
    case "text":
    case "long_text":
    case "boolean":
    case "date":
      return { type: column.type, options: {} };
    default: {
      const unknownType: never = column.type;
      throw new Error(`No field type for ${String(unknownType)}`);
    }
  }
}

/** Column names may differ only in case, which field names may not: later ones get a number. */
export function fieldName(column: string, taken: Set<string>): string {
  let name = column;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${column} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Adds an external table or collection to a base: a `tables` row marked with
 * its connection and the discovered table (so every later query checks its
 * identifiers against what was discovered), and a field per column that
 * remembers its column. No physical table is created; the rows stay in the
 * external database. The primary field is the first primary key column.
 */
export async function mountExternalTable(db: Db, params: { connectionId: string; baseId: string; table: string; actor: AuditActor }) {
  const connection = await loadConnection(db, params.connectionId);
  const [base] = await db.select({ workspaceId: bases.workspaceId }).from(bases).where(eq(bases.id, params.baseId));
  // The workspace was derived from the connection: a base of another workspace does not exist here.
  if (!base || base.workspaceId !== connection.workspaceId) throw notFound("Base");
  const schema = await connectionSchema(db, { connectionId: connection.id, actor: params.actor });
  const found = findExternalTable(schema, params.table);

  const tableId = newId();
  const taken = new Set<string>();
  const prepared = found.table.columns.map((column, position) => ({
    id: newId(),
    column: column.name,
    position,
    ...prepareField({ name: fieldName(column.name, taken), ...fieldInput(column) }, []),
  }));
  const primaryColumn = found.table.primaryKey[0] ?? found.table.columns[0]?.name;
  const primaryFieldId = prepared.find((f) => f.column === primaryColumn)?.id ?? null;

  return db.transaction(async (tx) => {
    await tx.insert(tables).values({
      id: tableId,
      workspaceId: connection.workspaceId,
      baseId: params.baseId,
      name: found.table.name,
      primaryFieldId,
      connectionId: connection.id,
      external: { connectionId: connection.id, schema: found.schema, table: found.table },
      createdBy: params.actor.userId,
    });
    if (prepared.length > 0) {
      await tx.insert(fields).values(
        prepared.map((f) => ({ id: f.id, tableId, name: f.name, type: f.type, options: f.options, position: f.position, externalColumn: f.column })),
      );
    }
    return finishNewTable(tx, { workspaceId: connection.workspaceId, tableId, actor: params.actor });
  });
}
