// A grid cell's value as text, by field type: what its editor starts with,
// what typing into it means, what Ctrl+C puts on the clipboard and what a
// pasted cell becomes. Pasted and typed text is read by each type's own
// `fromText` (the registry's, which CSV import uses too) and checked by its
// `toDb` before anything is sent, so a bad value is named at once.

import { type FieldType, valueFromText } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { valueAsText } from "@/lib/fields/value-text";
import { isFieldType } from "@/components/fields/field-type-catalog";
import { formatDuration } from "@/components/fields/format-value";
import { isoToWallTime, wallTimeToIso } from "@/components/fields/zoned-time";

export type GridField = { id: string; name: string; type: string; options: unknown; readOnly?: boolean };

/**
 * The editor a cell opens; null: never written by people (computed, system
 * and autonumber fields). People, files and linked rows are picked, not typed.
 */
export type EditorKind = "text" | "textarea" | "number" | "rating" | "checkbox" | "date" | "datetime" | "select" | "multiselect" | "user" | "link" | "attachment";

/** Editors that pick records (members, rows, files) rather than read typed text. */
const pickerKinds: ReadonlySet<EditorKind> = new Set(["user", "link", "attachment"]);

const editorKinds: Record<FieldType, EditorKind | null> = {
  text: "text",
  email: "text",
  url: "text",
  phone: "text",
  long_text: "textarea",
  number: "number",
  currency: "number",
  percent: "number",
  rating: "rating",
  progress: "number",
  duration: "number",
  boolean: "checkbox",
  date: "date",
  datetime: "datetime",
  single_select: "select",
  multi_select: "multiselect",
  user: "user",
  attachment: "attachment",
  link: "link",
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

export function editorKind(field: GridField): EditorKind | null {
  if (field.readOnly || !isFieldType(field.type)) return null;
  return fieldTypeDefinition(field.type)?.readOnly ? null : editorKinds[field.type];
}

/** Whether the grid writes this cell (its editor, Delete, paste, undo). */
export function writableInGrid(field: GridField): boolean {
  return editorKind(field) !== null;
}

/** The field's options with their defaults, as the registry's functions take them. */
function optionsOf(field: GridField): unknown {
  const definition = isFieldType(field.type) ? fieldTypeDefinition(field.type) : undefined;
  const parsed = definition?.options.safeParse(field.options ?? {});
  return parsed?.success ? parsed.data : (field.options ?? {});
}

const zoneOf = (field: GridField) => (field.options as { timeZone?: string } | undefined)?.timeZone ?? "UTC";
// A percentage with the float noise of ×100 taken off: 0.07 is 7, not 7.000000000000001.
const asPercent = (fraction: number) => Number((fraction * 100).toPrecision(12));

/** What a cell's editor starts with. */
export function editText(field: GridField, value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (field.type) {
    case "percent":
      return typeof value === "number" ? `${asPercent(value)}%` : "";
    case "duration":
      return typeof value === "number" ? formatDuration(value, field.options) : "";
    case "datetime":
      return typeof value === "string" ? isoToWallTime(value, zoneOf(field)).replace("T", " ") : "";
    case "multi_select":
      return Array.isArray(value) ? value.join(", ") : "";
  }
  return typeof value === "object" ? valueAsText(value) : String(value);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Checks a value as the server will, so a refusal is shown before anything is sent. */
export function checkValue(field: GridField, value: unknown): Parsed {
  const definition = isFieldType(field.type) ? fieldTypeDefinition(field.type) : undefined;
  if (!definition) return { ok: false, error: "this field cannot be written here" };
  const checked = definition.toDb(value, optionsOf(field));
  if (!checked.ok) return { ok: false, error: checked.error };
  // An instant as the API answers it (UTC, milliseconds), so the cell shows what the server will hold.
  return { ok: true, value: field.type === "datetime" ? checked.value : value };
}

/**
 * Text typed into a cell's editor, or pasted into a cell, as the API value,
 * checked. A percent typed without "%" means percent points (25 is 25%), as
 * the cell shows it; pasted text follows the type's own reading.
 */
export function valueFromCellText(field: GridField, text: string, typed = false): Parsed {
  if (!writableInGrid(field)) return { ok: false, error: "this field cannot be written here" };
  const definition = fieldTypeDefinition(field.type as FieldType)!;
  const trimmed = text.trim();
  // Names do not say which member, row or file is meant: those are picked in the cell's editor.
  if (pickerKinds.has(editorKind(field)!)) return trimmed === "" ? { ok: true, value: emptyValue(field) } : { ok: false, error: "is picked in the cell's editor (Enter), not typed" };
  let value: unknown;
  if (trimmed === "") value = field.type === "boolean" ? false : null;
  else if (field.type === "percent" && typed && !trimmed.endsWith("%")) value = valueFromText(definition, `${trimmed}%`, optionsOf(field));
  else if (field.type === "datetime") {
    // A wall-clock time in the field's zone (as the editor shows it), else any ISO instant.
    const wall = trimmed.replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/, "$1T$2");
    value = wallTimeToIso(wall, zoneOf(field)) ?? valueFromText(definition, trimmed, optionsOf(field));
  } else if (field.type === "text" || field.type === "long_text") value = text;
  else value = valueFromText(definition, text, optionsOf(field));
  return checkValue(field, value);
}

/** A cell as TSV text that pastes back into Tessera, Excel or Google Sheets as the same value. */
export function copyText(field: GridField, value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (field.type) {
    case "boolean":
      return value === true ? "true" : "false";
    case "percent":
      return typeof value === "number" ? `${asPercent(value)}%` : "";
    case "duration":
      return typeof value === "number" ? formatDuration(value, field.options) : "";
  }
  return valueAsText(value);
}

/** Values equal as cells: what the grid compares before writing, and to tell an optimistic value from a newer one. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined || a === "") && (b === null || b === undefined || b === "")) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** The value Delete leaves in a cell. */
export function emptyValue(field: GridField): unknown {
  return field.type === "boolean" ? false : field.type === "multi_select" ? [] : null;
}
