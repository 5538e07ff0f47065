import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { createTableAction } from "../actions";

export function CreateTableForm({ workspaceId, baseId }: { workspaceId: string; baseId: string }) {
  return (
    <ActionForm action={createTableAction} aria-label="Create table" className="grid gap-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="baseId" value={baseId} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField
          name="name"
          label="Table name"
          placeholder="e.g. Tasks"
          description="It starts with a Name field; add more on the next page."
          required
          maxLength={100}
          autoComplete="off"
          className="flex-1"
        />
        <SubmitButton className="sm:mb-[1.375rem]">Create table</SubmitButton>
      </div>
      <FormError />
    </ActionForm>
  );
}
