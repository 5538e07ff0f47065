import { describe, expect, test } from "vitest";
import { daysBetween, isDayKey, monthWeeks, shiftDay, shiftMonth, weekLabel, weekOf } from "./calendar-days";

describe("calendar days", () => {
  test("a month grid is whole Monday-to-Sunday weeks covering the month", () => {
    const march = monthWeeks("2026-03");
    // March 1, 2026 is a Sunday: the grid starts on Monday, February 23.
    expect(march[0]![0]).toBe("2026-02-23");
    expect(march[0]![6]).toBe("2026-03-01");
    expect(march.at(-1)![6]).toBe("2026-04-05");
    expect(march).toHaveLength(6);
    expect(march.every((week) => week.length === 7)).toBe(true);
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(monthWeeks("2027-02")).toHaveLength(4);
  });

  test("day arithmetic crosses months, years and leap days", () => {
    expect(shiftDay("2028-02-28", 1)).toBe("2028-02-29");
    expect(shiftDay("2026-12-31", 1)).toBe("2027-01-01");
    expect(shiftDay("2026-03-02", -7)).toBe("2026-02-23");
    expect(daysBetween("2026-03-10", "2026-03-03")).toBe(-7);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
  });

  test("weeks start on Monday and are labelled by their days", () => {
    expect(weekOf("2026-03-01")).toBe("2026-02-23");
    expect(weekOf("2026-03-02")).toBe("2026-03-02");
    expect(weekLabel("2026-03-02")).toBe("Mar 2 – 8, 2026");
    expect(weekLabel("2026-03-30")).toBe("Mar 30 – Apr 5, 2026");
    expect(weekLabel("2026-12-28")).toBe("Dec 28, 2026 – Jan 3, 2027");
  });

  test("only real days are day keys", () => {
    expect(isDayKey("2026-02-28")).toBe(true);
    expect(isDayKey("2026-02-30")).toBe(false);
    expect(isDayKey("2026-3-1")).toBe(false);
    expect(isDayKey(20260301)).toBe(false);
  });
});
