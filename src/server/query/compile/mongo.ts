import "server-only";
import { BSON, type Document, Long, ObjectId } from "mongodb";
import type { FilterCondition, FilterNode } from "@/lib/query/plan";
import type { DiscoveredColumn, DiscoveredTable, ExternalAggregateQuery, ExternalGroup, ExternalPage, ExternalQuery } from "../../connectors/connector";
import { AppError } from "../../errors";
import { decodeKeysetCursor, encodeKeysetCursor } from "../cursor";
import {
  checkCondition,
  checkedAggregateQuery,
  externalAggregateValue,
  externalColumn,
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
 * The MongoDB compiler: a plan to an aggregation pipeline with the same
 * semantics as the SQL compilers (src/test/plan-oracle.ts). Field paths come
 * from the discovered schema; filter values are checked scalars placed under
 * explicit operators ($eq, $in, …), and values inside expressions are wrapped
 * in $literal, so no value can be read as an operator or a field path. A
 * missing field counts as empty, like a NULL.
 */

const matchAll: Document = {};
const matchNone: Document = { $nor: [{}] };

type Column = DiscoveredColumn & { kind: ScalarKind };

const column = (discovered: DiscoveredColumn): Column => ({ ...discovered, kind: kindOfExternalType[discovered.type] });

const regexEscaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/** A text value as stored: ObjectId columns compare with ObjectIds. */
function textValue(c: Column, value: unknown): unknown {
  const text = checkedScalar(c, "text", value) as string;
  return c.nativeType.split("|").includes("objectId") && ObjectId.isValid(text) && /^[0-9a-f]{24}$/i.test(text) ? new ObjectId(text) : text;
}

function scalarValue(c: Column, value: unknown): unknown {
  switch (c.kind) {
    case "text":
      return textValue(c, value);
    case "number": {
      const n = checkedScalar(c, "number", value);
      // An integer past 2^53 (checked as text) is a 64-bit Long in BSON.
      return typeof n === "string" ? Long.fromString(n) : n;
    }
    case "boolean":
      return checkedScalar(c, c.kind, value);
    case "date":
    case "instant":
      return new Date(instantMs(c, value));
  }
}

function compileMongoFilter(table: DiscoveredTable, node: FilterNode, now: Date): Document {
  if ("and" in node) return node.and.length === 0 ? matchAll : { $and: node.and.map((n) => compileMongoFilter(table, n, now)) };
  if ("or" in node) return node.or.length === 0 ? matchNone : { $or: node.or.map((n) => compileMongoFilter(table, n, now)) };
  const c = column(externalColumn(table, node.field));
  checkCondition(c, node);
  return condition(c, node, now);
}

/** Operators on the column's path. */
const on = (c: Column, operators: Document): Document => ({ [c.name]: operators });

/** The instants of a day, as a range (days are UTC days: discovered dates carry no zone). */
function dayRange(day: string): { start: Date; end: Date } {
  const start = Date.parse(`${day}T00:00:00Z`);
  return { start: new Date(start), end: new Date(start + dayMs) };
}

function condition(c: Column, cond: FilterCondition, now: Date): Document {
  const { op, value } = cond;
  if (op === "is_empty" || op === "is_not_empty") {
    // A checkbox is never empty; text is empty when missing, null, "" or [].
    if (c.kind === "boolean") return op === "is_empty" ? matchNone : matchAll;
    const empties = c.kind === "text" ? [null, "", []] : [null];
    return on(c, op === "is_empty" ? { $in: empties } : { $nin: empties });
  }
  if ((c.kind === "instant" || c.kind === "date") && op !== "is_within") {
    const values = op === "between" || op === "in" || op === "not_in" ? filterList(c, value) : [value];
    if (values.every(isDayValue)) return dayCondition(c, op, value);
    return on(c, instantCondition(c, op, value));
  }
  return on(c, scalarCondition(c, cond, now));
}

function scalarCondition(c: Column, { op, value }: FilterCondition, now: Date): Document {
  switch (op) {
    case "eq":
      return { $eq: scalarValue(c, value) };
    case "neq":
      return { $ne: scalarValue(c, value) };
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      return { [`$${op}`]: scalarValue(c, value) };
    case "between": {
      const [low, high] = filterRange(c, value);
      return { $gte: scalarValue(c, low), $lte: scalarValue(c, high) };
    }
    case "in":
      return { $in: filterList(c, value).map((x) => scalarValue(c, x)) };
    case "not_in":
      return { $nin: filterList(c, value).map((x) => scalarValue(c, x)) };
    case "contains":
    case "not_contains":
    case "starts_with":
    case "ends_with": {
      const escaped = regexEscaped(checkedScalar(c, "text", value) as string);
      // (?![\s\S]) is "end of text" in both PCRE and JavaScript ($ would also match before a final newline).
      const pattern = op === "starts_with" ? `^${escaped}` : op === "ends_with" ? `${escaped}(?![\\s\\S])` : escaped;
      const regex = { $regex: pattern, $options: "i" };
      return op === "not_contains" ? { $not: regex } : regex;
    }
    case "is_within": {
      const { past, days } = withinWindow(c, value);
      const t = now.getTime();
      return past ? { $gte: new Date(t - days * dayMs), $lte: new Date(t) } : { $gte: new Date(t), $lte: new Date(t + days * dayMs) };
    }
    default:
      throw badFilter(c, `the operator "${op}" does not apply here`);
  }
}

/** Instants stand for their whole millisecond, as on the SQL side. */
function instantCondition(c: Column, op: FilterCondition["op"], value: unknown): Document {
  const at = (x: unknown) => new Date(instantMs(c, x));
  const next = (x: unknown) => new Date(instantMs(c, x) + 1);
  switch (op) {
    case "eq":
      return { $gte: at(value), $lt: next(value) };
    case "neq":
      return { $not: { $gte: at(value), $lt: next(value) } };
    case "lt":
      return { $lt: at(value) };
    case "lte":
      return { $lt: next(value) };
    case "gt":
      return { $gte: next(value) };
    case "gte":
      return { $gte: at(value) };
    case "between": {
      const [low, high] = filterRange(c, value);
      return { $gte: at(low), $lt: next(high) };
    }
    case "in":
      return { $in: filterList(c, value).map(at) };
    case "not_in":
      return { $nin: filterList(c, value).map(at) };
    default:
      throw badFilter(c, `the operator "${op}" does not apply here`);
  }
}

/** Conditions whose values are all days compare the instant's (UTC) day. */
function dayCondition(c: Column, op: FilterCondition["op"], value: unknown): Document {
  const day = (x: unknown) => dayRange(checkedScalar(c, "date", x) as string);
  switch (op) {
    case "eq":
      return on(c, { $gte: day(value).start, $lt: day(value).end });
    case "neq":
      return on(c, { $not: { $gte: day(value).start, $lt: day(value).end } });
    case "lt":
      return on(c, { $lt: day(value).start });
    case "lte":
      return on(c, { $lt: day(value).end });
    case "gt":
      return on(c, { $gte: day(value).end });
    case "gte":
      return on(c, { $gte: day(value).start });
    case "between": {
      const [low, high] = filterRange(c, value);
      return on(c, { $gte: day(low).start, $lt: day(high).end });
    }
    case "in":
    case "not_in": {
      const ranges = filterList(c, value).map((x) => on(c, { $gte: day(x).start, $lt: day(x).end }));
      if (ranges.length === 0) return op === "in" ? matchNone : matchAll;
      // $nor also matches a missing or null field, as not_in includes empty cells.
      return op === "in" ? { $or: ranges } : { $nor: ranges };
    }
    default:
      throw badFilter(c, `the operator "${op}" does not apply here`);
  }
}

/** A BSON value as JSON: ids as hex, dates as ISO 8601, decimals and longs as numbers where exact. */
function jsonOfBson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonOfBson);
  if (typeof value !== "object") return value;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  switch (bsonType) {
    case undefined:
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonOfBson(v)]));
    case "ObjectId":
      return (value as ObjectId).toHexString();
    case "Decimal128":
    case "Long":
    case "Int32":
    case "Double":
      return externalNumber(String(value));
    case "Binary":
      return (value as BSON.Binary).toString("base64");
    default:
      return String(value);
  }
}

/** The value at a dotted path of a document (a missing step is null). */
function valueAt(document: Document, path: string): unknown {
  let value: unknown = document;
  for (const step of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
    value = (value as Document)[step];
  }
  return value ?? null;
}

// Helper fields of the pipeline, removed before the answer; no discovered path starts with them.
const helper = (kind: "n" | "k" | "a" | "s", i: number) => `__tessera_${kind}${i}`;

export type CompiledMongoQuery = { pipeline: Document[]; page: (documents: Document[]) => ExternalPage };

/**
 * The pipeline: the filter, then each sort key's emptiness flag and value
 * (MongoDB sorts missing and null first; Tessera sorts them last ascending),
 * the keyset position, the sort ending in _id, the limit, and the selected
 * paths' roots (projecting both `a` and `a.b` would collide).
 */
export function compileMongoQuery(query: ExternalQuery): CompiledMongoQuery {
  const { table } = query;
  if (!table.primaryKey.includes("_id")) throw new AppError("BAD_REQUEST", "This collection has no _id to page by");
  const selected = selectedExternalColumns(query);
  const { sorts, tiebreak } = externalSorts(query);
  const keys = [...sorts.map((s) => ({ path: s.column.name, dir: s.dir })), { path: "_id", dir: tiebreak }];
  const fingerprint = externalOrderFingerprint(query);
  const position = query.cursor ? decodeKeysetCursor(query.cursor, fingerprint, keys.length) : undefined;
  if (position && !("values" in position)) throw new AppError("BAD_REQUEST", "Invalid cursor");

  const pipeline: Document[] = [];
  if (query.filter) pipeline.push({ $match: compileMongoFilter(table, query.filter, query.now) });
  const added: Document = {};
  keys.forEach((k, i) => {
    added[helper("k", i)] = { $ifNull: [`$${k.path}`, null] };
    added[helper("n", i)] = { $cond: [{ $eq: [{ $ifNull: [`$${k.path}`, null] }, null] }, 1, 0] };
  });
  pipeline.push({ $addFields: added });
  if (position) pipeline.push({ $match: afterPosition(keys, BSON.EJSON.deserialize(position.values as Document[]) as unknown[]) });
  const sort: Document = {};
  keys.forEach((k, i) => {
    sort[helper("n", i)] = k.dir === "asc" ? 1 : -1;
    sort[helper("k", i)] = k.dir === "asc" ? 1 : -1;
  });
  pipeline.push({ $sort: sort }, { $limit: query.limit + 1 });
  const roots = [...new Set(["_id", ...selected.map((c) => c.name.split(".")[0]!), ...keys.map((_, i) => helper("k", i))])];
  pipeline.push({ $project: Object.fromEntries(roots.map((root) => [root, 1])) });

  return {
    pipeline,
    page(documents) {
      const rows = documents.slice(0, query.limit);
      const last = documents.length > query.limit ? rows.at(-1) : undefined;
      return {
        rows: rows.map((d) => Object.fromEntries(selected.map((c) => [c.name, jsonOfBson(valueAt(d, c.name))]))),
        nextCursor: last
          ? encodeKeysetCursor({ values: BSON.EJSON.serialize(keys.map((_, i) => last[helper("k", i)] ?? null)) as unknown[] }, fingerprint)
          : null,
      };
    },
  };
}

/**
 * Documents after a keyset position in the sort's order: each key is its
 * emptiness flag, then its value, compared with BSON's order through $expr
 * (as $sort orders mixed types), every value a $literal.
 */
function afterPosition(keys: Array<{ dir: "asc" | "desc" }>, values: unknown[]): Document {
  const branches: Document[] = [];
  const equalSoFar: Document[] = [];
  const literal = (v: unknown) => ({ $literal: v ?? null });
  keys.forEach((k, i) => {
    const value = values[i] ?? null;
    const flag = value === null ? 1 : 0;
    const beyond = k.dir === "asc" ? "$gt" : "$lt";
    const n = `$${helper("n", i)}`;
    const v = `$${helper("k", i)}`;
    branches.push({ $and: [...equalSoFar, { [beyond]: [n, flag] }] });
    if (value !== null) branches.push({ $and: [...equalSoFar, { $eq: [n, flag] }, { [beyond]: [v, literal(value)] }] });
    equalSoFar.push({ $eq: [n, flag] }, { $eq: [v, literal(value)] });
  });
  return { $expr: { $or: branches } };
}

export type CompiledMongoAggregate = { pipeline: Document[]; groups: (documents: Document[]) => ExternalGroup[] };

/** A path's value in an expression, missing read as null. */
const valueOf = (path: string) => ({ $ifNull: [`$${path}`, null] });

/** 1 where the expression holds, else 0: summed, a count. */
const countWhere = (holds: Document) => ({ $sum: { $cond: [holds, 1, 0] } });

/**
 * Groups and aggregates as a pipeline: the filter, a $group keyed by each
 * group path's value (missing and null together, as SQL's NULL), then the
 * groups sorted as `compileMongoQuery` sorts rows (empty keys last).
 * Aggregates skip empty values as SQL's do: a sum of none is empty, not 0.
 */
export function compileMongoAggregate(query: ExternalAggregateQuery): CompiledMongoAggregate {
  const checked = checkedAggregateQuery(query);
  const groups = checked.groups.map(column);
  const accumulators: Document = {};
  checked.aggregates.forEach((a, i) => {
    const name = helper("a", i);
    if (!a.column) return void (accumulators[name] = { $sum: 1 });
    const c = column(a.column);
    const value = valueOf(c.name);
    switch (a.fn) {
      case "count":
        accumulators[name] = countWhere({ $ne: [value, null] });
        break;
      case "count_distinct":
        accumulators[name] = { $addToSet: value };
        break;
      case "count_empty":
        // As the filter's is_empty: text is also empty as "" or [].
        accumulators[name] = countWhere({ $in: [value, { $literal: c.kind === "text" ? [null, "", []] : [null] }] });
        break;
      case "sum":
        accumulators[name] = { $sum: `$${c.name}` };
        accumulators[helper("s", i)] = countWhere({ $isNumber: value });
        break;
      case "avg":
      case "min":
      case "max":
        accumulators[name] = { [`$${a.fn}`]: `$${c.name}` };
        break;
    }
  });
  const key = Object.fromEntries(groups.map((g, i) => [helper("k", i), valueOf(g.name)]));
  const flags = Object.fromEntries(groups.map((_, i) => [helper("n", i), { $cond: [{ $eq: [`$_id.${helper("k", i)}`, null] }, 1, 0] }]));
  const pipeline: Document[] = [];
  if (query.filter) pipeline.push({ $match: compileMongoFilter(query.table, query.filter, query.now) });
  pipeline.push({ $group: { _id: key, ...accumulators } });
  if (groups.length) {
    const sort: Document = {};
    groups.forEach((_, i) => {
      sort[helper("n", i)] = 1;
      sort[`_id.${helper("k", i)}`] = 1;
    });
    pipeline.push({ $addFields: flags }, { $sort: sort });
  }
  pipeline.push({ $limit: query.limit });
  return {
    pipeline,
    groups: (documents) => {
      // A $group over no documents gives no group; SQL gives one row of empty aggregates.
      const found = documents.length === 0 && groups.length === 0 ? [{ _id: {} }] : documents;
      return found.map((d) => ({
        key: groups.map((g, i) => groupKey(g, (d._id as Document)[helper("k", i)])),
        values: checked.aggregates.map((a, i) => {
          const raw = d[helper("a", i)];
          if (a.fn === "count_distinct") return ((raw as unknown[] | undefined) ?? []).filter((v) => v !== null).length;
          if (a.fn === "sum" && !d[helper("s", i)]) return null;
          return externalAggregateValue(a, jsonOfBson(raw));
        }),
      }));
    },
  };
}

/** A group's key as rows read it (a day column's key as its day). */
function groupKey(c: Column, value: unknown): unknown {
  const json = jsonOfBson(value ?? null);
  return c.kind === "date" && typeof json === "string" ? json.slice(0, 10) : json;
}

/** A value set into a document: ids as ObjectIds where the path holds them, instants and days as dates, big integers as Longs. */
function written(c: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Numbers too: an integer past 2^53 arrives as text and is written as a Long.
  return c.kind === "boolean" ? value : scalarValue(c, value);
}

/**
 * A row write on a collection: the filter is the filter compiler's over the
 * document's _id and expected cells (so values sit under explicit
 * operators), updates `$set` discovered paths, inserts nest dotted paths.
 */
export function compileMongoWrite(write: { schema: string; table: DiscoveredTable; now: Date }) {
  const { table } = write;
  const values = (given: Record<string, unknown>) => writtenColumns(table, given).map(({ column: c, value }) => [c.name, written(column(c), value)] as const);
  return {
    read: (key: Record<string, unknown>, within?: FilterNode) =>
      compileMongoQuery({ schema: write.schema, table, filter: within ? { and: [keyFilter(table, key), within] } : keyFilter(table, key), limit: 1, now: write.now }),
    filter: (key: Record<string, unknown>, expected: Record<string, unknown>) => compileMongoFilter(table, writeFilter(table, key, expected), write.now),
    set: (given: Record<string, unknown>): Document => ({ $set: Object.fromEntries(values(given)) }),
    document(given: Record<string, unknown>): Document {
      const document: Document = {};
      for (const [path, value] of values(given)) {
        const steps = path.split(".");
        let at = document;
        for (const step of steps.slice(0, -1)) at = (at[step] ??= {}) as Document;
        at[steps.at(-1)!] = value;
      }
      return document;
    },
    key: (insertedId: unknown): Record<string, unknown> => ({ _id: jsonOfBson(insertedId) }),
  };
}
