"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { choiceNames, editableOptionInputs, fieldOptionsFromForm, optionInputFor, optionInputs } from "@/components/fields/field-options";
import { type FieldLike, fieldInputName, newRowValues, rowChanges } from "@/components/fields/form-values";
import { toAppError } from "@/server/api/trpc";
import { type ActionState, runAction } from "@/trpc/server";
import { formString } from "@/lib/utils";
import { basePath, tablePath } from "@/app/_lib/paths";

// Every form here carries the ids of the page it is on; the procedures check
// access from the table id, the others only say which page to refresh.
/** The table's page and its views' pages (the grid's fields dialog submits these forms too). */
const revalidateTable = (path: string) => revalidatePath(path, "layout");

function pageOf(formData: FormData) {
  const workspaceId = formString(formData, "workspaceId");
  const baseId = formString(formData, "baseId");
  const tableId = formString(formData, "tableId");
  return { workspaceId, baseId, tableId, path: tablePath(workspaceId, baseId, tableId) };
}

export async function renameTableAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { tableId, path, workspaceId, baseId } = pageOf(formData);
  const result = await runAction(async (caller) => {
    await caller.table.rename({ tableId, name: formString(formData, "name") });
  });
  if (result.ok) {
    revalidateTable(path);
    revalidatePath(basePath(workspaceId, baseId));
  }
  return result;
}

/** To the trash, then back to the base, where it can be restored. */
export async function deleteTableAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { tableId, workspaceId, baseId } = pageOf(formData);
  const result = await runAction(async (caller) => {
    await caller.table.delete({ tableId });
  });
  if (result.ok) redirect(basePath(workspaceId, baseId));
  return result;
}

/**
 * A refused row write, told where it belongs: a value the server refused
 * under the input of the field it names (details.field), a concurrent change
 * or deletion as a message about the form. Anything else is runAction's.
 */
function rowWriteError(error: unknown, fields: FieldLike[]): ActionState {
  const appError = toAppError(error);
  if (appError.code === "CONFLICT") return { formError: "Someone changed this row; reload to see their version" };
  if (appError.code === "NOT_FOUND" && appError.message.startsWith("Row")) {
    return { formError: "Someone deleted this row; reload to see the table" };
  }
  const named = (appError.details as { field?: unknown } | undefined)?.field;
  const field = typeof named === "string" ? fields.find((f) => f.name === named || f.id === named) : undefined;
  if (appError.code === "BAD_REQUEST" && field) return { fieldErrors: { [fieldInputName(field.id)]: appError.message } };
  throw error;
}

export async function createRowAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { tableId, path } = pageOf(formData);
  const result = await runAction(async (caller) => {
    // The table as it is now: its fields say how to read each input.
    const table = await caller.table.get({ tableId });
    try {
      await caller.row.create({ tableId, fieldKey: "id", rows: [{ fields: newRowValues(table.fields, formData) }] });
    } catch (error) {
      return rowWriteError(error, table.fields);
    }
  });
  if (result.ok) revalidateTable(path);
  return result;
}

/**
 * Saves the cells the form changed, expecting each to still hold the value
 * the form was loaded with; then back to the table.
 */
export async function updateRowAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { tableId, path } = pageOf(formData);
  const rowId = formString(formData, "rowId");
  let loaded: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(formString(formData, "loaded"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    loaded = parsed as Record<string, unknown>;
  } catch {
    return { formError: "This form is out of date; reload the page" };
  }
  const result = await runAction(async (caller) => {
    const table = await caller.table.get({ tableId });
    const { fields, expected } = rowChanges(table.fields, formData, loaded);
    if (Object.keys(fields).length === 0) return;
    try {
      await caller.row.update({ tableId, fieldKey: "id", rows: [{ id: rowId, fields, expected }] });
    } catch (error) {
      return rowWriteError(error, table.fields);
    }
  });
  if (result.ok) {
    const cursor = formString(formData, "cursor");
    revalidateTable(path);
    redirect(cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : path);
  }
  return result;
}

export async function deleteRowAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { tableId, path } = pageOf(formData);
  const result = await runAction(async (caller) => {
    await caller.row.delete({ tableId, ids: [formString(formData, "rowId")] });
  });
  if (result.ok) revalidateTable(path);
  return result;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A refused field definition, placed by input: the server names an invalid
 * option by its path ("invalid options: precision: ..."), a taken name as a
 * CONFLICT, an unavailable type by its words.
 */
function fieldWriteError(error: unknown, type: string): ActionState {
  const appError = toAppError(error);
  const invalidOption = /invalid options: (?:(\w+)(?:\.\w+)*: )?(.*)$/s.exec(appError.message);
  if (appError.code === "BAD_REQUEST" && invalidOption) {
    const inputs = optionInputs[type] ?? [];
    // A rule about the whole list of choices (unique names) has no path.
    const input = invalidOption[1] ? optionInputFor(type, invalidOption[1]) : inputs.includes("choices") ? "choices" : undefined;
    if (input) return { fieldErrors: { [input]: capitalize(invalidOption[2]!) } };
    return { formError: appError.message };
  }
  if (appError.code === "BAD_REQUEST" && /unknown type|not available yet/.test(appError.message)) {
    return { fieldErrors: { type: appError.message } };
  }
  if (appError.code === "CONFLICT" && appError.message.includes("already exists")) return { fieldErrors: { name: appError.message } };
  throw error;
}

export async function createFieldAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { tableId, path } = pageOf(formData);
  const type = formString(formData, "type");
  const result = await runAction(async (caller) => {
    try {
      await caller.table.createField({ tableId, name: formString(formData, "name"), type, options: fieldOptionsFromForm(type, formData) });
    } catch (error) {
      return fieldWriteError(error, type);
    }
  });
  if (result.ok) revalidateTable(path);
  return result;
}

/** Renames a field and sets the options its form shows; options it does not show keep their values. */
export async function updateFieldAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { tableId, path } = pageOf(formData);
  const fieldId = formString(formData, "fieldId");
  const result = await runAction(async (caller) => {
    const field = (await caller.table.get({ tableId })).fields.find((f) => f.id === fieldId);
    const options =
      field && editableOptionInputs(field.type).length > 0
        ? { ...(field.options as Record<string, unknown>), ...fieldOptionsFromForm(field.type, formData, field.options) }
        : undefined;
    try {
      await caller.table.updateField({ tableId, fieldId, name: formString(formData, "name"), options });
    } catch (error) {
      return fieldWriteError(error, field?.type ?? "");
    }
  });
  if (result.ok) revalidateTable(path);
  return result;
}

/**
 * Changing a field's type, in two steps from one form: "preview" answers how
 * many values will not convert (with examples) as data, "convert" converts.
 */
export async function changeFieldTypeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { tableId, path } = pageOf(formData);
  const fieldId = formString(formData, "fieldId");
  const type = formString(formData, "type");
  if (type === "") return { fieldErrors: { type: "Choose the new type" } };
  const options = fieldOptionsFromForm(type, formData);
  // Choices left blank are made by the server, one per distinct value.
  if ((type === "single_select" || type === "multi_select") && choiceNames(formString(formData, "choices")).length === 0) delete options.choices;

  if (formString(formData, "intent") !== "convert") {
    return runAction(async (caller) => {
      try {
        const preview = await caller.table.previewFieldConversion({ tableId, fieldId, type, options });
        return { ok: true, data: { preview } };
      } catch (error) {
        return fieldWriteError(error, type);
      }
    });
  }
  const result = await runAction(async (caller) => {
    try {
      await caller.table.updateField({ tableId, fieldId, type, options });
    } catch (error) {
      return fieldWriteError(error, type);
    }
  });
  if (result.ok) revalidateTable(path);
  return result;
}

export async function deleteFieldAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { tableId, path } = pageOf(formData);
  const result = await runAction(async (caller) => {
    await caller.table.deleteField({ tableId, fieldId: formString(formData, "fieldId") });
  });
  if (result.ok) revalidateTable(path);
  return result;
}
