import { describe, expect, it } from "vitest";
import { parseDay } from "./timeline-scale";
import { dayOfValue, spanOf, spanWrite, valueOnDay } from "./timeline-values";

const d = (text: string) => parseDay(text)!;
const startDate = { id: "s", type: "date", options: {} };
const endDate = { id: "e", type: "date", options: {} };
const startAt = { id: "s", type: "datetime", options: { timeZone: "Europe/Paris" } };
const endAt = { id: "e", type: "datetime", options: { timeZone: "Europe/Paris" } };

describe("values as days", () => {
  it("reads a date as its day and a datetime as the day its wall clock shows in the field's zone", () => {
    expect(dayOfValue(startDate, "2030-03-05")).toBe(d("2030-03-05"));
    // 23:30 UTC is already the next day in Paris.
    expect(dayOfValue(startAt, "2030-03-05T23:30:00.000Z")).toBe(d("2030-03-06"));
    expect(dayOfValue({ ...startAt, options: {} }, "2030-03-05T23:30:00.000Z")).toBe(d("2030-03-05"));
    expect(dayOfValue(startDate, null)).toBeNull();
    expect(dayOfValue(startAt, "not a time")).toBeNull();
  });

  it("keeps a datetime's wall-clock time when it moves to another day, across a daylight-saving change", () => {
    // 09:30 in Paris is 08:30 UTC in winter and 07:30 UTC after the clocks go forward (March 31, 2030).
    expect(valueOnDay(startAt, d("2030-04-02"), "2030-03-28T08:30:00.000Z")).toBe("2030-04-02T07:30:00.000Z");
    expect(valueOnDay(startAt, d("2030-04-02"))).toBe("2030-04-01T22:00:00.000Z");
    expect(valueOnDay(startDate, d("2030-04-02"), "2030-03-28")).toBe("2030-04-02");
  });

  it("spans a row from its start to its end, one day without an end, nothing without a start", () => {
    expect(spanOf(startDate, endDate, { s: "2030-03-04", e: "2030-03-08" })).toEqual({ start: d("2030-03-04"), end: d("2030-03-08") });
    expect(spanOf(startDate, endDate, { s: "2030-03-04", e: null })).toEqual({ start: d("2030-03-04"), end: d("2030-03-04") });
    expect(spanOf(startDate, endDate, { s: "2030-03-04", e: "2030-03-01" })).toEqual({ start: d("2030-03-04"), end: d("2030-03-04") });
    expect(spanOf(startDate, endDate, { e: "2030-03-04" })).toBeNull();
  });
});

describe("the write for a new span", () => {
  const row = { s: "2030-03-04", e: "2030-03-08" };

  it("moves both dates, each with the value it replaces as expected", () => {
    expect(spanWrite(startDate, endDate, row, { start: d("2030-03-06"), end: d("2030-03-10") })).toEqual({
      fields: { s: "2030-03-06", e: "2030-03-10" },
      expected: { s: "2030-03-04", e: "2030-03-08" },
    });
  });

  it("writes only the end it resizes, and nothing when nothing changes", () => {
    expect(spanWrite(startDate, endDate, row, { start: d("2030-03-04"), end: d("2030-03-12") })).toEqual({ fields: { e: "2030-03-12" }, expected: { e: "2030-03-08" } });
    expect(spanWrite(startDate, endDate, row, { start: d("2030-03-02"), end: d("2030-03-08") })).toEqual({ fields: { s: "2030-03-02" }, expected: { s: "2030-03-04" } });
    expect(spanWrite(startDate, endDate, row, { start: d("2030-03-04"), end: d("2030-03-08") })).toBeNull();
  });

  it("moves a row without an end by its start alone, and gives it an end when stretched", () => {
    const startOnly = { s: "2030-03-04", e: null };
    expect(spanWrite(startDate, endDate, startOnly, { start: d("2030-03-05"), end: d("2030-03-05") })).toEqual({ fields: { s: "2030-03-05" }, expected: { s: "2030-03-04" } });
    expect(spanWrite(startDate, endDate, startOnly, { start: d("2030-03-04"), end: d("2030-03-06") })).toEqual({ fields: { e: "2030-03-06" }, expected: { e: null } });
    expect(spanWrite(startDate, endDate, startOnly, { start: d("2030-03-02"), end: d("2030-03-04") })).toEqual({
      fields: { s: "2030-03-02", e: "2030-03-04" },
      expected: { s: "2030-03-04", e: null },
    });
  });

  it("moves datetimes keeping their times of day, and never ends one before it starts", () => {
    const meeting = { s: "2030-03-04T08:30:00.000Z", e: "2030-03-05T07:00:00.000Z" }; // 09:30 Mar 4 to 08:00 Mar 5 in Paris
    expect(spanWrite(startAt, endAt, meeting, { start: d("2030-03-06"), end: d("2030-03-07") })?.fields).toEqual({ s: "2030-03-06T08:30:00.000Z", e: "2030-03-07T07:00:00.000Z" });
    // The end shrunk onto the start's day would be at 08:00, before the 09:30 start.
    expect(spanWrite(startAt, endAt, meeting, { start: d("2030-03-04"), end: d("2030-03-04") })?.fields).toEqual({ e: "2030-03-04T08:30:00.000Z" });
    // A new end keeps the start's time of day.
    expect(spanWrite(startAt, endAt, { s: meeting.s }, { start: d("2030-03-04"), end: d("2030-03-06") })?.fields).toEqual({ e: "2030-03-06T08:30:00.000Z" });
  });
});
