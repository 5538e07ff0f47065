// The timeline's time axis. Days are whole numbers (days since 1970-01-01)
// computed with UTC arithmetic: a calendar day has no time zone, so no
// daylight-saving change can stretch or shift one on the axis.

export const zooms = ["day", "week", "month"] as const;
export type Zoom = (typeof zooms)[number];

/** A calendar day as whole days since 1970-01-01. */
export type Day = number;
/** Days from start to end, both included. */
export type Span = { start: Day; end: Day };

const MS_PER_DAY = 86_400_000;

/** How wide a day is at each zoom: a day is always the unit bars snap to. */
export const pxPerDay: Record<Zoom, number> = { day: 48, week: 20, month: 5 };

/** "2030-03-05" as a day; null when it is not a real date. */
export function parseDay(text: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

export const dateOfDay = (day: Day) => new Date(day * MS_PER_DAY);

/** A day as YYYY-MM-DD. */
export function formatDay(day: Day): string {
  return dateOfDay(day).toISOString().slice(0, 10);
}

function dayOfParts(year: number, month: number, dayOfMonth: number): Day {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

/** The day a browser's clock is on, in the browser's own zone (what "today" means to the person looking). */
export function localDay(now: Date): Day {
  return dayOfParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The Monday of the day's week (weeks start on Monday, as ISO weeks do). */
export function mondayOf(day: Day): Day {
  // 1970-01-01 was a Thursday, so (day + 3) % 7 counts the days since Monday.
  return day - (((day + 3) % 7) + 7) % 7;
}

function firstOfMonth(day: Day, addMonths = 0): Day {
  const d = dateOfDay(day);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + addMonths, 1) / MS_PER_DAY;
}

/**
 * The days the timeline shows around an anchor day: five weeks by the day,
 * sixteen weeks by the week, twelve months by the month, starting a little
 * before the anchor so what comes just before it is in sight too.
 */
export function windowOf(anchor: Day, zoom: Zoom): Span {
  switch (zoom) {
    case "day": {
      const start = mondayOf(anchor) - 7;
      return { start, end: start + 5 * 7 - 1 };
    }
    case "week": {
      const start = mondayOf(anchor) - 14;
      return { start, end: start + 16 * 7 - 1 };
    }
    case "month":
      return { start: firstOfMonth(anchor, -1), end: firstOfMonth(anchor, 11) - 1 };
    default:
      return zoom satisfies never;
  }
}

/** The anchor one step earlier or later: a week by the day, four weeks by the week, a quarter by the month. */
export function stepAnchor(anchor: Day, zoom: Zoom, direction: 1 | -1): Day {
  switch (zoom) {
    case "day":
      return anchor + direction * 7;
    case "week":
      return anchor + direction * 28;
    case "month": {
      const d = dateOfDay(anchor);
      const target = firstOfMonth(anchor, direction * 3);
      const t = dateOfDay(target);
      const lastDay = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
      return target + Math.min(d.getUTCDate(), lastDay) - 1;
    }
    default:
      return zoom satisfies never;
  }
}

export const widthOf = (window: Span, zoom: Zoom) => (window.end - window.start + 1) * pxPerDay[zoom];

/** Where a day begins on the axis, in pixels from the window's first day. */
export function xOfDay(day: Day, window: Span, zoom: Zoom): number {
  return (day - window.start) * pxPerDay[zoom];
}

/** A pointer's travel as whole days, to the nearest day (snapping). */
export function daysOfDrag(dx: number, zoom: Zoom): number {
  const days = Math.round(dx / pxPerDay[zoom]);
  return days === 0 ? 0 : days; // never -0, which would read as a change
}

const MIN_BAR_WIDTH = 12;

/** A bar's place on the axis; null when it lies wholly outside the window. A bar is at least a few pixels wide, so a day is visible and grabbable by the month. */
export function barGeometry(span: Span, window: Span, zoom: Zoom): { left: number; width: number } | null {
  if (span.end < window.start || span.start > window.end) return null;
  const left = xOfDay(span.start, window, zoom);
  const width = Math.max((span.end - span.start + 1) * pxPerDay[zoom], MIN_BAR_WIDTH);
  return { left, width };
}

/** Both ends shifted by the same number of days. */
export function moveSpan(span: Span, days: number): Span {
  return { start: span.start + days, end: span.end + days };
}

/** One end shifted, never past the other: a span is at least its one day. */
export function resizeSpan(span: Span, edge: "start" | "end", days: number): Span {
  return edge === "start" ? { start: Math.min(span.start + days, span.end), end: span.end } : { start: span.start, end: Math.max(span.end + days, span.start) };
}

export type AxisCell = { key: string; label: string; title: string; left: number; width: number };
export type Axis = { unit: "Days" | "Weeks" | "Months"; top: AxisCell[]; bottom: AxisCell[] };

const fmt = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en", { ...options, timeZone: "UTC" });
const weekday = fmt({ weekday: "short" });
const fullDate = fmt({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
const monthDay = fmt({ month: "short", day: "numeric" });
const monthDayYear = fmt({ month: "short", day: "numeric", year: "numeric" });
const monthYear = fmt({ month: "long", year: "numeric" });
const monthShort = fmt({ month: "short" });
const year = fmt({ year: "numeric" });

/** "Mar 5, 2030", a day for reading (and for screen readers). */
export const describeDay = (day: Day) => monthDayYear.format(dateOfDay(day));

/** "Mar 5 – Mar 9, 2030" or "Mar 5, 2030" for a one-day span. */
export function describeSpan(span: Span): string {
  if (span.start === span.end) return describeDay(span.start);
  const sameYear = dateOfDay(span.start).getUTCFullYear() === dateOfDay(span.end).getUTCFullYear();
  return `${sameYear ? monthDay.format(dateOfDay(span.start)) : describeDay(span.start)} – ${describeDay(span.end)}`;
}

/** Consecutive days of the window cut where `keyOf` changes, as axis cells. */
function cells(window: Span, zoom: Zoom, keyOf: (day: Day) => string, label: (day: Day) => string, title: (day: Day) => string): AxisCell[] {
  const out: AxisCell[] = [];
  for (let day = window.start; day <= window.end; day++) {
    const key = keyOf(day);
    const last = out.at(-1);
    if (last?.key === key) last.width += pxPerDay[zoom];
    else out.push({ key, label: label(day), title: title(day), left: xOfDay(day, window, zoom), width: pxPerDay[zoom] });
  }
  return out;
}

const monthKey = (day: Day) => formatDay(day).slice(0, 7);
const yearKey = (day: Day) => formatDay(day).slice(0, 4);

/** The axis's two header rows: months over days or weeks, years over months. */
export function axisOf(window: Span, zoom: Zoom): Axis {
  const months = () => cells(window, zoom, monthKey, (d) => monthYear.format(dateOfDay(d)), (d) => monthYear.format(dateOfDay(d)));
  switch (zoom) {
    case "day":
      return { unit: "Days", top: months(), bottom: cells(window, zoom, formatDay, (d) => `${weekday.format(dateOfDay(d))} ${dateOfDay(d).getUTCDate()}`, (d) => fullDate.format(dateOfDay(d))) };
    case "week":
      return {
        unit: "Weeks",
        top: months(),
        bottom: cells(window, zoom, (d) => formatDay(mondayOf(d)), (d) => monthDay.format(dateOfDay(mondayOf(d))), (d) => `Week of ${describeDay(mondayOf(d))}`),
      };
    case "month":
      return {
        unit: "Months",
        top: cells(window, zoom, yearKey, (d) => year.format(dateOfDay(d)), (d) => year.format(dateOfDay(d))),
        bottom: cells(window, zoom, monthKey, (d) => monthShort.format(dateOfDay(d)), (d) => monthYear.format(dateOfDay(d))),
      };
    default:
      return zoom satisfies never;
  }
}
