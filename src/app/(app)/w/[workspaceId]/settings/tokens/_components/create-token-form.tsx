import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SelectField } from "@/components/action-form/select-field";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { type Role, roleLabels, roleRank, roles } from "@/lib/roles";
import { createTokenAction } from "../actions";
import { NewTokenNotice } from "./new-token-notice";

export function CreateTokenForm({ workspaceId, actorRole }: { workspaceId: string; actorRole: Role }) {
  // A token acts with at most its creator's role.
  const options = roles
    .filter((role) => roleRank(role) <= roleRank(actorRole))
    .map((role) => ({ value: role, label: roleLabels[role] }))
    .reverse();
  return (
    <ActionForm action={createTokenAction} aria-label="Create API token" className="grid gap-3">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
        <TextField name="name" label="Token name" placeholder="e.g. Nightly import" required maxLength={100} autoComplete="off" />
        <SelectField name="role" label="Role" options={options} defaultValue="viewer" />
        <SubmitButton className="sm:mt-[1.375rem]">Create token</SubmitButton>
      </div>
      <FormError />
      <NewTokenNotice />
    </ActionForm>
  );
}
