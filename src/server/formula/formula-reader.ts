import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { analyzeFormula, type FormulaResultType } from "@/lib/formula";
import type { FormulaOptions } from "@/lib/fields/types/formula";
import type { SelectOptions } from "@/lib/fields/types/select";
import { columnName } from "../db/tenant/table-ddl";
import type { FieldMeta, TableMeta } from "../services/tables/table-meta";
import { compileFormulaSql } from "./compile-sql";

type ReaderTable = Pick<TableMeta, "workspaceId" | "fields"> & { linked?: TableMeta["linked"] };
type Reader = { expr: SQL; decode: (raw: unknown) => unknown };
/** row-codec's fieldReader, passed in (it imports this module). */
export type FieldReaderFn = (table: ReaderTable, field: FieldMeta, row: SQL) => Reader | null;

const empty: Reader = { expr: sql`null`, decode: () => null };

/**
 * How a formula field is read from row alias `row`: its formula compiled to
 * SQL against the table's live fields, decoded by its result type (numbers,
 * text, booleans, dates as ISO 8601 UTC strings, lists as arrays). A formula
 * that no longer checks (a referenced field was deleted, a cycle) reads as
 * null rather than failing the read.
 */
export function formulaReader(table: ReaderTable, field: FieldMeta, row: SQL, fieldReader: FieldReaderFn, now = new Date()): Reader {
  const compiled = formulaSql(table, field, row, fieldReader, now, new Set());
  if (!compiled) return empty;
  return { expr: compiled.expr, decode: (raw) => decodeFormulaValue(raw, compiled.resultType) };
}

export function decodeFormulaValue(raw: unknown, type: FormulaResultType): unknown {
  if (type === "array") return Array.isArray(raw) ? raw : [];
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case "number":
      return Number(raw) + 0;
    case "date":
      return new Date(raw as string | Date).toISOString();
    case "boolean":
      return raw === true || raw === "t" || raw === "true";
    default:
      return raw === "" ? null : String(raw);
  }
}

function formulaSql(
  table: ReaderTable,
  field: FieldMeta,
  row: SQL,
  fieldReader: FieldReaderFn,
  now: Date,
  visiting: ReadonlySet<string>,
): { expr: SQL; resultType: FormulaResultType } | null {
  const options = field.options as FormulaOptions;
  if (visiting.has(field.id)) return null;
  const analyzed = analyzeFormula(options.formula, table.fields, { selfId: field.id });
  if (!analyzed.ok) return null;
  const inner = new Set([...visiting, field.id]);
  let broken = false;
  const expr = compileFormulaSql(analyzed.ast, {
    row,
    now,
    timeZone: options.timeZone ?? "UTC",
    fieldExpr: (id) => {
      const referenced = table.fields.find((f) => f.id === id);
      const value = referenced ? formulaValueSql(table, referenced, row, fieldReader, now, inner) : null;
      if (!value) broken = true;
      return value ?? sql`null`;
    },
  });
  return broken ? null : { expr, resultType: analyzed.resultType };
}

/** What `{Field}` means in SQL: the field's formula value (see fieldFormulaType), typed float8, text, boolean, timestamptz or text[]. */
export function formulaValueSql(
  table: ReaderTable,
  field: FieldMeta,
  row: SQL,
  fieldReader: FieldReaderFn,
  now: Date,
  visiting: ReadonlySet<string> = new Set(),
): SQL | null {
  const column = () => sql`${row}.${sql.identifier(columnName(field.id))}`;
  switch (field.type) {
    case "text":
    case "long_text":
    case "email":
    case "url":
    case "phone":
      return sql`(${column()})::text`;
    case "number":
    case "currency":
    case "percent":
    case "rating":
    case "progress":
    case "duration":
    case "autonumber":
    case "count":
    case "rollup": {
      const reader = fieldReader(table, field, row);
      return reader ? sql`(${reader.expr})::float8` : null;
    }
    case "boolean":
      return sql`(${column()})::boolean`;
    case "date":
      return sql`((${column()})::timestamp at time zone 'UTC')`;
    case "datetime":
      return sql`(${column()})::timestamptz`;
    case "created_time":
      return sql`${row}.created_at`;
    case "last_modified_time":
      return sql`${row}.updated_at`;
    case "created_by":
      return sql`(select u.name from users u where u.id = ${row}.created_by)`;
    case "last_modified_by":
      return sql`(select u.name from users u where u.id = ${row}.updated_by)`;
    case "user":
      return sql`(select string_agg(u.name, ', ' order by x.o) from unnest(${column()}) with ordinality as x(id, o) join users u on u.id = x.id)`;
    case "attachment":
      return sql`(select array_agg(f.name::text order by x.o) from unnest(${column()}) with ordinality as x(id, o) join files f on f.id = x.id)`;
    case "single_select":
      return choiceName(field, column());
    case "multi_select":
      return sql`(select array_agg(s.name order by s.o) from (select ${choiceName(field, sql`x.id`)} as name, x.o from unnest(${column()}) with ordinality as x(id, o)) s where s.name is not null)`;
    case "link": {
      const reader = fieldReader(table, field, row);
      return reader ? sql`(select array_agg(e->>'name' order by e_o) from json_array_elements(${reader.expr}) with ordinality as l(e, e_o))` : null;
    }
    case "formula":
      return formulaSql(table, field, row, fieldReader, now, visiting)?.expr ?? null;
    default:
      return null;
  }
}

/** A choice id to its name, the names bound as parameters. */
function choiceName(field: FieldMeta, id: SQL): SQL {
  const choices = (field.options as SelectOptions).choices.filter((c) => c.id);
  if (choices.length === 0) return sql`null::text`;
  return sql`(case ${id} ${sql.join(choices.map((c) => sql`when ${c.id!}::text then ${c.name}::text`), sql` `)} end)`;
}
