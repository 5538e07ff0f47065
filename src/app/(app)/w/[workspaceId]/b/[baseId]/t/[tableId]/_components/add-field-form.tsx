"use client";

import { useState } from "react";
import { ActionForm, useActionForm } from "@/components/action-form/action-form";
import { FieldError } from "@/components/action-form/field-error";
import { FormError } from "@/components/action-form/form-error";
import { FormSuccess } from "@/components/action-form/form-success";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { FieldOptionsInputs, type LinkSources } from "@/components/fields/field-options-inputs";
import { fieldTypeGroups, fieldTypeLabel, isOfferedFieldType } from "@/components/fields/field-type-catalog";
import type { FieldLike } from "@/components/fields/form-values";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { createFieldAction } from "../actions";
import { type TableRef, TableRefInputs } from "./table-ref";

const defaultType = "text";

/** A field's name, its type (those not available yet shown disabled) and the options that type takes. */
export function AddFieldForm({ tableRef, timeZones, linkSources, fields }: { tableRef: TableRef; timeZones: string[]; linkSources: LinkSources; fields: readonly FieldLike[] }) {
  const [type, setType] = useState(defaultType);
  return (
    // A successful add resets the inputs; the options shown follow the type back to its default.
    <ActionForm action={createFieldAction} aria-label="Add field" className="grid gap-3" onReset={() => setType(defaultType)}>
      <TableRefInputs tableRef={tableRef} />
      <TextField name="name" label="Field name" required maxLength={100} autoComplete="off" />
      <TypeSelect value={type} onChange={setType} />
      <FieldOptionsInputs key={type} type={type} timeZones={timeZones} linkSources={linkSources} fields={fields} />
      <FormError />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>Add field</SubmitButton>
        <FormSuccess>Field added</FormSuccess>
      </div>
    </ActionForm>
  );
}

function TypeSelect({ value, onChange }: { value: string; onChange: (type: string) => void }) {
  const { id: formId, state } = useActionForm();
  const id = `${formId}-type`;
  const error = state.fieldErrors?.type;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>Field type</Label>
      <Select
        id={id}
        name="type"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {fieldTypeGroups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.types.map((type) => {
              const available = isOfferedFieldType(type);
              return (
                <option key={type} value={type} disabled={!available}>
                  {fieldTypeLabel(type)}
                  {available ? "" : " (coming soon)"}
                </option>
              );
            })}
          </optgroup>
        ))}
      </Select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
