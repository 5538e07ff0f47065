import "server-only";
import { createHash } from "node:crypto";
import type { FilterNode, SortSpec } from "@/lib/query/plan";
import type { Db } from "../db";
import type { AuditActor } from "../audit/record-audit";
import { type Reader, type TablePolicy, tablePolicy } from "../authz/table-policy";
import type { DiscoveredTable, Connector, ExternalGroup, ExternalPage, ExternalSource, ExternalValues } from "../connectors/connector";
import { env } from "../env";
import { AppError } from "../errors";
import { loadConnection, useConnection } from "../services/connections/connection-record";
import type { FieldKey, Row } from "../services/rows/row-codec";
import { type FieldMeta, findField, type TableMeta } from "../services/tables/table-meta";
import { openRowKey, sealRowKey } from "./sealed-row-id";
import type { PlanRequest } from "./execute";

/**
 * Reads of a mounted table: the same plan and policy step as an internal
 * table (hidden fields removed, the row rule ANDed), with fields turned into
 * the external columns they show, then compiled by the connection's adapter
 * against the discovered table, within its time limit and row cap, and
 * audited as `connection.use`.
 *
 * A row's id is its primary key: the key's values, in key order, as a JSON
 * array in base64url (so any key type and composite keys survive a URL path;
 * integers past 2^53 as strings). A reader from whom a field rule hides a key
 * column gets sealed ids instead (sealed-row-id.ts), and only those are
 * taken from them: the id must not show, or let them probe, what the rule
 * hides. A table without a primary key has no addressable rows: its ids are
 * a hash of the row's values, only to tell rows apart, and its pages go by
 * offset.
 */

export type MountedTable = TableMeta & { external: ExternalSource };

export function isMounted(table: TableMeta): table is MountedTable {
  return Boolean(table.external);
}

/** The connection's actor for the audit record: the request's, or the reader's (published views, exports). */
const actorOf = (request: { actor?: AuditActor; reader: Reader }): AuditActor => request.actor ?? { userId: request.reader.userId, tokenId: null };

export function externalRowId(table: DiscoveredTable, values: ExternalValues): string {
  if (table.primaryKey.length === 0) return createHash("sha256").update(JSON.stringify(table.columns.map((c) => values[c.name] ?? null))).digest("base64url").slice(0, 22);
  return Buffer.from(JSON.stringify(table.primaryKey.map((name) => values[name] ?? null))).toString("base64url");
}

/** The key a row id stands for, or null when it is not one of this table's ids. */
export function externalRowKey(table: DiscoveredTable, id: string): ExternalValues | null {
  return keyOfJson(table, Buffer.from(id, "base64url").toString("utf8"));
}

function keyOfJson(table: DiscoveredTable, json: string | null): ExternalValues | null {
  if (table.primaryKey.length === 0) throw new AppError("BAD_REQUEST", `"${table.name}" has no primary key: its rows cannot be addressed by id`);
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== table.primaryKey.length || parsed.some((v) => v === null || typeof v === "object")) return null;
  return Object.fromEntries(table.primaryKey.map((name, i) => [name, parsed[i]]));
}

/** Whether a field rule hides a primary key column from the reader. */
function hidesKey(table: MountedTable, reader: Reader): boolean {
  const shown = new Set(tablePolicy(table, reader).visible.fields.map((f) => f.externalColumn));
  return table.external.table.primaryKey.some((name) => !shown.has(name));
}

export type RowIds = { encode: (values: ExternalValues) => string; decode: (id: string) => ExternalValues | null };

/** Row ids as one reader writes and reads them: the key in the clear, or sealed when it is hidden from them. */
export function rowIdsFor(table: MountedTable, reader: Reader): RowIds {
  const source = table.external.table;
  if (source.primaryKey.length === 0 || !hidesKey(table, reader)) {
    return { encode: (values: ExternalValues) => externalRowId(source, values), decode: (id: string) => externalRowKey(source, id) };
  }
  return {
    encode: (values: ExternalValues) => sealRowKey(table.id, JSON.stringify(source.primaryKey.map((name) => values[name] ?? null))),
    decode: (id: string) => keyOfJson(source, openRowKey(table.id, id)),
  };
}

/** A filter over fields (by id or name) as one over their columns; an unknown field is a 400. */
export function filterOnColumns(fields: FieldMeta[], node: FilterNode): FilterNode {
  if ("and" in node) return { and: node.and.map((n) => filterOnColumns(fields, n)) };
  if ("or" in node) return { or: node.or.map((n) => filterOnColumns(fields, n)) };
  return { ...node, field: columnOf(fields, node.field) };
}

function fieldOf(fields: FieldMeta[], key: string): FieldMeta {
  const field = findField({ fields }, key);
  if (!field?.externalColumn) throw new AppError("BAD_REQUEST", `Unknown field "${key}"`, { field: key });
  return field;
}

const columnOf = (fields: FieldMeta[], key: string): string => fieldOf(fields, key).externalColumn!;

/** A row of the external table as the API's Row: no version or times (the database keeps none), fields keyed as asked (those of dropped columns left out). */
export function externalRow(table: MountedTable, fields: FieldMeta[], values: ExternalValues, fieldKey: FieldKey = "name", ids?: RowIds): Row {
  return {
    // Without the reader's ids: the id audit records and reverts name the row by.
    id: ids ? ids.encode(values) : externalRowId(table.external.table, values),
    version: 0,
    createdAt: null,
    updatedAt: null,
    fields: Object.fromEntries(liveFields(table, fields).map((f) => [fieldKey === "id" ? f.id : f.name, values[f.externalColumn!] ?? null])),
  };
}

/** Runs `work` on the table's connection, audited as one `connection.use` (what it touched and how it ended). */
export async function withMountedConnection<T>(
  db: Db,
  params: { table: MountedTable; actor: AuditActor; operation: "query" | "write"; summary: (result: T) => Record<string, unknown> },
  work: (connector: Connector) => Promise<T>,
): Promise<T> {
  const { schema, table, missing } = params.table.external;
  if (missing) throw new AppError("NOT_FOUND", `"${schema}.${table.name}" was not found in the external database at the last schema refresh`, { reason: "external_table_missing" });
  const connection = await loadConnection(db, params.table.external.connectionId);
  return useConnection<T>(db, { connection, actor: params.actor, use: { operation: params.operation, table: `${schema}.${table.name}` }, summary: params.summary }, work);
}

const rowCount = (page: ExternalPage) => ({ rows: page.rows.length });

/** The row rule (over all fields), the view's filter (over those the reader sees) and the plan's own, on columns. */
function externalFilter(request: PlanRequest, policy: TablePolicy, fields: FieldMeta[]): FilterNode | undefined {
  const { plan, scope } = request;
  const parts: FilterNode[] = [];
  if (policy.rowFilter) parts.push(filterOnColumns(request.table.fields, policy.rowFilter));
  if (scope?.filter) parts.push(filterOnColumns(policy.visible.fields, scope.filter));
  if (plan.filter) parts.push(filterOnColumns(fields, plan.filter));
  // Search is `contains` on every text column shown, which each compiler already has.
  const search = plan.search?.trim();
  if (search) {
    const texts = fields.filter((f) => f.type === "text" || f.type === "long_text");
    parts.push({ or: texts.map((f) => ({ field: f.externalColumn!, op: "contains" as const, value: search })) });
  }
  return parts.length ? { and: parts } : undefined;
}

/** The fields whose columns the table still has (a refresh keeps fields of dropped columns, showing nothing). */
export function liveFields(table: MountedTable, fields: FieldMeta[]): FieldMeta[] {
  const columns = new Set(table.external.table.columns.map((c) => c.name));
  return fields.filter((f) => columns.has(f.externalColumn!));
}

/** The fields a plan may name (what the reader sees, less what the view hides) and those it answers, in order. */
export function externalSelection(request: PlanRequest) {
  const { plan } = request;
  if (plan.computed?.length || plan.joins?.length) throw new AppError("BAD_REQUEST", "Computed columns and joins are not available on an external table");
  if (plan.offset) throw new AppError("BAD_REQUEST", "Offsets are not available on an external table: page with the cursor");
  const policy = tablePolicy(request.table, request.reader);
  const hiddenByView = new Set(request.scope?.hiddenFields ?? []);
  const shown = liveFields(request.table as MountedTable, policy.visible.fields).filter((f) => !hiddenByView.has(f.id));
  const chosen = new Set((plan.fields ?? []).map((key) => columnOf(shown, key)));
  const selected = plan.fields ? shown.filter((f) => chosen.has(f.externalColumn!)) : shown;
  return { policy, shown, selected };
}

/** The plan's sorts (group fields first, as on internal tables) on the columns of the fields the reader sees. */
function externalSort(request: PlanRequest, shown: FieldMeta[]): SortSpec {
  const { plan } = request;
  return [...(plan.groupBy ?? []).map((field) => ({ field, dir: "asc" as const })), ...(plan.sort ?? [])].map((s) => ({ ...s, field: columnOf(shown, s.field) }));
}

/** The columns a page reads: the key (so each row has its id whatever fields were asked for), then those shown. */
const pageColumns = (table: MountedTable, selected: FieldMeta[]) => [...new Set([...table.external.table.primaryKey, ...selected.map((f) => f.externalColumn!)])];

/** A page of a mounted table's rows: `{ rows, nextCursor }` (no total: counting an external table can be costly). */
export async function queryExternalRows(db: Db, request: PlanRequest & { table: MountedTable }): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const { table, plan } = request;
  const { policy, shown, selected } = externalSelection(request);
  const source = table.external;
  const page = await withMountedConnection<ExternalPage>(db, { table, actor: actorOf(request), operation: "query", summary: rowCount }, (connector) =>
    connector.query({
      schema: source.schema,
      table: source.table,
      filter: externalFilter(request, policy, shown),
      sort: externalSort(request, shown),
      fields: pageColumns(table, selected),
      limit: Math.min(plan.limit, env.CONNECTION_ROW_CAP),
      cursor: plan.cursor,
      now: request.now ?? new Date(),
    }),
  );
  const ids = rowIdsFor(table, request.reader);
  return { rows: page.rows.map((values) => externalRow(table, selected, values, request.fieldKey, ids)), nextCursor: page.nextCursor };
}

/** Groups an answer holds at most (as on internal tables). */
export const maxGroups = 10_000;

/** `{ groups: [{ key, values }] }` of a mounted table, computed by its database: the same answer as an internal table's. */
export async function queryExternalAggregates(db: Db, request: PlanRequest & { table: MountedTable }) {
  const { table, plan } = request;
  const { policy, shown } = externalSelection(request);
  const groupFields = (plan.groupBy ?? []).map((key) => fieldOf(shown, key));
  const aggregates = plan.aggregates ?? [];
  if (new Set(aggregates.map((a) => a.as)).size !== aggregates.length) throw new AppError("BAD_REQUEST", "Aggregate names (as) must be unique");
  const groups = await withMountedConnection<ExternalGroup[]>(db, { table, actor: actorOf(request), operation: "query", summary: (g) => ({ groups: g.length }) }, (connector) =>
    connector.aggregate({
      schema: table.external.schema,
      table: table.external.table,
      filter: externalFilter(request, policy, shown),
      groupBy: groupFields.map((f) => f.externalColumn!),
      aggregates: aggregates.map((a) => ({ fn: a.fn, column: a.field === undefined ? undefined : columnOf(shown, a.field) })),
      limit: maxGroups + 1,
      now: request.now ?? new Date(),
    }),
  );
  if (groups.length > maxGroups) throw new AppError("BAD_REQUEST", "More than 10,000 groups: group by fewer distinct values or add a filter");
  const keyOf = (f: FieldMeta) => (request.fieldKey === "id" ? f.id : f.name);
  return {
    groups: groups.map((g) => ({
      key: Object.fromEntries(groupFields.map((f, i) => [keyOf(f), g.key[i] ?? null])),
      values: Object.fromEntries(aggregates.map((a, i) => [a.as, g.values[i] ?? null])),
    })),
  };
}

/** Stacks a board stacked by text shows at most (a stack per value present; on a mounted table each is a query). */
export const maxTextStacks = 100;

/**
 * Kanban stacks of a mounted table, stacked by a text field: a stack per
 * value present, in the order the database sorts them, then the empty stack
 * (no value or ""), each with its count and first rows in the plan's order.
 * One `connection.use` covers the counts and every stack's page.
 */
export async function queryExternalStacks(db: Db, request: PlanRequest & { table: MountedTable; stackField: string; perStack: number }) {
  const { table, plan } = request;
  const { policy, shown, selected } = externalSelection(request);
  const stack = fieldOf(shown, request.stackField);
  if (stack.type !== "text") throw new AppError("BAD_REQUEST", `Kanban stacks on an external table need a text field; "${stack.name}" is not one`);
  const column = stack.externalColumn!;
  const filter = externalFilter(request, policy, shown);
  const now = request.now ?? new Date();
  const { schema, table: source } = table.external;
  const answer = await withMountedConnection(db, { table, actor: actorOf(request), operation: "query", summary: (s: Array<{ rows: ExternalValues[] }>) => ({ stacks: s.length, rows: s.reduce((n, x) => n + x.rows.length, 0) }) }, async (connector) => {
    const counted = await connector.aggregate({ schema, table: source, filter, groupBy: [column], aggregates: [{ fn: "count" }], limit: maxTextStacks + 2, now });
    const valued = counted.filter((g) => g.key[0] !== null && g.key[0] !== "");
    if (valued.length > maxTextStacks) throw new AppError("BAD_REQUEST", `"${stack.name}" has more than ${maxTextStacks} values: stack by a field with fewer, or add a filter`);
    const empty = counted.filter((g) => !valued.includes(g)).reduce((n, g) => n + Number(g.values[0]), 0);
    const stacks = [...valued.map((g) => ({ key: String(g.key[0]), count: Number(g.values[0]) })), { key: null, count: empty }];
    return Promise.all(
      stacks.map(async (s) => {
        const within: FilterNode = s.key === null ? { field: column, op: "is_empty" } : { field: column, op: "eq", value: s.key };
        const page =
          s.count === 0
            ? { rows: [] }
            : await connector.query({
                schema,
                table: source,
                filter: filter ? { and: [filter, within] } : within,
                sort: externalSort({ ...request, plan: { ...plan, groupBy: undefined } }, shown),
                fields: pageColumns(table, selected),
                limit: Math.min(request.perStack, env.CONNECTION_ROW_CAP),
                now,
              });
        return { ...s, rows: page.rows };
      }),
    );
  });
  const ids = rowIdsFor(table, request.reader);
  return { groups: answer.map((s) => ({ key: s.key, count: s.count, rows: s.rows.map((values) => externalRow(table, selected, values, request.fieldKey, ids)) })) };
}

/**
 * Rows by id as the reader may see them (inside their row rule, hidden
 * fields left out); ids that are not this table's, or rows outside the rule,
 * are left out.
 */
export async function readExternalRows(
  db: Db,
  params: { table: MountedTable; reader: Reader; actor: AuditActor; ids: string[]; fieldKey?: FieldKey; now?: Date },
): Promise<Row[]> {
  const { table } = params;
  const ids = rowIdsFor(table, params.reader);
  const keys = params.ids.map((id) => ids.decode(id)).filter((k): k is ExternalValues => k !== null);
  if (keys.length === 0) return [];
  const policy = tablePolicy(table, params.reader);
  const byKey: FilterNode = { or: keys.map((key) => ({ and: table.external.table.primaryKey.map((name) => ({ field: name, op: "eq" as const, value: key[name] })) })) };
  const filter: FilterNode = policy.rowFilter ? { and: [byKey, filterOnColumns(table.fields, policy.rowFilter)] } : byKey;
  const page = await withMountedConnection<ExternalPage>(db, { table, actor: params.actor, operation: "query", summary: rowCount }, (connector) =>
    connector.query({ schema: table.external.schema, table: table.external.table, filter, limit: keys.length, now: params.now ?? new Date() }),
  );
  const rows = new Map(page.rows.map((values) => {
    const row = externalRow(table, policy.visible.fields, values, params.fieldKey, ids);
    return [row.id, row];
  }));
  return params.ids.map((id) => rows.get(id)).filter((r): r is Row => r !== undefined);
}
