import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { FilterOp } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { findByKey } from "@/lib/find-by-key";
import { AppError } from "../errors";
import { type Reader, ruledRole, withCurrentUser } from "../authz/table-policy";
import { compileFilter } from "./compile/postgres";
import { analyzeFormula, type FormulaResultType } from "@/lib/formula";
import type { ComputedColumn } from "@/lib/query/plan";
import { decodeFormulaValue, formulaValueSql } from "../formula/formula-reader";
import { compileFormulaSql } from "../formula/compile-sql";
import { fieldReader, type LinkedRowsFilter } from "../services/rows/row-codec";
import type { FieldMeta, TableMeta } from "../services/tables/table-meta";

/**
 * How the compiler treats a column's value: what a filter value must be,
 * which SQL type it is bound as, and how it sorts.
 */
export type ValueKind =
  | "text"
  | "number"
  | "boolean"
  | "date"
  | "instant"
  /** single select: choice ids, compared by name, sorted by choice order */
  | "choice"
  /** multi select: text[] of choice ids */
  | "choices"
  /** a user field: text[] of user ids */
  | "users"
  /** created/modified by: one user id */
  | "user"
  /** attachments, links and lookups: a JSON array read through a subquery */
  | "list"
  /** a formula's list: text[] of plain values */
  | "texts";

/** One column a plan can select, filter, sort or group by: a field of the table or a computed column. */
export type PlanColumn = {
  /** The key the row's `fields` use (field name or id) and the names a plan may use. */
  id: string;
  name: string;
  field?: FieldMeta;
  kind: ValueKind;
  /** The value to compare with (a stored column where there is one, so indexes apply). */
  value: SQL;
  /** What the row's answer shows, and its decoding. */
  read: { expr: SQL; decode: (raw: unknown) => unknown };
  operators: readonly FilterOp[];
  /** The field's display time zone (date filters on instants compare days there). */
  timeZone: string;
};

const kindOfType: Partial<Record<FieldMeta["type"], ValueKind>> = {
  text: "text",
  long_text: "text",
  email: "text",
  url: "text",
  phone: "text",
  number: "number",
  currency: "number",
  percent: "number",
  rating: "number",
  progress: "number",
  duration: "number",
  autonumber: "number",
  count: "number",
  boolean: "boolean",
  date: "date",
  datetime: "instant",
  created_time: "instant",
  last_modified_time: "instant",
  single_select: "choice",
  multi_select: "choices",
  user: "users",
  created_by: "user",
  last_modified_by: "user",
  attachment: "list",
  link: "list",
  lookup: "list",
};

const formulaKinds: Record<FormulaResultType, ValueKind> = { number: "number", text: "text", boolean: "boolean", date: "instant", array: "texts" };

/** What a formula's result can be filtered with, by its kind (the registry cannot know a formula's result). */
const formulaOperators: Partial<Record<ValueKind, readonly FilterOp[]>> = {
  number: ["eq", "neq", "lt", "lte", "gt", "gte", "between", "in", "not_in", "is_empty", "is_not_empty"],
  text: ["eq", "neq", "contains", "not_contains", "starts_with", "ends_with", "in", "not_in", "is_empty", "is_not_empty"],
  boolean: ["eq", "neq"],
  instant: ["eq", "neq", "lt", "lte", "gt", "gte", "between", "is_within", "is_empty", "is_not_empty"],
  texts: ["has_any_of", "has_all_of", "eq", "contains", "not_contains", "is_empty", "is_not_empty"],
};

function formulaKind(table: TableMeta, field: FieldMeta): ValueKind {
  const analyzed = analyzeFormula((field.options as { formula: string }).formula, table.fields, { selfId: field.id });
  return analyzed.ok ? formulaKinds[analyzed.resultType] : "text";
}

function kindOf(table: TableMeta, field: FieldMeta): ValueKind {
  if (field.type === "rollup") {
    const fn = (field.options as { fn: string }).fn;
    if (fn === "concat") return "text";
    if (fn === "min" || fn === "max") {
      const link = table.fields.find((f) => f.id === field.options.linkFieldId);
      const target = link ? table.linked[link.options.tableId] : undefined;
      const rolled = target?.fields.find((f) => f.id === field.options.fieldId);
      if (rolled?.type === "date") return "date";
      if (rolled && kindOfType[rolled.type] === "instant") return "instant";
    }
    return "number";
  }
  if (field.type === "formula") return formulaKind(table, field);
  return kindOfType[field.type] ?? "text";
}

/**
 * The columns of a table as one reader may see it (`table` is already
 * narrowed by the policy step; `linkedRows` keeps their row rules on linked
 * tables, see linkedRowsFor).
 */
export function tableColumns(table: TableMeta, row: SQL = sql`r`, linkedRows?: LinkedRowsFilter): PlanColumn[] {
  const columns: PlanColumn[] = [];
  for (const field of table.fields) {
    const definition = fieldTypeDefinition(field.type);
    const reader = fieldReader(table, field, row, linkedRows);
    if (!definition || !reader) continue;
    const storage = definition.storage(field.options);
    const stored =
      storage.kind === "column"
        ? sql`${row}.${sql.identifier(`f_${field.id}`)}`
        : storage.kind === "system"
          ? sql`${row}.${sql.identifier(storage.column)}`
          : reader.expr;
    const kind = kindOf(table, field);
    columns.push({
      id: field.id,
      name: field.name,
      field,
      kind,
      value: stored,
      read: reader,
      operators: field.type === "formula" ? (formulaOperators[kind] ?? definition.operators) : definition.operators,
      timeZone: (field.options as { timeZone?: string }).timeZone ?? "UTC",
    });
  }
  return columns;
}

/** A column by field id or name (exact, then case-insensitive), or a 400 naming what was asked for. */
export function findColumn(columns: PlanColumn[], key: string): PlanColumn {
  const column = findByKey(columns, key);
  if (!column) throw new AppError("BAD_REQUEST", `Unknown field "${key}"`, { field: key });
  return column;
}

/**
 * A plan's computed column: a formula over the columns the reader may see,
 * compiled to SQL, usable in the plan's filters and sorts by its name and
 * answered among the row's fields. Formula errors are 400s with the position.
 */
export function computedColumn(table: TableMeta, visible: PlanColumn[], spec: ComputedColumn, row: SQL, now: Date, linkedRows?: LinkedRowsFilter): PlanColumn {
  if (visible.some((c) => c.name.toLowerCase() === spec.name.toLowerCase())) {
    throw new AppError("BAD_REQUEST", `Computed column "${spec.name}" has a field's name`, { field: spec.name });
  }
  const fields = visible.flatMap((c) => (c.field ? [c.field] : []));
  const analyzed = analyzeFormula(spec.formula, fields);
  if (!analyzed.ok) {
    const at = analyzed.error.position === undefined ? "" : ` at ${analyzed.error.position}`;
    throw new AppError("BAD_REQUEST", `Computed column "${spec.name}": ${analyzed.error.message}${at}`, { field: spec.name, position: analyzed.error.position });
  }
  const expr = compileFormulaSql(analyzed.ast, {
    row,
    now,
    timeZone: "UTC",
    fieldExpr: (id) => {
      const field = fields.find((f) => f.id === id);
      // Through links, only the linked rows the reader may see (as stored formula fields read them).
      const readField = (t: Parameters<typeof fieldReader>[0], f: FieldMeta, r: SQL) => fieldReader(t, f, r, linkedRows);
      return (field && formulaValueSql(table, field, row, readField, now)) ?? sql`null`;
    },
  });
  const kind = formulaKinds[analyzed.resultType];
  return {
    id: spec.name,
    name: spec.name,
    kind,
    value: expr,
    read: { expr, decode: (raw) => decodeFormulaValue(raw, analyzed.resultType) },
    operators: formulaOperators[kind] ?? [],
    timeZone: "UTC",
  };
}

/**
 * Links, lookups, rollups and counts show a reader only the linked rows
 * their row rule on the linked table lets them see (a link cell must not name
 * a row the reader cannot open). The rule is read against the linked table's
 * own fields; links of the linked table are not followed further (a rule on
 * one reads as empty there, which hides rather than shows).
 */
export function linkedRowsFor(reader: Reader, now: Date = new Date()): LinkedRowsFilter | undefined {
  const role = ruledRole(reader);
  if (!role) return undefined;
  return (target, alias) => {
    const rule = target.rules.rows[role];
    if (!rule) return undefined;
    return compileFilter(tableColumns({ ...target, linked: {} }, alias), withCurrentUser(rule, reader.userId), { now });
  };
}
