import { type FieldType, numberFromText, valueFromText } from "@/lib/fields/field-type";
import { duration } from "@/lib/fields/types/number";
import { isFieldType } from "./field-type-catalog";
import { formatDuration } from "./format-value";
import { isoToWallTime, wallTimeToIso } from "./zoned-time";

export type FieldLike = { id: string; name: string; type: string; options: unknown };

export type InputKind =
  | "text"
  | "textarea"
  | "email"
  | "url"
  | "tel"
  | "number"
  | "duration"
  | "checkbox"
  | "date"
  | "datetime"
  | "select"
  | "checkboxes"
  | "users"
  | "attachments"
  | "links";

/**
 * How a type is typed into a plain HTML form. Every value travels as the
 * list of strings the form submits under the field's input name, so one
 * comparison tells an edited input from an untouched one.
 */
export type FormEditor = {
  kind: InputKind;
  /** The API value as the input's strings (what it is prefilled with). */
  toForm: (value: unknown, options: unknown) => string[];
  /** The submitted strings as an API value, null when empty. What cannot be read is passed on for the server to refuse, naming the field. */
  fromForm: (raw: string[], options: unknown) => unknown;
};

const first = (raw: string[]) => raw[0] ?? "";
const stringList = (value: unknown) => (typeof value === "string" && value !== "" ? [value] : []);
const numberList = (value: unknown) => (typeof value === "number" ? [String(value)] : []);
// Browsers submit a textarea's line breaks as CRLF.
const normalizeLines = (text: string) => text.replace(/\r\n?/g, "\n");

const textEditor = (kind: InputKind): FormEditor => ({
  kind,
  toForm: stringList,
  fromForm: (raw) => (first(raw) === "" ? null : normalizeLines(first(raw))),
});

const numberEditor: FormEditor = {
  kind: "number",
  toForm: numberList,
  fromForm: (raw) => (first(raw).trim() === "" ? null : numberFromText(first(raw))),
};

// Users, files and linked rows are read back as records ({ id, name, ... }) and written as their ids.
const idList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value
        .map((item) => (typeof item === "object" && item !== null ? (item as { id?: unknown }).id : item))
        .filter((id): id is string => typeof id === "string" && id !== "")
    : [];

const recordsEditor = (kind: InputKind): FormEditor => ({
  kind,
  toForm: idList,
  fromForm: (raw) => {
    const ids = [...new Set(raw.filter((id) => id !== ""))];
    return ids.length > 0 ? ids : null;
  },
});

const zoneOf = (options: unknown) => (options as { timeZone?: string } | undefined)?.timeZone ?? "UTC";

/** Null for the types nobody types: system fields, autonumber, computed ones, and those not available yet. */
const formEditors: Record<FieldType, FormEditor | null> = {
  text: textEditor("text"),
  long_text: textEditor("textarea"),
  email: textEditor("email"),
  url: textEditor("url"),
  phone: textEditor("tel"),
  number: numberEditor,
  currency: numberEditor,
  // Typed as a percentage (25), sent as the fraction the API speaks (0.25).
  percent: {
    kind: "number",
    toForm: (value) => (typeof value === "number" ? [String(Number((value * 100).toPrecision(12)))] : []),
    fromForm: (raw) => {
      if (first(raw).trim() === "") return null;
      const n = numberFromText(first(raw));
      return typeof n === "number" ? Number((n / 100).toPrecision(15)) : n;
    },
  },
  duration: {
    kind: "duration",
    toForm: (value, options) => (typeof value === "number" ? [formatDuration(value, options)] : []),
    fromForm: (raw, options) => {
      const parsed = duration.options.safeParse(options ?? {});
      return valueFromText(duration, first(raw), parsed.success ? parsed.data : duration.options.parse({}));
    },
  },
  rating: numberEditor,
  progress: numberEditor,
  boolean: {
    kind: "checkbox",
    toForm: (value) => (value === true ? ["true"] : []),
    fromForm: (raw) => raw.includes("true"),
  },
  date: { kind: "date", toForm: stringList, fromForm: (raw) => (first(raw) === "" ? null : first(raw)) },
  datetime: {
    kind: "datetime",
    toForm: (value, options) => (typeof value === "string" ? [isoToWallTime(value, zoneOf(options))] : []),
    fromForm: (raw, options) => (first(raw) === "" ? null : (wallTimeToIso(first(raw), zoneOf(options)) ?? first(raw))),
  },
  single_select: { kind: "select", toForm: stringList, fromForm: (raw) => (first(raw) === "" ? null : first(raw)) },
  multi_select: {
    kind: "checkboxes",
    toForm: (value) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []),
    fromForm: (raw) => raw.filter((v) => v !== ""),
  },
  user: recordsEditor("users"),
  attachment: recordsEditor("attachments"),
  link: recordsEditor("links"),
  lookup: null,
  rollup: null,
  count: null,
  formula: null,
  autonumber: null,
  created_time: null,
  created_by: null,
  last_modified_time: null,
  last_modified_by: null,
};

/**
 * What the editors of some types offer to choose from, loaded by the page:
 * the workspace's members for user fields, and for each link field (by id)
 * rows of the table it links to.
 */
export type FieldChoices = {
  workspaceId: string;
  members: ReadonlyArray<{ id: string; name: string }>;
  linkedRows: Readonly<Record<string, ReadonlyArray<{ id: string; name: string }>>>;
};

export function formEditor(type: string): FormEditor | null {
  return isFieldType(type) ? formEditors[type] : null;
}

/** The name of a field's input: ids, not user-typed names, so any name is safe. */
export function fieldInputName(fieldId: string): string {
  return `f_${fieldId}`;
}

/** The fields a form offers an input for, in table order. */
export function writableFields<F extends FieldLike>(fields: readonly F[]): F[] {
  return fields.filter((field) => formEditor(field.type) !== null);
}

function submitted(formData: FormData, field: FieldLike): string[] {
  return formData.getAll(fieldInputName(field.id)).filter((v): v is string => typeof v === "string");
}

/** Values for a new row, keyed by field id: every writable field, empty ones as null (a checkbox as false). */
export function newRowValues(fields: readonly FieldLike[], formData: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of writableFields(fields)) {
    values[field.id] = formEditor(field.type)!.fromForm(submitted(formData, field), field.options);
  }
  return values;
}

const sameStrings = (a: string[], b: string[]) => {
  const norm = (list: string[]) => list.filter((s) => s !== "").map(normalizeLines).sort().join("\u0000");
  return norm(a) === norm(b);
};

/**
 * What an edit form changed, keyed by field id, with the values the form was
 * loaded with as `expected`: only the changed cells, so someone else's edit
 * of another cell is no conflict (the server compares cell by cell).
 * `loaded` holds the row's values as the form was rendered; a field missing
 * from it was not in the form and is left alone.
 */
export function rowChanges(fields: readonly FieldLike[], formData: FormData, loaded: Record<string, unknown>) {
  const changed: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  for (const field of writableFields(fields)) {
    if (!(field.id in loaded)) continue;
    const editor = formEditor(field.type)!;
    const raw = submitted(formData, field);
    if (sameStrings(raw, editor.toForm(loaded[field.id], field.options))) continue;
    changed[field.id] = editor.fromForm(raw, field.options);
    expected[field.id] = loaded[field.id] ?? null;
  }
  return { fields: changed, expected };
}
