import { z } from "zod";
import { isTimeZone } from "@/lib/time-zone";
import { type FieldTypeDefinition, invalid } from "../field-type";

export type FormulaOptions = { formula: string; timeZone?: string };

/**
 * A value computed from the row by a formula (src/lib/formula). Not stored:
 * the row reader compiles it to SQL. The formula is checked against the
 * table's fields when the field is created or changed (services/fields);
 * its result type is derived when read, so the options are what the user gave.
 */
export const formula: FieldTypeDefinition<FormulaOptions> = {
  type: "formula",
  label: "Formula",
  options: z
    .object({
      formula: z.string().min(1).max(10_000),
      timeZone: z.string().max(64).refine(isTimeZone, "unknown time zone").optional(),
    })
    .strict(),
  storage: () => ({ kind: "computed" }),
  readOnly: true,
  toDb: () => invalid("is computed by its formula and cannot be written"),
  // The row reader decodes by the formula's result type; this is for values already decoded.
  fromDb: (raw) => (raw === undefined ? null : raw),
  operators: ["eq", "neq", "lt", "lte", "gt", "gte", "contains", "not_contains", "starts_with", "ends_with", "is_empty", "is_not_empty"],
  canBePrimary: true,
};
