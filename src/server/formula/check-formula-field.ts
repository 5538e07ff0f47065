import "server-only";
import { analyzeFormula, type FormulaFieldInfo } from "@/lib/formula";
import type { FormulaOptions } from "@/lib/fields/types/formula";
import { AppError } from "../errors";

/**
 * A formula field's formula must check against the table's live fields
 * (others than itself) before it is stored: 400 with the position otherwise.
 * Returns the result type.
 */
export function checkFormulaField(fields: readonly FormulaFieldInfo[], field: { id: string; name: string; options: unknown }) {
  const options = field.options as FormulaOptions;
  const others = fields.filter((f) => f.id !== field.id);
  const analyzed = analyzeFormula(options.formula, [...others, { id: field.id, name: field.name, type: "formula", options }], { selfId: field.id });
  if (!analyzed.ok) {
    throw new AppError("BAD_REQUEST", `Formula: ${analyzed.error.message}`, { field: field.name, position: analyzed.error.position });
  }
  return analyzed.resultType;
}
