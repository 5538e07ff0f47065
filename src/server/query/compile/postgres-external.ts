import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DiscoveredColumn, ExternalPage, ExternalQuery } from "../../connectors/connector";
import type { PlanColumn } from "../columns";
import { decodeKeysetCursor, encodeKeysetCursor } from "../cursor";
import {
  externalInstant,
  externalNumber,
  externalOperators,
  externalOrderFingerprint,
  externalSorts,
  kindOfExternalType,
  selectedExternalColumns,
} from "../external-table";
import { afterKeys, compileFilter, orderByKeys, type SortKey, sortKeys } from "./postgres";

/**
 * A query on an external PostgreSQL table, through the same compiler as
 * internal tables: its columns become plan columns (identifiers from the
 * discovered schema, quoted by drizzle), so filters and sorts mean exactly
 * what they mean on an internal table. Pages are keyset pages on the sort
 * keys and the primary key; a table without one pages by offset.
 */

const row = sql`r`;

function planColumn(column: DiscoveredColumn): PlanColumn {
  const kind = kindOfExternalType[column.type];
  const stored = sql`${row}.${sql.identifier(column.name)}`;
  // Text filters and sorts read any text-like type (uuid, enums, citext) as text.
  const value = kind === "text" ? sql`(${stored})::text` : stored;
  const native = column.nativeType;
  const keepsJson = native === "json" || native === "jsonb" || native.endsWith("[]");
  const read =
    kind === "date"
      ? { expr: sql`(${stored})::text`, decode: (raw: unknown) => raw }
      : kind === "instant"
        ? { expr: sql`to_json(${stored}) #>> '{}'`, decode: externalInstant }
        : kind === "number"
          ? { expr: stored, decode: externalNumber }
          : kind === "text" && !keepsJson
            ? { expr: value, decode: (raw: unknown) => raw }
            : { expr: stored, decode: (raw: unknown) => raw };
  return { id: column.name, name: column.name, kind, value, read, operators: externalOperators(column), timeZone: "UTC" };
}

export type CompiledPostgresQuery = { query: SQL; page: (raws: Array<Record<string, unknown>>) => ExternalPage };

export function compilePostgresQuery(query: ExternalQuery): CompiledPostgresQuery {
  const { table } = query;
  const columns = table.columns.map(planColumn);
  const selected = selectedExternalColumns(query).map((c) => columns.find((p) => p.name === c.name)!);
  const { sorts, tiebreak } = externalSorts(query);
  const sortSpec = sorts.map((s) => ({ field: s.column.name, dir: s.dir }));
  // Without a primary key, every column breaks ties, so offset pages are at least repeatable.
  const tieColumns = table.primaryKey.length ? table.primaryKey : table.columns.map((c) => c.name);
  const keys: SortKey[] = sortKeys(columns, [...sortSpec, ...tieColumns.map((field) => ({ field, dir: tiebreak }))]);
  const keyset = table.primaryKey.length > 0;
  const fingerprint = externalOrderFingerprint(query);
  const position = query.cursor ? decodeKeysetCursor(query.cursor, fingerprint, keyset ? keys.length : 0) : undefined;

  const conditions: SQL[] = [];
  if (query.filter) conditions.push(compileFilter(columns, query.filter, { now: query.now }));
  if (position && "values" in position) conditions.push(afterKeys(keys, position.values));
  const where = conditions.length ? sql` where ${sql.join(conditions, sql` and `)}` : sql``;
  const offset = position && "offset" in position ? sql` offset ${position.offset}` : sql``;
  const select = sql.join(
    [
      ...selected.map((c, i) => sql`${c.read.expr} as ${sql.identifier(`c${i}`)}`),
      ...(keyset ? keys.map((k, i) => sql`(${k.expr})::text as ${sql.identifier(`k${i}`)}`) : []),
    ],
    sql`, `,
  );
  const from = sql`${sql.identifier(query.schema)}.${sql.identifier(table.name)} ${row}`;
  const statement = sql`select ${select} from ${from}${where} order by ${orderByKeys(keys)} limit ${query.limit + 1}${offset}`;

  return {
    query: statement,
    page(raws) {
      const rows = raws.slice(0, query.limit);
      const last = raws.length > query.limit ? rows.at(-1) : undefined;
      const before = position && "offset" in position ? position.offset : 0;
      return {
        rows: rows.map((raw) => Object.fromEntries(selected.map((c, i) => [c.name, c.read.decode(raw[`c${i}`])]))),
        nextCursor: !last
          ? null
          : keyset
            ? encodeKeysetCursor({ values: keys.map((_, i) => last[`k${i}`] ?? null) }, fingerprint)
            : encodeKeysetCursor({ offset: before + query.limit }, fingerprint),
      };
    },
  };
}
