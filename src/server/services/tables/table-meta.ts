import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { FieldType } from "@/lib/fields/field-type";
import type { Db } from "../../db";
import { fields, tables } from "../../db/schema";
import { notFound } from "../../errors";

export type FieldMeta = { id: string; name: string; type: FieldType; options: any; position: number };
export type TableMeta = {
  id: string;
  workspaceId: string;
  baseId: string;
  name: string;
  primaryFieldId: string | null;
  fields: FieldMeta[];
};

/** A live (not trashed) table with its live fields in order; 404 otherwise. */
export async function loadTable(db: Db, tableId: string): Promise<TableMeta> {
  const [table] = await db
    .select({ id: tables.id, workspaceId: tables.workspaceId, baseId: tables.baseId, name: tables.name, primaryFieldId: tables.primaryFieldId })
    .from(tables)
    .where(and(eq(tables.id, tableId), isNull(tables.deletedAt)));
  if (!table) throw notFound("Table");
  const tableFields = await db
    .select({ id: fields.id, name: fields.name, type: fields.type, options: fields.options, position: fields.position })
    .from(fields)
    .where(and(eq(fields.tableId, tableId), isNull(fields.deletedAt)))
    .orderBy(asc(fields.position), asc(fields.createdAt));
  return { ...table, fields: tableFields as FieldMeta[] };
}

/** The API's Table shape. */
export function tableOutput(table: TableMeta) {
  return {
    id: table.id,
    baseId: table.baseId,
    name: table.name,
    primaryFieldId: table.primaryFieldId,
    fields: table.fields.map(fieldOutput),
  };
}

export function fieldOutput(field: FieldMeta) {
  return { id: field.id, name: field.name, type: field.type, options: field.options };
}

/** A field by id, or by name (exact, then case-insensitive). */
export function findField(table: TableMeta, key: string): FieldMeta | undefined {
  return (
    table.fields.find((f) => f.id === key) ??
    table.fields.find((f) => f.name === key) ??
    table.fields.find((f) => f.name.toLowerCase() === key.toLowerCase())
  );
}
