import { z } from "zod";
import { findByKey } from "../find-by-key";
import { type FieldType, valueFromText } from "../fields/field-type";
import { fieldTypeDefinition } from "../fields/registry";
import { type ImportableFieldType, importableFieldTypes } from "./import-columns";

/**
 * The `columns` of an append to an existing table (a JSON query parameter):
 * for the columns named by `header` (as fieldNamesFromHeader derives it, the
 * same key as a new-table import's), the id of the field it fills, or that it
 * is skipped. Columns not listed are matched to a field by name.
 */
export const importMappingInput = z
  .array(
    z
      .object({
        header: z.string().min(1).max(200),
        field: z.string().min(1).max(100).optional(),
        skip: z.literal(true).optional(),
      })
      .strict()
      .refine((c) => (c.field === undefined) !== (c.skip === undefined), { message: "give either field or skip: true" }),
  )
  .max(500);
export type ImportMapping = z.infer<typeof importMappingInput>;

/** A field name as a header is compared with it: case and spaces do not count ("First name" is "firstname"). */
const looseName = (name: string) => name.toLowerCase().replace(/\s+/g, "");

/** The field a column of this header fills when nobody chose one: by id or name as the API takes them, else by name ignoring case and spaces. */
export function matchFieldByHeader<T extends { id: string; name: string }>(fields: readonly T[], header: string): T | undefined {
  const key = looseName(header);
  return findByKey(fields, header.trim()) ?? fields.find((f) => looseName(f.name) === key);
}

/** Whether a CSV column can fill a field of this type: its values are written as text in a cell (see importableFieldTypes). */
export const isImportableType = (type: string): type is ImportableFieldType => (importableFieldTypes as readonly string[]).includes(type);

/** Per mapped column of a preview: how many of its values the field's type refuses, and the first refusal. */
export type Misfits = { count: number; example: { value: string; error: string } | null };

/**
 * The values of one column that will not fit the field, checked with the
 * field type's own parsing and validation (as the server's import does), so
 * the preview warns before anything is sent. Blank values fit (empty cells).
 */
export function misfitsOf(field: { type: string; options?: unknown }, values: readonly string[]): Misfits {
  const definition = fieldTypeDefinition(field.type as FieldType);
  const misfits: Misfits = { count: 0, example: null };
  if (!definition) return misfits;
  const parsed = definition.options.safeParse(field.options ?? {});
  const options = parsed.success ? parsed.data : field.options;
  for (const value of values) {
    const encoded = definition.toDb(valueFromText(definition, value, options), options);
    if (encoded.ok) continue;
    misfits.count += 1;
    misfits.example ??= { value, error: encoded.error };
  }
  return misfits;
}

/** A field a column can fill (an importable type, not read-only for this person). */
export type AppendTarget = { id: string; name: string; type: string; options?: unknown; readOnly?: boolean };

export const fillableTargets = <T extends AppendTarget>(fields: readonly T[]): T[] =>
  fields.filter((f) => !f.readOnly && isImportableType(f.type) && fieldTypeDefinition(f.type as FieldType)?.readOnly !== true);

/**
 * The wizard's starting mapping: each column to the field its header names
 * (matchFieldByHeader), each field filled once (the first column naming it
 * wins), the rest skipped (null).
 */
export function autoMapping(headers: readonly string[], targets: readonly AppendTarget[]): Array<string | null> {
  const taken = new Set<string>();
  return headers.map((header) => {
    const field = matchFieldByHeader(targets, header);
    if (!field || taken.has(field.id)) return null;
    taken.add(field.id);
    return field.id;
  });
}

/** The columns that fill a field an earlier column already fills (the server would refuse the import), by index. */
export function doubleMapped(mapping: ReadonlyArray<string | null>): Set<number> {
  const seen = new Set<string>();
  const doubles = new Set<number>();
  mapping.forEach((field, i) => {
    if (field === null) return;
    if (seen.has(field)) doubles.add(i);
    seen.add(field);
  });
  return doubles;
}

/** The `columns` parameter for a mapping: every column listed, so nothing is left to matching by name on the server. */
export const mappingSpec = (headers: readonly string[], mapping: ReadonlyArray<string | null>): ImportMapping =>
  headers.map((header, i) => (mapping[i] ? { header, field: mapping[i]! } : { header, skip: true as const }));
