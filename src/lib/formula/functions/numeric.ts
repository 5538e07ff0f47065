import { FORMULA_ERROR, type FormulaValue } from "../types";
import { roundHalfAway } from "../values";
import { type EvalEnv, type FormulaFunction, num, signature, strict } from "./define";

/*
 * Numbers are IEEE doubles in memory and float8 in SQL, with the same
 * operations in the same order, so results agree to the last bit for
 * arithmetic and rounding (and to a few ulps for SQRT, EXP, LOG, POWER).
 * Numeric functions give blank for a blank argument.
 */

const unary = (fn: string, f: (x: number) => number | typeof FORMULA_ERROR): FormulaFunction => ({
  category: "numeric",
  signature: `${fn}(number)`,
  minArgs: 1,
  maxArgs: 1,
  check: signature(fn, ["number"], "number"),
  evaluate: strict(([v], env) => {
    const x = num(env, 0, v!);
    return x === null ? null : f(x);
  }),
});

/** The value rounded at `digits` decimals, blank digits meaning 0. */
const rounding = (fn: string, mode: "round" | "up" | "down"): FormulaFunction => ({
  category: "numeric",
  signature: `${fn}(number, [digits])`,
  minArgs: 1,
  maxArgs: 2,
  check: signature(fn, ["number", "number"], "number"),
  evaluate: strict(([v, d], env) => {
    const x = num(env, 0, v!);
    if (x === null) return null;
    return roundHalfAway(x, d === undefined ? 0 : (num(env, 1, d) ?? 0), mode);
  }),
});

/** CEILING/FLOOR to a multiple of `significance` (default 1; 0 gives 0). */
const toMultiple = (fn: string, f: (x: number) => number): FormulaFunction => ({
  category: "numeric",
  signature: `${fn}(number, [significance])`,
  minArgs: 1,
  maxArgs: 2,
  check: signature(fn, ["number", "number"], "number"),
  evaluate: strict(([v, s], env) => {
    const x = num(env, 0, v!);
    if (x === null) return null;
    const sig = s === undefined ? 1 : (num(env, 1, s) ?? 1);
    return sig === 0 ? 0 : f(x / sig) * sig;
  }),
});

const numbers = (values: FormulaValue[], env: EvalEnv) => values.map((v, i) => num(env, i, v));

const variadic = (fn: string, f: (xs: Array<number | null>) => FormulaValue | typeof FORMULA_ERROR, kind: "number" | "any" = "number"): FormulaFunction => ({
  category: "numeric",
  signature: `${fn}(number1, number2, ...)`,
  minArgs: 1,
  maxArgs: Infinity,
  check: signature(fn, [], "number", kind),
  evaluate: strict((values, env) => f(numbers(values, env))),
});

/** POWER's guarded meaning: #ERROR where it is undefined or overflows, 0 where it underflows. */
export function power(a: number, b: number): number | typeof FORMULA_ERROR {
  if (a === 0) return b < 0 ? FORMULA_ERROR : b === 0 ? 1 : 0;
  if (a < 0 && b !== Math.trunc(b)) return FORMULA_ERROR;
  const l = b * Math.log(Math.abs(a));
  if (l > 709) return FORMULA_ERROR;
  if (l < -708) return 0;
  return a ** b;
}

export const numericFunctions = {
  ABS: unary("ABS", Math.abs),
  INT: unary("INT", Math.floor),
  EVEN: unary("EVEN", (x) => Math.sign(x) * Math.ceil(Math.abs(x) / 2) * 2),
  ODD: unary("ODD", (x) => (x >= 0 ? Math.ceil((x + 1) / 2) * 2 - 1 : -(Math.ceil((-x + 1) / 2) * 2 - 1))),
  SQRT: unary("SQRT", (x) => (x < 0 ? FORMULA_ERROR : Math.sqrt(x))),
  EXP: unary("EXP", (x) => (x > 709 ? FORMULA_ERROR : x < -708 ? 0 : Math.exp(x))),
  LOG10: unary("LOG10", (x) => (x <= 0 ? FORMULA_ERROR : Math.log10(x))),
  LOG: {
    category: "numeric",
    signature: "LOG(number, [base])",
    minArgs: 1,
    maxArgs: 2,
    check: signature("LOG", ["number", "number"], "number"),
    evaluate: strict(([v, b], env) => {
      const x = num(env, 0, v!);
      if (x === null) return null;
      if (x <= 0) return FORMULA_ERROR;
      if (b === undefined) return Math.log10(x);
      const base = num(env, 1, b) ?? 10;
      if (base <= 0 || base === 1) return FORMULA_ERROR;
      return Math.log(x) / Math.log(base);
    }),
  },
  CEILING: toMultiple("CEILING", Math.ceil),
  FLOOR: toMultiple("FLOOR", Math.floor),
  ROUND: rounding("ROUND", "round"),
  ROUNDUP: rounding("ROUNDUP", "up"),
  ROUNDDOWN: rounding("ROUNDDOWN", "down"),
  MOD: {
    category: "numeric",
    signature: "MOD(number, divisor)",
    minArgs: 2,
    maxArgs: 2,
    check: signature("MOD", ["number", "number"], "number"),
    // The remainder takes the sign of the dividend, like the % operator.
    evaluate: strict((values, env) => {
      const [a, b] = numbers(values, env) as [number | null, number | null];
      if (a === null || b === null) return null;
      return b === 0 ? FORMULA_ERROR : a - Math.trunc(a / b) * b;
    }),
  },
  POWER: {
    category: "numeric",
    signature: "POWER(base, exponent)",
    minArgs: 2,
    maxArgs: 2,
    check: signature("POWER", ["number", "number"], "number"),
    evaluate: strict((values, env) => {
      const [a, b] = numbers(values, env) as [number | null, number | null];
      return a === null || b === null ? null : power(a, b);
    }),
  },
  MIN: variadic("MIN", (xs) => {
    const present = xs.filter((x): x is number => x !== null);
    return present.length === 0 ? null : Math.min(...present);
  }),
  MAX: variadic("MAX", (xs) => {
    const present = xs.filter((x): x is number => x !== null);
    return present.length === 0 ? null : Math.max(...present);
  }),
  SUM: variadic("SUM", (xs) => xs.reduce<number>((a, x) => a + (x ?? 0), 0)),
  AVERAGE: variadic("AVERAGE", (xs) => {
    const count = xs.filter((x) => x !== null).length;
    return count === 0 ? null : xs.reduce<number>((a, x) => a + (x ?? 0), 0) / count;
  }),
  COUNT: {
    category: "numeric",
    signature: "COUNT(value1, value2, ...)",
    minArgs: 1,
    maxArgs: Infinity,
    check: signature("COUNT", [], "number", "any"),
    evaluate: strict((values, env) => values.filter((v, i) => env.args[i]!.type === "number" && v !== null).length),
  },
  COUNTA: {
    category: "numeric",
    signature: "COUNTA(value1, value2, ...)",
    minArgs: 1,
    maxArgs: Infinity,
    check: signature("COUNTA", [], "number", "any"),
    evaluate: strict((values, env) =>
      values.reduce<number>((n, v, i) => {
        const type = env.args[i]!.type;
        if (type === "array") return n + (v === null ? 0 : (v as Array<string | null>).filter((x) => x !== null && x !== "").length);
        return n + (v === null || v === "" ? 0 : 1);
      }, 0),
    ),
  },
} satisfies Record<string, FormulaFunction>;
