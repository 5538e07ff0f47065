import { safeZone, wallTimeToIso } from "@/components/fields/zoned-time";
import { addToLocal, fromLocal, localParts } from "@/lib/time-zone";
import { isDayKey, shiftDay } from "./calendar-days";
import type { CalendarEvent, CalendarField } from "./calendar-events";

const zoneOf = (field: CalendarField) => safeZone((field.options as { timeZone?: string } | null)?.timeZone);

/**
 * A date or datetime value moved by whole days. A datetime keeps its
 * wall-clock time in the field's time zone (a 9:00 meeting stays at 9:00
 * across a daylight-saving change), so the instant moves by whatever the
 * clocks say. Values that are not dates come back unchanged.
 */
export function shiftValue(field: CalendarField, value: unknown, days: number): unknown {
  if (typeof value !== "string" || days === 0) return value;
  if (field.type === "datetime") {
    const instant = new Date(value);
    if (Number.isNaN(instant.getTime())) return value;
    const zone = zoneOf(field);
    return fromLocal(addToLocal(localParts(instant, zone), days, "day"), zone).toISOString();
  }
  return isDayKey(value) ? shiftDay(value, days) : value;
}

/** The value a new row on `day` gets: the day itself, or its midnight in the field's time zone. */
export function valueOnDay(field: CalendarField, day: string): string {
  return field.type === "datetime" ? (wallTimeToIso(`${day}T00:00`, zoneOf(field)) ?? `${day}T00:00:00.000Z`) : day;
}

export type EventMove = { fields: Record<string, unknown>; expected: Record<string, unknown> };

/**
 * The compare-and-set write that moves an event by `days`: the start moves,
 * and so does the end when the row has one, so a span keeps its length.
 * `expected` holds the values as read, so a change made meanwhile is refused.
 */
export function moveEvent(event: CalendarEvent, days: number, dateField: CalendarField, endField?: CalendarField): EventMove {
  const start = event.row.fields[dateField.id] ?? null;
  const fields: Record<string, unknown> = { [dateField.id]: shiftValue(dateField, start, days) };
  const expected: Record<string, unknown> = { [dateField.id]: start };
  if (endField) {
    const end = event.row.fields[endField.id] ?? null;
    expected[endField.id] = end;
    if (end !== null) fields[endField.id] = shiftValue(endField, end, days);
  }
  return { fields, expected };
}
