import "server-only";
import type { FilterCondition, FilterNode } from "@/lib/query/plan";
import type { DiscoveredColumn, DiscoveredTable, ExternalAggregateQuery, ExternalGroup, ExternalPage, ExternalQuery, ExternalValues } from "../../connectors/connector";
import { AppError } from "../../errors";
import { decodeKeysetCursor, encodeKeysetCursor } from "../cursor";
import {
  checkCondition,
  checkedAggregateQuery,
  externalAggregateValue,
  externalColumn,
  externalInstant,
  externalNumber,
  externalOrderFingerprint,
  externalSorts,
  keyFilter,
  kindOfExternalType,
  selectedExternalColumns,
  writeFilter,
  writtenColumns,
} from "../external-table";
import { badFilter, checkedScalar, dayMs, filterList, filterRange, instantMs, isDayValue, type ScalarKind, withinWindow } from "./filter-values";

/**
 * The MySQL / MariaDB compiler: the same plan semantics as the PostgreSQL
 * one (see src/test/plan-oracle.ts) in MySQL's dialect. Identifiers come
 * from the discovered schema and are quoted with backticks; every value is a
 * `?` parameter of a prepared statement. Text compares and sorts by its
 * UTF-8 bytes (code point order, no trailing-space padding, case-sensitive),
 * whatever the column's collation, as PostgreSQL's C collation would.
 */

/** A piece of MySQL with its parameters, in order. */
export type MySql = { text: string; params: unknown[] };

const raw = (text: string): MySql => ({ text, params: [] });
const param = (value: unknown): MySql => ({ text: "?", params: [value] });

function my(strings: TemplateStringsArray, ...parts: MySql[]): MySql {
  let text = strings[0]!;
  const params: unknown[] = [];
  parts.forEach((part, i) => {
    text += part.text + strings[i + 1]!;
    params.push(...part.params);
  });
  return { text, params };
}

function join(parts: MySql[], separator: string): MySql {
  return { text: parts.map((p) => p.text).join(separator), params: parts.flatMap((p) => p.params) };
}

/** A quoted identifier; names come from the discovered schema only. */
const mysqlIdentifier = (name: string): MySql => raw(`\`${name.replace(/`/g, "``")}\``);

type Column = DiscoveredColumn & { kind: ScalarKind; stored: MySql; value: MySql };

const isBinaryType = (native: string) => /^(tiny|medium|long)?blob|^(var)?binary|^bit|^geometry|^point|^linestring|^polygon|^multi|^geometrycollection/i.test(native);

function column(discovered: DiscoveredColumn): Column {
  const kind = kindOfExternalType[discovered.type];
  const stored = my`r.${mysqlIdentifier(discovered.name)}`;
  const value = kind === "text" ? utf8Bytes(stored) : stored;
  return { ...discovered, kind, stored, value };
}

/** Text as UTF-8 bytes: compared and sorted bytewise, so by code point, with no padding or case folding. */
const utf8Bytes = (expr: MySql) => my`CAST(CONVERT(${expr} USING utf8mb4) AS BINARY)`;

/** The filter value bound as the column kind's type. */
function bound(column: Column, kind: ScalarKind, value: unknown): MySql {
  const checked = checkedScalar(column, kind, value);
  switch (kind) {
    case "text":
      return my`CAST(${param(checked)} AS BINARY)`;
    case "number":
      // Exact for decimals (a double parameter would compare decimals as doubles).
      return my`CAST(${param(String(checked))} AS DECIMAL(65, 30))`;
    case "boolean":
      return param(checked ? 1 : 0);
    case "date":
      return my`CAST(${param(checked)} AS DATE)`;
    case "instant":
      return instantParam(instantMs(column, checked));
  }
}

/** Epoch milliseconds as a UTC DATETIME (sessions run in UTC, see the connector). */
const instantParam = (ms: number) => my`CAST(${param(new Date(ms).toISOString().slice(0, 23).replace("T", " "))} AS DATETIME(6))`;
const dayParam = (day: string) => my`CAST(${param(day)} AS DATE)`;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);

/** `%`, `_` and the escape character itself taken literally inside a LIKE pattern. */
const likeEscaped = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

function compileMysqlFilter(table: DiscoveredTable, node: FilterNode, now: Date): MySql {
  if ("and" in node) return node.and.length === 0 ? raw("TRUE") : my`(${join(node.and.map((n) => compileMysqlFilter(table, n, now)), " AND ")})`;
  if ("or" in node) return node.or.length === 0 ? raw("FALSE") : my`(${join(node.or.map((n) => compileMysqlFilter(table, n, now)), " OR ")})`;
  const c = column(externalColumn(table, node.field));
  checkCondition(c, node);
  return condition(c, node, now);
}

const comparators = { eq: "=", lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

function condition(c: Column, { op, value }: FilterCondition, now: Date): MySql {
  const v = c.value;
  if (op === "is_empty" || op === "is_not_empty") {
    const empty = c.kind === "boolean" ? raw("FALSE") : c.kind === "text" ? my`(${v} IS NULL OR LENGTH(${v}) = 0)` : my`${v} IS NULL`;
    return op === "is_empty" ? empty : my`NOT ${empty}`;
  }
  if (c.kind === "boolean") {
    const truth = my`(${c.stored} <> 0)`;
    return op === "eq" ? my`${truth} = ${bound(c, "boolean", value)}` : my`NOT (${truth} <=> ${bound(c, "boolean", value)})`;
  }
  if (c.kind === "instant" && op !== "is_within") {
    const values = op === "between" || op === "in" || op === "not_in" ? filterList(c, value) : [value];
    // A day (no time) compares the instant's day in UTC, as PostgreSQL does for a field without a time zone.
    if (values.every(isDayValue)) return scalarCondition(c, "date", my`DATE(${c.stored})`, op, value, now);
    return instantCondition(c, op, value, now);
  }
  return scalarCondition(c, c.kind, v, op, value, now);
}

/**
 * Instants stand for their whole millisecond (DATETIME(6) holds
 * microseconds), as on internal tables: a value read from a row finds it.
 */
function instantCondition(c: Column, op: FilterCondition["op"], value: unknown, now: Date): MySql {
  const v = c.stored;
  const at = (x: unknown) => instantParam(instantMs(c, x));
  const next = (x: unknown) => instantParam(instantMs(c, x) + 1);
  const within = (x: unknown) => my`(${v} >= ${at(x)} AND ${v} < ${next(x)})`;
  switch (op) {
    case "eq":
      return within(value);
    case "neq":
      return my`(${v} IS NULL OR NOT ${within(value)})`;
    case "lt":
      return my`${v} < ${at(value)}`;
    case "lte":
      return my`${v} < ${next(value)}`;
    case "gt":
      return my`${v} >= ${next(value)}`;
    case "gte":
      return my`${v} >= ${at(value)}`;
    case "between": {
      const [low, high] = filterRange(c, value);
      return my`(${v} >= ${at(low)} AND ${v} < ${next(high)})`;
    }
    default:
      return scalarCondition(c, "instant", v, op, value, now);
  }
}

function scalarCondition(c: Column, kind: ScalarKind, v: MySql, op: FilterCondition["op"], value: unknown, now: Date): MySql {
  switch (op) {
    case "eq":
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      return my`${v} ${raw(comparators[op])} ${bound(c, kind, value)}`;
    case "neq":
      return my`NOT (${v} <=> ${bound(c, kind, value)})`;
    case "between": {
      const [low, high] = filterRange(c, value);
      return my`${v} BETWEEN ${bound(c, kind, low)} AND ${bound(c, kind, high)}`;
    }
    case "in":
    case "not_in": {
      const values = filterList(c, value);
      if (values.length === 0) return raw(op === "in" ? "FALSE" : "TRUE");
      const any = my`${v} IN (${join(values.map((x) => bound(c, kind, x)), ", ")})`;
      return op === "in" ? any : my`(${v} IS NULL OR NOT ${any})`;
    }
    case "contains":
    case "not_contains":
    case "starts_with":
    case "ends_with": {
      const escaped = likeEscaped(checkedScalar(c, "text", value) as string);
      const pattern = op === "starts_with" ? `${escaped}%` : op === "ends_with" ? `%${escaped}` : `%${escaped}%`;
      // Case-insensitive as PostgreSQL's ILIKE: both sides lowered, then compared bytewise.
      const text = my`CONVERT(${c.stored} USING utf8mb4)`;
      const match = my`CAST(LOWER(${text}) AS BINARY) LIKE CAST(LOWER(CONVERT(${param(pattern)} USING utf8mb4)) AS BINARY) ESCAPE '!'`;
      return op === "not_contains" ? my`(${c.stored} IS NULL OR NOT (${match}))` : match;
    }
    case "is_within": {
      const { past, days } = withinWindow(c, value);
      if (kind === "date") {
        const today = now.toISOString().slice(0, 10);
        return past ? my`${v} BETWEEN ${dayParam(addDays(today, -days))} AND ${dayParam(today)}` : my`${v} BETWEEN ${dayParam(today)} AND ${dayParam(addDays(today, days))}`;
      }
      const t = now.getTime();
      return past ? my`${v} BETWEEN ${instantParam(t - days * dayMs)} AND ${instantParam(t)}` : my`${v} BETWEEN ${instantParam(t)} AND ${instantParam(t + days * dayMs)}`;
    }
    default:
      throw badFilter(c, `the operator "${op}" does not apply here`);
  }
}

/** How a column is read into the answer, and decoded. */
function reader(c: Column): { expr: MySql; decode: (raw: unknown) => unknown } {
  switch (c.kind) {
    case "number":
      return { expr: c.stored, decode: externalNumber };
    case "boolean":
      return { expr: c.stored, decode: (x) => (x === null ? null : Number(x) !== 0) };
    case "date":
      return { expr: my`DATE_FORMAT(${c.stored}, '%Y-%m-%d')`, decode: (x) => x };
    case "instant":
      return { expr: my`DATE_FORMAT(${c.stored}, '%Y-%m-%dT%H:%i:%s.%fZ')`, decode: externalInstant };
    case "text":
      return isBinaryType(c.nativeType) ? { expr: my`HEX(${c.stored})`, decode: (x) => x } : { expr: my`CONVERT(${c.stored} USING utf8mb4)`, decode: (x) => x };
  }
}

/** What a cursor holds of a key (text the key's type is cast back from). */
function keyText(c: Column): MySql {
  switch (c.kind) {
    case "text":
      return my`CONVERT(${c.stored} USING utf8mb4)`;
    case "instant":
      return my`DATE_FORMAT(${c.stored}, '%Y-%m-%d %H:%i:%s.%f')`;
    case "boolean":
      return my`(${c.stored} <> 0)`;
    default:
      return my`CAST(${c.stored} AS CHAR)`;
  }
}

function keyBound(c: Column, text: unknown): MySql {
  if (typeof text !== "string" && typeof text !== "number") throw new AppError("BAD_REQUEST", "Invalid cursor");
  const value = String(text);
  switch (c.kind) {
    case "text":
      return my`CAST(${param(value)} AS BINARY)`;
    case "number":
      if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value)) throw new AppError("BAD_REQUEST", "Invalid cursor");
      return my`CAST(${param(value)} AS DECIMAL(65, 30))`;
    case "boolean":
      return my`(${param(Number(value) ? 1 : 0)} <> 0)`;
    case "date":
      return my`CAST(${param(value)} AS DATE)`;
    case "instant":
      return my`CAST(${param(value)} AS DATETIME(6))`;
  }
}

type Key = { column: Column; dir: "asc" | "desc"; expr: MySql };

/** MySQL sorts empty cells first; Tessera puts them last ascending and first descending. */
const orderKey = (k: Key) => (k.dir === "asc" ? my`${k.expr} IS NULL, ${k.expr} ASC` : my`${k.expr} IS NULL DESC, ${k.expr} DESC`);

/** The lexicographic "after" of a keyset position, NULL-aware as `orderKey` orders. */
function afterKeys(keys: Key[], values: unknown[]): MySql {
  const branches: MySql[] = [];
  const equalSoFar: MySql[] = [];
  keys.forEach((k, i) => {
    const value = values[i];
    const b = value === null || value === undefined ? null : keyBound(k.column, value);
    let after: MySql | null;
    if (k.dir === "asc") after = b ? my`(${k.expr} > ${b} OR ${k.expr} IS NULL)` : null;
    else after = b ? my`${k.expr} < ${b}` : my`${k.expr} IS NOT NULL`;
    if (after) branches.push(equalSoFar.length ? my`(${join([...equalSoFar, after], " AND ")})` : after);
    equalSoFar.push(b ? my`${k.expr} = ${b}` : my`${k.expr} IS NULL`);
  });
  return branches.length === 0 ? raw("FALSE") : my`(${join(branches, " OR ")})`;
}

export type CompiledMysqlQuery = { statement: MySql; page: (raws: Array<Record<string, unknown>>) => ExternalPage };

export function compileMysqlQuery(query: ExternalQuery): CompiledMysqlQuery {
  const { table } = query;
  const selected = selectedExternalColumns(query).map(column);
  const { sorts, tiebreak } = externalSorts(query);
  const keyset = table.primaryKey.length > 0;
  // Without a primary key, every column breaks ties, so offset pages are at least repeatable.
  const ties = (keyset ? table.primaryKey : table.columns.map((c) => c.name)).map((name) => ({ column: externalColumn(table, name), dir: tiebreak }));
  const keys: Key[] = [...sorts, ...ties].map((s) => {
    const c = column(s.column);
    return { column: c, dir: s.dir, expr: c.kind === "boolean" ? my`(${c.stored} <> 0)` : c.value };
  });
  const fingerprint = externalOrderFingerprint(query);
  const position = query.cursor ? decodeKeysetCursor(query.cursor, fingerprint, keyset ? keys.length : 0) : undefined;

  const conditions: MySql[] = [];
  if (query.filter) conditions.push(compileMysqlFilter(table, query.filter, query.now));
  if (position && "values" in position) conditions.push(afterKeys(keys, position.values));
  const readers = selected.map(reader);
  const select = join(
    [
      ...readers.map((r, i) => my`${r.expr} AS ${mysqlIdentifier(`c${i}`)}`),
      ...(keyset ? keys.map((k, i) => my`${keyText(k.column)} AS ${mysqlIdentifier(`k${i}`)}`) : []),
    ],
    ", ",
  );
  const where = conditions.length ? my` WHERE ${join(conditions, " AND ")}` : raw("");
  // LIMIT and OFFSET are our own integers (the plan's limit is validated, the offset decoded as one), written inline
  // because MySQL's prepared statements refuse some parameter types there.
  const offset = position && "offset" in position ? raw(` OFFSET ${Math.trunc(position.offset)}`) : raw("");
  const from = my`${mysqlIdentifier(query.schema)}.${mysqlIdentifier(table.name)} r`;
  const statement = my`SELECT ${select} FROM ${from}${where} ORDER BY ${join(keys.map(orderKey), ", ")} LIMIT ${raw(String(Math.trunc(query.limit) + 1))}${offset}`;

  return {
    statement,
    page(raws) {
      const rows = raws.slice(0, query.limit);
      const last = raws.length > query.limit ? rows.at(-1) : undefined;
      const before = position && "offset" in position ? position.offset : 0;
      return {
        rows: rows.map((r) => Object.fromEntries(selected.map((c, i) => [c.name, readers[i]!.decode(r[`c${i}`])]))),
        nextCursor: !last
          ? null
          : keyset
            ? encodeKeysetCursor({ values: keys.map((_, i) => (last[`k${i}`] === null || last[`k${i}`] === undefined ? null : String(last[`k${i}`]))) }, fingerprint)
            : encodeKeysetCursor({ offset: before + query.limit }, fingerprint),
      };
    },
  };
}

export type CompiledMysqlAggregate = { statement: MySql; groups: (raws: Array<Record<string, unknown>>) => ExternalGroup[] };

/** A column read through an aggregate of it (MIN, MAX), decoded as rows decode it. */
const readOf = (c: Column, aggregate: "MIN" | "MAX", of: MySql) => reader({ ...c, stored: my`${raw(aggregate)}(${of})` });

/**
 * Groups and aggregates on a MySQL table: grouped by the values sorts
 * compare (text as its UTF-8 bytes, so case and trailing spaces make
 * groups) and ordered as `compileMysqlQuery` sorts them. A group's key is
 * read through MIN, which every value of the group equals, so the statement
 * holds under ONLY_FULL_GROUP_BY.
 */
export function compileMysqlAggregate(query: ExternalAggregateQuery): CompiledMysqlAggregate {
  const checked = checkedAggregateQuery(query);
  const groups = checked.groups.map(column);
  const keys: Key[] = groups.map((c) => ({ column: c, dir: "asc", expr: c.kind === "boolean" ? my`(${c.stored} <> 0)` : c.value }));
  const keyReaders = groups.map((c) => readOf(c, "MIN", c.stored));
  const aggregates = checked.aggregates.map((a): MySql => {
    if (!a.column) return raw("COUNT(*)");
    const c = column(a.column);
    switch (a.fn) {
      case "count":
        return my`COUNT(${c.stored})`;
      case "count_distinct":
        return my`COUNT(DISTINCT ${c.value})`;
      case "count_empty":
        return my`SUM(CASE WHEN ${condition(c, { field: c.name, op: "is_empty" }, query.now)} THEN 1 ELSE 0 END)`;
      case "sum":
        return my`SUM(${c.stored})`;
      // Over doubles: a decimal's AVG keeps only four more decimals than the column.
      case "avg":
        return my`AVG(CAST(${c.stored} AS DOUBLE))`;
      case "min":
      case "max":
        // Text by its bytes, as it sorts.
        return readOf(c, a.fn === "min" ? "MIN" : "MAX", c.kind === "text" ? c.value : c.stored).expr;
    }
  });
  const select = join(
    [...keyReaders.map((r, i) => my`${r.expr} AS ${mysqlIdentifier(`g${i}`)}`), ...aggregates.map((a, i) => my`${a} AS ${mysqlIdentifier(`a${i}`)}`)],
    ", ",
  );
  const where = query.filter ? my` WHERE ${compileMysqlFilter(query.table, query.filter, query.now)}` : raw("");
  const grouped = keys.length ? my` GROUP BY ${join(keys.map((k) => k.expr), ", ")} ORDER BY ${join(keys.map(orderKey), ", ")}` : raw("");
  const from = my`${mysqlIdentifier(query.schema)}.${mysqlIdentifier(query.table.name)} r`;
  return {
    statement: my`SELECT ${aggregates.length || keys.length ? select : raw("COUNT(*) AS a0")} FROM ${from}${where}${grouped} LIMIT ${raw(String(Math.trunc(query.limit)))}`,
    groups: (raws) =>
      raws.map((r) => ({
        key: keyReaders.map((reader, i) => reader.decode(r[`g${i}`])),
        values: checked.aggregates.map((a, i) => externalAggregateValue(a, r[`a${i}`])),
      })),
  };
}

/** A value set into a column, as MySQL takes it: booleans as 1/0, instants as UTC DATETIME text (sessions run in UTC). */
function written(c: Column, value: unknown): MySql {
  if (value === null || value === undefined) return param(null);
  if (c.kind === "boolean") return param(value ? 1 : 0);
  if (c.kind === "instant") return param(new Date(String(value)).toISOString().slice(0, 23).replace("T", " "));
  return param(value);
}

/**
 * The statements of a row write on a MySQL table: the WHERE is the filter
 * compiler's over the row's key and expected cells, columns set are
 * discovered ones, every value a `?` parameter.
 */
export function compileMysqlWrite(write: { schema: string; table: DiscoveredTable; now: Date }) {
  const { table } = write;
  const target = my`${mysqlIdentifier(write.schema)}.${mysqlIdentifier(table.name)}`;
  const where = (key: ExternalValues, expected: ExternalValues) => compileMysqlFilter(table, writeFilter(table, key, expected), write.now);
  const sets = (values: ExternalValues) => writtenColumns(table, values).map(({ column: discovered, value }) => ({ c: column(discovered), value }));
  return {
    read: (key: ExternalValues, within?: FilterNode) =>
      compileMysqlQuery({ schema: write.schema, table, filter: within ? { and: [keyFilter(table, key), within] } : keyFilter(table, key), limit: 1, now: write.now }),
    insert(values: ExternalValues): MySql {
      const set = sets(values);
      const names = join(set.map((s) => mysqlIdentifier(s.c.name)), ", ");
      return my`INSERT INTO ${target} (${names}) VALUES (${join(set.map((s) => written(s.c, s.value)), ", ")})`;
    },
    update: (key: ExternalValues, values: ExternalValues, expected: ExternalValues) =>
      my`UPDATE ${target} r SET ${join(sets(values).map((s) => my`r.${mysqlIdentifier(s.c.name)} = ${written(s.c, s.value)}`), ", ")} WHERE ${where(key, expected)}`,
    remove: (key: ExternalValues, expected: ExternalValues) => my`DELETE r FROM ${target} r WHERE ${where(key, expected)}`,
  };
}
