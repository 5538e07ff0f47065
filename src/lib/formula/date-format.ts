import type { LocalParts } from "../time-zone";

/*
 * DATETIME_FORMAT's supported moment.js tokens, each with its PostgreSQL
 * to_char twin. Other letters are refused (put literal text in [brackets]).
 */
const tokens: Record<string, { pg: string; js: (p: LocalParts) => string }> = {
  YYYY: { pg: "YYYY", js: (p) => String(p.year).padStart(4, "0") },
  YY: { pg: "YY", js: (p) => String(p.year % 100).padStart(2, "0") },
  MMMM: { pg: "FMMonth", js: (p) => monthNames[p.month - 1]! },
  MMM: { pg: "Mon", js: (p) => monthNames[p.month - 1]!.slice(0, 3) },
  MM: { pg: "MM", js: (p) => pad(p.month) },
  M: { pg: "FMMM", js: (p) => String(p.month) },
  Do: { pg: "FMDDth", js: (p) => ordinal(p.day) },
  DD: { pg: "DD", js: (p) => pad(p.day) },
  D: { pg: "FMDD", js: (p) => String(p.day) },
  dddd: { pg: "FMDay", js: (p) => dayNames[p.weekday]! },
  ddd: { pg: "Dy", js: (p) => dayNames[p.weekday]!.slice(0, 3) },
  HH: { pg: "HH24", js: (p) => pad(p.hour) },
  H: { pg: "FMHH24", js: (p) => String(p.hour) },
  hh: { pg: "HH12", js: (p) => pad(hour12(p.hour)) },
  h: { pg: "FMHH12", js: (p) => String(hour12(p.hour)) },
  mm: { pg: "MI", js: (p) => pad(p.minute) },
  m: { pg: "FMMI", js: (p) => String(p.minute) },
  ss: { pg: "SS", js: (p) => pad(p.second) },
  s: { pg: "FMSS", js: (p) => String(p.second) },
  SSS: { pg: "MS", js: (p) => String(p.ms).padStart(3, "0") },
  A: { pg: "AM", js: (p) => (p.hour < 12 ? "AM" : "PM") },
  a: { pg: "am", js: (p) => (p.hour < 12 ? "am" : "pm") },
};
const tokenNames = Object.keys(tokens).sort((a, b) => b.length - a.length);

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const pad = (n: number) => String(n).padStart(2, "0");
const hour12 = (h: number) => (h % 12 === 0 ? 12 : h % 12);
function ordinal(n: number) {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

export type DateFormatPart = { token: string } | { literal: string };

export const defaultDateFormat = "YYYY-MM-DD[T]HH:mm:ss.SSS[Z]";

/** A moment-style format to its parts, or the offending position (within the format) and message. */
export function parseDateFormat(format: string): { ok: true; parts: DateFormatPart[] } | { ok: false; message: string } {
  const parts: DateFormatPart[] = [];
  let i = 0;
  while (i < format.length) {
    if (format[i] === "[") {
      const close = format.indexOf("]", i);
      if (close < 0) return { ok: false, message: "unclosed [ in the date format" };
      parts.push({ literal: format.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    const token = tokenNames.find((t) => format.startsWith(t, i));
    if (token) {
      parts.push({ token });
      i += token.length;
      continue;
    }
    if (/[A-Za-z]/.test(format[i]!)) return { ok: false, message: `unsupported date format token '${format[i]}' (supported: ${Object.keys(tokens).join(" ")}; put literal text in [brackets])` };
    parts.push({ literal: format[i]! });
    i++;
  }
  return { ok: true, parts };
}

export function formatLocal(p: LocalParts, parts: DateFormatPart[]): string {
  return parts.map((part) => ("token" in part ? tokens[part.token]!.js(p) : part.literal)).join("");
}

/** The PostgreSQL to_char pattern of a parsed format (literal text double-quoted). */
export function toCharPattern(parts: DateFormatPart[]): string {
  return parts
    .map((part) => ("token" in part ? tokens[part.token]!.pg : `"${part.literal.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`))
    .join("");
}

/*
 * DATETIME_PARSE's input formats: ISO 8601 when no format is given, or one of
 * these. Each is a regex whose groups rewrite the text to ISO
 * `YYYY-MM-DD[ HH:mm[:ss]]`, in SQL (regexp_replace) and here alike.
 */
export const parseFormats: Record<string, { regex: string; iso: string }> = {
  "YYYY-MM-DD": { regex: "^([0-9]{4})-([0-9]{2})-([0-9]{2})$", iso: "$1-$2-$3" },
  "YYYY/MM/DD": { regex: "^([0-9]{4})/([0-9]{2})/([0-9]{2})$", iso: "$1-$2-$3" },
  "YYYY-MM-DD HH:mm": { regex: "^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2})$", iso: "$1-$2-$3 $4:$5" },
  "YYYY-MM-DD HH:mm:ss": { regex: "^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$", iso: "$1-$2-$3 $4:$5:$6" },
  "DD/MM/YYYY": { regex: "^([0-9]{2})/([0-9]{2})/([0-9]{4})$", iso: "$3-$2-$1" },
  "MM/DD/YYYY": { regex: "^([0-9]{2})/([0-9]{2})/([0-9]{4})$", iso: "$3-$1-$2" },
  "DD.MM.YYYY": { regex: "^([0-9]{2})\\.([0-9]{2})\\.([0-9]{4})$", iso: "$3-$2-$1" },
  "DD-MM-YYYY": { regex: "^([0-9]{2})-([0-9]{2})-([0-9]{4})$", iso: "$3-$2-$1" },
  "MM-DD-YYYY": { regex: "^([0-9]{2})-([0-9]{2})-([0-9]{4})$", iso: "$3-$1-$2" },
};

/**
 * ISO input DATETIME_PARSE reads: a date, or a date and time (T or space)
 * with an optional Z / ±HH:MM offset. Without an offset the time is read in
 * the formula's time zone. Group 1-3: the date, 4: the time, 5: the offset.
 */
export const isoParseRegex =
  "^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]((?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,3})?)?)(Z|[-+](?:[01][0-9]|2[0-3]):[0-5][0-9])?)?$";
