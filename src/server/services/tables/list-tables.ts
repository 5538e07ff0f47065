import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db";
import { fields, tables } from "../../db/schema";
import type { FieldMeta } from "./table-meta";
import { fieldOutput } from "./table-meta";

/** The live tables of a base, each with its live fields, in two queries. */
export async function listTables(db: Db, baseId: string) {
  const baseTables = await db
    .select({ id: tables.id, baseId: tables.baseId, name: tables.name, primaryFieldId: tables.primaryFieldId })
    .from(tables)
    .where(and(eq(tables.baseId, baseId), isNull(tables.deletedAt)))
    .orderBy(asc(tables.position), asc(tables.createdAt));
  if (baseTables.length === 0) return [];
  const allFields = await db
    .select({ id: fields.id, tableId: fields.tableId, name: fields.name, type: fields.type, options: fields.options, position: fields.position })
    .from(fields)
    .where(and(inArray(fields.tableId, baseTables.map((t) => t.id)), isNull(fields.deletedAt)))
    .orderBy(asc(fields.position), asc(fields.createdAt));
  return baseTables.map((t) => ({
    ...t,
    fields: allFields.filter((f) => f.tableId === t.id).map((f) => fieldOutput(f as FieldMeta)),
  }));
}
