import type { FilterOp } from "@/lib/fields/field-type";
import type { FilterCondition } from "@/lib/query/plan";
import { type FilterField, isComplete, operatorsFor, type ValueShape, valueShape } from "@/components/views/filter-tree";

// The data preview's one-line filter ("column / operator / value"), built on
// the view filter builder's model so it offers the same operators per type.

/** An external column as the filter model sees a field: its name is its id in the query. */
export const previewField = (column: { name: string; type: string }): FilterField => ({ id: column.name, name: column.name, type: column.type, options: null });

// One typed value at most: lists, ranges and relative dates need the full builder.
const simpleShapes = new Set<ValueShape>(["none", "text", "number", "date", "boolean"]);

export function previewOperators(field: FilterField): FilterOp[] {
  return operatorsFor(field).filter((op) => simpleShapes.has(valueShape(field, op)));
}

/** The condition the row says, with its value typed for the column; null while it says too little. */
export function previewCondition(field: FilterField, op: FilterOp, text: string): FilterCondition | null {
  const shape = valueShape(field, op);
  const value = shape === "none" ? undefined : shape === "number" ? (text.trim() === "" ? Number.NaN : Number(text)) : shape === "boolean" ? text !== "false" : text;
  const condition = { kind: "condition" as const, id: "preview", field: field.id, op, value };
  if (!isComplete(condition, [field])) return null;
  return value === undefined ? { field: field.id, op } : { field: field.id, op, value };
}

/** A cell as text: dates in ISO form, documents and arrays as JSON; null stays null (shown as empty). */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
