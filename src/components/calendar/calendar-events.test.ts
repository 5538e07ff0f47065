import { describe, expect, test } from "vitest";
import { weekDays } from "./calendar-days";
import { type CalendarField, dayOf, eventOf, eventsOnDay, layoutWeek } from "./calendar-events";

const start: CalendarField = { id: "f_start", name: "Start", type: "date", options: {} };
const end: CalendarField = { id: "f_end", name: "End", type: "date", options: {} };
const row = (id: string, from: unknown, to?: unknown) => ({ id, fields: { f_start: from, f_end: to ?? null } });
const event = (id: string, from: string, to?: string) => eventOf(row(id, from, to), start, end)!;

describe("events", () => {
  test("a datetime falls on its day in the field's time zone", () => {
    const tokyo: CalendarField = { id: "f_at", name: "At", type: "datetime", options: { timeZone: "Asia/Tokyo" } };
    const utc: CalendarField = { ...tokyo, options: {} };
    // 20:00 UTC on March 5 is 05:00 on March 6 in Tokyo.
    expect(dayOf(tokyo, "2026-03-05T20:00:00.000Z")).toBe("2026-03-06");
    expect(dayOf(utc, "2026-03-05T20:00:00.000Z")).toBe("2026-03-05");
    expect(dayOf(start, "not a date")).toBeNull();
  });

  test("a row without a start is no event; a missing or earlier end makes a one-day event", () => {
    expect(eventOf(row("a", null, "2026-03-05"), start, end)).toBeNull();
    expect(event("b", "2026-03-05")).toMatchObject({ start: "2026-03-05", end: "2026-03-05" });
    expect(event("c", "2026-03-05", "2026-03-01")).toMatchObject({ start: "2026-03-05", end: "2026-03-05" });
    expect(event("d", "2026-03-05", "2026-03-09")).toMatchObject({ start: "2026-03-05", end: "2026-03-09" });
  });

  test("a week lays spans out as bars on the lowest free lane, clipped to the week", () => {
    const week = weekDays("2026-03-09");
    const segments = layoutWeek(week, [
      event("one-day", "2026-03-11"),
      event("across", "2026-03-06", "2026-03-10"),
      event("long", "2026-03-10", "2026-03-20"),
      event("later", "2026-03-12"),
      event("outside", "2026-03-16"),
    ]);
    const byId = Object.fromEntries(segments.map((s) => [s.event.row.id, s]));
    expect(Object.keys(byId).sort()).toEqual(["across", "later", "long", "one-day"]);
    expect(byId.across).toMatchObject({ column: 0, span: 2, lane: 0, continuesBefore: true, continuesAfter: false });
    // "long" starts on Tuesday where "across" still is: the next lane, to the end of the week.
    expect(byId.long).toMatchObject({ column: 1, span: 6, lane: 1, continuesBefore: false, continuesAfter: true });
    // Wednesday's lane 0 is free again once "across" has ended.
    expect(byId["one-day"]).toMatchObject({ column: 2, span: 1, lane: 0 });
    expect(byId.later).toMatchObject({ column: 3, span: 1, lane: 0 });
  });

  test("a day lists the spans that cover it, earlier and longer first", () => {
    const events = [event("b", "2026-03-10"), event("a", "2026-03-08", "2026-03-12"), event("c", "2026-03-11")];
    expect(eventsOnDay("2026-03-10", events).map((e) => e.row.id)).toEqual(["a", "b"]);
    expect(eventsOnDay("2026-03-13", events)).toEqual([]);
  });
});
