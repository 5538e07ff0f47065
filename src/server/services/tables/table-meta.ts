import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { FieldType } from "@/lib/fields/field-type";
import { findByKey } from "@/lib/find-by-key";
import { readTableRules, type TableRules } from "@/lib/query/table-rules";
import type { ExternalSource } from "../../connectors/connector";
import type { Db } from "../../db";
import { fields, tables } from "../../db/schema";
import { AppError, notFound } from "../../errors";

export type FieldMeta = {
  id: string;
  name: string;
  type: FieldType;
  options: any;
  position: number;
  /** On a mounted table: the external column the field shows. */
  externalColumn?: string | null;
};
export type TableMeta = {
  id: string;
  workspaceId: string;
  baseId: string;
  name: string;
  primaryFieldId: string | null;
  fields: FieldMeta[];
  /** Field and row rules per role, applied by the policy step of every read and write. */
  rules: TableRules;
  /** Set for a table mounted from an external connection (its rows live there, not in ws_<w>.t_<id>). */
  external?: ExternalSource | null;
  /** Tables this one's link fields point to (their fields, for names, lookups and rollups). */
  linked: Record<string, Omit<TableMeta, "linked">>;
};

/** A live (not trashed) table with its live fields in order, and the tables it links to; 404 otherwise. */
export async function loadTable(db: Db, tableId: string): Promise<TableMeta> {
  const table = await loadOneTable(db, tableId);
  const linked: TableMeta["linked"] = {};
  for (const field of table.fields) {
    if (field.type !== "link") continue;
    const targetId = (field.options as { tableId: string }).tableId;
    // A linked table in the trash is left out: its links read as empty until it is restored.
    if (targetId === table.id) linked[targetId] = table;
    else if (!(targetId in linked)) {
      const target = await loadOneTable(db, targetId).catch(() => null);
      if (target) linked[targetId] = target;
    }
  }
  return { ...table, linked };
}

async function loadOneTable(db: Db, tableId: string): Promise<Omit<TableMeta, "linked">> {
  const [table] = await db
    .select({ id: tables.id, workspaceId: tables.workspaceId, baseId: tables.baseId, name: tables.name, primaryFieldId: tables.primaryFieldId, rules: tables.rules, external: tables.external })
    .from(tables)
    .where(and(eq(tables.id, tableId), isNull(tables.deletedAt)));
  if (!table) throw notFound("Table");
  const tableFields = await db
    .select({ id: fields.id, name: fields.name, type: fields.type, options: fields.options, position: fields.position, externalColumn: fields.externalColumn })
    .from(fields)
    .where(and(eq(fields.tableId, tableId), isNull(fields.deletedAt)))
    .orderBy(asc(fields.position), asc(fields.createdAt));
  return { ...table, rules: readTableRules(table.rules), fields: tableFields as FieldMeta[] };
}

/** The API's Table shape. */
export function tableOutput(table: TableMeta) {
  return {
    id: table.id,
    baseId: table.baseId,
    name: table.name,
    primaryFieldId: table.primaryFieldId,
    fields: table.fields.map(fieldOutput),
    ...(table.external ? { external: externalOutput(table.external) } : {}),
  };
}

/**
 * What a mounted table says of its source; without a primary key its rows
 * are read-only. A schema refresh reports columns dropped since (their
 * fields stay, showing nothing) and a table no longer found.
 */
function externalOutput(source: ExternalSource) {
  return {
    connectionId: source.connectionId,
    table: `${source.schema}.${source.table.name}`,
    primaryKey: source.table.primaryKey,
    ...(source.droppedColumns?.length ? { droppedColumns: source.droppedColumns } : {}),
    ...(source.missing ? { missing: true } : {}),
  };
}

/** Schema changes, CSV import and the row trash need a table Tessera hosts. */
export function assertInternal(table: Pick<TableMeta, "external">, what: string): void {
  if (table.external) throw new AppError("BAD_REQUEST", `${what} is not available on an external table`, { reason: "external_table" });
}

export function fieldOutput(field: FieldMeta) {
  return { id: field.id, name: field.name, type: field.type, options: field.options, ...(field.externalColumn ? { column: field.externalColumn } : {}) };
}

/** A field by id, or by name (exact, then case-insensitive). */
export function findField(table: Pick<TableMeta, "fields">, key: string): FieldMeta | undefined {
  return findByKey(table.fields, key);
}
