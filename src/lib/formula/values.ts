import type { FormulaType, FormulaValue } from "./types";

/*
 * Coercions between formula types, in memory. Each has a twin in
 * src/server/formula/sql-values.ts that must give the same answer on every
 * input: change both together.
 */

/** Like PostgreSQL's float8 output (shortest round-trip digits, exponent when < 1e-4 or >= 1e15), so text of a number is the same in SQL and here. */
export function numberToText(n: number): string {
  const x = n + 0; // -0 reads as 0
  const [mantissa, exp] = x.toExponential().split("e") as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 15) return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  let out: string;
  if (e < 0) out = `0.${"0".repeat(-e - 1)}${digits}`;
  else if (digits.length <= e + 1) out = digits + "0".repeat(e + 1 - digits.length);
  else out = `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  return negative ? `-${out}` : out;
}

/** An instant as ISO 8601 in UTC with milliseconds. */
export const dateToText = (d: Date) => d.toISOString();

export function toText(v: FormulaValue, type: FormulaType): string | null {
  if (v === null) return null;
  switch (type) {
    case "number":
      return numberToText(v as number);
    case "boolean":
      return v ? "TRUE" : "FALSE";
    case "date":
      return dateToText(v as Date);
    case "array":
      return (v as Array<string | null>).filter((x) => x !== null).join(", ");
    case "blank":
      return null;
    default:
      return v as string;
  }
}

/** Numbers and booleans (1/0) are numbers; blank stays blank (operators then treat it as 0). */
export function toNumber(v: FormulaValue, type: FormulaType): number | null {
  if (v === null || type === "blank") return null;
  if (type === "boolean") return v ? 1 : 0;
  return v as number;
}

/** IF's truthiness: 0, "", blank, false and empty arrays are false. */
export function truthy(v: FormulaValue, type: FormulaType): boolean {
  if (v === null) return false;
  switch (type) {
    case "number":
      return v !== 0;
    case "text":
      return v !== "";
    case "boolean":
      return v === true;
    case "date":
      return true;
    case "array":
      return (v as unknown[]).length > 0;
    default:
      return false;
  }
}

/** Blank as `x = BLANK()` sees it: empty text, an unchecked box and an empty list are blank too. */
export function isBlank(v: FormulaValue, type: FormulaType): boolean {
  return v === null || (type === "text" && v === "") || (type === "boolean" && v === false) || (type === "array" && (v as unknown[]).length === 0);
}

/** Compares text by code point, as PostgreSQL's "C" collation does. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
}

/** Round half away from zero at `digits` decimals (negative: tens, hundreds). */
export function roundHalfAway(x: number, digits: number, mode: "round" | "up" | "down" = "round"): number {
  const step = (a: number) => (mode === "round" ? Math.floor(a + 0.5) : mode === "up" ? Math.ceil(a) : Math.trunc(a));
  const p = Math.max(-20, Math.min(20, Math.trunc(digits)));
  const sign = Math.sign(x);
  if (p >= 0) {
    const m = 10 ** p;
    return (sign * step(Math.abs(x) * m)) / m;
  }
  const m = 10 ** -p;
  return sign * step(Math.abs(x) / m) * m;
}

/** The result of a formula as the API shows it: dates as ISO strings, blank text and errors as null, arrays never null. */
export function outputValue(v: FormulaValue, type: FormulaType): unknown {
  if (type === "array") return v === null ? [] : v;
  if (v === null) return null;
  if (type === "date") return (v as Date).toISOString();
  if (type === "text" && v === "") return null;
  if (type === "number") return (v as number) + 0;
  return v;
}
