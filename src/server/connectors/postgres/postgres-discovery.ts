import "server-only";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { DiscoveredSchema, ExternalFieldType } from "../connector";
import { groupCatalog } from "../group-tables";

export type ExternalPgDb = PgDatabase<PgQueryResultHKT>;

/** A PostgreSQL type (its name and pg_type category) as the Tessera type it is shown as. */
function postgresFieldType(typeName: string, category: string): ExternalFieldType {
  if (typeName === "bool") return "boolean";
  if (typeName === "date") return "date";
  if (typeName === "timestamp" || typeName === "timestamptz") return "datetime";
  if (typeName === "money") return "text";
  if (category === "N") return "number";
  if (category === "S" || category === "E" || typeName === "uuid") return "text";
  // json, arrays, ranges, bytea, geometry…: shown as their text.
  return "long_text";
}

// Every schema but the system's; relations the connected user may not read are left out.
const userSchemas = sql`n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'`;

/** Schemas, tables and views, columns, primary and foreign keys, from pg_catalog in four queries. */
export async function discoverPostgres(db: ExternalPgDb): Promise<DiscoveredSchema> {
  const tables = (await db.execute(sql`
    select n.nspname as schema, c.relname as name, c.relkind as relkind
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm', 'f') and ${userSchemas} and not c.relispartition
      and has_table_privilege(c.oid, 'select')`)) as unknown as Array<{ schema: string; name: string; relkind: string }>;
  const columns = (await db.execute(sql`
    select n.nspname as schema, c.relname as "table", a.attname as name,
      format_type(a.atttypid, a.atttypmod) as native, coalesce(bt.typname, t.typname) as type_name,
      coalesce(bt.typcategory, t.typcategory) as category, not a.attnotnull as nullable
    from pg_attribute a
      join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_type t on t.oid = a.atttypid left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
    where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'f') and ${userSchemas}
    order by n.nspname, c.relname, a.attnum`)) as unknown as Array<{
    schema: string;
    table: string;
    name: string;
    native: string;
    type_name: string;
    category: string;
    nullable: boolean;
  }>;
  const keys = (await db.execute(sql`
    select k.contype as type, n.nspname as schema, c.relname as "table",
      array(select a.attname from unnest(k.conkey) with ordinality u(attnum, i)
        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.i)::text[] as columns,
      fn.nspname as ref_schema, fc.relname as ref_table,
      array(select a.attname from unnest(k.confkey) with ordinality u(attnum, i)
        join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.i)::text[] as ref_columns
    from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_class fc on fc.oid = k.confrelid left join pg_namespace fn on fn.oid = fc.relnamespace
    where k.contype in ('p', 'f') and ${userSchemas}
    order by k.conname`)) as unknown as Array<{
    type: "p" | "f";
    schema: string;
    table: string;
    columns: string[];
    ref_schema: string | null;
    ref_table: string | null;
    ref_columns: string[];
  }>;
  return groupCatalog({
    tables: tables.map((t) => ({ schema: t.schema, name: t.name, kind: t.relkind === "v" || t.relkind === "m" ? "view" : "table" })),
    columns: columns.map((c) => ({
      schema: c.schema,
      table: c.table,
      name: c.name,
      type: postgresFieldType(c.type_name, c.category),
      nativeType: c.native,
      nullable: c.nullable,
    })),
    primaryKeys: keys.filter((k) => k.type === "p").map((k) => ({ schema: k.schema, table: k.table, columns: k.columns })),
    foreignKeys: keys
      .filter((k) => k.type === "f")
      .map((k) => ({
        schema: k.schema,
        table: k.table,
        columns: k.columns,
        references: { schema: k.ref_schema!, table: k.ref_table!, columns: k.ref_columns },
      })),
  });
}
