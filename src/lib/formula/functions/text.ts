import { jsRegex, translateRegex } from "../regex";
import { FORMULA_ERROR } from "../types";
import { argError, type ArgInfo, expectArg, type FormulaFunction, literal, num, signature, strict, txt, whole } from "./define";

/*
 * Text is counted in characters (code points), as PostgreSQL does. Case
 * changes (LOWER, UPPER, SEARCH) touch ASCII letters only: that is what
 * PostgreSQL's "C" collation does on every server, so SQL and memory agree.
 */
const chars = (s: string) => Array.from(s);
export const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
export const asciiUpper = (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase());
/** TRIM removes spaces, tabs and line breaks at both ends. */
export const trimChars = " \t\n\r";

/** 1-based position of `needle` in `haystack` from `start`, 0 when absent (or when the needle is blank). */
export function findPosition(needle: string | null, haystack: string | null, start: number | null): number {
  if (!needle || haystack === null) return 0;
  const from = whole(start ?? 1, 1);
  const h = chars(haystack);
  const rest = h.slice(from - 1).join("");
  const at = rest.indexOf(needle);
  return at < 0 ? 0 : chars(rest.slice(0, at)).length + from;
}

/** The regex of a literal pattern argument, refused at type-check when outside the supported subset. */
export function patternOf(arg: ArgInfo, fn: string, strictExtent: boolean) {
  const translated = translateRegex(literal(arg) ?? "", { strictExtent });
  if (!translated.ok) return argError(arg, `${fn}: ${translated.message}`);
  return translated.regex;
}

const regexCheck = (fn: string, params: Array<"text" | "literal">, result: "boolean" | "text", strictExtent: boolean) => (args: ArgInfo[]) => {
  args.forEach((a, i) => expectArg(a, params[i] ?? "text", fn));
  patternOf(args[1]!, fn, strictExtent);
  return result;
};

const numberPattern = /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,2})?$/;
/** VALUE's reading of text: "$1,234.5" is 1234.5; blank is blank; anything else is #ERROR. */
export const valueStrip = /[$, ]/g;

export const textFunctions = {
  CONCATENATE: {
    category: "text",
    signature: "CONCATENATE(text1, text2, ...)",
    minArgs: 1,
    maxArgs: Infinity,
    check: signature("CONCATENATE", [], "text", "text"),
    evaluate: strict((values, env) => values.map((v, i) => txt(env, i, v) ?? "").join("")),
  },
  LEN: {
    category: "text",
    signature: "LEN(text)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("LEN", ["text"], "number"),
    evaluate: strict(([v], env) => {
      const s = txt(env, 0, v!);
      return s === null ? 0 : chars(s).length;
    }),
  },
  LOWER: {
    category: "text",
    signature: "LOWER(text)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("LOWER", ["text"], "text"),
    evaluate: strict(([v], env) => {
      const s = txt(env, 0, v!);
      return s === null ? null : asciiLower(s);
    }),
  },
  UPPER: {
    category: "text",
    signature: "UPPER(text)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("UPPER", ["text"], "text"),
    evaluate: strict(([v], env) => {
      const s = txt(env, 0, v!);
      return s === null ? null : asciiUpper(s);
    }),
  },
  TRIM: {
    category: "text",
    signature: "TRIM(text)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("TRIM", ["text"], "text"),
    evaluate: strict(([v], env) => {
      const s = txt(env, 0, v!);
      return s === null ? null : s.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");
    }),
  },
  LEFT: {
    category: "text",
    signature: "LEFT(text, count)",
    minArgs: 2,
    maxArgs: 2,
    check: signature("LEFT", ["text", "number"], "text"),
    evaluate: strict(([v, n], env) => {
      const s = txt(env, 0, v!);
      return s === null ? null : chars(s).slice(0, whole(num(env, 1, n!), 0)).join("");
    }),
  },
  RIGHT: {
    category: "text",
    signature: "RIGHT(text, count)",
    minArgs: 2,
    maxArgs: 2,
    check: signature("RIGHT", ["text", "number"], "text"),
    evaluate: strict(([v, n], env) => {
      const s = txt(env, 0, v!);
      if (s === null) return null;
      const count = whole(num(env, 1, n!), 0);
      const c = chars(s);
      return c.slice(Math.max(0, c.length - count)).join("");
    }),
  },
  MID: {
    category: "text",
    signature: "MID(text, start, count)",
    minArgs: 3,
    maxArgs: 3,
    check: signature("MID", ["text", "number", "number"], "text"),
    evaluate: strict(([v, start, count], env) => {
      const s = txt(env, 0, v!);
      if (s === null) return null;
      const from = whole(num(env, 1, start!), 1);
      return chars(s).slice(from - 1, from - 1 + whole(num(env, 2, count!), 0)).join("");
    }),
  },
  FIND: {
    category: "text",
    signature: "FIND(needle, haystack, [start])",
    minArgs: 2,
    maxArgs: 3,
    check: signature("FIND", ["text", "text", "number"], "number"),
    evaluate: strict(([n, h, s], env) => findPosition(txt(env, 0, n!), txt(env, 1, h!), s === undefined ? 1 : num(env, 2, s))),
  },
  SEARCH: {
    category: "text",
    signature: "SEARCH(needle, haystack, [start])",
    minArgs: 2,
    maxArgs: 3,
    check: signature("SEARCH", ["text", "text", "number"], "number"),
    evaluate: strict(([n, h, s], env) => {
      const lower = (x: string | null) => (x === null ? null : asciiLower(x));
      return findPosition(lower(txt(env, 0, n!)), lower(txt(env, 1, h!)), s === undefined ? 1 : num(env, 2, s));
    }),
  },
  SUBSTITUTE: {
    category: "text",
    signature: "SUBSTITUTE(text, old, new, [index])",
    minArgs: 3,
    maxArgs: 4,
    check: signature("SUBSTITUTE", ["text", "text", "text", "number"], "text"),
    evaluate: strict(([v, o, n, index], env) => {
      const s = txt(env, 0, v!);
      const old = txt(env, 1, o!);
      const replacement = txt(env, 2, n!) ?? "";
      if (s === null || !old) return s;
      if (index === undefined) return s.split(old).join(replacement);
      const k = whole(num(env, 3, index), 0);
      const parts = s === "" ? [] : s.split(old);
      if (k < 1 || parts.length <= k) return s;
      return parts.slice(0, k).join(old) + replacement + parts.slice(k).join(old);
    }),
  },
  REPLACE: {
    category: "text",
    signature: "REPLACE(text, start, count, replacement)",
    minArgs: 4,
    maxArgs: 4,
    check: signature("REPLACE", ["text", "number", "number", "text"], "text"),
    evaluate: strict(([v, start, count, r], env) => {
      const c = chars(txt(env, 0, v!) ?? "");
      const from = whole(num(env, 1, start!), 1);
      const n = whole(num(env, 2, count!), 0);
      return c.slice(0, from - 1).join("") + (txt(env, 3, r!) ?? "") + c.slice(from - 1 + n).join("");
    }),
  },
  REPT: {
    category: "text",
    signature: "REPT(text, times)",
    minArgs: 2,
    maxArgs: 2,
    check: signature("REPT", ["text", "number"], "text"),
    evaluate: strict(([v, n], env) => {
      const s = txt(env, 0, v!);
      if (s === null) return null;
      const times = whole(num(env, 1, n!), 0);
      // A cap so one cell cannot build megabytes.
      if (chars(s).length * times > 100_000) return FORMULA_ERROR;
      return s.repeat(times);
    }),
  },
  T: {
    category: "text",
    signature: "T(value)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("T", ["any"], "text"),
    evaluate: strict(([v], env) => (env.args[0]!.type === "text" ? v! : null)),
  },
  VALUE: {
    category: "text",
    signature: "VALUE(text)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("VALUE", ["text"], "number"),
    evaluate: strict(([v], env) => {
      const s = txt(env, 0, v!);
      if (s === null) return null;
      const stripped = s.replace(valueStrip, "");
      if (stripped === "") return null;
      return stripped.length <= 40 && numberPattern.test(stripped) ? Number(stripped) : FORMULA_ERROR;
    }),
  },
  ENCODE_URL_COMPONENT: {
    category: "text",
    signature: "ENCODE_URL_COMPONENT(text)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("ENCODE_URL_COMPONENT", ["text"], "text"),
    evaluate: strict(([v], env) => {
      const s = txt(env, 0, v!);
      return s === null ? null : encodeURIComponent(s);
    }),
  },
  REGEX_MATCH: {
    category: "text",
    signature: "REGEX_MATCH(text, 'pattern')",
    minArgs: 2,
    maxArgs: 2,
    check: regexCheck("REGEX_MATCH", ["text", "literal"], "boolean", false),
    evaluate: strict(([v], env) => jsRegex(patternOf(env.args[1]!, "REGEX_MATCH", false)).test(txt(env, 0, v!) ?? "")),
  },
  REGEX_EXTRACT: {
    category: "text",
    signature: "REGEX_EXTRACT(text, 'pattern')",
    minArgs: 2,
    maxArgs: 2,
    check: regexCheck("REGEX_EXTRACT", ["text", "literal"], "text", true),
    evaluate: strict(([v], env) => {
      const s = txt(env, 0, v!);
      if (s === null) return null;
      return jsRegex(patternOf(env.args[1]!, "REGEX_EXTRACT", true)).exec(s)?.[0] ?? null;
    }),
  },
  REGEX_REPLACE: {
    category: "text",
    signature: "REGEX_REPLACE(text, 'pattern', replacement)",
    minArgs: 3,
    maxArgs: 3,
    check: regexCheck("REGEX_REPLACE", ["text", "literal", "text"], "text", true),
    evaluate: strict(([v, , r], env) => {
      const s = txt(env, 0, v!);
      if (s === null) return null;
      // The replacement is literal text ($1 is not expanded).
      const replacement = txt(env, 2, r!) ?? "";
      return s.replace(jsRegex(patternOf(env.args[1]!, "REGEX_REPLACE", true), true), () => replacement);
    }),
  },
} satisfies Record<string, FormulaFunction>;
