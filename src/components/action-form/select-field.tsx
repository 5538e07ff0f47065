"use client";

import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/utils";
import { FieldError } from "./field-error";
import { useActionForm } from "./action-form";

type SelectFieldProps = Omit<React.ComponentProps<"select">, "id" | "name" | "children"> & {
  name: string;
  label: string;
  hideLabel?: boolean;
  options: ReadonlyArray<{ value: string; label: string }>;
};

/** A labelled native select whose error, from the enclosing ActionForm, appears right below it. */
export function SelectField({ name, label, hideLabel, options, className, ...props }: SelectFieldProps) {
  const { id: formId, state } = useActionForm();
  const id = `${formId}-${name}`;
  const error = state.fieldErrors?.[name];
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id} className={cn(hideLabel && "sr-only")}>
        {label}
      </Label>
      <Select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...props}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
