import { safeZone } from "@/components/fields/zoned-time";
import { fromLocal, localParts } from "@/lib/time-zone";
import { dateOfDay, type Day, formatDay, parseDay, type Span } from "./timeline-scale";

// Cell values of the start and end fields as days of the axis, and back. A
// date is a calendar day; a datetime is on the day its wall clock reads in the
// field's time zone, and keeps its time of day when it moves to another day.

export type DateField = { id: string; type: string; options: unknown };

const zoneOf = (field: DateField) => safeZone((field.options as { timeZone?: string } | null)?.timeZone);

/** The day a date or datetime value is on; null when empty or unreadable. */
export function dayOfValue(field: DateField, value: unknown): Day | null {
  if (typeof value !== "string" || value === "") return null;
  if (field.type !== "datetime") return parseDay(value.slice(0, 10));
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const wall = localParts(new Date(ms), zoneOf(field));
  return parseDay(`${String(wall.year).padStart(4, "0")}-${String(wall.month).padStart(2, "0")}-${String(wall.day).padStart(2, "0")}`);
}

/**
 * The value that puts a field on a day: a date as YYYY-MM-DD; a datetime at
 * the wall-clock time of `timeOf` (the value it replaces, or midnight), so a
 * 09:30 meeting moved two days later is still at 09:30 there, across a
 * daylight-saving change too.
 */
export function valueOnDay(field: DateField, day: Day, timeOf?: unknown): string {
  if (field.type !== "datetime") return formatDay(day);
  const zone = zoneOf(field);
  const ms = typeof timeOf === "string" ? Date.parse(timeOf) : Number.NaN;
  const time = Number.isNaN(ms) ? { hour: 0, minute: 0, second: 0, ms: 0 } : localParts(new Date(ms), zone);
  const date = dateOfDay(day);
  return fromLocal(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: time.hour, minute: time.minute, second: time.second, ms: time.ms },
    zone,
  ).toISOString();
}

/** A row's days on the axis: null without a start; without an end (or with one before the start) it is its start's one day. */
export function spanOf(start: DateField, end: DateField, fields: Record<string, unknown>): Span | null {
  const from = dayOfValue(start, fields[start.id]);
  if (from === null) return null;
  const to = dayOfValue(end, fields[end.id]);
  return { start: from, end: to === null || to < from ? from : to };
}

export type SpanWrite = { fields: Record<string, unknown>; expected: Record<string, unknown> };

/**
 * The compare-and-set write that gives a row the span `next`, or null when
 * nothing changes: each changed field with the value it replaces as
 * `expected`. A row without an end keeps none while its span is one day (it
 * moved), and gets one when it is stretched.
 */
export function spanWrite(start: DateField, end: DateField, fields: Record<string, unknown>, next: Span): SpanWrite | null {
  const current = spanOf(start, end, fields);
  if (!current) return null;
  const startValue = fields[start.id];
  const endValue = fields[end.id];
  const hasEnd = dayOfValue(end, endValue) !== null;
  const out: SpanWrite = { fields: {}, expected: {} };
  if (next.start !== current.start) {
    out.fields[start.id] = valueOnDay(start, next.start, startValue);
    out.expected[start.id] = startValue ?? null;
  }
  if (hasEnd ? next.end !== current.end : next.end !== next.start) {
    // A new end takes its time of day from the start when there was none to keep.
    let value = valueOnDay(end, next.end, hasEnd ? endValue : startValue);
    const newStart = (out.fields[start.id] ?? startValue) as string;
    // Same day, earlier hour: the end would come before the start, so it is the start.
    if (start.type === "datetime" && end.type === "datetime" && Date.parse(value) < Date.parse(newStart)) value = newStart;
    out.fields[end.id] = value;
    out.expected[end.id] = endValue ?? null;
  }
  return Object.keys(out.fields).length ? out : null;
}
