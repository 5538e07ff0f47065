/**
 * The regular expressions formulas accept: a subset on which JavaScript and
 * PostgreSQL (ARE) agree, rewritten into an explicit form for each engine.
 *
 *   literal characters, \ before punctuation, .  [abc] [a-z] [^...]
 *   * + ? {m} {m,} {m,n}  ^ $  |  ( )  (?: )  \d \w \s \D \W \S
 *
 * `.` matches any character but a newline; \d \w \s are ASCII
 * ([0-9], [A-Za-z0-9_], [ \t\n\r\f\v]); matching is case-sensitive.
 * Lazy quantifiers, backreferences, lookaround, \b and the like are refused.
 * REGEX_EXTRACT and REGEX_REPLACE also refuse `|` and quantified groups,
 * where JavaScript's first-match and PostgreSQL's longest-match rules can
 * pick different text.
 */
export type TranslatedRegex = { js: string; pg: string; groups: number };

const classEscapes: Record<string, string> = { d: "0-9", w: "A-Za-z0-9_", s: " \\t\\n\\r\\f\\v" };
const syntax = "^$\\.*+?()[]{}|/";
const escapeChar = (c: string) => (syntax.includes(c) || c === "-" ? `\\${c}` : c === "\n" ? "\\n" : c === "\t" ? "\\t" : c === "\r" ? "\\r" : c);
const escapeOutside = (c: string) => (syntax.includes(c) ? `\\${c}` : c === "\n" ? "\\n" : c === "\t" ? "\\t" : c === "\r" ? "\\r" : c);

export function translateRegex(pattern: string, opts: { strictExtent?: boolean } = {}): { ok: true; regex: TranslatedRegex } | { ok: false; message: string } {
  const chars = Array.from(pattern);
  let i = 0;
  let out = "";
  let groups = 0;
  let depth = 0;
  let canQuantify = false;
  let lastWasGroup = false;
  const fail = (message: string) => ({ ok: false as const, message: `regular expression: ${message}` });
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === "\\") {
      const e = chars[i + 1];
      if (e === undefined) return fail("ends with \\");
      i += 2;
      if (e in classEscapes) out += `[${classEscapes[e]}]`;
      else if (e.toLowerCase() in classEscapes) out += `[^${classEscapes[e.toLowerCase()]}]`;
      else if (e === "n" || e === "t" || e === "r") out += `\\${e}`;
      else if (/[A-Za-z0-9]/.test(e)) return fail(`\\${e} is not supported`);
      else out += escapeOutside(e);
      canQuantify = true;
      lastWasGroup = false;
      continue;
    }
    if (c === "[") {
      i++;
      let body = "";
      if (chars[i] === "^") {
        body += "^";
        i++;
      }
      let first = true;
      let prevWasChar = false;
      for (;;) {
        const d = chars[i];
        if (d === undefined) return fail("unclosed [");
        if (d === "]" && !first) break;
        first = false;
        i++;
        if (d === "\\") {
          const e = chars[i++];
          if (e === undefined) return fail("ends with \\");
          if (e in classEscapes) {
            body += classEscapes[e];
            prevWasChar = false;
          } else if (e === "n" || e === "t" || e === "r") {
            body += `\\${e}`;
            prevWasChar = true;
          } else if (/[A-Za-z0-9]/.test(e)) return fail(`\\${e} is not supported inside [ ]`);
          else {
            body += escapeChar(e);
            prevWasChar = true;
          }
          continue;
        }
        if (d === "-" && prevWasChar && chars[i] !== undefined && chars[i] !== "]") {
          const to = chars[i]!;
          if (to === "\\" || to === "[") return fail("unsupported range in [ ]");
          i++;
          body += `-${escapeChar(to)}`;
          prevWasChar = false;
          continue;
        }
        if (d === "[") return fail("[ inside [ ] is not supported (escape it as \\[)");
        body += escapeChar(d);
        prevWasChar = true;
      }
      i++;
      if (body === "" || body === "^") return fail("empty [ ]");
      out += `[${body}]`;
      canQuantify = true;
      lastWasGroup = false;
      continue;
    }
    if (c === "(") {
      if (chars[i + 1] === "?") {
        if (chars[i + 2] !== ":") return fail("only (?: ) groups are supported");
        out += "(?:";
        i += 3;
      } else {
        out += "(";
        groups++;
        i++;
      }
      depth++;
      canQuantify = false;
      continue;
    }
    if (c === ")") {
      if (depth === 0) return fail("unmatched )");
      depth--;
      out += ")";
      i++;
      canQuantify = true;
      lastWasGroup = true;
      continue;
    }
    if (c === "*" || c === "+" || c === "?" || c === "{") {
      let q = c;
      if (c === "{") {
        const rest = chars.slice(i).join("");
        const m = /^\{(\d{1,3})(,(\d{1,3})?)?\}/.exec(rest);
        if (!m) return fail("{ must be a repetition like {2}, {2,} or {2,5} (escape a literal one as \\{)");
        if (m[3] !== undefined && Number(m[3]) < Number(m[1])) return fail("bad repetition range");
        q = m[0];
      }
      if (!canQuantify) return fail(`nothing to repeat before ${q}`);
      if (opts.strictExtent && lastWasGroup) return fail("REGEX_EXTRACT and REGEX_REPLACE do not support repeated groups");
      i += Array.from(q).length;
      if (chars[i] === "?" || chars[i] === "+") return fail("lazy and possessive quantifiers are not supported");
      out += q;
      canQuantify = false;
      continue;
    }
    if (c === "|") {
      if (opts.strictExtent) return fail("REGEX_EXTRACT and REGEX_REPLACE do not support |");
      out += "|";
      i++;
      canQuantify = false;
      continue;
    }
    if (c === "^" || c === "$") {
      out += c;
      i++;
      canQuantify = false;
      continue;
    }
    if (c === ".") {
      out += "[^\\n]";
      i++;
      canQuantify = true;
      lastWasGroup = false;
      continue;
    }
    if (c === "]" || c === "}") {
      out += `\\${c}`;
      i++;
      canQuantify = true;
      lastWasGroup = false;
      continue;
    }
    out += escapeOutside(c);
    i++;
    canQuantify = true;
    lastWasGroup = false;
  }
  if (depth > 0) return fail("unclosed (");
  return { ok: true, regex: { js: out, pg: out, groups } };
}

/** The JavaScript RegExp of a translated pattern (unicode mode, so characters are code points as in PostgreSQL). */
export function jsRegex(regex: TranslatedRegex, global = false): RegExp {
  return new RegExp(regex.js, global ? "gu" : "u");
}
