import "server-only";
import { fieldTypes, type FieldType } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { type SelectOptions, withChoiceIds } from "@/lib/fields/types/select";
import { AppError } from "../../errors";
import type { FieldMeta, TableMeta } from "../tables/table-meta";

export type FieldInput = { name: string; type: string; options?: unknown };

/**
 * Checks a field definition against the registry: a known, available type,
 * valid options (defaults filled in, select choices given ids) and a name not
 * used by another field of the table.
 */
export function prepareField(input: FieldInput, others: Array<Pick<FieldMeta, "id" | "name">>, previous?: FieldMeta) {
  if (!(fieldTypes as readonly string[]).includes(input.type)) {
    throw new AppError("BAD_REQUEST", `Field "${input.name}": unknown type "${input.type}"`, { field: input.name });
  }
  const type = input.type as FieldType;
  const definition = fieldTypeDefinition(type);
  if (!definition) {
    throw new AppError("BAD_REQUEST", `Field "${input.name}": the ${type} type is not available yet`, { field: input.name });
  }
  const parsed = definition.options.safeParse(input.options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new AppError("BAD_REQUEST", `Field "${input.name}": invalid options: ${where}${issue?.message ?? "invalid"}`, {
      field: input.name,
    });
  }
  let options = parsed.data;
  if (type === "single_select" || type === "multi_select") {
    const keep = previous && previous.type === type ? (previous.options as SelectOptions) : undefined;
    options = withChoiceIds(options as SelectOptions, keep);
  }
  const clash = others.find((f) => f.id !== previous?.id && f.name.toLowerCase() === input.name.toLowerCase());
  if (clash) throw new AppError("CONFLICT", `A field named "${clash.name}" already exists in this table`, { field: input.name });
  return { name: input.name, type, options, definition };
}

export function assertPrimaryCapable(table: Pick<TableMeta, "name">, field: { name: string; type: FieldType }) {
  if (!fieldTypeDefinition(field.type)?.canBePrimary) {
    throw new AppError("BAD_REQUEST", `Field "${field.name}": a ${field.type} field cannot be the primary field of "${table.name}"`);
  }
}
