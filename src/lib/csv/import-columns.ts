import { z } from "zod";
import type { FieldType } from "../fields/field-type";
import { fieldTypeDefinition } from "../fields/registry";

/**
 * The types a CSV column can be imported as: those whose values are written
 * as text in a cell. People, files and links name things in the workspace
 * that a CSV cannot refer to; computed and system fields take no values.
 */
export const importableFieldTypes = [
  "text",
  "long_text",
  "number",
  "currency",
  "percent",
  "duration",
  "rating",
  "progress",
  "boolean",
  "single_select",
  "multi_select",
  "date",
  "datetime",
  "email",
  "url",
  "phone",
] as const satisfies readonly FieldType[];
export type ImportableFieldType = (typeof importableFieldTypes)[number];

/**
 * The `columns` of a new-table import (a JSON query parameter): for the
 * columns named by `header` (the column's name as the importer derives it
 * from the header row, see fieldNamesFromHeader), the field's name, its type
 * instead of the inferred one, or that it is skipped. Columns not listed are
 * imported as inferred.
 */
export const importColumnsInput = z
  .array(
    z
      .object({
        header: z.string().min(1).max(200),
        name: z.string().trim().min(1, "Name is required").max(100, "Name is too long (100 characters at most)").optional(),
        type: z.enum(importableFieldTypes).optional(),
        skip: z.boolean().optional(),
      })
      .strict(),
  )
  .max(500);
export type ImportColumns = z.infer<typeof importColumnsInput>;

/** One column as the wizard shows it: the name derived from the header, what was inferred, what the person chose. */
export type ColumnChoice = { header: string; inferredType: FieldType; name: string; type: ImportableFieldType | "skip" };

/**
 * The `columns` parameter for the wizard's choices: only the columns whose
 * name, type or skipping differ from the defaults, so the URL stays short
 * and an untouched column keeps the server's inference over the whole file
 * (the preview saw only its first rows).
 */
export function columnsSpec(choices: readonly ColumnChoice[]): ImportColumns {
  return choices.flatMap((c) => {
    if (c.type === "skip") return [{ header: c.header, skip: true }];
    const name = c.name.trim();
    const entry = {
      header: c.header,
      ...(name !== c.header ? { name } : {}),
      ...(c.type !== c.inferredType ? { type: c.type } : {}),
    };
    return Object.keys(entry).length > 1 ? [entry] : [];
  });
}

export const canBePrimary = (type: ImportableFieldType) => fieldTypeDefinition(type)?.canBePrimary === true;

/**
 * The choices as the server will apply them: the first imported column names
 * the rows, so a type that cannot (a checkbox, a select) becomes text there.
 * Kept apart from what was picked, so skipping and unskipping a column
 * before it gives the picked type back.
 */
export function effectiveChoices(choices: ColumnChoice[]): ColumnChoice[] {
  const primary = choices.findIndex((c) => c.type !== "skip");
  return choices.map((c, i) => (i === primary && c.type !== "skip" && !canBePrimary(c.type) ? { ...c, type: "text" } : c));
}

/** Field names that the server would refuse: empty, or taken by an earlier column (regardless of case). */
export function nameProblems(choices: ColumnChoice[]): Map<number, string> {
  const problems = new Map<number, string>();
  const seen = new Set<string>();
  choices.forEach((c, i) => {
    if (c.type === "skip") return;
    const name = c.name.trim();
    if (name === "") problems.set(i, "Give the field a name");
    else if (seen.has(name.toLowerCase())) problems.set(i, `Another field is already named “${name}”`);
    seen.add(name.toLowerCase());
  });
  return problems;
}
