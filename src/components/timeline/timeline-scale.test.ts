import { describe, expect, it } from "vitest";
import {
  axisOf,
  barGeometry,
  daysOfDrag,
  describeSpan,
  formatDay,
  localDay,
  mondayOf,
  moveSpan,
  parseDay,
  pxPerDay,
  resizeSpan,
  stepAnchor,
  widthOf,
  windowOf,
  xOfDay,
  zooms,
} from "./timeline-scale";

const d = (text: string) => parseDay(text)!;

describe("days", () => {
  it("reads and writes calendar days, refusing dates that do not exist", () => {
    expect(formatDay(d("2030-03-05"))).toBe("2030-03-05");
    expect(d("1970-01-02")).toBe(1);
    expect(parseDay("2030-02-30")).toBeNull();
    expect(parseDay("5 March")).toBeNull();
  });

  it("finds the Monday of a week, before 1970 too", () => {
    expect(formatDay(mondayOf(d("2030-03-07")))).toBe("2030-03-04"); // a Thursday
    expect(formatDay(mondayOf(d("2030-03-04")))).toBe("2030-03-04");
    expect(formatDay(mondayOf(d("2030-03-10")))).toBe("2030-03-04"); // a Sunday
    expect(formatDay(mondayOf(d("1969-12-31")))).toBe("1969-12-29");
  });

  it("takes today from the browser's own calendar", () => {
    expect(formatDay(localDay(new Date(2030, 2, 5, 23, 59)))).toBe("2030-03-05");
  });
});

describe("windows", () => {
  const anchor = d("2030-03-07");

  it("shows five weeks by the day, sixteen weeks by the week and twelve months by the month, from a little before the anchor", () => {
    expect(windowOf(anchor, "day")).toEqual({ start: d("2030-02-25"), end: d("2030-03-31") });
    expect(windowOf(anchor, "week")).toEqual({ start: d("2030-02-18"), end: d("2030-06-09") });
    expect(windowOf(anchor, "month")).toEqual({ start: d("2030-02-01"), end: d("2031-01-31") });
  });

  it("steps a week, four weeks or a quarter, keeping the day of the month where it can", () => {
    expect(formatDay(stepAnchor(anchor, "day", 1))).toBe("2030-03-14");
    expect(formatDay(stepAnchor(anchor, "week", -1))).toBe("2030-02-07");
    expect(formatDay(stepAnchor(anchor, "month", 1))).toBe("2030-06-07");
    expect(formatDay(stepAnchor(d("2030-05-31"), "month", -1))).toBe("2030-02-28");
  });
});

describe("positions", () => {
  const window = windowOf(d("2030-03-07"), "day");

  it("places a day at its pixel offset per zoom, and a pointer's travel between two days reads back as their distance", () => {
    for (const zoom of zooms) {
      const w = windowOf(d("2030-03-07"), zoom);
      const day = d("2030-03-12");
      const x = xOfDay(day, w, zoom);
      expect(x).toBe((day - w.start) * pxPerDay[zoom]);
      expect(xOfDay(w.start, w, zoom)).toBe(0);
      expect(daysOfDrag(xOfDay(day + 9, w, zoom) - x, zoom)).toBe(9);
      expect(daysOfDrag(xOfDay(day - 4, w, zoom) - x, zoom)).toBe(-4);
    }
    expect(widthOf(window, "day")).toBe(35 * 48);
  });

  it("snaps a pointer's travel to whole days", () => {
    expect(daysOfDrag(71, "day")).toBe(1); // 71 px is nearer one day (48) than two (96)
    expect(daysOfDrag(73, "day")).toBe(2);
    expect(daysOfDrag(-35, "week")).toBe(-2);
    expect(daysOfDrag(2, "month")).toBe(0);
    expect(Object.is(daysOfDrag(-2, "month"), -0)).toBe(false);
  });

  it("gives a bar its days' width, at least a grabbable few pixels, and no place outside the window", () => {
    expect(barGeometry({ start: d("2030-02-26"), end: d("2030-02-28") }, window, "day")).toEqual({ left: 48, width: 3 * 48 });
    expect(barGeometry({ start: d("2030-02-26"), end: d("2030-02-26") }, windowOf(d("2030-03-07"), "month"), "month")).toEqual({ left: 25 * 5, width: 12 });
    expect(barGeometry({ start: d("2030-02-01"), end: d("2030-02-24") }, window, "day")).toBeNull();
    expect(barGeometry({ start: d("2030-02-20"), end: d("2030-02-26") }, window, "day")?.left).toBe(-5 * 48);
  });
});

describe("moving and resizing", () => {
  const span = { start: d("2030-03-04"), end: d("2030-03-08") };

  it("moves both ends by the same days", () => {
    expect(moveSpan(span, 3)).toEqual({ start: d("2030-03-07"), end: d("2030-03-11") });
    expect(moveSpan(span, -4)).toEqual({ start: d("2030-02-28"), end: d("2030-03-04") });
  });

  it("resizes one end and never puts the end before the start", () => {
    expect(resizeSpan(span, "end", 2)).toEqual({ start: span.start, end: d("2030-03-10") });
    expect(resizeSpan(span, "end", -10)).toEqual({ start: span.start, end: span.start });
    expect(resizeSpan(span, "start", -1)).toEqual({ start: d("2030-03-03"), end: span.end });
    expect(resizeSpan(span, "start", 9)).toEqual({ start: span.end, end: span.end });
  });

  it("describes spans for reading", () => {
    expect(describeSpan(span)).toBe("Mar 4 – Mar 8, 2030");
    expect(describeSpan({ start: d("2030-12-30"), end: d("2031-01-02") })).toBe("Dec 30, 2030 – Jan 2, 2031");
    expect(describeSpan({ start: span.start, end: span.start })).toBe("Mar 4, 2030");
  });
});

describe("the axis", () => {
  const anchor = d("2030-03-07");

  it("heads days with their months by the day", () => {
    const axis = axisOf(windowOf(anchor, "day"), "day");
    expect(axis.unit).toBe("Days");
    expect(axis.top.map((c) => c.label)).toEqual(["February 2030", "March 2030"]);
    expect(axis.top[0]!.width).toBe(4 * 48);
    expect(axis.bottom).toHaveLength(35);
    expect(axis.bottom[0]).toMatchObject({ label: "Mon 25", title: "Monday, February 25, 2030", left: 0, width: 48 });
  });

  it("heads weeks by their Mondays by the week", () => {
    const axis = axisOf(windowOf(anchor, "week"), "week");
    expect(axis.unit).toBe("Weeks");
    expect(axis.bottom).toHaveLength(16);
    expect(axis.bottom[1]).toMatchObject({ label: "Feb 25", title: "Week of Feb 25, 2030", left: 7 * 20, width: 7 * 20 });
  });

  it("heads months with their years by the month", () => {
    const axis = axisOf(windowOf(anchor, "month"), "month");
    expect(axis.unit).toBe("Months");
    expect(axis.top.map((c) => c.label)).toEqual(["2030", "2031"]);
    expect(axis.bottom.map((c) => c.label)).toEqual(["Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan"]);
    expect(axis.bottom[0]!.width).toBe(28 * 5);
  });
});
