import type { z } from "zod";

export const fieldTypes = [
  "text",
  "long_text",
  "number",
  "currency",
  "percent",
  "boolean",
  "date",
  "datetime",
  "single_select",
  "multi_select",
  "email",
  "url",
  "phone",
  "rating",
  "progress",
  "duration",
  "user",
  "attachment",
  "link",
  "lookup",
  "rollup",
  "count",
  "formula",
  "autonumber",
  "created_time",
  "created_by",
  "last_modified_time",
  "last_modified_by",
] as const;
export type FieldType = (typeof fieldTypes)[number];

export const filterOps = [
  "eq",
  "neq",
  "lt",
  "lte",
  "gt",
  "gte",
  "contains",
  "not_contains",
  "starts_with",
  "ends_with",
  "is_empty",
  "is_not_empty",
  "in",
  "not_in",
  "between",
  "has_any_of",
  "has_all_of",
  "is_within",
] as const;
export type FilterOp = (typeof filterOps)[number];

/** Where a field's value lives in the row's physical table. */
export type FieldStorage =
  /** Its own column `f_<id>` of this SQL type. */
  | { kind: "column"; sqlType: string }
  /** One of the row's own system columns (created_at, updated_by, ...), read-only. */
  | { kind: "system"; column: "created_at" | "updated_at" | "created_by" | "updated_by" }
  /** Rows of another table, through a junction table shared by the field and its inverse. */
  | { kind: "link" }
  /** Not stored: computed in SQL from a link field (lookup, rollup, count) or from a formula. */
  | { kind: "computed" };

export type ValueError = { message: string };

/**
 * What some types need to check a value against the workspace: the user type
 * its members, the attachment type the files uploaded to it.
 */
export type ValueContext = { memberIds: ReadonlySet<string>; fileIds: ReadonlySet<string> };

/**
 * One entry of the field-type registry. Universal: the server uses it to
 * store and validate, pages to pick editors and operators.
 */
export type FieldTypeDefinition<O = unknown> = {
  type: FieldType;
  label: string;
  /** Options with their defaults; `parse({})` gives a valid default. */
  options: z.ZodType<O>;
  storage: (options: O) => FieldStorage;
  /** Values are written by the server only (system fields, autonumber, computed). */
  readOnly: boolean;
  /**
   * An API value (already JSON) to what is bound for the column, or an error.
   * `null` and `undefined` mean empty.
   */
  toDb: (value: unknown, options: O, context?: ValueContext) => { ok: true; value: unknown } | { ok: false; error: string };
  /**
   * A cell of text (a CSV field, a pasted cell) to the API value `toDb` takes.
   * Absent: the text itself. Blank text is always empty.
   */
  fromText?: (text: string, options: O) => unknown;
  /** What the database returned for the column, to the API value. */
  fromDb: (raw: unknown, options: O) => unknown;
  /** SQL to read the column with, when the driver's own parsing is not what the API wants. */
  selectCast?: "text" | "users" | "files";
  operators: readonly FilterOp[];
  /** What `expected` compares for this type, when the API value holds more than its identity (links: the ids). */
  comparable?: (value: unknown) => unknown;
  /** Can this field be the table's primary (first, naming) field? */
  canBePrimary: boolean;
};

export const ok = (value: unknown) => ({ ok: true as const, value });
export const invalid = (error: string) => ({ ok: false as const, error });

/** Text to an API value through the type's own reading, blank meaning empty. */
export function valueFromText<O>(definition: FieldTypeDefinition<O>, text: string, options: O): unknown {
  if (text.trim() === "") return null;
  return definition.fromText ? definition.fromText(text, options) : text;
}

/** "1,234.50", " 12 " and "-3e2" read as numbers; anything else stays text (and is refused by toDb). */
export function numberFromText(text: string): number | string {
  const trimmed = text.trim();
  const cleaned = trimmed.includes(",") ? trimmed.replace(/(?<=\d),(?=\d{3}\b)/g, "") : trimmed;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned) ? Number(cleaned) : text;
}
