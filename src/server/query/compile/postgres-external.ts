import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { FilterNode } from "@/lib/query/plan";
import type { DiscoveredColumn, DiscoveredTable, ExternalAggregateQuery, ExternalGroup, ExternalPage, ExternalQuery, ExternalValues } from "../../connectors/connector";
import type { PlanColumn } from "../columns";
import { decodeKeysetCursor, encodeKeysetCursor } from "../cursor";
import {
  checkedAggregateQuery,
  externalAggregateValue,
  externalInstant,
  externalNumber,
  externalOperators,
  externalOrderFingerprint,
  externalSorts,
  keyFilter,
  kindOfExternalType,
  selectedExternalColumns,
  writeFilter,
  writtenColumns,
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

export type CompiledPostgresAggregate = { query: SQL; groups: (raws: Array<Record<string, unknown>>) => ExternalGroup[] };

/**
 * Groups and aggregates on an external PostgreSQL table: grouped by the
 * columns' compared values (text as text) and ordered as the same columns
 * sort in `compilePostgresQuery`, so groups come in the order of the rows.
 */
export function compilePostgresAggregate(query: ExternalAggregateQuery): CompiledPostgresAggregate {
  const checked = checkedAggregateQuery(query);
  const columns = query.table.columns.map(planColumn);
  const of = (c: DiscoveredColumn) => columns.find((p) => p.name === c.name)!;
  const groups = checked.groups.map(of);
  const keys = sortKeys(columns, groups.map((g) => ({ field: g.name, dir: "asc" as const })));
  const aggregates = checked.aggregates.map((a) => {
    if (!a.column) return sql`count(*)`;
    const c = of(a.column);
    switch (a.fn) {
      case "count":
        return sql`count(${c.value})`;
      case "count_distinct":
        return sql`count(distinct ${c.value})`;
      case "count_empty":
        return sql`count(*) filter (where ${compileFilter([c], { field: c.id, op: "is_empty" }, { now: query.now })})`;
      case "sum":
        return sql`sum(${c.value})`;
      // As a double: numeric averages carry 16 or more decimals, which JSON numbers cannot hold anyway.
      case "avg":
        return sql`avg(${c.value})::float8`;
      case "min":
      case "max": {
        const extreme = a.fn === "min" ? sql`min(${c.value})` : sql`max(${c.value})`;
        // Read as rows read the column (days and instants as text), not as the driver would parse them.
        return c.kind === "date" ? sql`(${extreme})::text` : c.kind === "instant" ? sql`to_json(${extreme}) #>> '{}'` : extreme;
      }
    }
  });
  // Text groups read their compared value (the same expression); others read as rows do, from the grouped column.
  const select = [
    ...groups.map((g, i) => sql`${g.kind === "text" ? g.value : g.read.expr} as ${sql.identifier(`g${i}`)}`),
    ...aggregates.map((a, i) => sql`${a} as ${sql.identifier(`a${i}`)}`),
  ];
  if (select.length === 0) select.push(sql`count(*) as a0`);
  const where = query.filter ? sql` where ${compileFilter(columns, query.filter, { now: query.now })}` : sql``;
  const grouped = groups.length ? sql` group by ${sql.join(groups.map((g) => g.value), sql`, `)} order by ${orderByKeys(keys)}` : sql``;
  const from = sql`${sql.identifier(query.schema)}.${sql.identifier(query.table.name)} ${row}`;
  return {
    query: sql`select ${sql.join(select, sql`, `)} from ${from}${where}${grouped} limit ${query.limit}`,
    groups: (raws) =>
      raws.map((raw) => ({
        key: groups.map((g, i) => g.read.decode(raw[`g${i}`])),
        values: checked.aggregates.map((a, i) => externalAggregateValue(a, raw[`a${i}`])),
      })),
  };
}

/**
 * The statements of a row write on an external PostgreSQL table. The WHERE
 * is the shared compiler's filter over the row's key and expected cells;
 * columns set are discovered ones, values bound (PostgreSQL types them from
 * the column).
 */
export function compilePostgresWrite(write: { schema: string; table: DiscoveredTable; now: Date }) {
  const { table } = write;
  const columns = table.columns.map(planColumn);
  const target = sql`${sql.identifier(write.schema)}.${sql.identifier(table.name)}`;
  const where = (key: ExternalValues, expected: ExternalValues) => compileFilter(columns, writeFilter(table, key, expected), { now: write.now });
  const keyColumns = table.primaryKey.map((name) => columns.find((c) => c.name === name)!);
  const sets = (values: ExternalValues) => writtenColumns(table, values).map(({ column, value }) => ({ name: sql.identifier(column.name), value: sql`${value}` }));
  return {
    read: (key: ExternalValues, within?: FilterNode) =>
      compilePostgresQuery({ schema: write.schema, table, filter: within ? { and: [keyFilter(table, key), within] } : keyFilter(table, key), limit: 1, now: write.now }),
    insert(values: ExternalValues) {
      const set = sets(values);
      const body = set.length
        ? sql`(${sql.join(set.map((s) => s.name), sql`, `)}) values (${sql.join(set.map((s) => s.value), sql`, `)})`
        : sql`default values`;
      return {
        statement: sql`insert into ${target} as ${row} ${body} returning ${sql.join(keyColumns.map((c, i) => sql`${c.read.expr} as ${sql.identifier(`k${i}`)}`), sql`, `)}`,
        key: (raw: Record<string, unknown>): ExternalValues => Object.fromEntries(keyColumns.map((c, i) => [c.name, c.read.decode(raw[`k${i}`])])),
      };
    },
    update: (key: ExternalValues, values: ExternalValues, expected: ExternalValues) =>
      sql`update ${target} as ${row} set ${sql.join(sets(values).map((s) => sql`${s.name} = ${s.value}`), sql`, `)} where ${where(key, expected)}`,
    remove: (key: ExternalValues, expected: ExternalValues) => sql`delete from ${target} as ${row} where ${where(key, expected)}`,
  };
}
