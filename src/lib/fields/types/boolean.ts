import { z } from "zod";
import { type FieldTypeDefinition, invalid, ok } from "../field-type";

/** A checkbox: empty means unchecked, so it reads back as false. */
export const boolean: FieldTypeDefinition<Record<string, never>> = {
  type: "boolean",
  label: "Checkbox",
  options: z.object({}).strict(),
  storage: () => ({ kind: "column", sqlType: "boolean not null default false" }),
  readOnly: false,
  toDb(value) {
    if (value === null || value === undefined) return ok(false);
    return typeof value === "boolean" ? ok(value) : invalid("expected true or false");
  },
  fromText: (text) => {
    const t = text.trim().toLowerCase();
    if (["true", "yes", "y", "1", "x", "checked", "✓", "✔"].includes(t)) return true;
    if (["false", "no", "n", "0", "unchecked"].includes(t)) return false;
    return text;
  },
  fromDb: (raw) => raw === true,
  operators: ["eq", "neq"],
  canBePrimary: false,
};
