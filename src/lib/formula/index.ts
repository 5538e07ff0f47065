/**
 * The formula language (universal: no server imports).
 *
 *   analyzeFormula(text, fields, opts?)  parse + type-check → { ok, ast, resultType } | { ok: false, error }
 *   evaluateFormula(ast, record, ctx)    in-memory value, as the API shows it
 *   formulaToText(ast, fields)           the formula under the fields' current names
 *   fieldFormulaType(field, fields)      what {Field} is inside a formula
 *   formulaFunctions                     the function registry
 *
 * The SQL compiler is src/server/formula/compile-sql.ts (compileFormulaSql).
 */
export { analyzeFormula, fieldFormulaType, resolveFieldName, type AnalyzedFormula, type AnalyzeOptions, type AnalyzeResult } from "./analyze";
export { evaluateFormula, evaluateNode } from "./evaluate";
export { formulaToText } from "./format";
export { parseFormula } from "./parse";
export { formulaFunction, formulaFunctions, type FormulaFunctionName } from "./functions";
export type { FormulaRecord, FormulaFunction, ArgInfo } from "./functions/define";
export * from "./types";
export { outputValue } from "./values";
