import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { isCalendarDate } from "@/lib/fields/types/date";
import type { FilterCondition, FilterNode, SortSpec } from "@/lib/query/plan";
import { arrayParam, pgArrayLiteral } from "../../db/array-param";
import { AppError } from "../../errors";
import { findColumn, type PlanColumn } from "../columns";
import { badFilter, checkedScalar, filterList, filterRange, type ScalarKind, withinWindow } from "./filter-values";

/**
 * The PostgreSQL compiler: filters, sorts and search of a query plan to SQL
 * through drizzle's `sql` builder. Columns come from the table's metadata
 * (never from the request), and every value is a bound parameter.
 */

export type CompileContext = { now: Date };

const sqlType: Record<ScalarKind, string> = {
  text: "text",
  number: "numeric",
  boolean: "boolean",
  date: "date",
  instant: "timestamptz",
};

/** The filter value for a scalar kind, checked and bound with its SQL type. */
function scalar(column: PlanColumn, kind: ScalarKind, value: unknown): SQL {
  return sql`${checkedScalar(column, kind, value)}::${sql.raw(sqlType[kind])}`;
}

function textList(column: PlanColumn, value: unknown): string[] {
  return filterList(column, value).map((v) => checkedScalar(column, "text", v) as string);
}

/** A filter tree to a boolean SQL expression; an empty group matches every row (and) or none (or). */
export function compileFilter(columns: PlanColumn[], node: FilterNode, ctx: CompileContext): SQL {
  if ("and" in node) {
    if (node.and.length === 0) return sql`true`;
    return sql`(${sql.join(node.and.map((n) => compileFilter(columns, n, ctx)), sql` and `)})`;
  }
  if ("or" in node) {
    if (node.or.length === 0) return sql`false`;
    return sql`(${sql.join(node.or.map((n) => compileFilter(columns, n, ctx)), sql` or `)})`;
  }
  return compileCondition(findColumn(columns, node.field), node, ctx);
}

/** Choice names (or ids) to the ids stored. */
function choiceIds(column: PlanColumn, names: unknown[]): string[] {
  const choices = (column.field?.options as { choices?: Array<{ id: string; name: string }> } | undefined)?.choices ?? [];
  return names.map((name) => {
    const choice = choices.find((c) => c.name === name) ?? choices.find((c) => c.id === name);
    if (!choice) throw badFilter(column, `${JSON.stringify(name)} is not one of the choices`);
    return choice.id;
  });
}

/** `%`, `_` and `\` taken literally inside a LIKE pattern. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function textMatch(expr: SQL, op: "contains" | "not_contains" | "starts_with" | "ends_with", text: string): SQL {
  const escaped = likeEscaped(text);
  const pattern = op === "starts_with" ? `${escaped}%` : op === "ends_with" ? `%${escaped}` : `%${escaped}%`;
  const match = sql`${expr} ilike ${pattern}`;
  return op === "not_contains" ? sql`(${expr} is null or not (${match}))` : match;
}

const comparators = { eq: sql`=`, lt: sql`<`, lte: sql`<=`, gt: sql`>`, gte: sql`>=` } as const;

function compileCondition(column: PlanColumn, condition: FilterCondition, ctx: CompileContext): SQL {
  const { op, value } = condition;
  if (!column.operators.includes(op)) {
    throw badFilter(column, `the operator "${op}" does not apply to ${column.field?.type ?? "this"} fields (use one of: ${column.operators.join(", ")})`);
  }
  const needsValue = op !== "is_empty" && op !== "is_not_empty";
  if (needsValue && (value === undefined || value === null)) throw badFilter(column, `the operator "${op}" needs a value`);
  const v = column.value;

  if (op === "is_empty" || op === "is_not_empty") {
    const empty = emptiness(column);
    return op === "is_empty" ? empty : sql`not ${empty}`;
  }

  switch (column.kind) {
    case "text":
    case "number":
    case "boolean":
    case "date":
      return scalarCondition(column, column.kind, v, condition, ctx);
    case "instant": {
      // A day (no time) compares the instant's day in the field's time zone.
      const day = (x: unknown) => typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x);
      const values = op === "between" ? filterList(column, value) : op === "in" || op === "not_in" ? filterList(column, value) : [value];
      if (op !== "is_within" && values.every(day)) {
        return scalarCondition(column, "date", sql`(${v} at time zone ${column.timeZone})::date`, condition, ctx);
      }
      return scalarCondition(column, "instant", v, condition, ctx);
    }
    case "choice": {
      if (op === "in" || op === "not_in") {
        const ids = arrayParam(choiceIds(column, filterList(column, value)), "text[]");
        return op === "in" ? sql`${v} = any(${ids})` : sql`(${v} is null or not (${v} = any(${ids})))`;
      }
      const [id] = choiceIds(column, [value]);
      return op === "eq" ? sql`${v} = ${id}` : sql`${v} is distinct from ${id}`;
    }
    case "choices":
    case "users": {
      const values = Array.isArray(value) ? value : [value];
      const ids = column.kind === "choices" ? choiceIds(column, filterList(column, values)) : textList(column, values);
      const array = arrayParam(ids, "text[]");
      if (op === "has_any_of") return sql`coalesce(${v} && ${array}, false)`;
      // Every one of no values: true for every row, empty ones too (as for links).
      if (op === "has_all_of") return ids.length === 0 ? sql`true` : sql`coalesce(${v} @> ${array}, false)`;
      // eq: exactly this set.
      return ids.length === 0 ? emptiness(column) : sql`coalesce(${v} @> ${array} and ${v} <@ ${array}, false)`;
    }
    case "user": {
      if (op === "in" || op === "not_in") {
        const ids = arrayParam(textList(column, value), "text[]");
        return op === "in" ? sql`${v} = any(${ids})` : sql`(${v} is null or not (${v} = any(${ids})))`;
      }
      const id = checkedScalar(column, "text", value);
      return op === "eq" ? sql`${v} = ${id}` : sql`${v} is distinct from ${id}`;
    }
    case "texts": {
      if (op === "contains" || op === "not_contains") {
        const text = checkedScalar(column, "text", value) as string;
        const any = sql`exists (select 1 from unnest(${v}) x where x ilike ${`%${likeEscaped(text)}%`})`;
        return op === "contains" ? any : sql`not ${any}`;
      }
      const array = arrayParam(textList(column, Array.isArray(value) ? value : [value]), "text[]");
      if (op === "has_any_of") return sql`coalesce(${v} && ${array}, false)`;
      if (op === "has_all_of") return sql`coalesce(${v} @> ${array}, false)`;
      return sql`coalesce(${v} @> ${array} and ${v} <@ ${array}, false)`;
    }
    case "list": {
      // Links match by the linked rows' ids, lookups by their values' text.
      const isLink = column.field?.type === "link";
      const element = isLink ? sql`e->>'id'` : sql`coalesce(e->>'name', e #>> '{}')`;
      if (op === "contains" || op === "not_contains") {
        const text = checkedScalar(column, "text", value) as string;
        const any = sql`exists (select 1 from json_array_elements(${v}) e where coalesce(e->>'name', e #>> '{}') ilike ${`%${likeEscaped(text)}%`})`;
        return op === "contains" ? any : sql`not ${any}`;
      }
      const values = textList(column, Array.isArray(value) ? value : [value]);
      const array = arrayParam(values, "text[]");
      if (op === "has_any_of") return sql`exists (select 1 from json_array_elements(${v}) e where ${element} = any(${array}))`;
      if (op === "has_all_of") {
        return sql`not exists (select x from unnest(${array}) x except select ${element} from json_array_elements(${v}) e)`;
      }
      throw badFilter(column, `the operator "${op}" does not apply here`);
    }
  }
}

/**
 * Instants are shown to the millisecond, but created and modified times are
 * stored to the microsecond: a value as shown stands for its whole
 * millisecond, so filtering on a value read from a row finds that row.
 * Spelled as ranges so an index on the column still applies.
 */
function instantCondition(column: PlanColumn, v: SQL, op: "eq" | "neq" | "lte" | "gt" | "between", value: unknown): SQL {
  const at = (x: unknown) => scalar(column, "instant", x);
  const next = (x: unknown) => sql`(${at(x)} + interval '1 millisecond')`;
  const within = (x: unknown) => sql`(${v} >= ${at(x)} and ${v} < ${next(x)})`;
  switch (op) {
    case "eq":
      return within(value);
    case "neq":
      return sql`(${v} is null or not ${within(value)})`;
    case "lte":
      return sql`${v} < ${next(value)}`;
    case "gt":
      return sql`${v} >= ${next(value)}`;
    case "between": {
      const [low, high] = filterRange(column, value);
      return sql`(${v} >= ${at(low)} and ${v} < ${next(high)})`;
    }
  }
}

function scalarCondition(column: PlanColumn, kind: ScalarKind, v: SQL, condition: FilterCondition, ctx: CompileContext): SQL {
  const { op, value } = condition;
  if (kind === "instant" && (op === "eq" || op === "neq" || op === "lte" || op === "gt" || op === "between")) {
    return instantCondition(column, v, op, value);
  }
  switch (op) {
    case "eq":
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      return sql`${v} ${comparators[op]} ${scalar(column, kind, value)}`;
    case "neq":
      return sql`${v} is distinct from ${scalar(column, kind, value)}`;
    case "between": {
      const [low, high] = filterRange(column, value);
      return sql`${v} between ${scalar(column, kind, low)} and ${scalar(column, kind, high)}`;
    }
    case "in":
    case "not_in": {
      const values = filterList(column, value).map((x) => checkedScalar(column, kind, x));
      // One bound array however long the list (a parameter per value would run out at 65,535).
      const any = sql`${v} = any(${pgArrayLiteral(values.map(String))}::text[]::${sql.raw(sqlType[kind])}[])`;
      if (values.length === 0) return op === "in" ? sql`false` : sql`true`;
      return op === "in" ? any : sql`(${v} is null or not (${any}))`;
    }
    case "contains":
    case "not_contains":
    case "starts_with":
    case "ends_with":
      return textMatch(kind === "text" ? v : sql`(${v})::text`, op, checkedScalar(column, "text", value) as string);
    case "is_within": {
      const { past, days } = withinWindow(column, value);
      const now = sql`${ctx.now.toISOString()}::timestamptz`;
      if (kind === "date") {
        const today = sql`(${now} at time zone ${column.timeZone})::date`;
        return past ? sql`${v} between ${today} - ${days}::int and ${today}` : sql`${v} between ${today} and ${today} + ${days}::int`;
      }
      const span = sql`make_interval(days => ${days}::int)`;
      return past ? sql`${v} between ${now} - ${span} and ${now}` : sql`${v} between ${now} and ${now} + ${span}`;
    }
    default:
      throw badFilter(column, `the operator "${op}" does not apply here`);
  }
}

/** Empty: no value, blank text, an empty list. Booleans are never empty (unchecked is a value). */
function emptiness(column: PlanColumn): SQL {
  const v = column.value;
  switch (column.kind) {
    case "text":
      return sql`(${v} is null or ${v} = '')`;
    case "choices":
    case "users":
    case "texts":
      return sql`coalesce(cardinality(${v}), 0) = 0`;
    case "list":
      return sql`coalesce(json_array_length(${v}), 0) = 0`;
    case "boolean":
      return sql`false`;
    default:
      return sql`${v} is null`;
  }
}

/** Search: rows where any visible column's shown text contains the words (case-insensitively). */
export function compileSearch(columns: PlanColumn[], text: string): SQL | undefined {
  const needle = text.trim();
  if (needle === "") return undefined;
  if (needle.includes("\u0000")) throw new AppError("BAD_REQUEST", "Search cannot contain NUL characters");
  const pattern = `%${likeEscaped(needle)}%`;
  const lowered = needle.toLowerCase();
  const parts: SQL[] = [];
  for (const column of columns) {
    const v = column.value;
    switch (column.kind) {
      case "text":
        parts.push(sql`${v} ilike ${pattern}`);
        break;
      case "number":
        // As the API shows it: a sum of 1.5 and 1.5 is 3, not "3.0".
        parts.push(sql`trim_scale((${v})::numeric)::text ilike ${pattern}`);
        break;
      case "date":
        parts.push(sql`(${v})::text ilike ${pattern}`);
        break;
      case "choice":
      case "choices": {
        // Match choice names here, then look for their ids (the index-friendly way round).
        const choices = (column.field?.options as { choices?: Array<{ id: string; name: string }> }).choices ?? [];
        const ids = choices.filter((c) => c.name.toLowerCase().includes(lowered)).map((c) => c.id);
        if (ids.length === 0) break;
        parts.push(column.kind === "choice" ? sql`${v} = any(${arrayParam(ids, "text[]")})` : sql`${v} && ${arrayParam(ids, "text[]")}`);
        break;
      }
      case "list":
        parts.push(sql`exists (select 1 from json_array_elements(${v}) e where coalesce(e->>'name', e #>> '{}') ilike ${pattern})`);
        break;
      case "texts":
        parts.push(sql`array_to_string(${v}, ' ') ilike ${pattern}`);
        break;
      case "users":
        parts.push(sql`exists (select 1 from users u where u.id = any(${v}) and u.name ilike ${pattern})`);
        break;
      case "user":
        parts.push(sql`exists (select 1 from users u where u.id = ${v} and u.name ilike ${pattern})`);
        break;
      default:
        break;
    }
  }
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}

/** One ORDER BY key: the expression sorted, its direction, and the SQL type a cursor value is bound as. */
export type SortKey = { expr: SQL; dir: "asc" | "desc"; type: "text" | "numeric" | "boolean" | "date" | "timestamptz" | "integer" };

/**
 * Sort keys: single selects by their choices' order, lists and people by
 * their shown text, everything else by value. Ties are broken by row id
 * (added by the caller), so pages are stable.
 */
export function sortKeys(columns: PlanColumn[], sort: SortSpec): SortKey[] {
  return sort.map(({ field, dir }) => {
    const column = findColumn(columns, field);
    const v = column.value;
    const key = (expr: SQL, type: SortKey["type"]): SortKey => ({ expr, dir, type });
    switch (column.kind) {
      case "number":
        return key(v, "numeric");
      case "boolean":
        return key(v, "boolean");
      case "date":
        return key(v, "date");
      case "instant":
        return key(v, "timestamptz");
      case "text":
        return key(v, "text");
      case "choice": {
        const ids = ((column.field?.options as { choices?: Array<{ id: string }> }).choices ?? []).map((c) => c.id);
        return key(sql`array_position(${arrayParam(ids, "text[]")}, ${v})`, "integer");
      }
      case "choices": {
        const ids = ((column.field?.options as { choices?: Array<{ id: string }> }).choices ?? []).map((c) => c.id);
        return key(sql`(select string_agg(lpad(array_position(${arrayParam(ids, "text[]")}, x)::text, 6, '0'), ',' order by o) from unnest(${v}) with ordinality as t(x, o))`, "text");
      }
      case "users":
        return key(sql`(select string_agg(u.name, ', ' order by o) from unnest(${v}) with ordinality as t(x, o) join users u on u.id = t.x)`, "text");
      case "user":
        return key(sql`(select u.name from users u where u.id = ${v})`, "text");
      case "list":
        return key(sql`(select string_agg(coalesce(e->>'name', e #>> '{}'), ', ') from json_array_elements(${v}) e)`, "text");
      case "texts":
        return key(sql`array_to_string(${v}, ', ')`, "text");
    }
  });
}

/**
 * Ties are broken by row id in the direction of the last sort key, so a
 * one-key sort is exactly the order of the b-tree on (field, id) that views
 * create (read forwards or backwards).
 */
function tiebreak(keys: SortKey[]): "asc" | "desc" {
  return keys.at(-1)?.dir ?? "asc";
}

const direction = (dir: "asc" | "desc") => (dir === "asc" ? sql`asc nulls last` : sql`desc nulls first`);

export function orderBy(keys: SortKey[], row: SQL): SQL {
  const id = sql`${row}.id ${tiebreak(keys) === "asc" ? sql`asc` : sql`desc`}`;
  return keys.length ? sql`${orderByKeys(keys)}, ${id}` : id;
}

/** ORDER BY of the keys alone (an external table's keys end in its primary key). */
export function orderByKeys(keys: SortKey[]): SQL {
  return sql.join(
    keys.map((k) => sql`${k.expr} ${direction(k.dir)}`),
    sql`, `,
  );
}

const cursorValuePatterns: Record<SortKey["type"], RegExp> = {
  text: /^[^\u0000]*$/,
  // Decimal text, or a float's (formula results): exponents, Infinity, NaN.
  numeric: /^(-?(\d{1,1000}(\.\d{0,1000})?|\.\d{1,1000})(e[+-]?\d{1,4})?|-?Infinity|NaN)$/i,
  integer: /^-?\d{1,9}$/,
  boolean: /^(true|false)$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  // timestamptz as PostgreSQL writes it (ISO DateStyle), or ISO 8601.
  timestamptz: /^\d{4}-\d{2}-\d{2}[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2}){0,2})?$/,
};

/**
 * A cursor's sort-key value bound as its key's type (null: an empty cell). A
 * cursor is client input: a value the type cannot read is a 400, never a
 * failed query.
 */
function cursorBound(key: SortKey, value: unknown): SQL | null {
  if (value === null || value === undefined) return null;
  const valid =
    typeof value === "string" &&
    cursorValuePatterns[key.type].test(value) &&
    (key.type === "date" || key.type === "timestamptz" ? isCalendarDate(value.slice(0, 10)) : true);
  if (!valid) throw new AppError("BAD_REQUEST", "Invalid cursor");
  // Bound as text and cast by PostgreSQL: postgres.js would serialize a string
  // for a boolean parameter as false, and reparse a timestamptz through Date.
  return sql`${value}::text::${sql.raw(key.type)}`;
}

/**
 * Rows after a cursor position in the order of `keys` then id: the
 * lexicographic "greater than" spelled out, NULL-aware (nulls sort last
 * ascending, first descending, as `orderBy` says).
 */
export function afterCursor(keys: SortKey[], values: unknown[], id: string, row: SQL): SQL {
  const idAfter = tiebreak(keys) === "asc" ? sql`${row}.id > ${id}::bigint` : sql`${row}.id < ${id}::bigint`;
  return afterKeysThen(keys, values, idAfter);
}

/** Rows after a position in the order of `keys` alone (which must end in a unique key). */
export function afterKeys(keys: SortKey[], values: unknown[]): SQL {
  return afterKeysThen(keys, values, null);
}

function afterKeysThen(keys: SortKey[], values: unknown[], tail: SQL | null): SQL {
  const branches: SQL[] = [];
  const equalSoFar: SQL[] = [];
  keys.forEach((k, i) => {
    const bound = cursorBound(k, values[i]);
    let after: SQL | null;
    if (k.dir === "asc") after = bound ? sql`(${k.expr} > ${bound} or ${k.expr} is null)` : null;
    else after = bound ? sql`${k.expr} < ${bound}` : sql`${k.expr} is not null`;
    if (after) branches.push(equalSoFar.length ? sql`(${sql.join([...equalSoFar, after], sql` and `)})` : after);
    equalSoFar.push(bound ? sql`${k.expr} = ${bound}` : sql`${k.expr} is null`);
  });
  if (tail) branches.push(equalSoFar.length ? sql`(${sql.join([...equalSoFar, tail], sql` and `)})` : tail);
  if (branches.length === 0) return sql`false`;
  return branches.length === 1 ? branches[0]! : sql`(${sql.join(branches, sql` or `)})`;
}

/**
 * The rows after a cursor for a one-key sort, as segments each of which is
 * a plain range of the (field, id) index — row-value comparisons PostgreSQL
 * turns into index conditions — to be read in turn. The general form above
 * ORs in the empty cells, which forces a scan of everything before the
 * cursor; deep pages of a sorted view would then cost as much as the table.
 */
export function cursorSegments(key: SortKey, value: unknown, id: string, row: SQL): Array<{ where: SQL; order: SQL }> {
  const bound = cursorBound(key, value);
  const cursorId = sql`${id}::bigint`;
  const idOrder = key.dir === "asc" ? sql`asc` : sql`desc`;
  const valued = sql`${key.expr} ${direction(key.dir)}, ${row}.id ${idOrder}`;
  const empty = sql`${row}.id ${idOrder}`;
  if (key.dir === "asc") {
    // Values ascending, then the empty cells.
    return bound
      ? [
          { where: sql`(${key.expr}, ${row}.id) > (${bound}, ${cursorId})`, order: valued },
          { where: sql`${key.expr} is null`, order: empty },
        ]
      : [{ where: sql`${key.expr} is null and ${row}.id > ${cursorId}`, order: empty }];
  }
  // Empty cells first, then values descending.
  return bound
    ? [{ where: sql`(${key.expr}, ${row}.id) < (${bound}, ${cursorId})`, order: valued }]
    : [
        { where: sql`${key.expr} is null and ${row}.id < ${cursorId}`, order: empty },
        { where: sql`${key.expr} is not null`, order: valued },
      ];
}

