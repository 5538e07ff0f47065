import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SelectField } from "@/components/action-form/select-field";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import type { Role } from "@/lib/roles";
import { addMemberAction } from "../actions";
import { grantableRoles } from "./role-options";

export function AddMemberForm({ workspaceId, actorRole }: { workspaceId: string; actorRole: Role }) {
  return (
    <ActionForm action={addMemberAction} aria-label="Add member" className="grid gap-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
        <TextField
          name="email"
          label="Email"
          type="email"
          placeholder="teammate@example.com"
          required
          maxLength={254}
          autoComplete="off"
        />
        <SelectField name="role" label="Role" options={grantableRoles(actorRole)} defaultValue="editor" />
        <SubmitButton className="sm:mt-[1.375rem]">Add member</SubmitButton>
      </div>
      <FormError />
    </ActionForm>
  );
}
