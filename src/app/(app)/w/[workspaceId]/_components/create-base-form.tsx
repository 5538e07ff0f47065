import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { createBaseAction } from "../actions";

export function CreateBaseForm({ workspaceId }: { workspaceId: string }) {
  return (
    <ActionForm action={createBaseAction} aria-label="Create base" className="grid gap-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField
          name="name"
          label="Base name"
          placeholder="e.g. Product roadmap"
          required
          maxLength={100}
          autoComplete="off"
          className="flex-1"
        />
        <SubmitButton>Create base</SubmitButton>
      </div>
      <FormError />
    </ActionForm>
  );
}
