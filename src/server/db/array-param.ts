import "server-only";
import { sql, type SQL } from "drizzle-orm";

/**
 * A list bound as ONE parameter holding a PostgreSQL array literal, cast to
 * `type`. Drizzle's template would expand a JS array into `($1, $2, ...)`,
 * and the two drivers bind JS arrays differently; a literal behaves the same
 * on both. Elements are quoted and escaped, and the whole stays a bound value.
 */
export function arrayParam(values: ReadonlyArray<string | number>, type: "text[]" | "bigint[]" | "numeric[]"): SQL {
  return sql`${pgArrayLiteral(values)}::${sql.raw(type)}`;
}

/** `{"a","b\\"c",NULL}`: every element quoted, backslashes and quotes escaped; null is SQL NULL. */
export function pgArrayLiteral(values: ReadonlyArray<string | number | null | undefined>): string {
  return `{${values.map((v) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(",")}}`;
}
