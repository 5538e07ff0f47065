import { z } from "zod";
import { filterOps } from "../fields/field-type";

/**
 * The logical query plan (PRODUCT.md, "The query plan"): every read of rows —
 * grid pages, view data, kanban lanes, aggregates, exports, published APIs —
 * is one of these, validated here and then narrowed by the policy step before
 * a compiler turns it into SQL (or, later, a MySQL query or MongoDB pipeline).
 * Field references are names or ids; the compiler resolves them against the
 * table's metadata and refuses unknown ones.
 */

/** Deep nesting is refused rather than compiled (a hostile filter cannot blow the stack). */
export const maxFilterDepth = 12;
/** `in` lists and group members beyond this are refused with 400. */
export const maxListLength = 1000;

const fieldRef = z.string().min(1).max(200);

export type FilterCondition = { field: string; op: (typeof filterOps)[number]; value?: unknown };
export type FilterNode = FilterCondition | { and: FilterNode[] } | { or: FilterNode[] };

export const filterCondition = z
  .object({ field: fieldRef, op: z.enum(filterOps), value: z.unknown().optional() })
  .strict() satisfies z.ZodType<FilterCondition>;

export const filterNode: z.ZodType<FilterNode> = z.lazy(() =>
  z.union([
    filterCondition,
    z.object({ and: z.array(filterNode).max(maxListLength) }).strict(),
    z.object({ or: z.array(filterNode).max(maxListLength) }).strict(),
  ]),
);

/** Conditions in a whole filter tree at most (breadth, as the depth limit bounds nesting). */
export const maxFilterConditions = 2000;

export function filterConditions(node: FilterNode): number {
  if ("and" in node) return node.and.reduce((n, child) => n + filterConditions(child), 0);
  if ("or" in node) return node.or.reduce((n, child) => n + filterConditions(child), 0);
  return 1;
}

export function filterDepth(node: FilterNode): number {
  if ("and" in node) return 1 + Math.max(0, ...node.and.map(filterDepth));
  if ("or" in node) return 1 + Math.max(0, ...node.or.map(filterDepth));
  return 1;
}

/** A filter tree, nested at most `maxFilterDepth` deep. */
export const filterInput = filterNode
  .refine((node) => filterDepth(node) <= maxFilterDepth, { message: `Filters may nest at most ${maxFilterDepth} levels deep` })
  .refine((node) => filterConditions(node) <= maxFilterConditions, { message: `Filters may hold at most ${maxFilterConditions} conditions` });

export const sortInput = z.array(z.object({ field: fieldRef, dir: z.enum(["asc", "desc"]).default("asc") }).strict()).max(20);
export type SortSpec = z.infer<typeof sortInput>;

export const aggregateFunctions = ["count", "sum", "avg", "min", "max", "count_distinct", "count_empty"] as const;
export type AggregateFunction = (typeof aggregateFunctions)[number];

export const aggregateInput = z
  .object({
    fn: z.enum(aggregateFunctions),
    /** Absent only for `count` (all rows). */
    field: fieldRef.optional(),
    as: z.string().min(1).max(100).regex(/^[^\u0000]*$/),
  })
  .strict()
  .refine((a) => a.fn === "count" || a.field !== undefined, { message: "This aggregate needs a field" });
export type AggregateSpec = z.infer<typeof aggregateInput>;

/**
 * A computed column: a formula over the table's fields, evaluated by the
 * database for each row (and so usable in filters and sorts by its name).
 */
export const computedInput = z.object({ name: z.string().min(1).max(100), formula: z.string().min(1).max(10_000) }).strict();
export type ComputedColumn = z.infer<typeof computedInput>;

/**
 * A join: rows of another table of the workspace, either through a link
 * field of the source (`via`) or by equality of two fields (`on`). The joined
 * table's selected fields appear under `as`.
 */
export const joinInput = z
  .object({
    as: z.string().min(1).max(100),
    tableId: z.string().min(1).max(64),
    via: fieldRef.optional(),
    on: z.object({ left: fieldRef, right: fieldRef }).strict().optional(),
    kind: z.enum(["inner", "left"]).default("left"),
    fields: z.array(fieldRef).max(200).optional(),
  })
  .strict()
  .refine((j) => (j.via === undefined) !== (j.on === undefined), { message: "A join is either via a link field or on two fields" });
export type JoinSpec = z.infer<typeof joinInput>;

export const queryPlan = z
  .object({
    tableId: z.string().min(1).max(64),
    /** Selected fields; absent means every field the caller may see. */
    fields: z.array(fieldRef).max(500).optional(),
    filter: filterInput.optional(),
    sort: sortInput.optional(),
    search: z.string().max(500).optional(),
    groupBy: z.array(fieldRef).max(5).optional(),
    aggregates: z.array(aggregateInput).max(50).optional(),
    joins: z.array(joinInput).max(5).optional(),
    computed: z.array(computedInput).max(20).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    /** Keyset cursor from a previous page (opaque). */
    cursor: z.string().max(65_536).optional(),
    /** Only where asked for: row offset instead of a cursor. */
    offset: z.number().int().min(0).max(10_000_000).optional(),
    /** Also count every row matching the filter. */
    withTotal: z.boolean().optional(),
  })
  .strict();
export type QueryPlan = z.infer<typeof queryPlan>;

/** Filters combined with AND, skipping absent ones. */
export function allOf(...filters: Array<FilterNode | undefined>): FilterNode | undefined {
  const present = filters.filter((f): f is FilterNode => f !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { and: present };
}
