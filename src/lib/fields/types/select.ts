import { z } from "zod";
import { type FieldTypeDefinition, invalid, ok } from "../field-type";

// Choices are stored by id, so renaming one is a metadata change and every
// stored value follows it. The API speaks choice names.
const choice = z
  .object({
    id: z.string().regex(/^ch[a-z0-9]{1,30}$/).optional(),
    name: z.string().trim().min(1).max(200),
    color: z.string().max(32).optional(),
  })
  .strict();

const selectOptions = z
  .object({ choices: z.array(choice).max(1000).default([]) })
  .strict()
  .refine((o) => new Set(o.choices.map((c) => c.name)).size === o.choices.length, "choice names must be unique");

export type SelectOptions = { choices: Array<{ id?: string; name: string; color?: string }> };

export function newChoiceId(): string {
  return `ch${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36).slice(-4)}`;
}

/**
 * Gives every choice an id: kept when given, else the id of the previous
 * choice of the same name, else a new one.
 */
export function withChoiceIds(next: SelectOptions, previous?: SelectOptions): SelectOptions {
  const byName = new Map((previous?.choices ?? []).map((c) => [c.name, c.id]));
  return { choices: next.choices.map((c) => ({ ...c, id: c.id ?? byName.get(c.name) ?? newChoiceId() })) };
}

function choiceId(options: SelectOptions, name: unknown): string | undefined {
  return typeof name === "string" ? options.choices.find((c) => c.name === name)?.id : undefined;
}

export const singleSelect: FieldTypeDefinition<SelectOptions> = {
  type: "single_select",
  label: "Single select",
  options: selectOptions,
  storage: () => ({ kind: "column", sqlType: "text" }),
  readOnly: false,
  toDb(value, options) {
    if (value === null || value === undefined || value === "") return ok(null);
    const id = choiceId(options, value);
    return id ? ok(id) : invalid(`${JSON.stringify(value)} is not one of the choices`);
  },
  fromText: (text) => text.trim(),
  fromDb: (raw, options) => options.choices.find((c) => c.id === raw)?.name ?? null,
  operators: ["eq", "neq", "in", "not_in", "is_empty", "is_not_empty"],
  canBePrimary: false,
};

export const multiSelect: FieldTypeDefinition<SelectOptions> = {
  type: "multi_select",
  label: "Multiple select",
  options: selectOptions,
  storage: () => ({ kind: "column", sqlType: "text[]" }),
  readOnly: false,
  toDb(value, options) {
    if (value === null || value === undefined) return ok(null);
    if (!Array.isArray(value)) return invalid("expected a list of choices");
    const ids: string[] = [];
    for (const name of value) {
      const id = choiceId(options, name);
      if (!id) return invalid(`${JSON.stringify(name)} is not one of the choices`);
      if (!ids.includes(id)) ids.push(id);
    }
    return ok(ids.length > 0 ? ids : null);
  },
  // As text, choices are separated by commas (as CSV exports and spreadsheets write them).
  fromText: (text) => text.split(",").map((part) => part.trim()).filter(Boolean),
  fromDb: (raw, options) =>
    Array.isArray(raw)
      ? raw.map((id) => options.choices.find((c) => c.id === id)?.name).filter((n): n is string => n !== undefined)
      : [],
  operators: ["has_any_of", "has_all_of", "eq", "is_empty", "is_not_empty"],
  canBePrimary: false,
};
