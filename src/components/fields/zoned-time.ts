// Wall-clock times in a named time zone, without a date library: a datetime
// field's time zone says how its instants are shown and typed.

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallTimeOf(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** How far the zone's clock is ahead of UTC at that instant, in milliseconds. */
function zoneOffset(epochMs: number, timeZone: string): number {
  const w = wallTimeOf(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** An ISO instant as a datetime-local value in the zone: `YYYY-MM-DDTHH:mm`, with `:ss` only when the seconds are not zero. */
export function isoToWallTime(iso: string, timeZone: string): string {
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) return "";
  const w = wallTimeOf(epochMs, safeZone(timeZone));
  const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
  return w.second === 0 ? base : `${base}:${pad(w.second)}`;
}

/**
 * A datetime-local value read as a wall-clock time in the zone, as an ISO
 * instant; null when it is not such a value. A time the clocks skipped (a
 * daylight saving change) moves forward by the gap; a repeated one is the first.
 */
export function wallTimeToIso(wallTime: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(wallTime);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  const zone = safeZone(timeZone);
  // The offset at a first guess, then at the corrected instant, settles across a daylight saving change.
  const guess = asUtc - zoneOffset(asUtc, zone);
  const settled = asUtc - zoneOffset(guess, zone);
  const w = wallTimeOf(settled, zone);
  const matches = w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute;
  // No instant shows that time (the clocks skipped it): the first guess lies just after the gap.
  return new Date(matches ? settled : guess).toISOString();
}

/** The zone if the runtime knows it, else UTC (a field saved with a zone this browser lacks still shows). */
export function safeZone(timeZone: string | undefined): string {
  if (!timeZone) return "UTC";
  try {
    partsFormat(timeZone);
    return timeZone;
  } catch {
    return "UTC";
  }
}
