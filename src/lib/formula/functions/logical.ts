import { coerceTo, compareValues, comparisonDomain, unifyTypes } from "../semantics";
import { FORMULA_ERROR, type FormulaValue } from "../types";
import { truthy } from "../values";
import { argError, bool, type FormulaFunction, signature, strict } from "./define";

const variadicLogic = (fn: string, combine: (values: boolean[]) => boolean): FormulaFunction => ({
  category: "logical",
  signature: `${fn}(value1, value2, ...)`,
  minArgs: 1,
  maxArgs: Infinity,
  check: signature(fn, [], "boolean", "any"),
  evaluate: strict((values, env) => combine(values.map((v, i) => bool(env, i, v)))),
});

export const logicalFunctions = {
  IF: {
    category: "logical",
    signature: "IF(condition, then, [else])",
    minArgs: 2,
    maxArgs: 3,
    lazy: true,
    check: (args) => unifyTypes(args.slice(1).map((a) => a.type)),
    evaluate: (args, env) => {
      const cond = args[0]!();
      if (cond === FORMULA_ERROR) return FORMULA_ERROR;
      const result = unifyTypes(env.args.slice(1).map((a) => a.type));
      const pick = truthy(cond, env.args[0]!.type) ? 1 : 2;
      if (!args[pick]) return null;
      const v = args[pick]!();
      return v === FORMULA_ERROR ? v : coerceTo(v, env.args[pick]!.type, result);
    },
  },
  SWITCH: {
    category: "logical",
    signature: "SWITCH(expression, pattern1, result1, ..., [default])",
    minArgs: 3,
    maxArgs: Infinity,
    lazy: true,
    check: (args) => {
      for (let p = 1; p + 1 < args.length; p += 2) {
        if (!comparisonDomain(args[0]!.type, args[p]!.type)) argError(args[p]!, `SWITCH cannot compare ${args[0]!.type} with ${args[p]!.type}`);
      }
      return unifyTypes(switchResultIndexes(args.length).map((i) => args[i]!.type));
    },
    evaluate: (args, env) => {
      const value = args[0]!();
      if (value === FORMULA_ERROR) return value;
      const types = env.args.map((a) => a.type);
      const pairs = Math.floor((args.length - 1) / 2);
      const patterns: FormulaValue[] = [];
      for (let p = 0; p < pairs; p++) {
        const v = args[1 + 2 * p]!();
        if (v === FORMULA_ERROR) return v;
        patterns.push(v);
      }
      const result = unifyTypes(switchResultIndexes(args.length).map((i) => types[i]!));
      let chosen = -1;
      for (let p = 0; p < pairs; p++) {
        if (compareValues("=", value, types[0]!, patterns[p]!, types[1 + 2 * p]!)) {
          chosen = 2 + 2 * p;
          break;
        }
      }
      if (chosen < 0 && (args.length - 1) % 2 === 1) chosen = args.length - 1;
      if (chosen < 0) return null;
      const v = args[chosen]!();
      return v === FORMULA_ERROR ? v : coerceTo(v, types[chosen]!, result);
    },
  },
  AND: variadicLogic("AND", (v) => v.every(Boolean)),
  OR: variadicLogic("OR", (v) => v.some(Boolean)),
  XOR: variadicLogic("XOR", (v) => v.filter(Boolean).length % 2 === 1),
  NOT: {
    category: "logical",
    signature: "NOT(value)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("NOT", ["any"], "boolean"),
    evaluate: strict((values, env) => !bool(env, 0, values[0]!)),
  },
  BLANK: {
    category: "logical",
    signature: "BLANK()",
    minArgs: 0,
    maxArgs: 0,
    check: () => "blank",
    evaluate: () => null,
  },
  ERROR: {
    category: "logical",
    signature: "ERROR()",
    minArgs: 0,
    maxArgs: 0,
    check: () => "blank",
    evaluate: () => FORMULA_ERROR,
  },
  ISERROR: {
    category: "logical",
    signature: "ISERROR(value)",
    minArgs: 1,
    maxArgs: 1,
    lazy: true,
    check: () => "boolean",
    evaluate: (args) => args[0]!() === FORMULA_ERROR,
  },
} satisfies Record<string, FormulaFunction>;

/** SWITCH's result arguments (indexes): every second one after the expression, and a trailing default. */
export function switchResultIndexes(argCount: number): number[] {
  const out: number[] = [];
  for (let i = 2; i < argCount; i += 2) out.push(i);
  if ((argCount - 1) % 2 === 1) out.push(argCount - 1);
  return out;
}
