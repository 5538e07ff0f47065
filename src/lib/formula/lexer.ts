import { FormulaSyntaxError } from "./types";

export type Token =
  | { kind: "number"; value: number; start: number; end: number }
  | { kind: "text"; value: string; start: number; end: number }
  | { kind: "field"; value: string; start: number; end: number }
  | { kind: "ident"; value: string; start: number; end: number }
  | { kind: "op"; value: string; start: number; end: number }
  | { kind: "eof"; value: ""; start: number; end: number };

const numberPattern = /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const identPattern = /[A-Za-z_][A-Za-z0-9_]*/y;
const operators = ["!=", "<>", "<=", ">=", "+", "-", "*", "/", "%", "&", "=", "<", ">", "(", ")", ","];
const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r" };

/** Splits formula text into tokens; errors point at the offending character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new FormulaSyntaxError(`Unterminated string at ${start}`, start);
        const d = text[i]!;
        if (d === c) break;
        if (d === "\\" && i + 1 < text.length) {
          const e = text[i + 1]!;
          value += escapes[e] ?? e;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      i++;
      tokens.push({ kind: "text", value, start, end: i });
      continue;
    }
    if (c === "{") {
      let name = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new FormulaSyntaxError(`Unterminated field reference at ${start}`, start);
        const d = text[i]!;
        if (d === "}") break;
        if (d === "\\" && i + 1 < text.length) {
          name += text[i + 1];
          i += 2;
          continue;
        }
        name += d;
        i++;
      }
      i++;
      tokens.push({ kind: "field", value: name, start, end: i });
      continue;
    }
    numberPattern.lastIndex = i;
    const num = /[0-9.]/.test(c) ? numberPattern.exec(text) : null;
    if (num) {
      i += num[0].length;
      tokens.push({ kind: "number", value: Number(num[0]), start, end: i });
      continue;
    }
    identPattern.lastIndex = i;
    const ident = identPattern.exec(text);
    if (ident) {
      i += ident[0].length;
      tokens.push({ kind: "ident", value: ident[0], start, end: i });
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (!op) throw new FormulaSyntaxError(`Unexpected '${c}' at ${start}`, start);
    i += op.length;
    tokens.push({ kind: "op", value: op === "<>" ? "!=" : op, start, end: i });
  }
  tokens.push({ kind: "eof", value: "", start: text.length, end: text.length });
  return tokens;
}
