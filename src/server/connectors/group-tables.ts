import "server-only";
import type { DiscoveredColumn, DiscoveredForeignKey, DiscoveredSchema, DiscoveredTable } from "./connector";

/** What the SQL adapters read from their catalogs, one row per object. */
export type CatalogRows = {
  tables: Array<{ schema: string; name: string; kind: DiscoveredTable["kind"] }>;
  columns: Array<{ schema: string; table: string } & DiscoveredColumn>;
  primaryKeys: Array<{ schema: string; table: string; columns: string[] }>;
  foreignKeys: Array<{ schema: string; table: string } & DiscoveredForeignKey>;
};

/** Catalog rows to the discovered schema: schemas by name, tables by name, columns in their catalog order. */
export function groupCatalog(rows: CatalogRows): DiscoveredSchema {
  const key = (schema: string, table: string) => JSON.stringify([schema, table]);
  const tables = new Map<string, DiscoveredTable>();
  const bySchema = new Map<string, DiscoveredTable[]>();
  for (const t of rows.tables) {
    const table: DiscoveredTable = { name: t.name, kind: t.kind, primaryKey: [], columns: [], foreignKeys: [] };
    tables.set(key(t.schema, t.name), table);
    bySchema.set(t.schema, [...(bySchema.get(t.schema) ?? []), table]);
  }
  for (const { schema, table, ...column } of rows.columns) tables.get(key(schema, table))?.columns.push(column);
  for (const pk of rows.primaryKeys) {
    const table = tables.get(key(pk.schema, pk.table));
    if (table) table.primaryKey = pk.columns;
  }
  for (const { schema, table, ...fk } of rows.foreignKeys) tables.get(key(schema, table))?.foreignKeys.push(fk);
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    schemas: [...bySchema.entries()].map(([name, list]) => ({ name, tables: list.sort(byName) })).sort(byName),
  };
}
