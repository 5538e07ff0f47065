import { arrayFunctions } from "./array";
import { dateFunctions } from "./date";
import type { FormulaFunction } from "./define";
import { logicalFunctions } from "./logical";
import { numericFunctions } from "./numeric";
import { recordFunctions } from "./record";
import { textFunctions } from "./text";

/** The function registry: one entry per formula function, by upper-case name. */
export const formulaFunctions = {
  ...logicalFunctions,
  ...textFunctions,
  ...numericFunctions,
  ...dateFunctions,
  ...arrayFunctions,
  ...recordFunctions,
} satisfies Record<string, FormulaFunction>;

export type FormulaFunctionName = keyof typeof formulaFunctions;

export function formulaFunction(name: string): FormulaFunction | undefined {
  return Object.hasOwn(formulaFunctions, name) ? (formulaFunctions as Record<string, FormulaFunction>)[name] : undefined;
}
