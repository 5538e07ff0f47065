import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { createWorkspaceAction } from "../../actions";

export function CreateWorkspaceForm({ autoFocus = false }: { autoFocus?: boolean }) {
  return (
    <ActionForm action={createWorkspaceAction} className="grid gap-3">
      <TextField
        name="name"
        label="Workspace name"
        placeholder="Acme Inc."
        required
        maxLength={100}
        autoComplete="off"
        autoFocus={autoFocus}
      />
      <FormError />
      <SubmitButton className="justify-self-start">Create workspace</SubmitButton>
    </ActionForm>
  );
}
