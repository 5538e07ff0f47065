import Link from "next/link";
import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { FormSuccess } from "@/components/action-form/form-success";
import { SubmitButton } from "@/components/action-form/submit-button";
import { buttonVariants } from "@/components/ui/button";
import { FieldInput } from "@/components/fields/field-input";
import { type FieldChoices, type FieldLike, formEditor, writableFields } from "@/components/fields/form-values";
import { createRowAction, updateRowAction } from "../actions";
import { type TableRef, TableRefInputs } from "./table-ref";

type RowFormProps = {
  tableRef: TableRef;
  fields: FieldLike[];
  /** What user and link inputs offer (see loadFieldChoices). */
  choices: FieldChoices;
  /** The row to edit, its values keyed by field id; absent for a new row. */
  row?: { id: string; fields: Record<string, unknown> };
  /** Where the edit form returns to: the page of rows it was opened from. */
  cursor?: string;
  cancelHref?: string;
};

/** One input per field people can type into; for an existing row, prefilled with its values. */
export function RowForm({ tableRef, fields, choices, row, cursor, cancelHref }: RowFormProps) {
  const writable = writableFields(fields);
  if (writable.length === 0) {
    return <p className="text-sm text-muted-foreground">This table has no fields that can be typed into.</p>;
  }
  // The values the form starts from: the update sends them as `expected`, so a change made meanwhile is not overwritten.
  const loaded = row ? Object.fromEntries(writable.map((f) => [f.id, row.fields[f.id] ?? null])) : undefined;
  return (
    <ActionForm
      action={row ? updateRowAction : createRowAction}
      resetOnSuccess={!row}
      aria-label={row ? "Edit row" : "Add row"}
      className="grid gap-4"
    >
      <TableRefInputs tableRef={tableRef} />
      {row ? (
        <>
          <input type="hidden" name="rowId" value={row.id} />
          <input type="hidden" name="loaded" value={JSON.stringify(loaded)} />
          {cursor ? <input type="hidden" name="cursor" value={cursor} /> : null}
        </>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {writable.map((field) => {
          const kind = formEditor(field.type)!.kind;
          const several = (field.options as { multiple?: boolean } | null)?.multiple === true;
          const wide = kind === "textarea" || kind === "checkboxes" || kind === "attachments" || (kind === "users" && several);
          return (
            <FieldInput
              key={field.id}
              field={field}
              defaultValue={row ? formEditor(field.type)!.toForm(row.fields[field.id], field.options) : undefined}
              value={row?.fields[field.id]}
              choices={choices}
              className={wide ? "sm:col-span-2 lg:col-span-3" : undefined}
            />
          );
        })}
      </div>
      <FormError />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{row ? "Save changes" : "Add row"}</SubmitButton>
        {row && cancelHref ? (
          <Link href={cancelHref} className={buttonVariants({ variant: "ghost" })}>
            Cancel
          </Link>
        ) : null}
        {row ? null : <FormSuccess>Row added</FormSuccess>}
      </div>
    </ActionForm>
  );
}
