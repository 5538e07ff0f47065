import "server-only";
import { isCalendarDate } from "@/lib/fields/types/date";
import { bigIntegerText } from "@/lib/fields/types/number";
import { maxListLength } from "@/lib/query/plan";
import { AppError } from "../../errors";

/**
 * Filter values checked the same way by every compiler (PostgreSQL, MySQL,
 * MongoDB): a value the column's kind cannot hold is a 400 naming the
 * column, never a failed query.
 */

export type ScalarKind = "text" | "number" | "boolean" | "date" | "instant";

export const badFilter = (column: { name: string }, message: string) =>
  new AppError("BAD_REQUEST", `Filter on "${column.name}": ${message}`, { field: column.name });

export function checkedScalar(column: { name: string }, kind: ScalarKind, value: unknown): string | number | boolean {
  switch (kind) {
    case "text":
      // PostgreSQL text cannot hold NUL: refused here rather than failing the query.
      if (typeof value === "string" && value.includes("\u0000")) throw badFilter(column, "text cannot contain NUL characters");
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
      throw badFilter(column, "expected text");
    case "number": {
      // Bound as text, so the database compares it exactly (a double would round it).
      const big = bigIntegerText(value);
      if (big !== undefined) return big;
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n === "number" && Number.isFinite(n)) return n;
      throw badFilter(column, "expected a number");
    }
    case "boolean":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "false") return value === "true";
      throw badFilter(column, "expected true or false");
    case "date":
      if (typeof value === "string" && isCalendarDate(value.slice(0, 10))) return value.slice(0, 10);
      throw badFilter(column, "expected a date as YYYY-MM-DD");
    case "instant":
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)) && isCalendarDate(value.slice(0, 10))) {
        return /T/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value}Z` : value;
      }
      throw badFilter(column, "expected an ISO 8601 date or date and time");
  }
}

export function filterList(column: { name: string }, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw badFilter(column, "expected a list of values");
  if (value.length > maxListLength) throw badFilter(column, `at most ${maxListLength} values`);
  return value;
}

/** `between`'s `[low, high]`. */
export function filterRange(column: { name: string }, value: unknown): [unknown, unknown] {
  const range = filterList(column, value);
  if (range.length !== 2) throw badFilter(column, "between takes [low, high]");
  return [range[0], range[1]];
}

/** `is_within`'s window: `{ past_days: N }` or `{ next_days: N }`. */
export function withinWindow(column: { name: string }, value: unknown): { past: boolean; days: number } {
  const window = value as { past_days?: unknown; next_days?: unknown } | null;
  const days = window?.past_days ?? window?.next_days;
  if (typeof window !== "object" || typeof days !== "number" || !Number.isInteger(days) || days < 0 || days > 36_500) {
    throw badFilter(column, 'is_within takes { "past_days": N } or { "next_days": N }');
  }
  return { past: window!.past_days !== undefined, days };
}

/** A checked instant filter value (see checkedScalar) as epoch milliseconds; a bare day is its UTC midnight. */
export function instantMs(column: { name: string }, value: unknown): number {
  const text = checkedScalar(column, "instant", value) as string;
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
}

export const isDayValue = (value: unknown): value is string => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);

export const dayMs = 86_400_000;
