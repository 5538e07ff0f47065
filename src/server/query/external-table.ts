import "server-only";
import type { FilterCondition, FilterNode } from "@/lib/query/plan";
import type { FilterOp } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { findByKey } from "@/lib/find-by-key";
import type { DiscoveredColumn, DiscoveredTable, ExternalAggregateFn, ExternalAggregateQuery, ExternalFieldType, ExternalQuery } from "../connectors/connector";
import { AppError } from "../errors";
import { badFilter, type ScalarKind } from "./compile/filter-values";
import { orderFingerprint } from "./cursor";

/**
 * What the external compilers (PostgreSQL, MySQL, MongoDB) share: columns
 * come from the discovered schema, never from the request, and are filtered
 * with the operators of the Tessera type they are shown as.
 */

export const kindOfExternalType: Record<ExternalFieldType, ScalarKind> = {
  text: "text",
  long_text: "text",
  number: "number",
  boolean: "boolean",
  date: "date",
  datetime: "instant",
};

export function externalOperators(column: DiscoveredColumn): readonly FilterOp[] {
  return fieldTypeDefinition(column.type)?.operators ?? [];
}

/** A column of the table by name (exactly, then ignoring case), or a 400 naming what was asked for. */
export function externalColumn(table: DiscoveredTable, key: string): DiscoveredColumn {
  const column = findByKey(
    table.columns.map((c) => ({ ...c, id: c.name })),
    key,
  );
  if (!column) throw new AppError("BAD_REQUEST", `Unknown column "${key}"`, { field: key });
  return table.columns.find((c) => c.name === column.name)!;
}

/** The condition's operator applies to the column, and it has a value when it needs one. */
export function checkCondition(column: DiscoveredColumn, { op, value }: FilterCondition): void {
  const operators = externalOperators(column);
  if (!operators.includes(op)) {
    throw badFilter(column, `the operator "${op}" does not apply to ${column.type} columns (use one of: ${operators.join(", ")})`);
  }
  if (op !== "is_empty" && op !== "is_not_empty" && (value === undefined || value === null)) {
    throw badFilter(column, `the operator "${op}" needs a value`);
  }
}

/** The columns the query selects (all when it names none), in the table's order. */
export function selectedExternalColumns(query: ExternalQuery): DiscoveredColumn[] {
  if (!query.fields) return query.table.columns;
  const chosen = new Set(query.fields.map((key) => externalColumn(query.table, key).name));
  return query.table.columns.filter((c) => chosen.has(c.name));
}

/** Sorts with their columns resolved; ties are broken by the primary key in the last sort's direction. */
export function externalSorts(query: ExternalQuery): { sorts: Array<{ column: DiscoveredColumn; dir: "asc" | "desc" }>; tiebreak: "asc" | "desc" } {
  const sorts = (query.sort ?? []).map((s) => ({ column: externalColumn(query.table, s.field), dir: s.dir }));
  return { sorts, tiebreak: sorts.at(-1)?.dir ?? "asc" };
}

/** A cursor belongs to one table, order and filter. */
export function externalOrderFingerprint(query: ExternalQuery): string {
  return orderFingerprint([query.schema, query.table.name, query.sort ?? null, query.filter ?? null]);
}

/** Numbers as JSON numbers, unless that would change them (a bigint or long decimal stays text). */
export function externalNumber(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  if (/^-?\d+$/.test(raw)) return Number.isSafeInteger(n) ? n : raw;
  return Math.abs(n) < 1e15 ? n : raw;
}

/** An instant the database wrote (with or without an offset, which then means UTC) as ISO 8601 with Z. */
export function externalInstant(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) return raw.toISOString();
  const text = String(raw).replace(" ", "T");
  const withZone = /(Z|[+-]\d{2}(:?\d{2})?)$/.test(text) ? text : `${text}Z`;
  // Past milliseconds JavaScript dates stop: microseconds are cut, not rounded.
  const parsed = Date.parse(withZone.replace(/(\.\d{3})\d+/, "$1"));
  return Number.isNaN(parsed) ? String(raw) : new Date(parsed).toISOString();
}

/** The row with these primary key values (as queries answer them). */
export function keyFilter(table: DiscoveredTable, key: Record<string, unknown>): FilterNode {
  if (table.primaryKey.length === 0) throw new AppError("BAD_REQUEST", `"${table.name}" has no primary key: its rows are read-only`);
  return { and: table.primaryKey.map((name) => ({ field: name, op: "eq" as const, value: key[name] })) };
}

/**
 * A write's WHERE: the row's key, and each expected cell still holding its
 * value (an empty one still empty). Compiled by the dialect's filter
 * compiler, so every value is bound and compared as reads compare it.
 */
export function writeFilter(table: DiscoveredTable, key: Record<string, unknown>, expected: Record<string, unknown>): FilterNode {
  const cells: FilterNode[] = Object.entries(expected).map(([name, value]) =>
    value === null || value === undefined ? { field: name, op: "is_empty" } : { field: name, op: "eq", value },
  );
  return { and: [keyFilter(table, key), ...cells] };
}

/** The columns a write sets, each checked against the discovered table. */
export function writtenColumns(table: DiscoveredTable, values: Record<string, unknown>): Array<{ column: DiscoveredColumn; value: unknown }> {
  return Object.entries(values).map(([name, value]) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new AppError("BAD_REQUEST", `Unknown column "${name}"`, { field: name });
    return { column, value };
  });
}

/** The aggregate each function needs of its column's kind (as on internal tables: a checkbox is never empty). */
const aggregateKinds: Partial<Record<ExternalAggregateFn, readonly ScalarKind[]>> = {
  count_empty: ["number", "date", "instant", "text"],
  sum: ["number"],
  avg: ["number"],
  min: ["number", "date", "instant", "text"],
  max: ["number", "date", "instant", "text"],
};

export type CheckedAggregate = { fn: ExternalAggregateFn; column?: DiscoveredColumn };

/** The group columns and aggregates of a query, each column checked against the table and each function against its column's kind. */
export function checkedAggregateQuery(query: ExternalAggregateQuery): { groups: DiscoveredColumn[]; aggregates: CheckedAggregate[] } {
  const groups = query.groupBy.map((key) => externalColumn(query.table, key));
  const aggregates = query.aggregates.map(({ fn, column: key }) => {
    if (key === undefined) return { fn };
    const column = externalColumn(query.table, key);
    const kinds = aggregateKinds[fn];
    if (kinds && !kinds.includes(kindOfExternalType[column.type])) {
      throw new AppError("BAD_REQUEST", `${fn} needs a ${kinds.join(", ")} column; "${column.name}" is ${column.type}`, { field: column.name });
    }
    return { fn, column };
  });
  return { groups, aggregates };
}

/** An aggregate's value as the API answers it: counts and sums as numbers (exact ones stay text), minima and maxima as the column's values read. */
export function externalAggregateValue(aggregate: CheckedAggregate, raw: unknown): unknown {
  if (raw === null || raw === undefined) return aggregate.fn.startsWith("count") ? 0 : null;
  if (aggregate.fn.startsWith("count")) return Number(raw);
  if (aggregate.fn === "sum" || aggregate.fn === "avg" || !aggregate.column) return externalNumber(typeof raw === "bigint" ? raw.toString() : String(raw));
  switch (kindOfExternalType[aggregate.column.type]) {
    case "date":
      return raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).slice(0, 10);
    case "instant":
      return externalInstant(raw);
    case "number":
      return externalNumber(typeof raw === "number" ? raw : String(raw));
    default:
      return String(raw);
  }
}
