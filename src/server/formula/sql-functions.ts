import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { formatArg, maxDays, maxShiftMs, parseFormatArg, unitArg, unitMs, weekStartArg } from "@/lib/formula/functions/date";

import type { FormulaFunctionName } from "@/lib/formula/functions";
import { switchResultIndexes } from "@/lib/formula/functions/logical";
import { patternOf, trimChars } from "@/lib/formula/functions/text";
import { isoParseRegex, toCharPattern } from "@/lib/formula/date-format";
import { unifyTypes } from "@/lib/formula/semantics";
import { orErrors, type SqlArg, type SqlBuilder, type SqlHelpers } from "./compile-sql";
import { coerceSql, compareSql, toNumberSql, toTextSql, truthySql, typedNull } from "./sql-values";

/*
 * Every formula function in SQL, each the twin of its `evaluate` in
 * src/lib/formula/functions/. The Record type makes a missing entry a
 * compile error. Only built-in PostgreSQL functions (16+, and PGlite).
 */

const n = (a: SqlArg) => toNumberSql(a.v, a.type);
const t = (a: SqlArg) => toTextSql(a.v, a.type);
const p = (value: string | number) => (typeof value === "number" ? sql`${value}::float8` : sql`${value}::text`);
/** A count or position as an integer in [min, 1e8] (whole() in memory). */
const whole = (v: SQL, min: number) => sql`greatest(${min}, least(100000000, trunc(coalesce(${v}, 0))))::int`;
const f8 = (v: SQL) => sql`(${v})::float8`;
const local = (d: SQL, h: SqlHelpers) => sql`((${d}) at time zone ${h.tz})`;
const or = (parts: SQL[]) => sql`(${sql.join(parts, sql` or `)})`;
const and = (parts: SQL[]) => sql`(${sql.join(parts, sql` and `)})`;

const unary = (f: (x: SQL) => SQL, error?: (x: SQL) => SQL): SqlBuilder => ([a], h) => {
  const x = n(a!);
  if (!error) return { v: f(x) };
  return { v: h.bind([x], ([r]) => sql`case when ${error(r!)} then null::float8 else ${f(r!)} end`), e: error(x) };
};

const rounding = (step: (x: SQL) => SQL): SqlBuilder => ([a, d], h) => {
  const digits = d ? sql`greatest(-20, least(20, trunc(coalesce(${n(d)}, 0))))` : sql`0::float8`;
  return {
    v: h.bind([n(a!), digits], ([x, q]) =>
      sql`case when ${q} >= 0 then sign(${x}) * ${step(sql`abs(${x}) * power(10::float8, ${q})`)} / power(10::float8, ${q})
        else sign(${x}) * ${step(sql`abs(${x}) / power(10::float8, -${q})`)} * power(10::float8, -${q}) end`,
    ),
  };
};

const toMultiple = (fn: "ceil" | "floor"): SqlBuilder => ([a, s], h) => {
  const sig = s ? sql`coalesce(${n(s)}, 1)` : sql`1::float8`;
  return {
    v: h.bind([n(a!), sig], ([x, g]) => sql`case when ${x} is null then null::float8 when ${g} = 0 then 0::float8 else ${sql.raw(fn)}(${x} / ${g}) * ${g} end`),
  };
};

const part = (field: "year" | "month" | "day" | "hour" | "minute"): SqlBuilder => ([d], h) => ({ v: f8(sql`extract(${sql.raw(field)} from ${local(d!.v, h)})`) });

const findSql = (needle: SQL, haystack: SQL, start: SQL, h: SqlHelpers) =>
  h.bind([needle, haystack, start], ([nd, hs, st]) =>
    sql`case when coalesce(${nd}, '') = '' or ${hs} is null then 0::float8
      when strpos(substr(${hs}, ${st}), ${nd}) = 0 then 0::float8
      else (strpos(substr(${hs}, ${st}), ${nd}) + ${st} - 1)::float8 end`,
  );
/** outOfRange() in SQL. */
const outOfRange = (d: SQL, shiftDays: SQL) => sql`(abs(extract(epoch from ${d})::float8 / 86400) + abs(${shiftDays}) > ${p(maxDays)})`;
const lowerC = (v: SQL) => sql`lower((${v}) collate "C")`;

/** Whole calendar months from b to a (monthDiff in memory), a and b local timestamps. */
const monthDiffSql = (a: SQL, b: SQL, h: SqlHelpers) =>
  h.bind(
    [sql`(extract(year from ${a}) - extract(year from ${b})) * 12 + extract(month from ${a}) - extract(month from ${b})`, sql`${a} - date_trunc('month', ${a})`, sql`${b} - date_trunc('month', ${b})`],
    ([m, ra, rb]) => sql`case when ${m} > 0 and ${ra} < ${rb} then ${m} - 1 when ${m} < 0 and ${ra} > ${rb} then ${m} + 1 else ${m} end`,
  );

const regexArg = (a: SqlArg, fn: string, strictExtent: boolean) => patternOf(a, fn, strictExtent).pg;

const validDateSql = (y: SQL, m: SQL, d: SQL) =>
  sql`(${y} >= 1 and ${m} between 1 and 12 and ${d} between 1 and (case when ${m} = 2 then (case when ${y} % 4 = 0 and (${y} % 100 <> 0 or ${y} % 400 = 0) then 29 else 28 end) when ${m} in (4, 6, 9, 11) then 30 else 31 end))`;

export const sqlFunctions: Record<FormulaFunctionName, SqlBuilder> = {
  // ── logical ──
  IF: ([cond, then, otherwise], h) => {
    const result = h.resultType;
    const c = truthySql(cond!.v, cond!.type);
    const branch = (a: SqlArg | undefined) => (a ? coerceSql(a.v, a.type, result) : typedNull(result));
    const branchErrors = then!.e || otherwise?.e ? sql`(case when ${c} then ${then!.e ?? sql`false`} else ${otherwise?.e ?? sql`false`} end)` : null;
    return { v: sql`(case when ${c} then ${branch(then)} else ${branch(otherwise)} end)`, e: orErrors([cond!.e, branchErrors]) };
  },
  SWITCH: (args, h) => {
    const [expr, ...rest] = args;
    const results = switchResultIndexes(args.length);
    const result = unifyTypes(results.map((i) => args[i]!.type));
    const hasDefault = (args.length - 1) % 2 === 1;
    const arms: SQL[] = [];
    const errorArms: SQL[] = [];
    for (let i = 1; i + 1 < args.length; i += 2) {
      const match = compareSql("=", expr!.v, expr!.type, args[i]!.v, args[i]!.type);
      arms.push(sql`when ${match} then ${coerceSql(args[i + 1]!.v, args[i + 1]!.type, result)}`);
      errorArms.push(sql`when ${match} then ${args[i + 1]!.e ?? sql`false`}`);
    }
    const fallback = hasDefault ? args[args.length - 1]! : undefined;
    const v = sql`(case ${sql.join(arms, sql` `)} else ${fallback ? coerceSql(fallback.v, fallback.type, result) : typedNull(result)} end)`;
    const anyResultError = results.some((i) => args[i]!.e);
    const patternErrors = rest.filter((_, i) => i % 2 === 0 && i + 1 < rest.length).map((a) => a.e);
    const chosenError = anyResultError ? sql`(case ${sql.join(errorArms, sql` `)} else ${fallback?.e ?? sql`false`} end)` : null;
    return { v, e: orErrors([expr!.e, ...patternErrors, chosenError]) };
  },
  AND: (args) => ({ v: and(args.map((a) => truthySql(a.v, a.type))) }),
  OR: (args) => ({ v: or(args.map((a) => truthySql(a.v, a.type))) }),
  XOR: (args) => ({ v: sql`((${sql.join(args.map((a) => sql`(case when ${truthySql(a.v, a.type)} then 1 else 0 end)`), sql` + `)}) % 2 = 1)` }),
  NOT: ([a]) => ({ v: sql`(not ${truthySql(a!.v, a!.type)})` }),
  BLANK: () => ({ v: sql`null::text` }),
  ERROR: () => ({ v: sql`null::text`, e: sql`true` }),
  ISERROR: ([a]) => ({ v: a!.e ? sql`coalesce(${a!.e}, false)` : sql`false`, e: null }),

  // ── text ──
  CONCATENATE: (args) => ({ v: sql`(${sql.join(args.map((a) => sql`coalesce(${t(a)}, '')`), sql` || `)})` }),
  LEN: ([a]) => ({ v: sql`coalesce(length(${t(a!)}), 0)::float8` }),
  LOWER: ([a]) => ({ v: lowerC(t(a!)) }),
  UPPER: ([a]) => ({ v: sql`upper((${t(a!)}) collate "C")` }),
  TRIM: ([a]) => ({ v: sql`btrim(${t(a!)}, ${p(trimChars)})` }),
  LEFT: ([a, c]) => ({ v: sql`left(${t(a!)}, ${whole(n(c!), 0)})` }),
  RIGHT: ([a, c]) => ({ v: sql`right(${t(a!)}, ${whole(n(c!), 0)})` }),
  MID: ([a, s, c]) => ({ v: sql`substr(${t(a!)}, ${whole(n(s!), 1)}, ${whole(n(c!), 0)})` }),
  FIND: ([nd, hs, st], h) => ({ v: findSql(t(nd!), t(hs!), st ? whole(n(st), 1) : sql`1`, h) }),
  SEARCH: ([nd, hs, st], h) => ({ v: findSql(lowerC(t(nd!)), lowerC(t(hs!)), st ? whole(n(st), 1) : sql`1`, h) }),
  SUBSTITUTE: ([s, o, r, index], h) => {
    const replacement = sql`coalesce(${t(r!)}, '')`;
    if (!index) return { v: h.bind([t(s!), t(o!)], ([x, old]) => sql`case when coalesce(${old}, '') = '' then ${x} else replace(${x}, ${old}, ${replacement}) end`) };
    return {
      v: h.bind([t(s!), t(o!), replacement, whole(n(index), 0)], ([x, old, rep, k]) =>
        sql`case when ${x} is null or coalesce(${old}, '') = '' then ${x}
          when ${k} < 1 or coalesce(cardinality(string_to_array(${x}, ${old})), 0) <= ${k} then ${x}
          else array_to_string((string_to_array(${x}, ${old}))[1:${k}], ${old}) || ${rep} || array_to_string((string_to_array(${x}, ${old}))[${k} + 1:], ${old}) end`,
      ),
    };
  },
  REPLACE: ([s, start, count, r], h) => ({
    v: h.bind([sql`coalesce(${t(s!)}, '')`, whole(n(start!), 1), whole(n(count!), 0)], ([x, from, c]) =>
      sql`substr(${x}, 1, ${from} - 1) || coalesce(${t(r!)}, '') || substr(${x}, ${from} + ${c})`,
    ),
  }),
  REPT: ([s, times], h) => {
    const tooLong = (x: SQL, k: SQL) => sql`(length(${x})::float8 * ${k} > 100000)`;
    return {
      v: h.bind([t(s!), whole(n(times!), 0)], ([x, k]) => sql`case when ${tooLong(x!, k!)} then null::text else repeat(${x}, ${k}) end`),
      e: h.bind([t(s!), whole(n(times!), 0)], ([x, k]) => tooLong(x!, k!)),
    };
  },
  T: ([a]) => ({ v: a!.type === "text" ? a!.v : sql`null::text` }),
  VALUE: ([a], h) => {
    const ok = (x: SQL) => sql`(length(${x}) <= 40 and ${x} ~ ${p("^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,2})?$")})`;
    const stripped = sql`regexp_replace(${t(a!)}, ${p("[$, ]")}, '', 'g')`;
    return {
      v: h.bind([stripped], ([x]) => sql`case when ${x} is null or ${x} = '' then null::float8 when ${ok(x!)} then (${x})::float8 else null::float8 end`),
      e: h.bind([stripped], ([x]) => sql`(${x} is not null and ${x} <> '' and not ${ok(x!)})`),
    };
  },
  ENCODE_URL_COMPONENT: ([a]) => ({
    v: sql`(select string_agg(case when u.c ~ ${p("^[A-Za-z0-9_.!~*'()-]$")} then u.c
        else upper(regexp_replace(encode(convert_to(u.c, 'UTF8'), 'hex'), '(..)', ${p("%\\1")}, 'g')) end, '' order by u.i)
      from unnest(string_to_array(${t(a!)}, null)) with ordinality as u(c, i))`,
  }),
  REGEX_MATCH: ([s, pattern]) => ({ v: sql`(coalesce(${t(s!)}, '') ~ ${p(regexArg(pattern!, "REGEX_MATCH", false))})` }),
  REGEX_EXTRACT: ([s, pattern]) => ({ v: sql`(regexp_match(${t(s!)}, ${p(`(${regexArg(pattern!, "REGEX_EXTRACT", true)})`)}))[1]` }),
  REGEX_REPLACE: ([s, pattern, r]) => ({
    // The replacement is literal: its backslashes are escaped so \1 and \& are not expanded.
    v: sql`regexp_replace(${t(s!)}, ${p(regexArg(pattern!, "REGEX_REPLACE", true))}, replace(coalesce(${t(r!)}, ''), ${p("\\")}, ${p("\\\\")}), 'g')`,
  }),

  // ── numeric ──
  ABS: unary((x) => sql`abs(${x})`),
  INT: unary((x) => sql`floor(${x})`),
  EVEN: unary((x) => sql`(sign(${x}) * ceil(abs(${x}) / 2) * 2)`),
  ODD: ([a], h) => ({
    v: h.bind([n(a!)], ([x]) => sql`case when ${x} >= 0 then ceil((${x} + 1) / 2) * 2 - 1 else -(ceil((-${x} + 1) / 2) * 2 - 1) end`),
  }),
  SQRT: unary((x) => sql`sqrt(case when ${x} >= 0 then ${x} end)`, (x) => sql`(${x} < 0)`),
  EXP: ([a], h) => ({
    v: h.bind([n(a!)], ([x]) => sql`case when ${x} > 709 then null::float8 when ${x} < -708 then 0::float8 else exp(case when ${x} between -708 and 709 then ${x} end) end`),
    e: sql`(${n(a!)} > 709)`,
  }),
  LOG10: unary((x) => sql`log(case when ${x} > 0 then ${x} end)`, (x) => sql`(${x} <= 0)`),
  LOG: ([a, b], h) => {
    if (!b) return unary((x) => sql`log(case when ${x} > 0 then ${x} end)`, (x) => sql`(${x} <= 0)`)([a!], h);
    const bad = (x: SQL, base: SQL) => sql`(${x} is not null and (${x} <= 0 or ${base} <= 0 or ${base} = 1))`;
    const values = [n(a!), sql`coalesce(${n(b)}, 10)`];
    return {
      v: h.bind(values, ([x, base]) => sql`case when ${x} is null or ${bad(x!, base!)} then null::float8 else ln(case when ${x} > 0 then ${x} end) / ln(case when ${base} > 0 and ${base} <> 1 then ${base} end) end`),
      e: h.bind(values, ([x, base]) => bad(x!, base!)),
    };
  },
  CEILING: toMultiple("ceil"),
  FLOOR: toMultiple("floor"),
  ROUND: rounding((x) => sql`floor(${x} + 0.5::float8)`),
  ROUNDUP: rounding((x) => sql`ceil(${x})`),
  ROUNDDOWN: rounding((x) => sql`trunc(${x})`),
  MOD: ([a, b], h) => ({
    v: h.bind([n(a!), n(b!)], ([x, y]) => sql`case when ${y} = 0 then null::float8 else ${x} - trunc(${x} / nullif(${y}, 0)) * ${y} end`),
    e: sql`(${n(a!)} is not null and ${n(b!)} = 0)`,
  }),
  POWER: ([a, b], h) => {
    const values = [n(a!), n(b!)];
    return {
      v: h.bind(values, ([x, y]) =>
        sql`case when ${x} is null or ${y} is null then null::float8
          when ${x} = 0 then (case when ${y} < 0 then null::float8 when ${y} = 0 then 1::float8 else 0::float8 end)
          when ${x} < 0 and ${y} <> trunc(${y}) then null::float8
          when ${y} * ln(abs(case when ${x} <> 0 then ${x} end)) > 709 then null::float8
          when ${y} * ln(abs(case when ${x} <> 0 then ${x} end)) < -708 then 0::float8
          else power(case when ${x} > 0 or ${y} = trunc(${y}) then ${x} end, ${y}) end`,
      ),
      e: h.bind(values, ([x, y]) =>
        sql`case when ${x} is null or ${y} is null then false when ${x} = 0 then ${y} < 0
          when ${x} < 0 and ${y} <> trunc(${y}) then true else ${y} * ln(abs(case when ${x} <> 0 then ${x} end)) > 709 end`,
      ),
    };
  },
  MIN: (args) => ({ v: sql`least(${sql.join(args.map(n), sql`, `)})` }),
  MAX: (args) => ({ v: sql`greatest(${sql.join(args.map(n), sql`, `)})` }),
  SUM: (args) => ({ v: sql`(${sql.join(args.map((a) => sql`coalesce(${n(a)}, 0)`), sql` + `)})` }),
  AVERAGE: (args) => ({
    v: sql`((${sql.join(args.map((a) => sql`coalesce(${n(a)}, 0)`), sql` + `)}) / nullif((${sql.join(
      args.map((a) => sql`(case when ${n(a)} is null then 0 else 1 end)`),
      sql` + `,
    )})::float8, 0))`,
  }),
  COUNT: (args) => {
    const counted = args.filter((a) => a.type === "number");
    return { v: counted.length === 0 ? sql`0::float8` : sql`(${sql.join(counted.map((a) => sql`(case when ${a.v} is null then 0 else 1 end)`), sql` + `)})::float8` };
  },
  COUNTA: (args) => ({
    v: sql`(${sql.join(
      args.map((a) =>
        a.type === "array"
          ? sql`coalesce((select count(*) from unnest(${a.v}) as x(v) where x.v <> ''), 0)`
          : a.type === "text"
            ? sql`(case when coalesce(${a.v}, '') <> '' then 1 else 0 end)`
            : a.type === "blank"
              ? sql`0`
              : sql`(case when ${a.v} is null then 0 else 1 end)`,
      ),
      sql` + `,
    )})::float8`,
  }),

  // ── date ──
  TODAY: (_, h) => ({ v: sql`(date_trunc('day', ${h.now} at time zone ${h.tz}) at time zone ${h.tz})` }),
  NOW: (_, h) => ({ v: h.now }),
  YEAR: part("year"),
  MONTH: part("month"),
  DAY: part("day"),
  HOUR: part("hour"),
  MINUTE: part("minute"),
  SECOND: ([d], h) => ({ v: f8(sql`floor(extract(second from ${local(d!.v, h)}))`) }),
  WEEKDAY: ([d, start], h) => ({ v: f8(sql`(extract(dow from ${local(d!.v, h)}) + ${7 - weekStartArg(start, "WEEKDAY")}) % 7`) }),
  WEEKNUM: ([d, start], h) => {
    const s = weekStartArg(start, "WEEKNUM");
    return {
      v: h.bind([local(d!.v, h)], ([l]) =>
        f8(sql`floor((extract(doy from ${l}) - 1 + (extract(dow from date_trunc('year', ${l})) + ${7 - s}) % 7) / 7) + 1`),
      ),
    };
  },
  DATEADD: ([d, count, unitArgument], h) => {
    const unit = unitArg(unitArgument, "DATEADD", "d");
    const amount = sql`coalesce(${n(count!)}, 0)`;
    const ms = unitMs[unit];
    if (ms !== undefined && unit !== "d" && unit !== "w") {
      const shift = sql`floor(${amount} * ${p(ms)} + 0.5::float8)`;
      const tooFar = (x: SQL, s: SQL) => sql`(abs(${s}) > ${p(maxShiftMs)} or ${outOfRange(x, sql`${s} / 86400000`)})`;
      return {
        v: h.bind([d!.v, shift], ([x, s]) => sql`case when ${tooFar(x!, s!)} then null::timestamptz else ${x} + (case when not ${tooFar(x!, s!)} then ${s} end) * interval '1 millisecond' end`),
        e: h.bind([d!.v, shift], ([x, s]) => sql`((${x}) is not null and ${tooFar(x!, s!)})`),
      };
    }
    const factor = unit === "w" ? 7 : unit === "Q" ? 3 : unit === "y" ? 12 : 1;
    const calendar = unit === "d" || unit === "w" ? "day" : "month";
    const steps = sql`(sign(${amount}) * floor(abs(${amount}) + 0.5::float8) * ${p(factor)})`;
    const tooFar = (x: SQL, s: SQL) => outOfRange(x, calendar === "day" ? s : sql`${s} * 31`);
    return {
      v: h.bind([d!.v, steps], ([x, s]) =>
        sql`case when ${tooFar(x!, s!)} then null::timestamptz else (${local(x!, h)} + (case when not ${tooFar(x!, s!)} then ${s} end) * interval ${sql.raw(calendar === "day" ? "'1 day'" : "'1 month'")}) at time zone ${h.tz} end`,
      ),
      e: h.bind([d!.v, steps], ([x, s]) => sql`((${x}) is not null and ${tooFar(x!, s!)})`),
    };
  },
  DATETIME_DIFF: ([a, b, unitArgument], h) => {
    const unit = unitArg(unitArgument, "DATETIME_DIFF", "s");
    const ms = unitMs[unit];
    if (ms !== undefined) {
      return { v: sql`trunc(((extract(epoch from ${a!.v}) - extract(epoch from ${b!.v})) * 1000)::float8 / ${p(ms)})` };
    }
    const months = monthDiffSql(sql`${local(a!.v, h)}`, sql`${local(b!.v, h)}`, h);
    return { v: f8(unit === "M" ? months : sql`trunc((${months}) / ${unit === "Q" ? 3 : 12})`) };
  },
  DATETIME_FORMAT: ([d, format], h) => ({ v: sql`to_char(${local(d!.v, h)}, ${p(toCharPattern(formatArg(format, "DATETIME_FORMAT")))})` }),
  DATETIME_PARSE: ([s, format], h) => {
    const fmt = parseFormatArg(format, "DATETIME_PARSE");
    const text = sql`nullif(${t(s!)}, '')`;
    const iso = fmt ? sql`regexp_replace(${text}, ${p(fmt.regex)}, ${p(fmt.iso.replace(/\$(\d)/g, "\\$1"))})` : text;
    const fmtOk = (x: SQL) => (fmt ? sql`(${x} ~ ${p(fmt.regex)})` : sql`true`);
    const valid = (x: SQL) => validDateSql(sql`substr(${x}, 1, 4)::int`, sql`substr(${x}, 6, 2)::int`, sql`substr(${x}, 9, 2)::int`);
    const isoOk = (x: SQL) => sql`(${x} ~ ${p(isoParseRegex)})`;
    return {
      // Casts only ever see text already checked (a constant is folded by the planner, even in a CASE arm not taken).
      v: h.bind(
        [h.bind([text, iso], ([raw, x]) => sql`case when ${raw} is null then null::text when not ${fmtOk(raw!)} then null::text
          when not ${isoOk(x!)} then null::text when not ${valid(x!)} then null::text else ${x} end`)],
        ([x]) => sql`case when ${x} ~ ${p("(Z|[-+][0-9]{2}:[0-9]{2})$")} then (${x})::timestamptz else (${x})::timestamp at time zone ${h.tz} end`,
      ),
      e: h.bind([text, iso], ([raw, x]) =>
        sql`case when ${raw} is null then false when not ${fmtOk(raw!)} then true when not ${isoOk(x!)} then true else not ${valid(x!)} end`,
      ),
    };
  },
  DATESTR: ([d], h) => ({ v: sql`to_char(${local(d!.v, h)}, 'YYYY-MM-DD')` }),
  IS_BEFORE: ([a, b]) => ({ v: sql`coalesce(${a!.v} < ${b!.v}, false)` }),
  IS_AFTER: ([a, b]) => ({ v: sql`coalesce(${a!.v} > ${b!.v}, false)` }),
  IS_SAME: ([a, b, unitArgument], h) => {
    const unit = unitArg(unitArgument, "IS_SAME", "ms", ["ms", "s", "m", "h", "d", "M", "y"]);
    if (unit === "ms") return { v: sql`coalesce(${a!.v} = ${b!.v}, false)` };
    const name = ({ s: "second", m: "minute", h: "hour", d: "day", M: "month", y: "year" } as Record<string, string>)[unit]!;
    return { v: sql`coalesce(date_trunc(${p(name)}, ${local(a!.v, h)}) = date_trunc(${p(name)}, ${local(b!.v, h)}), false)` };
  },
  WORKDAY: ([d, count], h) => {
    const c = sql`trunc(coalesce(${n(count!)}, 0))`;
    const tooFarFrom = (x: SQL, k: SQL) => outOfRange(x, sql`${k} * 1.4 + 3`);
    return {
      v: h.bind([d!.v, c], ([instant, k0]) => h.bind([local(instant!, h), k0!, tooFarFrom(instant!, k0!)], ([l, k, far]) =>
        h.bind([l!, k!, sql`extract(dow from ${l})::int`], ([l2, k2, w]) => {
          const shift = sql`(case when ${k2} = 0 then 0 when ${w} = 6 then (case when ${k2} > 0 then -1 else 2 end) when ${w} = 0 then (case when ${k2} > 0 then -2 else 1 end) else 0 end)`;
          const w2 = sql`(case when ${k2} <> 0 and ${w} in (0, 6) then (case when ${k2} > 0 then 5 else 1 end) else ${w} end)`;
          return h.bind([l2!, k2!, shift, sql`${w2} - 1`], ([l3, k3, sh, base]) =>
            h.bind([l3!, k3!, sh!, base!, sql`floor((${base} + ${k3}) / 5)`], ([l4, k4, sh4, b4, weeks]) =>
              sql`case when ${l4} is null then null::timestamptz when ${far} then null::timestamptz
                else (date_trunc('day', ${l4}) + (case when ${k4} = 0 or ${far} then 0 else ${sh4} + ${weeks} * 7 + (${b4} + ${k4} - ${weeks} * 5) - ${b4} end) * interval '1 day') at time zone ${h.tz} end`,
            ),
          );
        }),
      )),
      e: h.bind([d!.v, c], ([instant, k]) => sql`((${instant}) is not null and ${tooFarFrom(instant!, k!)})`),
    };
  },

  // ── arrays ──
  ARRAYJOIN: ([a, sep]) => ({ v: sql`array_to_string(${a!.v}, ${sep ? sql`coalesce(${t(sep)}, '')` : p(", ")})` }),
  ARRAYUNIQUE: ([a]) => ({
    v: sql`(case when ${a!.v} is null then null::text[] else array(select u.x from unnest(${a!.v}) with ordinality as u(x, o) group by u.x order by min(u.o)) end)`,
  }),
  ARRAYCOMPACT: ([a]) => ({
    v: sql`(case when ${a!.v} is null then null::text[] else array(select u.x from unnest(${a!.v}) with ordinality as u(x, o) where u.x <> '' order by u.o) end)`,
  }),

  // ── record ──
  RECORD_ID: (_, h) => ({ v: sql`(${h.ctx.row}.id)::text` }),
  CREATED_TIME: (_, h) => ({ v: sql`${h.ctx.row}.created_at` }),
  LAST_MODIFIED_TIME: (_, h) => ({ v: sql`${h.ctx.row}.updated_at` }),
};

