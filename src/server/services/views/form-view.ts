import "server-only";
import type { FormConfig } from "@/lib/views/registry";
import { type AuditActor } from "../../audit/record-audit";
import { type Reader, tablePolicy } from "../../authz/table-policy";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import { createRows } from "../rows/create-rows";
import type { FieldKey } from "../rows/row-codec";
import { findField, type TableMeta } from "../tables/table-meta";
import type { ViewMeta } from "./view-meta";

function formConfig(view: ViewMeta): FormConfig {
  if (view.type !== "form") throw new AppError("BAD_REQUEST", "This view is not a form");
  return view.config as unknown as FormConfig;
}

// What an input needs to read what is typed (a currency's symbol, a rating's
// maximum, the zone of a date-time); never a link's table or a formula.
const entryOptionKeys = ["symbol", "precision", "max", "timeZone", "format"] as const;

function entryOptions(options: unknown): Record<string, unknown> {
  const given = (options ?? {}) as Record<string, unknown>;
  return Object.fromEntries(entryOptionKeys.filter((key) => given[key] !== undefined).map((key) => [key, given[key]]));
}

/**
 * The form's questions for this reader: the fields it asks for that they may
 * see and fill in, with the label, help and choices to show. Never any other
 * field of the table.
 */
export function formDefinition(view: ViewMeta, table: TableMeta, reader: Reader) {
  const config = formConfig(view);
  const policy = tablePolicy(table, reader);
  const fields = config.fields.flatMap((question) => {
    const field = policy.visible.fields.find((f) => f.id === question.fieldId);
    if (!field || policy.readOnly.has(field.id)) return [];
    const choices = (field.options as { choices?: Array<{ name: string; color?: string }> }).choices;
    return [
      {
        id: field.id,
        name: field.name,
        type: field.type,
        label: question.label ?? field.name,
        help: question.help ?? null,
        required: question.required ?? false,
        options: entryOptions(field.options),
        ...(choices && { choices: choices.map((c) => ({ name: c.name, color: c.color ?? null })) }),
      },
    ];
  });
  return {
    id: view.id,
    title: config.title ?? view.name,
    description: config.description ?? null,
    submitLabel: config.submitLabel ?? "Submit",
    fields,
  };
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);

/**
 * A row from a form's answers, through the ordinary row service (values
 * checked by type, the reader's field and row rules applied, audited). Only
 * the form's fields may be given, and its required ones must be filled in.
 * An anonymous submission is created and audited with no user.
 */
export async function submitForm(
  db: Db,
  params: { view: ViewMeta; table: TableMeta; reader: Reader; actor: AuditActor; fields: unknown; fieldKey?: FieldKey },
) {
  const { view, table } = params;
  const definition = formDefinition(view, table, params.reader);
  if (typeof params.fields !== "object" || params.fields === null || Array.isArray(params.fields)) {
    throw new AppError("BAD_REQUEST", "fields must be an object");
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params.fields)) {
    const field = findField(tablePolicy(table, params.reader).visible, key);
    const question = field && definition.fields.find((q) => q.id === field.id);
    if (!question) throw new AppError("BAD_REQUEST", `Field "${key}" is not on this form`, { field: key });
    if (question.id in values) throw new AppError("BAD_REQUEST", `Field "${question.name}" is given twice`, { field: question.name });
    values[question.id] = value;
  }
  const missing = definition.fields.filter((q) => q.required && isEmpty(values[q.id]));
  if (missing.length > 0) {
    const names = missing.map((q) => q.label);
    throw new AppError("BAD_REQUEST", `Required: ${names.map((n) => `"${n}"`).join(", ")}`, { fields: names });
  }
  const [row] = await createRows(db, { table, rows: [{ fields: values }], actor: params.actor, reader: params.reader, fieldKey: "id" });
  // The answer holds what was asked, nothing more: a form must not read out
  // other fields (lookups, linked rows' names) to whoever fills it in.
  const asked = new Set(definition.fields.map((q) => q.id));
  const answered = Object.fromEntries(
    table.fields
      .filter((f) => asked.has(f.id))
      .map((f) => [params.fieldKey === "id" ? f.id : f.name, linkIds(f.type, row!.fields[f.id])]),
  );
  return { row: { ...row!, fields: answered } };
}

/** Links as the ids given, not the linked rows' names. */
function linkIds(type: string, value: unknown): unknown {
  return type === "link" && Array.isArray(value) ? value.map((v: { id: string }) => ({ id: v.id })) : value;
}
