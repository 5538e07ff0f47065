"use client";

import { useActionForm } from "./action-form";
import { FieldError } from "./field-error";

/** The enclosing ActionForm's message about the whole form (wrong password, rate limit, a refused change). */
export function FormError({ className }: { className?: string }) {
  const { state } = useActionForm();
  if (!state.formError) return null;
  return (
    <div role="alert" className={className}>
      <FieldError message={state.formError} />
    </div>
  );
}
