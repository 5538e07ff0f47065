import { z } from "zod";
import { type FieldTypeDefinition, invalid, ok } from "../field-type";

const dateOps = ["eq", "neq", "lt", "lte", "gt", "gte", "between", "is_within", "is_empty", "is_not_empty"] as const;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?$/;

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` naming a real day (no Date object: this runs for every cell of an import). */
export function isCalendarDate(value: string): boolean {
  const m = datePattern.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= daysInMonth[month - 1]! + (leap ? 1 : 0);
}

const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "unknown time zone")
  .default("UTC");

/** A calendar date with no time: `YYYY-MM-DD` in and out. */
export const date: FieldTypeDefinition<{ timeZone: string }> = {
  type: "date",
  label: "Date",
  options: z.object({ timeZone }).strict(),
  storage: () => ({ kind: "column", sqlType: "date" }),
  readOnly: false,
  toDb(value) {
    if (value === null || value === undefined || value === "") return ok(null);
    if (typeof value !== "string") return invalid("expected a date as YYYY-MM-DD");
    const day = value.length > 10 && dateTimePattern.test(value) ? value.slice(0, 10) : value;
    return isCalendarDate(day) ? ok(day) : invalid("expected a date as YYYY-MM-DD");
  },
  fromText: (text) => text.trim(),
  // Read as text: the drivers would turn a date into a local-time Date object.
  selectCast: "text",
  fromDb: (raw) => (raw === null || raw === undefined ? null : String(raw)),
  operators: dateOps,
  canBePrimary: true,
};

/** An instant: ISO 8601 in (a missing offset means UTC), ISO 8601 in UTC out. The time zone is for display. */
export const datetime: FieldTypeDefinition<{ timeZone: string }> = {
  type: "datetime",
  label: "Date and time",
  options: z.object({ timeZone }).strict(),
  storage: () => ({ kind: "column", sqlType: "timestamptz" }),
  readOnly: false,
  toDb(value) {
    if (value === null || value === undefined || value === "") return ok(null);
    if (typeof value !== "string" || !(dateTimePattern.test(value) || isCalendarDate(value))) {
      return invalid("expected an ISO 8601 date and time");
    }
    const withZone = /(?:Z|[+-]\d{2}:\d{2})$/.test(value) || value.length === 10 ? value : `${value}Z`;
    const instant = new Date(withZone);
    if (Number.isNaN(instant.getTime()) || !isCalendarDate(value.slice(0, 10))) return invalid("expected an ISO 8601 date and time");
    return ok(instant.toISOString());
  },
  // "2026-01-02 10:00" (a space, as spreadsheets write it) reads like the ISO "T" form.
  fromText: (text) => text.trim().replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, "$1T$2"),
  fromDb: (raw) => (raw === null || raw === undefined ? null : new Date(raw as string | Date).toISOString()),
  operators: dateOps,
  canBePrimary: true,
};
