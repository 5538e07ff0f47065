/**
 * Wall-clock arithmetic in an IANA zone with Intl only, following
 * PostgreSQL's `AT TIME ZONE` rules so the SQL and in-memory results agree.
 */

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number; weekday: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const isUtc = (tz: string) => tz === "UTC" || tz === "Etc/UTC" || tz === "GMT";

/** The wall-clock reading of an instant in a zone. */
export function localParts(date: Date, timeZone: string): LocalParts {
  const ms = ((date.getTime() % 1000) + 1000) % 1000;
  if (isUtc(timeZone)) {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      ms,
      weekday: date.getUTCDay(),
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(date)) parts[p.type] = p.value;
  const year = parts.era === "BC" || parts.era === "B" ? 1 - Number(parts.year) : Number(parts.year);
  const p = { year, month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), ms };
  return { ...p, weekday: new Date(utcOf(p)).getUTCDay() };
}

function utcOf(p: Omit<LocalParts, "weekday">): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, p.ms);
  return d.getTime();
}

/** The zone's offset from UTC (ms) at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  return utcOf(localParts(new Date(ms), timeZone)) - ms;
}

/**
 * The instant a wall-clock time names in a zone. As in PostgreSQL, a time
 * skipped by a spring-forward transition is read with the offset before it,
 * and a time repeated by a fall-back transition as the later instant.
 * Field overflow (day 32, month 13) rolls over like Date.UTC.
 */
export function fromLocal(p: Omit<LocalParts, "weekday">, timeZone: string): Date {
  const wall = utcOf(p);
  if (isUtc(timeZone)) return new Date(wall);
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  if (before === after) return new Date(wall - before);
  const t1 = wall - before;
  const t2 = wall - after;
  const valid1 = offsetAt(t1, timeZone) === before;
  const valid2 = offsetAt(t2, timeZone) === after;
  if (valid2) return new Date(t2);
  if (valid1) return new Date(t1);
  return new Date(t1);
}

/** The wall-clock fields of `p` shifted by whole days or months (months clamp the day to the month's end, like PostgreSQL intervals). */
export function addToLocal(p: LocalParts, amount: number, unit: "day" | "month"): Omit<LocalParts, "weekday"> {
  if (unit === "day") {
    const d = new Date(utcOf({ ...p, hour: 0, minute: 0, second: 0, ms: 0 }) + amount * 86_400_000);
    return { ...p, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  const total = p.year * 12 + (p.month - 1) + amount;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return { ...p, year, month, day: Math.min(p.day, daysInMonth(year, month)) };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
