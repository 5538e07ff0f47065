import { compareText, isBlank, toNumber, toText } from "./values";
import type { BinaryOp, FormulaType, FormulaValue } from "./types";

/** The type of IF/SWITCH results: equal types stay, blank takes the other, number with boolean is number, anything else mixed is text. */
export function unifyTypes(types: FormulaType[]): FormulaType {
  let out: FormulaType = "blank";
  for (const t of types) {
    if (t === "blank" || t === out) continue;
    if (out === "blank") out = t;
    else if ((out === "number" && t === "boolean") || (out === "boolean" && t === "number")) out = "number";
    else out = "text";
  }
  return out;
}

export function coerceTo(v: FormulaValue, from: FormulaType, to: FormulaType): FormulaValue {
  if (from === to) return v;
  if (from === "blank") return null;
  if (to === "text") return toText(v, from);
  if (to === "number") return toNumber(v, from);
  return v;
}

export type ComparisonDomain = "number" | "text" | "date" | "blank";

/**
 * How two operands compare: numbers (and booleans) as numbers with blank as
 * 0, text (and lists, as text) with blank as "", dates as instants (a blank
 * date equals only a blank date and is neither before nor after anything),
 * and BLANK() by blankness. Other mixes are refused by the type checker.
 */
export function comparisonDomain(a: FormulaType, b: FormulaType): ComparisonDomain | null {
  if (a === "blank" || b === "blank") return "blank";
  const numeric = (t: FormulaType) => t === "number" || t === "boolean";
  const textual = (t: FormulaType) => t === "text" || t === "array";
  if (numeric(a) && numeric(b)) return "number";
  if (textual(a) && textual(b)) return "text";
  if (a === "date" && b === "date") return "date";
  return null;
}

export type ComparisonOp = Extract<BinaryOp, "=" | "!=" | "<" | "<=" | ">" | ">=">;

const ordered = (op: ComparisonOp, c: number) =>
  op === "=" ? c === 0 : op === "!=" ? c !== 0 : op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;

export function compareValues(op: ComparisonOp, a: FormulaValue, ta: FormulaType, b: FormulaValue, tb: FormulaType): boolean {
  const domain = comparisonDomain(ta, tb)!;
  switch (domain) {
    case "blank": {
      const blankA = ta === "blank" || isBlank(a, ta);
      const blankB = tb === "blank" || isBlank(b, tb);
      if (op === "=") return blankA === blankB;
      if (op === "!=") return blankA !== blankB;
      return false;
    }
    case "number": {
      const x = toNumber(a, ta) ?? 0;
      const y = toNumber(b, tb) ?? 0;
      return ordered(op, x < y ? -1 : x > y ? 1 : 0);
    }
    case "text":
      return ordered(op, compareText(toText(a, ta) ?? "", toText(b, tb) ?? ""));
    case "date": {
      if (a === null || b === null) {
        if (op === "=") return a === null && b === null;
        if (op === "!=") return !(a === null && b === null);
        return false;
      }
      const x = (a as Date).getTime();
      const y = (b as Date).getTime();
      return ordered(op, x < y ? -1 : x > y ? 1 : 0);
    }
  }
}
