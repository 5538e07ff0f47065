import { addDays, differenceInCalendarDays, endOfMonth, endOfWeek, format, isValid, parse, startOfMonth, startOfWeek } from "date-fns";

// Days are `YYYY-MM-DD` keys, the format of date fields and of view.data's
// `from`/`to`. The arithmetic runs on local-midnight Dates, so it is calendar
// arithmetic whatever the browser's time zone (no instant is involved).

/** Weeks start on Monday (ISO 8601), in the month grid and the week view alike. */
const weekStartsOn = 1;

const toDate = (day: string) => parse(day, "yyyy-MM-dd", new Date(2000, 0, 1));
const toKey = (date: Date) => format(date, "yyyy-MM-dd");

/** A `YYYY-MM-DD` key naming a real day. */
export function isDayKey(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(toDate(value)) && toKey(toDate(value)) === value;
}

/** A `YYYY-MM` key naming a month. */
export function isMonthKey(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

export function shiftDay(day: string, days: number): string {
  return toKey(addDays(toDate(day), days));
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}

/** The Monday of the week holding the day. */
export function weekOf(day: string): string {
  return toKey(startOfWeek(toDate(day), { weekStartsOn }));
}

/** The month (`YYYY-MM`) holding the day. */
export const monthOf = (day: string) => day.slice(0, 7);

export function shiftMonth(month: string, months: number): string {
  const date = toDate(`${month}-01`);
  return format(new Date(date.getFullYear(), date.getMonth() + months, 1), "yyyy-MM");
}

/** The seven days of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => shiftDay(monday, i));
}

/** The month grid: whole weeks, Monday to Sunday, from the week of the 1st to the week of the last day (4 to 6 weeks). */
export function monthWeeks(month: string): string[][] {
  const first = startOfMonth(toDate(`${month}-01`));
  const from = toKey(startOfWeek(first, { weekStartsOn }));
  const to = toKey(endOfWeek(endOfMonth(first), { weekStartsOn }));
  const weeks: string[][] = [];
  for (let monday = from; monday <= to; monday = shiftDay(monday, 7)) weeks.push(weekDays(monday));
  return weeks;
}

/** "Thursday, March 5, 2026": a day as a screen reader should say it. */
export const dayLabel = (day: string) => format(toDate(day), "EEEE, MMMM d, yyyy");
/** "Mar 5" */
export const shortDayLabel = (day: string) => format(toDate(day), "MMM d");
/** "Mon" */
export const weekdayLabel = (day: string) => format(toDate(day), "EEE");
/** "March 2026" */
export const monthLabel = (month: string) => format(toDate(`${month}-01`), "MMMM yyyy");
/** The day of the month, "5". */
export const dayNumber = (day: string) => String(Number(day.slice(8, 10)));

/** "Mar 2 – 8, 2026", "Mar 30 – Apr 5, 2026", "Dec 28, 2026 – Jan 3, 2027". */
export function weekLabel(monday: string): string {
  const sunday = shiftDay(monday, 6);
  const [from, to] = [toDate(monday), toDate(sunday)];
  if (from.getFullYear() !== to.getFullYear()) return `${format(from, "MMM d, yyyy")} – ${format(to, "MMM d, yyyy")}`;
  if (from.getMonth() !== to.getMonth()) return `${format(from, "MMM d")} – ${format(to, "MMM d, yyyy")}`;
  return `${format(from, "MMM d")} – ${format(to, "d, yyyy")}`;
}

/** Today in the browser's time zone. */
export const todayKey = () => toKey(new Date());
