import { z } from "zod";
import { type FieldTypeDefinition, invalid } from "../field-type";

const id = z.string().regex(/^[a-z2-7]{16}$/);
const readOnly = () => invalid("is computed from linked records and cannot be written");

export type LookupOptions = { linkFieldId: string; fieldId: string };
export const rollupFunctions = ["sum", "avg", "min", "max", "count", "count_distinct", "concat"] as const;
export type RollupOptions = { linkFieldId: string; fieldId: string; fn: (typeof rollupFunctions)[number] };
export type CountOptions = { linkFieldId: string };

/** The looked-up field's values in the linked rows, in link order (read through that field's own type). */
export const lookup: FieldTypeDefinition<LookupOptions> = {
  type: "lookup",
  label: "Lookup",
  options: z.object({ linkFieldId: id, fieldId: id }).strict(),
  storage: () => ({ kind: "computed" }),
  readOnly: true,
  toDb: readOnly,
  fromDb: (raw) => (Array.isArray(raw) ? raw : []),
  operators: ["has_any_of", "is_empty", "is_not_empty"],
  canBePrimary: false,
};

/** One value summarising a field of the linked rows. */
export const rollup: FieldTypeDefinition<RollupOptions> = {
  type: "rollup",
  label: "Rollup",
  options: z.object({ linkFieldId: id, fieldId: id, fn: z.enum(rollupFunctions) }).strict(),
  storage: () => ({ kind: "computed" }),
  readOnly: true,
  toDb: readOnly,
  // The numeric results (counts, sums, averages, min/max of numbers). Text
  // results (concat, min/max of dates) are decoded by the row reader, which
  // knows the rolled-up field.
  fromDb: (raw, options) => {
    if (raw === null || raw === undefined) return options.fn === "count" || options.fn === "count_distinct" ? 0 : null;
    return Number(raw);
  },

  operators: ["eq", "neq", "lt", "lte", "gt", "gte", "is_empty", "is_not_empty"],
  canBePrimary: false,
};

/** How many rows are linked. */
export const count: FieldTypeDefinition<CountOptions> = {
  type: "count",
  label: "Count",
  options: z.object({ linkFieldId: id }).strict(),
  storage: () => ({ kind: "computed" }),
  readOnly: true,
  toDb: readOnly,
  fromDb: (raw) => Number(raw ?? 0),
  operators: ["eq", "neq", "lt", "lte", "gt", "gte"],
  canBePrimary: false,
};
