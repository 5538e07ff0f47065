import { type EvalEnv, type FormulaRecord } from "./functions/define";
import { formulaFunction } from "./functions";
import { compareValues, type ComparisonOp } from "./semantics";
import { type EvalValue, FORMULA_ERROR, type FormulaContext, type FormulaNode, type FormulaType, type FormulaValue } from "./types";
import { outputValue, toNumber, toText } from "./values";

/**
 * Evaluates a checked formula (analyzeFormula's `ast`) for one record in
 * memory, giving what the API shows: numbers, text, booleans, dates as ISO
 * 8601 UTC strings, lists as arrays; blank and #ERROR as null (lists as []).
 *
 * `record` maps field ids to formula values (see fieldFormulaType: text,
 * numbers, booleans, dates as Date or ISO strings, lists as arrays of text).
 *
 * Errors: an error anywhere in what is evaluated makes the whole result
 * blank, except under ISERROR (which is true for it). The SQL compiler
 * computes the same thing (src/server/formula/compile-sql.ts).
 */
export function evaluateFormula(ast: FormulaNode, record: FormulaRecord, ctx: FormulaContext): unknown {
  const v = evaluateNode(ast, record, ctx);
  return outputValue(v === FORMULA_ERROR ? null : v, ast.type ?? "blank");
}

/** The value of a checked node, #ERROR included (dates as Date). */
export function evaluateNode(node: FormulaNode, record: FormulaRecord, ctx: FormulaContext): EvalValue {
  switch (node.kind) {
    case "number":
    case "text":
    case "boolean":
      return node.value;
    case "field":
      return recordValue(record[node.fieldId!], node.type!);
    case "unary": {
      const v = evaluateNode(node.arg, record, ctx);
      if (v === FORMULA_ERROR) return v;
      return -(toNumber(v, node.arg.type!) ?? 0);
    }
    case "binary": {
      const a = evaluateNode(node.left, record, ctx);
      if (a === FORMULA_ERROR) return a;
      const b = evaluateNode(node.right, record, ctx);
      if (b === FORMULA_ERROR) return b;
      const ta = node.left.type!;
      const tb = node.right.type!;
      if (node.op === "&") return (toText(a, ta) ?? "") + (toText(b, tb) ?? "");
      if (["+", "-", "*", "/", "%"].includes(node.op)) {
        const x = toNumber(a, ta) ?? 0;
        const y = toNumber(b, tb) ?? 0;
        switch (node.op) {
          case "+":
            return x + y;
          case "-":
            return x - y;
          case "*":
            return x * y;
          case "/":
            return y === 0 ? FORMULA_ERROR : x / y;
          default:
            return y === 0 ? FORMULA_ERROR : x - Math.trunc(x / y) * y;
        }
      }
      return compareValues(node.op as ComparisonOp, a, ta, b, tb);
    }
    case "call": {
      const fn = formulaFunction(node.name)!;
      const env: EvalEnv = { ctx, record, args: node.args.map((a) => ({ type: a.type!, node: a })) };
      return fn.evaluate(
        node.args.map((a) => () => evaluateNode(a, record, ctx)),
        env,
      );
    }
  }
}

/** A record's field value as the formula type it has. */
function recordValue(raw: unknown, type: FormulaType): FormulaValue {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case "date":
      return raw instanceof Date ? raw : new Date(raw as string);
    case "number":
      return typeof raw === "number" ? raw : Number(raw);
    case "boolean":
      return raw === true;
    case "array":
      return Array.isArray(raw) ? raw.map((x) => (x === null || x === undefined ? null : String(x))) : null;
    default:
      return String(raw);
  }
}
