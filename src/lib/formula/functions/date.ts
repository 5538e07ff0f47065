import { defaultDateFormat, formatLocal, isoParseRegex, parseDateFormat, parseFormats } from "../date-format";
import { addToLocal, daysInMonth, fromLocal, localParts, type LocalParts } from "../../time-zone";
import { FORMULA_ERROR, type FormulaValue } from "../types";
import { argError, type ArgInfo, expectArg, type FormulaFunction, literal, num, signature, strict, txt } from "./define";

/*
 * Dates are instants. Calendar readings (YEAR, DAY, HOUR, WEEKDAY, ...),
 * DATETIME_FORMAT, TODAY and calendar arithmetic (days and longer) happen in
 * the formula's time zone (the field's `timeZone` option, UTC by default).
 * Units, formats and week starts must be literal text, so the SQL is fixed
 * when the formula is compiled.
 */

export type DateUnit = "ms" | "s" | "m" | "h" | "d" | "w" | "M" | "Q" | "y";
const unitNames: Record<string, DateUnit> = {
  milliseconds: "ms", millisecond: "ms", ms: "ms",
  seconds: "s", second: "s", s: "s",
  minutes: "m", minute: "m", m: "m",
  hours: "h", hour: "h", h: "h",
  days: "d", day: "d", d: "d",
  weeks: "w", week: "w", w: "w",
  months: "M", month: "M", M: "M",
  quarters: "Q", quarter: "Q", Q: "Q",
  years: "y", year: "y", y: "y",
};
export const unitMs: Partial<Record<DateUnit, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A unit name as moment.js spells it: single letters are case-sensitive (m minutes, M months), words are not. */
export function dateUnit(name: string): DateUnit | undefined {
  return name.length <= 2 ? unitNames[name] : unitNames[name.toLowerCase()];
}

export const unitArg = (arg: ArgInfo | undefined, fn: string, fallback: DateUnit, allowed?: DateUnit[]): DateUnit => {
  if (!arg) return fallback;
  expectArg(arg, "literal", fn);
  const unit = dateUnit(literal(arg)!);
  if (!unit || (allowed && !allowed.includes(unit))) return argError(arg, `${fn}: unknown unit '${literal(arg)}'`);
  return unit;
};

export const weekStartArg = (arg: ArgInfo | undefined, fn: string): 0 | 1 => {
  if (!arg) return 0;
  expectArg(arg, "literal", fn);
  const v = literal(arg)!.toLowerCase();
  if (v !== "sunday" && v !== "monday") argError(arg, `${fn}: the week starts on 'Sunday' or 'Monday'`);
  return v === "monday" ? 1 : 0;
};

export const formatArg = (arg: ArgInfo | undefined, fn: string) => {
  if (arg) expectArg(arg, "literal", fn);
  const parsed = parseDateFormat(literal(arg) ?? defaultDateFormat);
  if (!parsed.ok) return argError(arg!, `${fn}: ${parsed.message}`);
  return parsed.parts;
};

export const parseFormatArg = (arg: ArgInfo | undefined, fn: string) => {
  if (!arg) return undefined;
  expectArg(arg, "literal", fn);
  const format = parseFormats[literal(arg)!];
  if (!format) return argError(arg, `${fn}: supported formats are ISO 8601 (no format) or ${Object.keys(parseFormats).map((f) => `'${f}'`).join(", ")}`);
  return format;
};

/** Whole count of calendar months from b to a, truncated toward zero (a later day or time of month completes a month). */
export function monthDiff(a: LocalParts, b: LocalParts): number {
  let months = (a.year - b.year) * 12 + (a.month - b.month);
  const rest = (p: LocalParts) => (((p.day - 1) * 24 + p.hour) * 60 + p.minute) * 60_000 + p.second * 1000 + p.ms;
  if (months > 0 && rest(a) < rest(b)) months--;
  if (months < 0 && rest(a) > rest(b)) months++;
  return months;
}

/** Wall-clock midnight of a calendar day in the zone. */
const midnight = (p: Pick<LocalParts, "year" | "month" | "day">, tz: string) => fromLocal({ year: p.year, month: p.month, day: p.day, hour: 0, minute: 0, second: 0, ms: 0 }, tz);

/** Round half away from zero, as moment.js does for calendar amounts. */
export const absRound = (n: number) => Math.sign(n) * Math.floor(Math.abs(n) + 0.5);

/** Largest millisecond shift DATEADD takes (PostgreSQL multiplies intervals in doubles of microseconds). */
export const maxShiftMs = 9e12;
/**
 * Date arithmetic that could leave the years both sides write alike is
 * #ERROR: |days since 1970| + |days shifted| must stay within 719,000 (about
 * 1,968 years, so results stay within AD 2–3938), checked the same way in
 * SQL. Further back, PostgreSQL has no year 0 (1 BC follows AD 1) where
 * JavaScript counts year 0, so DATESTR and YEAR would disagree.
 */
export const maxDays = 719_000;
export const outOfRange = (date: Date, shiftDays: number) => Math.abs(date.getTime() / 86_400_000) + Math.abs(shiftDays) > maxDays;

const isoRegex = new RegExp(isoParseRegex);

/** DATETIME_PARSE: ISO text (after rewriting a named format) to an instant, #ERROR when it is not a real date. */
export function parseDateText(text: string, format: { regex: string; iso: string } | undefined, tz: string): Date | typeof FORMULA_ERROR {
  let s = text;
  if (format) {
    const re = new RegExp(format.regex);
    if (!re.test(s)) return FORMULA_ERROR;
    s = s.replace(re, format.iso);
  }
  const m = isoRegex.exec(s);
  if (!m) return FORMULA_ERROR;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return FORMULA_ERROR;
  const [hour, minute, sec = "0"] = (m[4] ?? "00:00").split(":") as [string, string, string?];
  const [whole, frac = ""] = sec.split(".");
  const parts = { year, month, day, hour: Number(hour), minute: Number(minute), second: Number(whole), ms: Number(frac.padEnd(3, "0")) };
  if (!m[5]) return fromLocal(parts, tz);
  const offset = m[5] === "Z" ? 0 : (m[5][0] === "-" ? -1 : 1) * (Number(m[5].slice(1, 3)) * 60 + Number(m[5].slice(4, 6))) * 60_000;
  return new Date(fromLocal(parts, "UTC").getTime() - offset);
}

const d = (v: FormulaValue | undefined) => v as Date | null;

const part = (fn: string, f: (p: LocalParts) => number): FormulaFunction => ({
  category: "date",
  signature: `${fn}(date)`,
  minArgs: 1,
  maxArgs: 1,
  check: signature(fn, ["date"], "number"),
  evaluate: strict(([v], env) => (v === null ? null : f(localParts(d(v)!, env.ctx.timeZone)))),
});

const compareDates = (fn: string, f: (a: number, b: number) => boolean): FormulaFunction => ({
  category: "date",
  signature: `${fn}(date1, date2)`,
  minArgs: 2,
  maxArgs: 2,
  check: signature(fn, ["date", "date"], "boolean"),
  evaluate: strict(([a, b]) => (a === null || b === null ? false : f(d(a)!.getTime(), d(b)!.getTime()))),
});

export const dateFunctions = {
  TODAY: {
    category: "date",
    signature: "TODAY()",
    minArgs: 0,
    maxArgs: 0,
    check: () => "date",
    evaluate: (_, env) => midnight(localParts(env.ctx.now, env.ctx.timeZone), env.ctx.timeZone),
  },
  NOW: {
    category: "date",
    signature: "NOW()",
    minArgs: 0,
    maxArgs: 0,
    check: () => "date",
    evaluate: (_, env) => env.ctx.now,
  },
  YEAR: part("YEAR", (p) => p.year),
  MONTH: part("MONTH", (p) => p.month),
  DAY: part("DAY", (p) => p.day),
  HOUR: part("HOUR", (p) => p.hour),
  MINUTE: part("MINUTE", (p) => p.minute),
  SECOND: part("SECOND", (p) => p.second),
  WEEKDAY: {
    category: "date",
    signature: "WEEKDAY(date, ['Sunday' | 'Monday'])",
    minArgs: 1,
    maxArgs: 2,
    check: (args) => {
      expectArg(args[0]!, "date", "WEEKDAY");
      weekStartArg(args[1], "WEEKDAY");
      return "number";
    },
    evaluate: strict(([v], env) => {
      if (v === null) return null;
      const start = weekStartArg(env.args[1], "WEEKDAY");
      return (localParts(d(v)!, env.ctx.timeZone).weekday + 7 - start) % 7;
    }),
  },
  WEEKNUM: {
    category: "date",
    signature: "WEEKNUM(date, ['Sunday' | 'Monday'])",
    minArgs: 1,
    maxArgs: 2,
    check: (args) => {
      expectArg(args[0]!, "date", "WEEKNUM");
      weekStartArg(args[1], "WEEKNUM");
      return "number";
    },
    // Week 1 holds January 1st; weeks start on Sunday (or Monday).
    evaluate: strict(([v], env) => {
      if (v === null) return null;
      const start = weekStartArg(env.args[1], "WEEKNUM");
      const p = localParts(d(v)!, env.ctx.timeZone);
      const jan1 = new Date(Date.UTC(2000, 0, 1));
      jan1.setUTCFullYear(p.year, 0, 1);
      const doy = Math.round((fromLocal({ ...p, hour: 0, minute: 0, second: 0, ms: 0 }, "UTC").getTime() - jan1.getTime()) / 86_400_000) + 1;
      const jan1Dow = (jan1.getUTCDay() + 7 - start) % 7;
      return Math.floor((doy - 1 + jan1Dow) / 7) + 1;
    }),
  },
  DATEADD: {
    category: "date",
    signature: "DATEADD(date, count, 'unit')",
    minArgs: 3,
    maxArgs: 3,
    check: (args) => {
      expectArg(args[0]!, "date", "DATEADD");
      expectArg(args[1]!, "number", "DATEADD");
      unitArg(args[2], "DATEADD", "d");
      return "date";
    },
    evaluate: strict(([v, n], env) => {
      if (v === null) return null;
      const unit = unitArg(env.args[2], "DATEADD", "d");
      const count = num(env, 1, n!) ?? 0;
      const date = d(v)!;
      const ms = unitMs[unit];
      if (ms !== undefined && unit !== "d" && unit !== "w") {
        const shift = Math.floor(count * ms + 0.5);
        if (Math.abs(shift) > maxShiftMs || outOfRange(date, shift / 86_400_000)) return FORMULA_ERROR;
        return new Date(date.getTime() + shift);
      }
      const tz = env.ctx.timeZone;
      const amount = absRound(count) * (unit === "w" ? 7 : unit === "Q" ? 3 : unit === "y" ? 12 : 1);
      const calendar = unit === "d" || unit === "w" ? "day" : "month";
      if (outOfRange(date, amount * (calendar === "day" ? 1 : 31))) return FORMULA_ERROR;
      return fromLocal(addToLocal(localParts(date, tz), amount, calendar), tz);
    }),
  },
  DATETIME_DIFF: {
    category: "date",
    signature: "DATETIME_DIFF(date1, date2, ['unit'])",
    minArgs: 2,
    maxArgs: 3,
    check: (args) => {
      expectArg(args[0]!, "date", "DATETIME_DIFF");
      expectArg(args[1]!, "date", "DATETIME_DIFF");
      unitArg(args[2], "DATETIME_DIFF", "s");
      return "number";
    },
    // date1 - date2 in whole units, truncated toward zero.
    evaluate: strict(([a, b], env) => {
      if (a === null || b === null) return null;
      const unit = unitArg(env.args[2], "DATETIME_DIFF", "s");
      const ms = unitMs[unit];
      if (ms !== undefined) return Math.trunc((d(a)!.getTime() - d(b)!.getTime()) / ms);
      const months = monthDiff(localParts(d(a)!, env.ctx.timeZone), localParts(d(b)!, env.ctx.timeZone));
      return unit === "M" ? months : Math.trunc(months / (unit === "Q" ? 3 : 12));
    }),
  },
  DATETIME_FORMAT: {
    category: "date",
    signature: "DATETIME_FORMAT(date, ['format'])",
    minArgs: 1,
    maxArgs: 2,
    check: (args) => {
      expectArg(args[0]!, "date", "DATETIME_FORMAT");
      formatArg(args[1], "DATETIME_FORMAT");
      return "text";
    },
    evaluate: strict(([v], env) => (v === null ? null : formatLocal(localParts(d(v)!, env.ctx.timeZone), formatArg(env.args[1], "DATETIME_FORMAT")))),
  },
  DATETIME_PARSE: {
    category: "date",
    signature: "DATETIME_PARSE(text, ['format'])",
    minArgs: 1,
    maxArgs: 2,
    check: (args) => {
      expectArg(args[0]!, "text", "DATETIME_PARSE");
      parseFormatArg(args[1], "DATETIME_PARSE");
      return "date";
    },
    evaluate: strict(([v], env) => {
      const s = txt(env, 0, v!);
      if (s === null || s === "") return null;
      return parseDateText(s, parseFormatArg(env.args[1], "DATETIME_PARSE"), env.ctx.timeZone);
    }),
  },
  DATESTR: {
    category: "date",
    signature: "DATESTR(date)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("DATESTR", ["date"], "text"),
    evaluate: strict(([v], env) => (v === null ? null : formatLocal(localParts(d(v)!, env.ctx.timeZone), [{ token: "YYYY" }, { literal: "-" }, { token: "MM" }, { literal: "-" }, { token: "DD" }]))),
  },
  IS_BEFORE: compareDates("IS_BEFORE", (a, b) => a < b),
  IS_AFTER: compareDates("IS_AFTER", (a, b) => a > b),
  IS_SAME: {
    category: "date",
    signature: "IS_SAME(date1, date2, ['unit'])",
    minArgs: 2,
    maxArgs: 3,
    check: (args) => {
      expectArg(args[0]!, "date", "IS_SAME");
      expectArg(args[1]!, "date", "IS_SAME");
      unitArg(args[2], "IS_SAME", "ms", sameUnits);
      return "boolean";
    },
    evaluate: strict(([a, b], env) => {
      if (a === null || b === null) return false;
      const unit = unitArg(env.args[2], "IS_SAME", "ms", sameUnits);
      if (unit === "ms") return d(a)!.getTime() === d(b)!.getTime();
      const keys = sameKeys.slice(0, sameKeys.indexOf(sameKeyOf[unit]!) + 1);
      const x = localParts(d(a)!, env.ctx.timeZone);
      const y = localParts(d(b)!, env.ctx.timeZone);
      return keys.every((k) => x[k] === y[k]);
    }),
  },
  WORKDAY: {
    category: "date",
    signature: "WORKDAY(date, days)",
    minArgs: 2,
    maxArgs: 2,
    check: signature("WORKDAY", ["date", "number"], "date"),
    // Monday to Friday are work days; the result is that day's midnight.
    evaluate: strict(([v, n], env) => {
      if (v === null) return null;
      const count = Math.trunc(num(env, 1, n!) ?? 0);
      if (outOfRange(d(v)!, count * 1.4 + 3)) return FORMULA_ERROR;
      const tz = env.ctx.timeZone;
      const p = localParts(d(v)!, tz);
      return midnight(addToLocal(p, workdayOffset(p.weekday, count), "day"), tz);
    }),
  },
} satisfies Record<string, FormulaFunction>;

const sameUnits: DateUnit[] = ["ms", "s", "m", "h", "d", "M", "y"];
const sameKeys = ["year", "month", "day", "hour", "minute", "second"] as const;
const sameKeyOf: Partial<Record<DateUnit, (typeof sameKeys)[number]>> = { y: "year", M: "month", d: "day", h: "hour", m: "minute", s: "second" };

/**
 * Days from a start (weekday 0=Sunday) to the day `count` work days later.
 * A weekend start counts from Friday going forward and from Monday going back;
 * 0 work days is the start itself.
 */
export function workdayOffset(weekday: number, count: number): number {
  if (count === 0) return 0;
  let shift = 0;
  let w = weekday;
  if (w === 6) {
    shift = count > 0 ? -1 : 2;
    w = count > 0 ? 5 : 1;
  } else if (w === 0) {
    shift = count > 0 ? -2 : 1;
    w = count > 0 ? 5 : 1;
  }
  const base = w - 1;
  const total = base + count;
  const weeks = Math.floor(total / 5);
  const index = total - weeks * 5;
  return shift + weeks * 7 + index - base;
}
