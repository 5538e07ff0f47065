import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { ComparisonOp } from "@/lib/formula/semantics";
import { comparisonDomain } from "@/lib/formula/semantics";
import type { FormulaType } from "@/lib/formula/types";

/*
 * SQL twins of src/lib/formula/values.ts and semantics.ts. Formula types are
 * float8 (number), text, boolean, timestamptz (date) and text[] (array);
 * blank is NULL. Change both sides together.
 */

const sqlTypes: Record<FormulaType, SQL> = {
  number: sql.raw("float8"),
  text: sql.raw("text"),
  boolean: sql.raw("boolean"),
  date: sql.raw("timestamptz"),
  array: sql.raw("text[]"),
  blank: sql.raw("text"),
};
export const sqlTypeOf = (type: FormulaType) => sqlTypes[type];
export const typedNull = (type: FormulaType) => sql`null::${sqlTypes[type]}`;

/** A bound parameter with its type spelled out (PostgreSQL cannot always infer one). */
export const param = (value: string | number | boolean, type: FormulaType) => sql`${value}::${sqlTypes[type]}`;

export function toTextSql(v: SQL, type: FormulaType): SQL {
  switch (type) {
    case "number":
      // + 0 turns -0 into 0; float8 output is the shortest round-trip form (numberToText mirrors it).
      return sql`((${v}) + 0::float8)::text`;
    case "boolean":
      return sql`(case when ${v} then 'TRUE' when not ${v} then 'FALSE' end)`;
    case "date":
      return sql`to_char((${v}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case "array":
      return sql`array_to_string(${v}, ', ')`;
    case "blank":
      return sql`null::text`;
    default:
      return v;
  }
}

export function toNumberSql(v: SQL, type: FormulaType): SQL {
  if (type === "boolean") return sql`(case when ${v} then 1::float8 when not ${v} then 0::float8 end)`;
  if (type === "blank") return sql`null::float8`;
  return v;
}

export function truthySql(v: SQL, type: FormulaType): SQL {
  switch (type) {
    case "number":
      return sql`(coalesce(${v}, 0) <> 0)`;
    case "text":
      return sql`(coalesce(${v}, '') <> '')`;
    case "boolean":
      return sql`coalesce(${v}, false)`;
    case "date":
      return sql`((${v}) is not null)`;
    case "array":
      return sql`(coalesce(cardinality(${v}), 0) > 0)`;
    default:
      return sql`false`;
  }
}

export function isBlankSql(v: SQL, type: FormulaType): SQL {
  switch (type) {
    case "text":
      return sql`(coalesce(${v}, '') = '')`;
    case "boolean":
      return sql`(not coalesce(${v}, false))`;
    case "array":
      return sql`(coalesce(cardinality(${v}), 0) = 0)`;
    case "blank":
      return sql`true`;
    default:
      return sql`((${v}) is null)`;
  }
}

export function coerceSql(v: SQL, from: FormulaType, to: FormulaType): SQL {
  if (from === to) return v;
  if (from === "blank") return typedNull(to);
  if (to === "text") return toTextSql(v, from);
  if (to === "number") return toNumberSql(v, from);
  return v;
}

const sqlOps: Record<ComparisonOp, SQL> = {
  "=": sql.raw("="),
  "!=": sql.raw("<>"),
  "<": sql.raw("<"),
  "<=": sql.raw("<="),
  ">": sql.raw(">"),
  ">=": sql.raw(">="),
};

/** A comparison that is never NULL (see compareValues). */
export function compareSql(op: ComparisonOp, a: SQL, ta: FormulaType, b: SQL, tb: FormulaType): SQL {
  const domain = comparisonDomain(ta, tb)!;
  const o = sqlOps[op];
  switch (domain) {
    case "blank": {
      if (op !== "=" && op !== "!=") return sql`false`;
      return sql`(${isBlankSql(a, ta)} ${o} ${isBlankSql(b, tb)})`;
    }
    case "number":
      return sql`(coalesce(${toNumberSql(a, ta)}, 0) ${o} coalesce(${toNumberSql(b, tb)}, 0))`;
    case "text":
      return sql`(coalesce(${toTextSql(a, ta)}, '') collate "C" ${o} coalesce(${toTextSql(b, tb)}, ''))`;
    case "date": {
      const same = sql`(coalesce(${a} = ${b}, false) or ((${a}) is null and (${b}) is null))`;
      if (op === "=") return same;
      if (op === "!=") return sql`(not ${same})`;
      return sql`coalesce(${a} ${o} ${b}, false)`;
    }
  }
}
