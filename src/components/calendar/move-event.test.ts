import { describe, expect, test } from "vitest";
import { type CalendarField, eventOf } from "./calendar-events";
import { moveEvent, shiftValue, valueOnDay } from "./move-event";

const date: CalendarField = { id: "f_start", name: "Start", type: "date", options: {} };
const endDate: CalendarField = { id: "f_end", name: "End", type: "date", options: {} };
const newYork: CalendarField = { id: "f_at", name: "At", type: "datetime", options: { timeZone: "America/New_York" } };

describe("moving events", () => {
  test("a date moves by whole days", () => {
    expect(shiftValue(date, "2026-03-30", 3)).toBe("2026-04-02");
    expect(shiftValue(date, "2026-03-02", -7)).toBe("2026-02-23");
  });

  test("a datetime keeps its wall-clock time in the field's zone across a daylight-saving change", () => {
    // 9:00 in New York on Friday March 6, 2026 (EST, UTC-5); clocks spring forward on March 8.
    expect(shiftValue(newYork, "2026-03-06T14:00:00.000Z", 3)).toBe("2026-03-09T13:00:00.000Z");
    // Without a zone the field reads in UTC.
    expect(shiftValue({ ...newYork, options: {} }, "2026-03-06T14:00:00.000Z", 3)).toBe("2026-03-09T14:00:00.000Z");
  });

  test("a span moves both ends, compared against the values as read", () => {
    const event = eventOf({ id: "r1", fields: { f_start: "2026-03-10", f_end: "2026-03-12" } }, date, endDate)!;
    expect(moveEvent(event, 7, date, endDate)).toEqual({
      fields: { f_start: "2026-03-17", f_end: "2026-03-19" },
      expected: { f_start: "2026-03-10", f_end: "2026-03-12" },
    });
  });

  test("an event without an end moves its start only, and expects the end still empty", () => {
    const event = eventOf({ id: "r1", fields: { f_start: "2026-03-10" } }, date, endDate)!;
    expect(moveEvent(event, -1, date, endDate)).toEqual({ fields: { f_start: "2026-03-09" }, expected: { f_start: "2026-03-10", f_end: null } });
  });

  test("a new row on a day is that day, or its midnight in the field's zone", () => {
    expect(valueOnDay(date, "2026-03-05")).toBe("2026-03-05");
    expect(valueOnDay(newYork, "2026-03-05")).toBe("2026-03-05T05:00:00.000Z");
  });
});
