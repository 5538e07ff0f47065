"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";
import { FieldError } from "./field-error";
import { useActionForm } from "./action-form";

type TextFieldProps = Omit<React.ComponentProps<"input">, "id" | "name"> & {
  name: string;
  label: string;
  /** Keep the label for screen readers only (compact inline forms). */
  hideLabel?: boolean;
  description?: string;
  inputClassName?: string;
};

/** A labelled input whose error, from the enclosing ActionForm, appears right below it. */
export function TextField({ name, label, hideLabel, description, className, inputClassName, ...props }: TextFieldProps) {
  const { id: formId, state } = useActionForm();
  const id = `${formId}-${name}`;
  const error = state.fieldErrors?.[name];
  const describedBy = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id} className={cn(hideLabel && "sr-only")}>
        {label}
      </Label>
      <Input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={inputClassName}
        {...props}
      />
      {description ? (
        <p id={`${id}-description`} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
