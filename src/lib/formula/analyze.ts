import { formulaFunction } from "./functions";
import { parseFormula } from "./parse";
import { comparisonDomain } from "./semantics";
import {
  type FormulaError,
  type FormulaFieldInfo,
  type FormulaNode,
  type FormulaResultType,
  FormulaSyntaxError,
  type FormulaType,
} from "./types";

export type AnalyzeOptions = {
  /** The formula field being defined: referencing it (directly or through other formulas) is a cycle. */
  selfId?: string;
};

export type AnalyzedFormula = { ok: true; ast: FormulaNode; resultType: FormulaResultType; fieldIds: string[] };
export type AnalyzeResult = AnalyzedFormula | { ok: false; error: FormulaError };

const textTypes = new Set(["text", "long_text", "email", "url", "phone", "single_select", "user", "created_by", "last_modified_by"]);
const numberTypes = new Set(["number", "currency", "percent", "rating", "progress", "duration", "autonumber", "count"]);
const dateTypes = new Set(["date", "datetime", "created_time", "last_modified_time"]);
const arrayTypes = new Set(["multi_select", "attachment", "link"]);

/**
 * What `{Field}` is inside a formula: text-like fields, a single select's
 * choice name and a user's name are text; numeric fields and counts are
 * numbers; dates and times are dates; multiple selects (choice names),
 * attachments (file names) and links (the linked rows' primary text) are
 * lists; a formula is its result. Lookups, and rollups other than
 * sum/avg/count, cannot be used in formulas.
 */
export function fieldFormulaType(
  field: FormulaFieldInfo,
  fields: readonly FormulaFieldInfo[],
  visiting: ReadonlySet<string> = new Set(),
): { ok: true; type: FormulaResultType } | { ok: false; message: string } {
  if (textTypes.has(field.type)) return { ok: true, type: "text" };
  if (numberTypes.has(field.type)) return { ok: true, type: "number" };
  if (dateTypes.has(field.type)) return { ok: true, type: "date" };
  if (arrayTypes.has(field.type)) return { ok: true, type: "array" };
  if (field.type === "boolean") return { ok: true, type: "boolean" };
  if (field.type === "rollup") {
    const fn = (field.options as { fn?: string } | undefined)?.fn;
    if (fn === "sum" || fn === "avg" || fn === "count" || fn === "count_distinct") return { ok: true, type: "number" };
  }
  if (field.type === "formula") {
    if (visiting.has(field.id)) return { ok: false, message: `{${field.name}} refers back to itself (a cycle)` };
    const formula = (field.options as { formula?: unknown } | undefined)?.formula;
    if (typeof formula !== "string") return { ok: false, message: `{${field.name}} has no formula` };
    const inner = analyze(formula, fields, new Set([...visiting, field.id]));
    if (!inner.ok) return { ok: false, message: `{${field.name}} is invalid (${inner.error.message})` };
    return { ok: true, type: inner.resultType };
  }
  return { ok: false, message: `a ${field.type} field like {${field.name}} cannot be used in a formula` };
}

/** A field by name as Airtable finds it: the exact name first, then ignoring case. */
export function resolveFieldName<F extends FormulaFieldInfo>(fields: readonly F[], name: string): F | undefined {
  return fields.find((f) => f.name === name) ?? fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/**
 * Parses and type-checks a formula against a table's fields. The returned
 * AST carries each node's type and each reference's field id; it is what
 * evaluateFormula, formulaToText and the SQL compiler take. Never throws for
 * bad input: unknown fields, functions, arities, types and cycles are errors
 * with the position of the offending text.
 */
export function analyzeFormula(text: string, fields: readonly FormulaFieldInfo[], opts: AnalyzeOptions = {}): AnalyzeResult {
  return analyze(text, fields, new Set(opts.selfId ? [opts.selfId] : []));
}

function analyze(text: string, fields: readonly FormulaFieldInfo[], visiting: ReadonlySet<string>): AnalyzeResult {
  const parsed = parseFormula(text);
  if (!parsed.ok) return parsed;
  const fieldIds = new Set<string>();
  try {
    const ast = check(parsed.ast, fields, visiting, fieldIds);
    return { ok: true, ast, resultType: ast.type === "blank" ? "text" : (ast.type as FormulaResultType), fieldIds: [...fieldIds] };
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { ok: false, error: { message: e.message, position: e.position } };
    throw e;
  }
}

const fail = (node: FormulaNode, message: string): never => {
  throw new FormulaSyntaxError(`${message} at ${node.start}`, node.start);
};
const numeric = (t: FormulaType) => t === "number" || t === "boolean" || t === "blank";

function check(node: FormulaNode, fields: readonly FormulaFieldInfo[], visiting: ReadonlySet<string>, fieldIds: Set<string>): FormulaNode {
  const typed = (type: FormulaType, extra: Partial<FormulaNode> = {}) => ({ ...node, ...extra, type }) as FormulaNode;
  switch (node.kind) {
    case "number":
      return typed("number");
    case "text":
      return typed("text");
    case "boolean":
      return typed("boolean");
    case "field": {
      const field = (node.fieldId ? fields.find((f) => f.id === node.fieldId) : undefined) ?? resolveFieldName(fields, node.name);
      if (!field) return fail(node, `Unknown field {${node.name}}`);
      if (visiting.has(field.id)) return fail(node, `{${field.name}} refers back to this formula (a cycle)`);
      const type = fieldFormulaType(field, fields, visiting);
      if (!type.ok) return fail(node, type.message.charAt(0).toUpperCase() + type.message.slice(1));
      fieldIds.add(field.id);
      return typed(type.type, { fieldId: field.id, name: field.name } as Partial<FormulaNode>);
    }
    case "unary": {
      const arg = check(node.arg, fields, visiting, fieldIds);
      if (!numeric(arg.type!)) fail(node.arg, `'-' needs a number but got ${arg.type}`);
      return typed("number", { arg } as Partial<FormulaNode>);
    }
    case "binary": {
      const left = check(node.left, fields, visiting, fieldIds);
      const right = check(node.right, fields, visiting, fieldIds);
      if (node.op === "&") return typed("text", { left, right } as Partial<FormulaNode>);
      if (["+", "-", "*", "/", "%"].includes(node.op)) {
        for (const side of [left, right]) {
          if (!numeric(side.type!)) {
            const hint = side.type === "text" ? " (use & to join text, VALUE to read a number)" : side.type === "date" ? " (use DATEADD or DATETIME_DIFF)" : "";
            fail(side, `'${node.op}' needs numbers but got ${side.type}${hint}`);
          }
        }
        return typed("number", { left, right } as Partial<FormulaNode>);
      }
      if (!comparisonDomain(left.type!, right.type!)) fail(right, `Cannot compare ${left.type} with ${right.type} using '${node.op}'`);
      return typed("boolean", { left, right } as Partial<FormulaNode>);
    }
    case "call": {
      const fn = formulaFunction(node.name);
      if (!fn) return fail(node, `Unknown function ${node.name}`);
      const n = node.args.length;
      if (n < fn.minArgs || n > fn.maxArgs) {
        const expected =
          fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
        fail(node, `${node.name} expects ${expected} argument${expected === "1" ? "" : "s"} but got ${n}`);
      }
      const args = node.args.map((a) => check(a, fields, visiting, fieldIds));
      const type = fn.check(args.map((a) => ({ type: a.type!, node: a })));
      return typed(type, { args } as Partial<FormulaNode>);
    }
  }
}
