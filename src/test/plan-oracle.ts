/**
 * An in-memory evaluation of a query plan's read part (filter, sort, search,
 * fields) over rows as the REST API returns them. It is written from
 * API.md's semantics and the decisions below, not from the PostgreSQL
 * compiler, so that property tests compare two independent implementations.
 *
 * Decisions it encodes (where API.md is silent):
 * - text `eq`/`neq`/`in`/`not_in` are exact and case-sensitive; `contains`,
 *   `starts_with`, `ends_with` fold ASCII letters only (tests generate no
 *   cased non-ASCII letters, whose folding depends on the database locale);
 * - `neq`, `not_in` and `not_contains` include empty cells;
 * - empty: null, "" and [] (a checkbox is never empty);
 * - dates compare as YYYY-MM-DD; datetimes as instants, except that a
 *   condition whose values are all days (`YYYY-MM-DD`) compares the
 *   instant's day in the field's time zone (default UTC);
 * - `is_within` `{ past_days: N }` is [now - N days, now] and `{ next_days: N }`
 *   is [now, now + N days]; for date fields, days counted from today in the
 *   field's time zone;
 * - `has_all_of []` holds for every row, `has_any_of []` for none, multi
 *   select `eq []` means empty;
 * - sorts: nulls last ascending, first descending; single selects by choice
 *   order, multi selects by their choices' positions, people, links and
 *   lookups by their names joined with ", "; text by code point. A database
 *   collation may order text otherwise, so tests only sort on text made of
 *   lowercase ASCII letters and digits (and names none of which is a prefix
 *   of another), where every collation agrees with code points;
 * - ties are broken by row id, numerically, in the direction of the last sort
 *   key (ascending when there is none);
 * - search: trimmed, ASCII-case-insensitive substring of text-like fields,
 *   numbers and dates as the API shows them (JSON number text,
 *   YYYY-MM-DD), single and multi select choice names, people's names, link
 *   names and lookup values. Datetimes and checkboxes are not searched.
 *   Empty (or blank) search means no search.
 * - rollups: only `concat` (text) and numeric results are modelled.
 */

export type OracleField = { id: string; name: string; type: string; options?: Record<string, unknown> };
export type OracleRow = { id: string; version: number; createdAt: string; updatedAt: string; fields: Record<string, unknown> };
export type OracleCondition = { field: string; op: string; value?: unknown };
export type OracleFilter = OracleCondition | { and: OracleFilter[] } | { or: OracleFilter[] };
export type OraclePlan = {
  filter?: OracleFilter;
  sort?: Array<{ field: string; dir: "asc" | "desc" }>;
  search?: string;
  fields?: string[];
};

type Category = "text" | "number" | "boolean" | "date" | "instant" | "choice" | "choices" | "people" | "links" | "lookup";

function categoryOf(field: OracleField): Category {
  switch (field.type) {
    case "text":
    case "long_text":
    case "email":
    case "url":
    case "phone":
      return "text";
    case "number":
    case "currency":
    case "percent":
    case "rating":
    case "progress":
    case "duration":
    case "autonumber":
    case "count":
      return "number";
    case "rollup":
      return field.options?.fn === "concat" ? "text" : "number";
    case "boolean":
      return "boolean";
    case "date":
      return "date";
    case "datetime":
    case "created_time":
    case "last_modified_time":
      return "instant";
    case "single_select":
      return "choice";
    case "multi_select":
      return "choices";
    case "user":
      return "people";
    case "link":
      return "links";
    case "lookup":
      return "lookup";
    default:
      throw new Error(`plan-oracle: field type ${field.type} is not modelled`);
  }
}

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
const isDay = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
const dayMs = 86_400_000;

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
}

/** An instant filter value: a missing offset means UTC. */
function instantOf(value: unknown): number {
  const text = String(value);
  if (isDay(text)) return Date.parse(`${text}T00:00:00Z`);
  return Date.parse(/T/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text);
}

const isEmptyValue = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

const idOf = (v: unknown) => String(typeof v === "object" && v !== null ? (v as { id: unknown }).id : v);
const nameOf = (v: unknown) => (typeof v === "object" && v !== null ? String((v as { name: unknown }).name) : String(v));

function findField(fields: OracleField[], key: string): OracleField {
  const field =
    fields.find((f) => f.id === key) ?? fields.find((f) => f.name === key) ?? fields.find((f) => f.name.toLowerCase() === key.toLowerCase());
  if (!field) throw new Error(`plan-oracle: unknown field ${key}`);
  return field;
}

type Ctx = { fields: OracleField[]; now: Date };

function matches(ctx: Ctx, row: OracleRow, node: OracleFilter): boolean {
  if ("and" in node) return node.and.every((n) => matches(ctx, row, n));
  if ("or" in node) return node.or.some((n) => matches(ctx, row, n));
  const field = findField(ctx.fields, node.field);
  return conditionHolds(ctx, field, row.fields[field.name], node);
}

/** Compares with the condition's ordering operators; `a` is the cell's value (never null here). */
function ordered(op: string, a: number | string, b: number | string): boolean {
  switch (op) {
    case "eq":
      return a === b;
    case "lt":
      return a < b;
    case "lte":
      return a <= b;
    case "gt":
      return a > b;
    case "gte":
      return a >= b;
    default:
      throw new Error(`plan-oracle: ${op} is not an ordering`);
  }
}

/** eq/neq/lt.../between/in/not_in over a scalar key (null = empty cell). */
function scalarHolds(op: string, cell: number | string | null, value: unknown, key: (v: unknown) => number | string): boolean {
  switch (op) {
    case "neq":
      return cell === null || cell !== key(value);
    case "between": {
      const [lo, hi] = value as unknown[];
      return cell !== null && cell >= key(lo) && cell <= key(hi);
    }
    case "in":
      return cell !== null && (value as unknown[]).some((v) => key(v) === cell);
    case "not_in":
      return cell === null || !(value as unknown[]).some((v) => key(v) === cell);
    default:
      return cell !== null && ordered(op, cell, key(value));
  }
}

function conditionHolds(ctx: Ctx, field: OracleField, cell: unknown, { op, value }: OracleCondition): boolean {
  const category = categoryOf(field);
  const timeZone = (field.options?.timeZone as string | undefined) ?? "UTC";
  if (op === "is_empty" || op === "is_not_empty") {
    const empty = category === "boolean" ? false : isEmptyValue(cell);
    return op === "is_empty" ? empty : !empty;
  }
  switch (category) {
    case "text": {
      const text = cell === null || cell === undefined ? null : String(cell);
      const needle = String(value);
      const has = (test: (hay: string, n: string) => boolean) => text !== null && test(asciiLower(text), asciiLower(needle));
      switch (op) {
        case "contains":
          return has((h, n) => h.includes(n));
        case "not_contains":
          return !has((h, n) => h.includes(n));
        case "starts_with":
          return has((h, n) => h.startsWith(n));
        case "ends_with":
          return has((h, n) => h.endsWith(n));
        default:
          return scalarHolds(op, text, value, (v) => String(v));
      }
    }
    case "number":
      return scalarHolds(op, cell === null || cell === undefined ? null : Number(cell), value, (v) => Number(v));
    case "boolean":
      return op === "eq" ? cell === Boolean(value) : cell !== Boolean(value);
    case "date": {
      const day = (cell as string | null) ?? null;
      if (op === "is_within") return within(value, day, dayIn(ctx.now, timeZone));
      return scalarHolds(op, day, value, (v) => String(v).slice(0, 10));
    }
    case "instant": {
      if (cell === null || cell === undefined) return scalarHolds(op, null, value, () => 0);
      const instant = Date.parse(String(cell));
      if (op === "is_within") {
        const w = value as { past_days?: number; next_days?: number };
        const now = ctx.now.getTime();
        return w.past_days !== undefined ? instant >= now - w.past_days * dayMs && instant <= now : instant >= now && instant <= now + w.next_days! * dayMs;
      }
      const values = op === "between" || op === "in" || op === "not_in" ? (value as unknown[]) : [value];
      if (values.every(isDay)) return scalarHolds(op, dayIn(new Date(instant), timeZone), value, (v) => String(v));
      return scalarHolds(op, instant, value, instantOf);
    }
    case "choice":
      return scalarHolds(op, (cell as string | null) ?? null, value, (v) => String(v));
    case "choices":
    case "people":
    case "links":
    case "lookup": {
      const have = ((cell as unknown[] | null) ?? []).map(category === "lookup" ? nameOf : category === "choices" ? String : idOf);
      const wanted = (Array.isArray(value) ? value : [value]).map(String);
      switch (op) {
        case "has_any_of":
          return wanted.some((w) => have.includes(w));
        case "has_all_of":
          return wanted.every((w) => have.includes(w));
        case "eq":
          return wanted.every((w) => have.includes(w)) && have.every((h) => wanted.includes(h));
        default:
          throw new Error(`plan-oracle: ${op} on ${field.type} is not modelled`);
      }
    }
  }
}

function within(value: unknown, day: string | null, today: string): boolean {
  if (day === null) return false;
  const w = value as { past_days?: number; next_days?: number };
  return w.past_days !== undefined ? day >= addDays(today, -w.past_days) && day <= today : day >= today && day <= addDays(today, w.next_days!);
}

/** Code point order (what a C collation gives; the tests keep sorted text where all collations agree). */
function compareText(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function compareArrays(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

type SortKeyValue = number | string | boolean | number[] | null;

function sortKey(field: OracleField, cell: unknown): SortKeyValue {
  if (isEmptyValue(cell) && field.type !== "boolean") return null;
  switch (categoryOf(field)) {
    case "text":
    case "date":
      return String(cell);
    case "number":
      return Number(cell);
    case "boolean":
      return cell === true;
    case "instant":
      return Date.parse(String(cell));
    case "choice":
      return ((field.options?.choices as Array<{ name: string }>) ?? []).findIndex((c) => c.name === cell);
    case "choices": {
      const names = ((field.options?.choices as Array<{ name: string }>) ?? []).map((c) => c.name);
      return (cell as string[]).map((n) => names.indexOf(n));
    }
    case "people":
    case "links":
    case "lookup":
      return (cell as unknown[]).map(nameOf).join(", ");
  }
}

function compareKeys(a: SortKeyValue, b: SortKeyValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1; // nulls last (ascending)
  if (Array.isArray(a)) return compareArrays(a, b as number[]);
  if (typeof a === "string") return compareText(a, b as string);
  if (typeof a === "boolean") return Number(a) - Number(b);
  return (a as number) - (b as number);
}

function searchTexts(field: OracleField, cell: unknown): string[] {
  if (isEmptyValue(cell)) return [];
  switch (categoryOf(field)) {
    case "text":
    case "number":
    case "date":
    case "choice":
      return [String(cell)];
    case "choices":
      return (cell as string[]).map(String);
    case "people":
    case "links":
    case "lookup":
      return (cell as unknown[]).map(nameOf);
    default:
      return [];
  }
}

/**
 * Every row the plan answers, in its order (all pages together), each with
 * only the selected fields.
 */
export function expectedRows(fields: OracleField[], rows: OracleRow[], plan: OraclePlan, now: Date): OracleRow[] {
  const ctx: Ctx = { fields, now };
  let result = rows.filter((row) => (plan.filter ? matches(ctx, row, plan.filter) : true));
  const needle = asciiLower((plan.search ?? "").trim());
  if (needle !== "") {
    result = result.filter((row) => fields.some((f) => searchTexts(f, row.fields[f.name]).some((t) => asciiLower(t).includes(needle))));
  }
  const sorts = (plan.sort ?? []).map((s) => ({ field: findField(fields, s.field), dir: s.dir }));
  result = [...result].sort((x, y) => {
    for (const { field, dir } of sorts) {
      const d = compareKeys(sortKey(field, x.fields[field.name]), sortKey(field, y.fields[field.name]));
      if (d !== 0) return dir === "asc" ? d : -d;
    }
    const a = BigInt(x.id);
    const b = BigInt(y.id);
    const byId = a < b ? -1 : a > b ? 1 : 0;
    return sorts.at(-1)?.dir === "desc" ? -byId : byId;
  });
  if (!plan.fields) return result;
  const selected = new Set(plan.fields.map((k) => findField(fields, k).name));
  return result.map((row) => ({ ...row, fields: Object.fromEntries(Object.entries(row.fields).filter(([name]) => selected.has(name))) }));
}

export type OracleAggregate = { fn: "count" | "count_distinct" | "count_empty" | "sum" | "avg" | "min" | "max"; field?: string };
export type OracleGroup = { key: unknown[]; values: unknown[] };

/**
 * Groups and aggregates of the rows a filter keeps, as SQL's GROUP BY
 * means them: a group per distinct combination of the group fields' values
 * (one group when there are none, even of no rows), ordered as rows sorted
 * by the group fields ascending are (empty keys last). Aggregates skip
 * empty cells: a sum or average of none is null, `count` of a field counts
 * its non-null cells, `count_empty` its empty ones (as `is_empty`).
 * Group keys are scalars (text, numbers, checkboxes, days, instants); text
 * "" is not modelled as a key (it sorts first in SQL, empty to the oracle).
 */
export function expectedGroups(
  fields: OracleField[],
  rows: OracleRow[],
  plan: { filter?: OracleFilter; groupBy: string[]; aggregates: OracleAggregate[] },
  now: Date,
): OracleGroup[] {
  const ctx: Ctx = { fields, now };
  const kept = rows.filter((row) => (plan.filter ? matches(ctx, row, plan.filter) : true));
  const groupFields = plan.groupBy.map((key) => findField(fields, key));
  const cellOf = (row: OracleRow, field: OracleField) => row.fields[field.name] ?? null;
  const identity = (field: OracleField, cell: unknown) => JSON.stringify(cell === null ? null : sortKey(field, cell) ?? cell);
  const groups = new Map<string, { key: unknown[]; rows: OracleRow[] }>();
  for (const row of kept) {
    const key = groupFields.map((f) => cellOf(row, f));
    const id = JSON.stringify(groupFields.map((f, i) => identity(f, key[i])));
    if (!groups.has(id)) groups.set(id, { key, rows: [] });
    groups.get(id)!.rows.push(row);
  }
  if (groupFields.length === 0 && groups.size === 0) groups.set("[]", { key: [], rows: [] });
  const ordered = [...groups.values()].sort((a, b) => {
    for (const [i, f] of groupFields.entries()) {
      const d = compareKeys(a.key[i] === null ? null : sortKey(f, a.key[i]), b.key[i] === null ? null : sortKey(f, b.key[i]));
      if (d !== 0) return d;
    }
    return 0;
  });
  return ordered.map((group) => ({
    key: group.key,
    values: plan.aggregates.map(({ fn, field: key }) => {
      if (!key) return group.rows.length;
      const field = findField(fields, key);
      const cells = group.rows.map((r) => cellOf(r, field));
      const present = cells.filter((c) => c !== null);
      switch (fn) {
        case "count":
          return present.length;
        case "count_distinct":
          return new Set(present.map((c) => identity(field, c))).size;
        case "count_empty":
          return cells.filter(isEmptyValue).length;
        case "sum":
        case "avg": {
          const numbers = present.map(Number);
          if (numbers.length === 0) return null;
          const sum = numbers.reduce((s, n) => s + n, 0);
          return fn === "sum" ? sum : sum / numbers.length;
        }
        case "min":
        case "max": {
          if (present.length === 0) return null;
          const sorted = [...present].sort((a, b) => compareKeys(sortKey(field, a), sortKey(field, b)));
          return fn === "min" ? sorted[0] : sorted.at(-1);
        }
      }
    }),
  }));
}
