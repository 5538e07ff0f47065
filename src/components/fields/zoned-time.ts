import { fromLocal, isTimeZone, localParts } from "@/lib/time-zone";

// Wall-clock times in a named time zone: a datetime field's time zone says
// how its instants are shown and typed. The arithmetic is the formula
// language's (src/lib/time-zone.ts), which follows PostgreSQL, so a typed time
// means the same instant the database would read it as.

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** An ISO instant as a datetime-local value in the zone: `YYYY-MM-DDTHH:mm`, with `:ss` only when the seconds are not zero. */
export function isoToWallTime(iso: string, timeZone: string): string {
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) return "";
  const w = localParts(new Date(epochMs), safeZone(timeZone));
  const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
  return w.second === 0 ? base : `${base}:${pad(w.second)}`;
}

/**
 * A datetime-local value read as a wall-clock time in the zone, as an ISO
 * instant; null when it is not such a value. As in PostgreSQL, a time the
 * clocks skipped (spring forward) is read with the offset before the gap, and
 * a repeated one (fall back) as the later instant.
 */
export function wallTimeToIso(wallTime: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(wallTime);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return fromLocal({ year, month, day, hour, minute, second, ms: 0 }, safeZone(timeZone)).toISOString();
}

/** The zone if the runtime knows it, else UTC (a field saved with a zone this browser lacks still shows). */
export function safeZone(timeZone: string | undefined): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : "UTC";
}
