import { toNumber, toText, truthy } from "../values";
import {
  type EvalValue,
  FORMULA_ERROR,
  type FormulaContext,
  type FormulaNode,
  FormulaSyntaxError,
  type FormulaType,
  type FormulaValue,
} from "../types";

/** A checked argument: its static type and its node (for literal-only arguments and error positions). */
export type ArgInfo = { type: FormulaType; node: FormulaNode };

/** What evaluateFormula knows about the row. */
export type FormulaRecord = {
  id: string;
  createdTime: Date | string;
  lastModifiedTime: Date | string;
  /** Field id → the field's formula value (see fieldFormulaType). */
  [fieldId: string]: unknown;
};

export type EvalEnv = { ctx: FormulaContext; record: FormulaRecord; args: ArgInfo[] };

export type FormulaCategory = "logical" | "text" | "numeric" | "date" | "array" | "record";

/**
 * One formula function: its arity, its typing, and its in-memory meaning.
 * Its SQL meaning is the entry of the same name in
 * src/server/formula/sql-functions.ts (the compiler's types require one).
 */
export type FormulaFunction = {
  category: FormulaCategory;
  /** e.g. "LEFT(text, count)". */
  signature: string;
  minArgs: number;
  maxArgs: number;
  /** The result type from the arguments'; throws FormulaSyntaxError pointing at a bad argument. */
  check: (args: ArgInfo[]) => FormulaType;
  /**
   * Arguments arrive unevaluated so IF, SWITCH and ISERROR can choose; the
   * others go through `strict`, where any #ERROR argument makes the result #ERROR.
   */
  evaluate: (args: Array<() => EvalValue>, env: EvalEnv) => EvalValue;
  /** Lazy functions handle their arguments' errors themselves (in SQL too). */
  lazy?: boolean;
};

export function strict(fn: (values: FormulaValue[], env: EvalEnv) => EvalValue): FormulaFunction["evaluate"] {
  return (args, env) => {
    const values: FormulaValue[] = [];
    for (const arg of args) {
      const v = arg();
      if (v === FORMULA_ERROR) return FORMULA_ERROR;
      values.push(v);
    }
    return fn(values, env);
  };
}

export const argError = (arg: ArgInfo, message: string): never => {
  throw new FormulaSyntaxError(`${message} at ${arg.node.start}`, arg.node.start);
};

/** What an argument must be convertible to. */
export type ArgKind = "number" | "text" | "date" | "array" | "any" | "literal";

const accepts: Record<Exclude<ArgKind, "literal">, readonly FormulaType[]> = {
  number: ["number", "boolean", "blank"],
  text: ["number", "text", "boolean", "date", "array", "blank"],
  date: ["date", "blank"],
  array: ["array", "blank"],
  any: ["number", "text", "boolean", "date", "array", "blank"],
};

const kindNames: Record<ArgKind, string> = { number: "a number", text: "text", date: "a date", array: "a list", any: "a value", literal: "literal text in quotes" };

export function expectArg(arg: ArgInfo, kind: ArgKind, fn: string) {
  if (kind === "literal") {
    if (arg.node.kind !== "text") argError(arg, `${fn} needs ${kindNames.literal} here`);
    return;
  }
  if (!accepts[kind].includes(arg.type)) {
    const hint = kind === "date" && arg.type === "text" ? " (use DATETIME_PARSE to read text as a date)" : "";
    argError(arg, `${fn} needs ${kindNames[kind]} but got ${arg.type}${hint}`);
  }
}

/** Typing by parameter kinds; `rest` repeats for variadic functions. */
export function signature(fn: string, params: ArgKind[], result: FormulaType | ((args: ArgInfo[]) => FormulaType), rest?: ArgKind) {
  return (args: ArgInfo[]) => {
    args.forEach((arg, i) => expectArg(arg, params[i] ?? rest ?? "any", fn));
    return typeof result === "function" ? result(args) : result;
  };
}

/** A literal argument's text (units, formats, patterns). */
export const literal = (arg: ArgInfo | undefined): string | undefined => (arg && arg.node.kind === "text" ? arg.node.value : undefined);

export const num = (env: EvalEnv, i: number, v: FormulaValue) => toNumber(v, env.args[i]!.type);
export const txt = (env: EvalEnv, i: number, v: FormulaValue) => toText(v, env.args[i]!.type);
export const bool = (env: EvalEnv, i: number, v: FormulaValue) => truthy(v, env.args[i]!.type);

/** Clamps a count or position to a whole number in [min, 1e8] (as the SQL does before casting to integer). */
export const whole = (n: number | null, min: number) => Math.max(min, Math.min(1e8, Math.trunc(n ?? 0)));
