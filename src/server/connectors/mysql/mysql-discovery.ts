import "server-only";
import type { DiscoveredSchema, ExternalFieldType } from "../connector";
import { groupCatalog } from "../group-tables";

/** A MySQL column type (DATA_TYPE and the full COLUMN_TYPE) as the Tessera type it is shown as. */
function mysqlFieldType(dataType: string, columnType: string): ExternalFieldType {
  const type = dataType.toLowerCase();
  if (type === "tinyint" && /^tinyint\(1\)/i.test(columnType)) return "boolean";
  if (["tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float", "double", "real", "year"].includes(type)) return "number";
  if (type === "date") return "date";
  if (type === "datetime" || type === "timestamp") return "datetime";
  if (["char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "time", "uuid", "inet4", "inet6"].includes(type)) return "text";
  // json, blobs, binary strings, bits, geometry: shown as their text (hex for bytes).
  return "long_text";
}

const systemDatabases = ["mysql", "information_schema", "performance_schema", "sys"];

type Run = (statement: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * The connection's database (or, when it names none, every database but the
 * system's) from information_schema: tables and views, columns, primary and
 * foreign keys.
 */
export async function discoverMysql(run: Run, database: string | undefined): Promise<DiscoveredSchema> {
  const scope = database ? { where: "= ?", params: [database] } : { where: `NOT IN (${systemDatabases.map(() => "?").join(", ")})`, params: systemDatabases };
  const tables = await run(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA ${scope.where}`,
    scope.params,
  );
  const columns = await run(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, COLUMN_NAME AS name, DATA_TYPE AS data_type, COLUMN_TYPE AS column_type, IS_NULLABLE AS nullable
     FROM information_schema.COLUMNS WHERE TABLE_SCHEMA ${scope.where} ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`,
    scope.params,
  );
  const keys = await run(
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, CONSTRAINT_NAME AS name, COLUMN_NAME AS col,
       REFERENCED_TABLE_SCHEMA AS ref_s, REFERENCED_TABLE_NAME AS ref_t, REFERENCED_COLUMN_NAME AS ref_col
     FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA ${scope.where} AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)
     ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
    scope.params,
  );
  const text = (v: unknown) => String(v);
  const groups = new Map<string, { s: string; t: string; name: string; cols: string[]; ref?: { s: string; t: string; cols: string[] } }>();
  for (const k of keys) {
    const id = JSON.stringify([k.s, k.t, k.name]);
    const group = groups.get(id) ?? { s: text(k.s), t: text(k.t), name: text(k.name), cols: [], ...(k.ref_t ? { ref: { s: text(k.ref_s), t: text(k.ref_t), cols: [] } } : {}) };
    group.cols.push(text(k.col));
    if (group.ref) group.ref.cols.push(text(k.ref_col));
    groups.set(id, group);
  }
  const constraints = [...groups.values()];
  return groupCatalog({
    tables: tables.map((t) => ({ schema: text(t.s), name: text(t.t), kind: text(t.type).includes("VIEW") ? "view" : "table" })),
    columns: columns.map((c) => ({
      schema: text(c.s),
      table: text(c.t),
      name: text(c.name),
      type: mysqlFieldType(text(c.data_type), text(c.column_type)),
      nativeType: text(c.column_type),
      nullable: c.nullable === "YES",
    })),
    primaryKeys: constraints.filter((g) => g.name === "PRIMARY").map((g) => ({ schema: g.s, table: g.t, columns: g.cols })),
    foreignKeys: constraints
      .filter((g) => g.ref)
      .map((g) => ({ schema: g.s, table: g.t, columns: g.cols, references: { schema: g.ref!.s, table: g.ref!.t, columns: g.ref!.cols } })),
  });
}
