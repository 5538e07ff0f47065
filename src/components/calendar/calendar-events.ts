import { isoToWallTime, safeZone } from "@/components/fields/zoned-time";
import { isDayKey } from "./calendar-days";

export type CalendarField = { id: string; name: string; type: string; options: unknown; readOnly?: boolean };
export type CalendarRow = { id: string; version?: number; fields: Record<string, unknown> };
/** A row placed on the calendar: on `start`, or across `start`..`end` (inclusive days). */
export type CalendarEvent = { row: CalendarRow; start: string; end: string };

const zoneOf = (field: CalendarField) => safeZone((field.options as { timeZone?: string } | null)?.timeZone);

/**
 * The day a date or datetime value falls on, or null. A datetime's day is its
 * day in the field's time zone, as the server's from/to window reads it.
 */
export function dayOf(field: CalendarField, value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (field.type === "datetime") {
    const day = isoToWallTime(value, zoneOf(field)).slice(0, 10);
    return isDayKey(day) ? day : null;
  }
  return isDayKey(value) ? value : null;
}

/** "14:30" for a datetime value in its field's time zone; null for a date field. */
export function timeOf(field: CalendarField, value: unknown): string | null {
  if (field.type !== "datetime" || typeof value !== "string") return null;
  return isoToWallTime(value, zoneOf(field)).slice(11, 16) || null;
}

/**
 * The row as an event, or null when it has no start. A missing end, or one
 * before the start, makes a one-day event: the row still shows, on its start.
 */
export function eventOf(row: CalendarRow, dateField: CalendarField, endField?: CalendarField): CalendarEvent | null {
  const start = dayOf(dateField, row.fields[dateField.id]);
  if (!start) return null;
  const end = endField ? dayOf(endField, row.fields[endField.id]) : null;
  return { row, start, end: end && end > start ? end : start };
}

/** Events in the order a day shows them: earlier starts first, then longer spans (so bars stack steadily), then the view's order. */
export function sortEvents(events: CalendarEvent[]): CalendarEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.start.localeCompare(b.event.start) || b.event.end.localeCompare(a.event.end) || a.index - b.index)
    .map(({ event }) => event);
}

/** A piece of an event within one week: from column `column` over `span` days, on bar row `lane`. */
export type WeekSegment = {
  event: CalendarEvent;
  column: number;
  span: number;
  lane: number;
  /** The event began before this week / goes on after it. */
  continuesBefore: boolean;
  continuesAfter: boolean;
};

/**
 * Lays out a week (seven day keys) as bars: each event meeting the week gets
 * the lowest lane free on all its days, so a multi-day event is one bar and
 * no two bars overlap.
 */
export function layoutWeek(days: string[], events: CalendarEvent[]): WeekSegment[] {
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const lanes: boolean[][] = [];
  const segments: WeekSegment[] = [];
  for (const event of sortEvents(events)) {
    if (event.end < first || event.start > last) continue;
    const column = event.start < first ? 0 : days.indexOf(event.start);
    const endColumn = event.end > last ? days.length - 1 : days.indexOf(event.end);
    let lane = 0;
    while (lanes[lane]?.slice(column, endColumn + 1).some(Boolean)) lane++;
    lanes[lane] ??= [];
    for (let c = column; c <= endColumn; c++) lanes[lane]![c] = true;
    segments.push({ event, column, span: endColumn - column + 1, lane, continuesBefore: event.start < first, continuesAfter: event.end > last });
  }
  return segments;
}

/** The events on a day (spans that cover it included), in showing order. */
export function eventsOnDay(day: string, events: CalendarEvent[]): CalendarEvent[] {
  return sortEvents(events.filter((e) => e.start <= day && day <= e.end));
}
