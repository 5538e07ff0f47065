import "server-only";
import { allOf, type FilterNode, type SortSpec } from "@/lib/query/plan";
import { followsManualOrder, type ViewConfigOf } from "@/lib/views/registry";
import type { ViewType } from "@/lib/views/view-type";
import type { Reader } from "../../authz/table-policy";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import { queryRows, queryStacks, type ViewScope } from "../../query/execute";
import type { FieldKey, Row } from "../rows/row-codec";
import type { AuditActor } from "../../audit/record-audit";
import type { TableMeta } from "../tables/table-meta";
import type { ViewMeta } from "./view-meta";

export type ViewDataParams = {
  filter?: FilterNode;
  sort?: SortSpec;
  search?: string;
  limit: number;
  cursor?: string;
  /** Row offset instead of a cursor (a grid jumping deep into a view). */
  offset?: number;
  /** Also count every row of the view (a grid's row count). */
  withTotal?: boolean;
  fieldKey?: FieldKey;
  /** Kanban: answer stacks instead of a page of rows. */
  groups?: boolean;
  /** Calendar and timeline: only rows on or across these days (YYYY-MM-DD, inclusive). */
  from?: string;
  to?: string;
  /** Who a mounted table's `connection.use` record names (the reader's user when absent). */
  actor?: AuditActor;
};

type Request = { db: Db; view: ViewMeta; table: TableMeta; reader: Reader; params: ViewDataParams };

/**
 * A view's rows through the query plan: the view's filter is the scope (ANDed
 * under the reader's row rule), the request's filter narrows it further, a
 * request sort replaces the view's, group fields sort first, and the view's
 * hidden fields are neither shown nor usable by the request.
 */
export async function readViewData(db: Db, view: ViewMeta, table: TableMeta, reader: Reader, params: ViewDataParams) {
  const request: Request = { db, view, table, reader, params };
  const special = viewData[view.type];
  if (special) return special(request);
  return readPage(request);
}

/** The view's filter and hidden fields, and its manual order while nothing sorts it (row-ranks.ts; internal tables only). */
function scopeOf({ view, table, params }: Request, extra?: FilterNode, show: string[] = []): ViewScope {
  const manual = !table.external && followsManualOrder({ type: view.type, sort: params.sort ?? view.sort });
  return {
    filter: allOf(view.filter ?? undefined, extra),
    hiddenFields: view.hiddenFields.filter((id) => !show.includes(id)),
    ...(manual && { rankedBy: view.id }),
  };
}

async function readPage(request: Request, extraFilter?: FilterNode, show: string[] = []) {
  const { db, view, table, reader, params } = request;
  return queryRows(db, {
    table,
    reader,
    scope: scopeOf(request, extraFilter, show),
    plan: {
      tableId: table.id,
      filter: params.filter,
      sort: params.sort ?? view.sort,
      groupBy: view.groupBy.length ? view.groupBy : undefined,
      search: params.search,
      limit: params.limit,
      cursor: params.cursor,
      offset: params.offset,
      withTotal: params.withTotal,
    },
    fieldKey: params.fieldKey,
    actor: params.actor,
  });
}

/** The key a field has in rows' `fields` (its name, or its id with fieldKey=id). */
function keyOf(table: TableMeta, fieldId: string, fieldKey: FieldKey = "name"): string | undefined {
  const field = table.fields.find((f) => f.id === fieldId);
  return field && (fieldKey === "id" ? field.id : field.name);
}

/** Removes a field read only for the answer's sake (a cover, a stack) when the view hides it. */
function dropHidden(view: ViewMeta, table: TableMeta, fieldId: string, rows: Row[], fieldKey?: FieldKey) {
  const key = keyOf(table, fieldId, fieldKey);
  if (!view.hiddenFields.includes(fieldId) || !key) return;
  for (const row of rows) delete row.fields[key];
}

const day = /^\d{4}-\d{2}-\d{2}$/;

/** Rows whose start..end span (or single day) meets the window [from, to]. */
function windowFilter(params: ViewDataParams, start: string, end?: string): FilterNode | undefined {
  const { from, to } = params;
  if (from === undefined && to === undefined) return undefined;
  for (const [name, value] of [["from", from], ["to", to]] as const) {
    if (value !== undefined && (!day.test(value) || Number.isNaN(Date.parse(value)))) {
      throw new AppError("BAD_REQUEST", `${name} must be a date as YYYY-MM-DD`);
    }
  }
  if (from && to && from > to) throw new AppError("BAD_REQUEST", "from must not be after to");
  const startsBy: FilterNode | undefined = to ? { field: start, op: "lte", value: to } : undefined;
  let endsAfter: FilterNode | undefined;
  if (from) {
    endsAfter = end
      ? { or: [{ field: end, op: "gte", value: from }, { and: [{ field: end, op: "is_empty" }, { field: start, op: "gte", value: from }] }] }
      : { field: start, op: "gte", value: from };
  }
  // A row without a start is on no day.
  return allOf({ field: start, op: "is_not_empty" }, startsBy, endsAfter);
}

const viewData: Partial<Record<ViewType, (request: Request) => Promise<unknown>>> = {
  async kanban(request) {
    const { db, view, table, reader, params } = request;
    if (!params.groups) return readPage(request);
    const { stackFieldId } = view.config as unknown as ViewConfigOf["kanban"];
    // The stack field is read even when the view hides it from the cards.
    const answer = await queryStacks(db, {
      table,
      reader,
      scope: scopeOf(request, undefined, [stackFieldId]),
      plan: { tableId: table.id, filter: params.filter, sort: params.sort ?? view.sort, search: params.search, limit: params.limit },
      stackField: stackFieldId,
      perStack: params.limit,
      fieldKey: params.fieldKey,
    });
    for (const group of answer.groups) dropHidden(view, table, stackFieldId, group.rows, params.fieldKey);
    return answer;
  },
  calendar(request) {
    const { dateFieldId, endDateFieldId } = request.view.config as unknown as ViewConfigOf["calendar"];
    return readPage(request, windowFilter(request.params, dateFieldId, endDateFieldId));
  },
  timeline(request) {
    const { startFieldId, endFieldId } = request.view.config as unknown as ViewConfigOf["timeline"];
    return readPage(request, windowFilter(request.params, startFieldId, endFieldId));
  },
  /** Each row with `cover`: the first file of the cover field, or null. */
  async gallery(request) {
    const { view, table, params } = request;
    const { coverFieldId } = view.config as unknown as ViewConfigOf["gallery"];
    if (!coverFieldId) return readPage(request);
    const page = await readPage(request, undefined, [coverFieldId]);
    const key = keyOf(table, coverFieldId, params.fieldKey);
    const rows = page.rows.map((row) => {
      const files = key ? row.fields[key] : undefined;
      return { ...row, cover: Array.isArray(files) && files.length > 0 ? files[0] : null };
    });
    dropHidden(view, table, coverFieldId, rows, params.fieldKey);
    return { ...page, rows };
  },
};
