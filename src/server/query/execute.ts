import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { FilterNode, QueryPlan } from "@/lib/query/plan";
import type { AuditActor } from "../audit/record-audit";
import { type Reader, type TablePolicy, tablePolicy } from "../authz/table-policy";
import { type Db, rowsOf } from "../db";
import { arrayParam } from "../db/array-param";
import { physicalTable } from "../db/tenant/table-ddl";
import { AppError } from "../errors";
import { fieldReader, type FieldKey, keyedBy, type Row, readRowsById, rowIdPattern } from "../services/rows/row-codec";
import type { TableMeta } from "../services/tables/table-meta";
import { computedColumn, findColumn, linkedRowsFor, type PlanColumn, tableColumns } from "./columns";
import { afterCursor, compileFilter, compileSearch, cursorSegments, orderBy, type SortKey, sortKeys } from "./compile/postgres";
import { decodeCursor, encodeCursor, orderFingerprint } from "./cursor";
import { type CompiledJoin, compileJoin, loadJoins, type ResolvedJoin } from "./joins";
import { countableType, groupCountsSource, hasGroupCounts } from "./group-counts";
import { externalSelection, isMounted, queryExternalAggregates, queryExternalRows, queryExternalStacks, maxTextStacks, readExternalRows } from "./external-rows";
import { rankKey } from "./row-ranks";

/**
 * Runs query plans on internal tables: the policy step (field and row
 * rules), then the PostgreSQL compiler, then decoding. Every read of rows in
 * the product comes through here; a mounted table's go on to
 * external-rows.ts, which compiles them for its database.
 */

/** What a view adds to a plan: its own filter (over the fields the reader may see) and the fields it hides from its readers. */
export type ViewScope = {
  filter?: FilterNode;
  hiddenFields?: readonly string[];
  /** A view whose manual order (row-ranks.ts) orders the rows after the plan's sorts, before the id. */
  rankedBy?: string;
};

export type PlanRequest = {
  table: TableMeta;
  reader: Reader;
  plan: QueryPlan;
  scope?: ViewScope;
  fieldKey?: FieldKey;
  /** The time `is_within` and formulas see (fixed in tests). */
  now?: Date;
  /** Who the external database's `connection.use` record names (a mounted table); the reader's user otherwise. */
  actor?: AuditActor;
};

const notOnExternal = (what: string) => new AppError("BAD_REQUEST", `${what} is not available on an external table`, { reason: "external_table" });

type Prepared = {
  policy: TablePolicy;
  /** What the plan may name and what the answer shows. */
  columns: PlanColumn[];
  where: SQL;
  from: SQL;
};

const row = sql`r`;

function prepare(request: PlanRequest): Prepared {
  const { table, reader, plan, scope } = request;
  const ctx = { now: request.now ?? new Date() };
  const policy = tablePolicy(table, reader);
  const linkedRows = linkedRowsFor(reader, ctx.now);
  const policyColumns = tableColumns(policy.visible, row, linkedRows);
  const hiddenByView = new Set(scope?.hiddenFields ?? []);
  const fieldColumns = hiddenByView.size ? policyColumns.filter((c) => !hiddenByView.has(c.id)) : policyColumns;
  const computed = (plan.computed ?? []).map((spec) => computedColumn(policy.visible, fieldColumns, spec, row, ctx.now, linkedRows));
  const columns = [...fieldColumns, ...computed];

  const conditions: SQL[] = [sql`${row}.deleted_at is null`];
  // The row rule may name fields the reader cannot see: it is resolved against all of them.
  if (policy.rowFilter) conditions.push(compileFilter(tableColumns(table, row), policy.rowFilter, ctx));
  if (scope?.filter) conditions.push(compileFilter(policyColumns, scope.filter, ctx));
  if (plan.filter) conditions.push(compileFilter(columns, plan.filter, ctx));
  const search = plan.search ? compileSearch(columns, plan.search) : undefined;
  if (search) conditions.push(search);
  return {
    policy,
    columns,
    where: sql.join(conditions, sql` and `),
    from: sql`${physicalTable(table.workspaceId, table.id)} ${row}`,
  };
}

/** The plan's fields (all the reader may see when it names none), and its computed columns, which it asked for by defining them. */
function selectedColumns(prepared: Prepared, plan: QueryPlan): PlanColumn[] {
  if (!plan.fields) return prepared.columns;
  const chosen = plan.fields.map((key) => findColumn(prepared.columns, key));
  return prepared.columns.filter((c) => chosen.includes(c) || !c.field);
}

type RawRow = Record<string, unknown> & { id: string; version: number; created_at: Date | string; updated_at: Date | string };

function decodeRow(columns: PlanColumn[], raw: RawRow, fieldKey: FieldKey): Row {
  const fields: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    fields[fieldKey === "id" ? column.id : column.name] = column.read.decode(raw[`c${i}`]);
  });
  return {
    id: raw.id,
    version: Number(raw.version),
    createdAt: new Date(raw.created_at).toISOString(),
    updatedAt: new Date(raw.updated_at).toISOString(),
    fields,
  };
}

function selectList(columns: PlanColumn[], keys: SortKey[] = [], joins: CompiledJoin[] = []): SQL {
  return sql.join(
    [
      sql`${row}.id::text as id, ${row}.version, ${row}.created_at, ${row}.updated_at`,
      ...columns.map((c, i) => sql`${c.read.expr} as ${sql.identifier(`c${i}`)}`),
      ...keys.map((k, i) => sql`(${k.expr})::text as ${sql.identifier(`k${i}`)}`),
      ...joins.map((j, i) => sql`${j.expr} as ${sql.identifier(`j${i}`)}`),
    ],
    sql`, `,
  );
}

/** Group fields sort first (so groups come out together), then the plan's sorts. */
function planSort(plan: QueryPlan) {
  return [...(plan.groupBy ?? []).map((field) => ({ field, dir: "asc" as const })), ...(plan.sort ?? [])];
}

/** The plan's sort keys, then the view's manual order when it has one. */
function keysOf(request: PlanRequest, columns: PlanColumn[], sort: NonNullable<QueryPlan["sort"]>): SortKey[] {
  const keys = sortKeys(columns, sort);
  return request.scope?.rankedBy ? [...keys, rankKey(request.scope.rankedBy, row)] : keys;
}

function rowsSql(request: PlanRequest, joins: ResolvedJoin[] = []) {
  const { plan } = request;
  const prepared = prepare(request);
  const selected = selectedColumns(prepared, plan);
  const compiledJoins = joins.map((join, i) =>
    compileJoin(join, { table: request.table, columns: prepared.columns }, request.reader, i, request.now ?? new Date()),
  );
  for (const join of compiledJoins) {
    if (prepared.columns.some((c) => c.name === join.as || c.id === join.as)) throw new AppError("BAD_REQUEST", `Join name "${join.as}" is a field's name`);
    if (join.exists) prepared.where = sql`${prepared.where} and ${join.exists}`;
  }
  const keys = keysOf(request, prepared.columns, planSort(plan));
  // A cursor belongs to one order and one set of conditions.
  const fingerprint = orderFingerprint([
    planSort(plan),
    request.scope?.rankedBy ?? null,
    plan.filter ?? null,
    plan.search ?? null,
    plan.computed ?? null,
    plan.joins ?? null,
    request.scope?.filter ?? null,
  ]);
  const select = selectList(selected, keys, compiledJoins);
  const limit = plan.limit + 1;
  let query: SQL;
  const position = plan.cursor ? decodeCursor(plan.cursor, fingerprint, keys.length) : undefined;
  if (position && keys.length === 1) {
    // Each segment is an index range read in order; together they are the rows after the cursor.
    const segments = cursorSegments(keys[0]!, position.values[0], position.id, row).map(
      (segment, i) => sql`(select ${select}, ${i} as segment, row_number() over (order by ${segment.order}) as position
        from ${prepared.from} where ${prepared.where} and ${segment.where} order by ${segment.order} limit ${limit})`,
    );
    query = sql`select * from (${sql.join(segments, sql` union all `)}) pages order by segment, position limit ${limit}`;
  } else {
    const after = position ? sql` and ${afterCursor(keys, position.values, position.id, row)}` : sql``;
    const offset = plan.offset && !plan.cursor ? sql` offset ${plan.offset}` : sql``;
    query = sql`select ${select} from ${prepared.from} where ${prepared.where}${after}
      order by ${orderBy(keys, row)} limit ${limit}${offset}`;
  }
  return { query, prepared, selected, keys, fingerprint, compiledJoins };
}

/** A page of rows: `{ rows, nextCursor, total? }` as the REST API answers it. */
export async function queryRows(db: Db, request: PlanRequest) {
  if (isMounted(request.table)) return queryExternalRows(db, { ...request, table: request.table });
  const { plan } = request;
  const joins = await loadJoins(db, request.table, plan.joins);
  const { query, prepared, selected, keys, fingerprint, compiledJoins } = rowsSql(request, joins);
  const raws = rowsOf<RawRow>(await db.execute(query));
  const page = raws.slice(0, plan.limit);
  const last = page.at(-1);
  const hasMore = raws.length > plan.limit;
  const nextCursor =
    hasMore && last ? encodeCursor(keys.map((_, i) => (last[`k${i}`] ?? null) as string | null), last.id, fingerprint) : null;
  const result: { rows: Row[]; nextCursor: string | null; total?: number } = {
    rows: page.map((raw) => {
      const decoded = decodeRow(selected, raw, request.fieldKey ?? "name");
      compiledJoins.forEach((join, i) => (decoded.fields[join.as] = join.decode(raw[`j${i}`])));
      return decoded;
    }),
    nextCursor,
  };
  if (plan.withTotal) result.total = await countWhere(db, prepared);
  return result;
}

async function countWhere(db: Db, prepared: Prepared): Promise<number> {
  const [counted] = rowsOf<{ n: string | number }>(await db.execute(sql`select count(*) as n from ${prepared.from} where ${prepared.where}`));
  return Number(counted?.n ?? 0);
}

/** PostgreSQL's plan for a query plan's page (for admins debugging a slow view). */
export async function explainRows(db: Db, request: PlanRequest) {
  if (request.table.external) throw notOnExternal("Explaining a query");
  const { query } = rowsSql(request, await loadJoins(db, request.table, request.plan.joins));
  const result = rowsOf<Record<string, unknown>>(await db.execute(sql`explain (format json) ${query}`));
  const plan = Object.values(result[0] ?? {})[0];
  return typeof plan === "string" ? JSON.parse(plan) : plan;
}

/**
 * Of the given rows, those the reader may touch (live and inside their row
 * rule): writes check this so a row rule limits editing as it limits reading.
 */
export async function rowsWithinPolicy(db: Db, table: TableMeta, reader: Reader, ids: readonly string[]): Promise<Set<string>> {
  if (table.external) throw notOnExternal("This row operation");
  const policy = tablePolicy(table, reader);
  if (!policy.rowFilter || ids.length === 0) return new Set(ids);
  const rule = compileFilter(tableColumns(table, row), policy.rowFilter, { now: new Date() });
  const result = await db.execute(
    sql`select ${row}.id::text as id from ${physicalTable(table.workspaceId, table.id)} ${row}
        where ${row}.id = any(${arrayParam([...ids], "bigint[]")}) and ${rule}`,
  );
  return new Set(rowsOf<{ id: string }>(result).map((r) => r.id));
}

// ---------------------------------------------------------------------------
// Grouping and aggregates

/** A column's value as a GROUP BY key: JSON becomes jsonb (json has no equality). */
function groupExpr(column: PlanColumn): SQL {
  return column.kind === "list" || column.kind === "users" || column.kind === "user" ? sql`(${column.read.expr})::jsonb` : column.read.expr;
}

function groupOrder(column: PlanColumn, expr: SQL): SQL {
  if (column.kind === "choice") {
    const ids = ((column.field?.options as { choices?: Array<{ id: string }> }).choices ?? []).map((c) => c.id);
    return sql`array_position(${arrayParam(ids, "text[]")}, ${expr}) asc nulls last`;
  }
  return sql`${expr} asc nulls last`;
}

function aggregateExpr(columns: PlanColumn[], fn: NonNullable<QueryPlan["aggregates"]>[number]): { expr: SQL; column?: PlanColumn } {
  if (!fn.field) return { expr: sql`count(*)` };
  const column = findColumn(columns, fn.field);
  const v = column.kind === "list" || column.kind === "users" || column.kind === "user" ? groupExpr(column) : column.value;
  const numeric = column.kind === "number";
  const ordered = numeric || column.kind === "date" || column.kind === "instant" || column.kind === "text";
  switch (fn.fn) {
    case "count":
      return { expr: sql`count(${v})` };
    case "count_distinct":
      return { expr: sql`count(distinct ${v})` };
    case "count_empty": {
      const empty = compileFilter([column], { field: column.id, op: "is_empty" }, { now: new Date() });
      return { expr: sql`count(*) filter (where ${empty})` };
    }
    case "sum":
    case "avg":
      if (!numeric) throw new AppError("BAD_REQUEST", `${fn.fn} needs a number field; "${column.name}" is not one`, { field: column.name });
      return { expr: fn.fn === "sum" ? sql`sum(${v})` : sql`avg(${v})` };
    case "min":
    case "max":
      if (!ordered) throw new AppError("BAD_REQUEST", `${fn.fn} needs a number, date or text field; "${column.name}" is not one`, { field: column.name });
      return { expr: fn.fn === "min" ? sql`min(${v})` : sql`max(${v})`, column };
  }
}

function aggregateValue(raw: unknown, column?: PlanColumn): unknown {
  if (raw === null || raw === undefined) return null;
  if (column?.kind === "date") return typeof raw === "string" ? raw.slice(0, 10) : (raw as Date).toISOString().slice(0, 10);
  if (column?.kind === "instant") return new Date(raw as string).toISOString();
  if (column?.kind === "text") return String(raw);
  return Number(raw);
}

/** `{ groups: [{ key, values }] }`: one entry per distinct combination of the group fields (one entry when there are none). */
export async function queryAggregates(db: Db, request: PlanRequest) {
  if (isMounted(request.table)) return queryExternalAggregates(db, { ...request, table: request.table });
  const { plan } = request;
  const prepared = prepare(request);
  const groups = (plan.groupBy ?? []).map((key) => findColumn(prepared.columns, key));
  const aggregates = (plan.aggregates ?? []).map((a) => ({ spec: a, ...aggregateExpr(prepared.columns, a) }));
  if (new Set(aggregates.map((a) => a.spec.as)).size !== aggregates.length) throw new AppError("BAD_REQUEST", "Aggregate names (as) must be unique");
  const counted = await fromGroupCounts(db, request, prepared, groups, aggregates.map((a) => a.spec));
  const select = [
    ...groups.map((g, i) => sql`${groupExpr(g)} as ${sql.identifier(`g${i}`)}`),
    ...aggregates.map((a, i) => sql`${a.expr} as ${sql.identifier(`a${i}`)}`),
  ];
  if (select.length === 0) select.push(sql`count(*) as a0`);
  const groupClause = groups.length ? sql` group by ${sql.join(groups.map((_, i) => sql.raw(String(i + 1))), sql`, `)}` : sql``;
  const orderClause = groups.length ? sql` order by ${sql.join(groups.map((g) => groupOrder(g, groupExpr(g))), sql`, `)}` : sql``;
  const result =
    counted ??
    rowsOf<Record<string, unknown>>(
      await db.execute(sql`select ${sql.join(select, sql`, `)} from ${prepared.from} where ${prepared.where}${groupClause}${orderClause} limit 10001`),
    );
  if (result.length > 10_000) throw new AppError("BAD_REQUEST", "More than 10,000 groups: group by fewer distinct values or add a filter");
  const keyOf = request.fieldKey === "id" ? (c: PlanColumn) => c.id : (c: PlanColumn) => c.name;
  return {
    groups: result.map((raw) => ({
      key: Object.fromEntries(groups.map((g, i) => [keyOf(g), g.read.decode(raw[`g${i}`])])),
      values: Object.fromEntries(aggregates.map((a, i) => [a.spec.as, aggregateValue(raw[`a${i}`], a.column)])),
    })),
  };
}

/**
 * Row counts per value of one field, read from the counts maintained for it
 * (group-counts.ts) when nothing narrows the rows: no filter, search, view
 * filter or row rule, and only plain counts asked for. Null otherwise, and
 * the caller scans.
 */
async function fromGroupCounts(db: Db, request: PlanRequest, prepared: Prepared, groups: PlanColumn[], aggregates: NonNullable<QueryPlan["aggregates"]>) {
  const { plan } = request;
  const [group] = groups;
  const narrowed = plan.filter || plan.search?.trim() || request.scope?.filter || prepared.policy.rowFilter;
  const plainCounts = aggregates.length > 0 && aggregates.every((a) => a.fn === "count" && !a.field);
  if (narrowed || !plainCounts || groups.length !== 1 || !group?.field || !countableType(group.field)) return null;
  if (!(await hasGroupCounts(db, request.table, group.field.id))) return null;
  const value = fieldReader(request.table, group.field, sql`gc`)!.expr;
  const select = [sql`${value} as g0`, ...aggregates.map((_, i) => sql`gc.n as ${sql.identifier(`a${i}`)}`)];
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`select ${sql.join(select, sql`, `)} from ${groupCountsSource(request.table, group.field.id)}
      where gc.n > 0 order by ${groupOrder(group, value)} limit 10001`),
  );
}

// ---------------------------------------------------------------------------
// Kanban stacks

/** The stack field's column and the expression a row is stacked by (multi-person fields: the first person). */
function stackOf(prepared: Prepared, stackField: string) {
  const stack = findColumn(prepared.columns, stackField);
  const byText = stack.kind === "text" && stack.field?.type === "text";
  if (stack.kind !== "choice" && stack.kind !== "users" && stack.kind !== "user" && !byText) {
    throw new AppError("BAD_REQUEST", `Kanban stacks need a single select, user or text field; "${stack.name}" is not one`);
  }
  // Text with no value and "" share the empty stack, as both are empty to filters.
  const stackKey = stack.kind === "users" ? sql`(${stack.value})[1]` : byText ? sql`nullif(${stack.value}, '')` : stack.value;
  return { stack, stackKey, byText };
}

/**
 * The unranked rows of `anchor`'s stack, in the view's default order (id),
 * up to and including the anchor, leaving `moving` out: what must be ranked
 * before a card can be placed after the anchor (rows without a rank follow
 * the ranked ones, so there is no rank "after an unranked row" otherwise).
 * Null when the anchor is not a row of the view the reader may see.
 */
export async function unrankedUpTo(db: Db, request: PlanRequest & { stackField: string; viewId: string; anchor: string; moving: string; max: number }) {
  if (request.table.external) throw notOnExternal("Ordering cards");
  const prepared = prepare(request);
  const { stackKey } = stackOf(prepared, request.stackField);
  const anchor = sql`${request.anchor}::bigint`;
  const [found] = rowsOf<{ k: string | null }>(
    await db.execute(sql`select (${stackKey})::text as k from ${prepared.from} where ${prepared.where} and ${row}.id = ${anchor}`),
  );
  if (!found) return null;
  const ids = rowsOf<{ id: string }>(
    await db.execute(sql`select ${row}.id::text as id from ${prepared.from}
      where ${prepared.where} and (${stackKey})::text is not distinct from ${found.k}::text and ${row}.id <= ${anchor} and ${row}.id <> ${request.moving}::bigint
        and not exists (select 1 from view_row_ranks vr where vr.view_id = ${request.viewId} and vr.row_id = ${row}.id)
      order by ${row}.id limit ${request.max + 1}`),
  );
  return ids.map((r) => r.id);
}

/**
 * Kanban stacks: every choice of the stack field in order (or every person
 * present), then the empty stack, each with its count and first rows in the
 * plan's order. Multi-person fields stack by their first person.
 */
export async function queryStacks(db: Db, request: PlanRequest & { stackField: string; perStack: number }) {
  if (isMounted(request.table)) return queryExternalStacks(db, { ...request, table: request.table });
  const { plan } = request;
  const prepared = prepare(request);
  const { stack, stackKey, byText } = stackOf(prepared, request.stackField);
  const selected = selectedColumns(prepared, plan);
  const keys = keysOf(request, prepared.columns, plan.sort ?? []);
  const counts = rowsOf<{ k: string | null; n: string | number }>(
    await db.execute(sql`select ${stackKey} as k, count(*) as n from ${prepared.from} where ${prepared.where} group by 1 order by 1 asc nulls last`),
  );
  const raws = rowsOf<RawRow & { stack_key: string | null }>(
    await db.execute(sql`select * from (
        select ${selectList(selected)}, ${stackKey} as stack_key,
          row_number() over (partition by ${stackKey} order by ${orderBy(keys, row)}) as stack_rank
        from ${prepared.from} where ${prepared.where}) s
      where s.stack_rank <= ${request.perStack} order by s.stack_key, s.stack_rank`),
  );
  const countOf = new Map(counts.map((c) => [c.k, Number(c.n)]));
  let stackIds: Array<string | null>;
  let keyOf: (id: string | null) => unknown;
  if (stack.kind === "choice") {
    const choices = (stack.field?.options as { choices?: Array<{ id: string; name: string }> }).choices ?? [];
    stackIds = choices.map((c) => c.id);
    keyOf = (id) => choices.find((c) => c.id === id)?.name ?? null;
  } else if (byText) {
    // A stack per value present, in the order the rows sort by it.
    if (counts.length > maxTextStacks + 1) throw new AppError("BAD_REQUEST", `"${stack.name}" has more than ${maxTextStacks} values: stack by a field with fewer, or add a filter`);
    stackIds = counts.map((c) => c.k).filter((k): k is string => k !== null);
    keyOf = (id) => id;
  } else {
    stackIds = counts.map((c) => c.k).filter((k): k is string => k !== null).sort();
    const names = new Map(
      rowsOf<{ id: string; name: string }>(
        await db.execute(sql`select id, name from users where id = any(${arrayParam(stackIds as string[], "text[]")})`),
      ).map((u) => [u.id, u.name]),
    );
    stackIds.sort((a, b) => (names.get(a!) ?? "").localeCompare(names.get(b!) ?? ""));
    keyOf = (id) => (id === null ? null : { id, name: names.get(id) ?? null });
  }
  stackIds.push(null);
  const fieldKey = request.fieldKey ?? "name";
  return {
    groups: stackIds.map((id) => ({
      key: keyOf(id),
      count: countOf.get(id) ?? 0,
      rows: raws.filter((r) => r.stack_key === id).map((r) => decodeRow(selected, r, fieldKey)),
    })),
  };
}


/** Rows by id as the reader may see them: outside their row rule is not found, hidden fields left out. */
export async function readRowsForReader(db: Db, table: TableMeta, reader: Reader, ids: string[], fieldKey: FieldKey = "name", actor?: AuditActor) {
  if (isMounted(table)) return readExternalRows(db, { table, reader, actor: actor ?? { userId: reader.userId, tokenId: null }, ids, fieldKey });
  const policy = tablePolicy(table, reader);
  const within = await rowsWithinPolicy(db, table, reader, ids.filter((id) => rowIdPattern.test(id)));
  const rows = await readRowsById(db, table, [...within], { fieldKey: "id", linkedRows: linkedRowsFor(reader) });
  const byId = new Map(rows.map((r) => [r.id, keyedBy(policy.visible, r, fieldKey)]));
  return ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
}

/** The columns a plan's answer holds, in order (for headers, before any row is read). */
export function selectedPlanColumns(request: PlanRequest): Array<{ id: string; name: string }> {
  if (request.table.external) return externalSelection(request).selected.map((f) => ({ id: f.id, name: f.name }));
  return selectedColumns(prepare(request), request.plan).map((c) => ({ id: c.id, name: c.name }));
}
