import { Pencil } from "lucide-react";
import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { FieldOptionsInputs, type LinkSources } from "@/components/fields/field-options-inputs";
import { fieldTypeLabel, isConvertibleFieldType } from "@/components/fields/field-type-catalog";
import type { FieldLike } from "@/components/fields/form-values";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { deleteFieldAction, updateFieldAction } from "../actions";
import { AddFieldForm } from "./add-field-form";
import { ChangeTypeForm } from "./change-type-form";
import { type TableRef, TableRefInputs } from "./table-ref";

type FieldsPanelProps = { tableRef: TableRef; fields: FieldLike[]; primaryFieldId: string | null; timeZones: string[]; linkSources: LinkSources };

const rollupWords: Record<string, string> = {
  sum: "Sum",
  avg: "Average",
  min: "Smallest",
  max: "Largest",
  count: "Count",
  count_distinct: "Distinct count",
  concat: "All",
};

/** What a link or a computed field reads, in words (its options cannot change once created). */
function fieldSetup(field: FieldLike, linkSources: LinkSources): string | null {
  const o = (field.options ?? {}) as { tableId?: string; multiple?: boolean; linkFieldId?: string; fieldId?: string; fn?: string };
  const link = linkSources.links.find((l) => l.id === o.linkFieldId);
  const linkName = link?.name ?? "a deleted link";
  const target = link?.fields.find((f) => f.id === o.fieldId)?.name ?? "a deleted field";
  switch (field.type) {
    case "link": {
      const table = linkSources.tables.find((t) => t.id === o.tableId)?.name ?? "a table of another base";
      return `Links to ${o.multiple === false ? "one record" : "records"} of ${table}.`;
    }
    case "lookup":
      return `Shows ${target} of the records in ${linkName}.`;
    case "rollup":
      return `${rollupWords[o.fn ?? ""] ?? o.fn} of ${target} of the records in ${linkName}.`;
    case "count":
      return `Counts the records in ${linkName}.`;
    case "user":
      return o.multiple ? "Several people per row." : "One person per row.";
    default:
      return null;
  }
}

/** The table's fields, each renamable, convertible and deletable (but the primary one), and a form to add one. */
export function FieldsPanel({ tableRef, fields, primaryFieldId, timeZones, linkSources }: FieldsPanelProps) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Fields</CardTitle>
        <CardDescription>Deleted fields go to the trash with their values.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <ul aria-label="Fields" className="grid divide-y divide-border">
          {fields.map((field) => (
            <li key={field.id} className="py-2 first:pt-0">
              <details className="group">
                <summary
                  className={cn(
                    "flex cursor-pointer list-none items-center gap-2 rounded-md py-1 [&::-webkit-details-marker]:hidden",
                    "focus-visible:outline-2 focus-visible:outline-ring",
                  )}
                >
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-sm font-medium">
                      {field.name}
                      {field.id === primaryFieldId ? (
                        <span className="ml-1.5 rounded bg-muted px-1.5 py-0.5 text-xs font-normal text-muted-foreground">Primary</span>
                      ) : null}
                    </span>
                    <span className="block text-xs text-muted-foreground">{fieldTypeLabel(field.type)}</span>
                  </span>
                  <span className={cn(buttonVariants({ variant: "ghost", size: "sm" }), "text-muted-foreground")}>
                    <Pencil aria-hidden />
                    <span className="sr-only">Edit field {field.name}</span>
                  </span>
                </summary>
                <div className="mt-2 grid gap-3 rounded-md bg-muted/50 p-3">
                  <ActionForm
                    // Remounts after a save, so the inputs start from what was saved.
                    key={`${field.name}:${JSON.stringify(field.options)}`}
                    action={updateFieldAction}
                    resetOnSuccess={false}
                    aria-label={`Edit field ${field.name}`}
                    className="grid gap-3"
                  >
                    <TableRefInputs tableRef={tableRef} />
                    <input type="hidden" name="fieldId" value={field.id} />
                    <TextField name="name" label="Name" defaultValue={field.name} required maxLength={100} autoComplete="off" />
                    {fieldSetup(field, linkSources) ? <p className="text-xs text-muted-foreground">{fieldSetup(field, linkSources)}</p> : null}
                    <FieldOptionsInputs type={field.type} options={field.options} timeZones={timeZones} editing fields={fields} fieldId={field.id} />
                    <FormError />
                    <SubmitButton variant="outline" size="sm" className="justify-self-start">
                      Save field
                    </SubmitButton>
                  </ActionForm>
                  {isConvertibleFieldType(field.type) ? (
                    <details className="border-t border-border pt-3">
                      <summary className="cursor-pointer text-sm font-medium">
                        Change type<span className="sr-only"> of {field.name}</span>
                      </summary>
                      <div className="mt-3">
                        <ChangeTypeForm
                          // A converted field starts the form over.
                          key={field.type}
                          tableRef={tableRef}
                          field={field}
                          primary={field.id === primaryFieldId}
                          timeZones={timeZones}
                        />
                      </div>
                    </details>
                  ) : null}
                  {field.id === primaryFieldId ? (
                    <p className="text-xs text-muted-foreground">The primary field names each row and cannot be deleted.</p>
                  ) : (
                    <ActionForm action={deleteFieldAction} className="grid gap-2 border-t border-border pt-3">
                      <TableRefInputs tableRef={tableRef} />
                      <input type="hidden" name="fieldId" value={field.id} />
                      <SubmitButton variant="destructive" size="sm" className="justify-self-start">
                        Delete field<span className="sr-only"> {field.name}</span>
                      </SubmitButton>
                      <FormError />
                    </ActionForm>
                  )}
                </div>
              </details>
            </li>
          ))}
        </ul>
        <section aria-labelledby="add-field-heading" className="grid gap-3 border-t border-border pt-4">
          <h3 id="add-field-heading" className="text-sm font-semibold">
            Add field
          </h3>
          <AddFieldForm tableRef={tableRef} timeZones={timeZones} linkSources={linkSources} fields={fields} />
        </section>
      </CardContent>
    </Card>
  );
}
