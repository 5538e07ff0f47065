"use client";

import { useEffect, useState } from "react";
import { ActionForm, useActionForm } from "@/components/action-form/action-form";
import { FieldError } from "@/components/action-form/field-error";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { FieldOptionsInputs } from "@/components/fields/field-options-inputs";
import { fieldTypeGroups, fieldTypeLabel, isConvertibleFieldType, isFieldType, isOfferedFieldType } from "@/components/fields/field-type-catalog";
import type { FieldLike } from "@/components/fields/form-values";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { changeFieldTypeAction } from "../actions";
import { type TableRef, TableRefInputs } from "./table-ref";

type Preview = { type: string; values: number; failing: number; examples: Array<{ rowId: string; value: string; reason: string }> };

// What a field may become; a primary field only a type that can name rows.
function targetTypes(field: FieldLike, primary: boolean) {
  return fieldTypeGroups
    .map((group) => ({
      label: group.label,
      types: group.types.filter(
        (type) =>
          type !== field.type &&
          isConvertibleFieldType(type) &&
          isOfferedFieldType(type) &&
          (!primary || (isFieldType(type) && fieldTypeDefinition(type)?.canBePrimary === true)),
      ),
    }))
    .filter((group) => group.types.length > 0);
}

type ChangeTypeFormProps = { tableRef: TableRef; field: FieldLike; primary: boolean; timeZones: string[] };

/**
 * A new type for a field, previewed before anything changes: how many values
 * will not convert (they are emptied), with examples, then a button to
 * convert. Any change to the form hides a preview it no longer describes.
 */
export function ChangeTypeForm({ tableRef, field, primary, timeZones }: ChangeTypeFormProps) {
  const [type, setType] = useState("");
  const [stale, setStale] = useState(false);
  const groups = targetTypes(field, primary);
  return (
    <ActionForm
      action={changeFieldTypeAction}
      resetOnSuccess={false}
      aria-label={`Change type of ${field.name}`}
      className="grid gap-3"
      onChange={() => setStale(true)}
    >
      <TableRefInputs tableRef={tableRef} />
      <input type="hidden" name="fieldId" value={field.id} />
      <TypeSelect value={type} onChange={setType} groups={groups} />
      {type ? <FieldOptionsInputs key={type} type={type} timeZones={timeZones} /> : null}
      {type === "single_select" || type === "multi_select" ? (
        <p className="text-xs text-muted-foreground">Leave the choices empty to get one per distinct value.</p>
      ) : null}
      <FormError />
      <SubmitButton name="intent" value="preview" variant="outline" size="sm" className="justify-self-start">
        Preview change
      </SubmitButton>
      <PreviewResult field={field} stale={stale} setStale={setStale} />
    </ActionForm>
  );
}

function TypeSelect({ value, onChange, groups }: { value: string; onChange: (type: string) => void; groups: ReturnType<typeof targetTypes> }) {
  const { id: formId, state } = useActionForm();
  const id = `${formId}-type`;
  const error = state.fieldErrors?.type;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>New type</Label>
      <Select
        id={id}
        name="type"
        value={value}
        required
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="" disabled>
          Choose a type
        </option>
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.types.map((type) => (
              <option key={type} value={type}>
                {fieldTypeLabel(type)}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

type PreviewResultProps = { field: FieldLike; stale: boolean; setStale: (stale: boolean) => void };

function PreviewResult({ field, stale, setStale }: PreviewResultProps) {
  const { state, pending } = useActionForm();
  // Each answer describes the form as it was sent.
  useEffect(() => setStale(false), [state, setStale]);
  const preview = state.data?.preview as Preview | undefined;
  const shown = preview && !stale && !pending ? preview : undefined;
  return (
    <>
      <p role="status" className={shown && shown.failing > 0 ? "text-sm font-medium text-destructive empty:hidden" : "text-sm font-medium empty:hidden"}>
        {shown
          ? shown.values === 0
            ? `${field.name} has no values yet; nothing to convert.`
            : shown.failing === 0
              ? `All ${shown.values.toLocaleString("en")} values will convert.`
              : `${shown.failing.toLocaleString("en")} of ${shown.values.toLocaleString("en")} values will not convert; they will be emptied.`
          : null}
      </p>
      {shown && shown.examples.length > 0 ? (
        <div className="overflow-x-auto rounded-md border border-border bg-background">
          <table className="w-full text-xs">
            <caption className="sr-only">Values that will not convert</caption>
            <thead className="bg-muted text-left">
              <tr>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  Value
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  Why
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {shown.examples.map((example) => (
                <tr key={example.rowId}>
                  <td className="max-w-32 truncate px-2 py-1.5">{example.value}</td>
                  <td className="px-2 py-1.5">{example.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {shown ? (
        <SubmitButton name="intent" value="convert" variant={shown.failing > 0 ? "destructive" : "default"} size="sm" className="justify-self-start">
          Convert to {fieldTypeLabel(shown.type)}
        </SubmitButton>
      ) : null}
    </>
  );
}
