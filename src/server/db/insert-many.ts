import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { pgArrayLiteral } from "./array-param";

const elementTypes = new Set(["text", "numeric", "integer", "bigint", "date", "timestamptz", "boolean"]);

export type ManyColumn = {
  /** The target column's name (derived from ids or a constant; quoted here). */
  column: string;
  /** How the values travel: an array of this type. */
  elementType: string;
  /** What each element becomes in the row (e.g. `text[]` for a multi select sent as array literals, `jsonb`). */
  cast?: "text[]" | "jsonb";
  values: unknown[];
};

/** A value as one element of an array literal (booleans as t/f, arrays as their own literal, objects as JSON). */
export function element(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "t" : "f";
  if (Array.isArray(value)) return pgArrayLiteral(value as string[]);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * INSERT of many rows with ONE bound parameter per column (an array literal,
 * unnested in the database) instead of one per cell: a 1000-row batch binds
 * a handful of values, which keeps both query building and the wire cheap.
 * Rows are inserted in the given order.
 */
export function insertMany(target: SQL, columns: ManyColumn[], returning?: SQL): SQL {
  const names = columns.map((_, i) => sql.raw(`c${i}`));
  const arrays = columns.map((c) => {
    if (!elementTypes.has(c.elementType)) throw new Error(`unsupported element type ${c.elementType}`);
    return sql`${pgArrayLiteral(c.values.map(element))}::${sql.raw(c.elementType)}[]`;
  });
  const selects = columns.map((c, i) => (c.cast ? sql`${names[i]!}::${sql.raw(c.cast)}` : names[i]!));
  return sql`insert into ${target} (${sql.join(
    columns.map((c) => sql.identifier(c.column)),
    sql`, `,
  )}) select ${sql.join(selects, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) with ordinality as u(${sql.join(names, sql`, `)}, ord)
    order by ord${returning ? sql` returning ${returning}` : sql``}`;
}

/**
 * Sets one column of many rows by id, one bound array for the ids and one
 * for the values (cast per element to the column's type).
 */
export function updateColumnById(target: SQL, column: string, sqlType: string, ids: string[], values: unknown[]): SQL {
  const elementType = sqlType === "text[]" ? "text" : sqlType;
  if (!elementTypes.has(elementType)) throw new Error(`unsupported element type ${elementType}`);
  const cast = sqlType === "text[]" ? sql`::text[]` : sql``;
  return sql`update ${target} t set ${sql.identifier(column)} = u.v${cast}
    from unnest(${pgArrayLiteral(ids)}::bigint[], ${pgArrayLiteral(values.map(element))}::${sql.raw(elementType)}[]) as u(id, v)
    where t.id = u.id`;
}
