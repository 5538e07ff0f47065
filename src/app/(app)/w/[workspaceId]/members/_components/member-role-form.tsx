import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SelectField } from "@/components/action-form/select-field";
import { SubmitButton } from "@/components/action-form/submit-button";
import type { Role } from "@/lib/roles";
import { updateMemberRoleAction } from "../actions";
import { grantableRoles } from "./role-options";

type MemberRoleFormProps = {
  workspaceId: string;
  member: { userId: string; name: string; role: Role };
  actorRole: Role;
};

/** A select and a Save button: a plain form, so it works before (or without) JavaScript. */
export function MemberRoleForm({ workspaceId, member, actorRole }: MemberRoleFormProps) {
  return (
    <ActionForm action={updateMemberRoleAction} resetOnSuccess={false} className="grid gap-1.5">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="userId" value={member.userId} />
      <div className="flex items-start gap-2">
        <SelectField
          // Remount when the role changes elsewhere so the select shows the saved role.
          key={member.role}
          name="role"
          label={`Role for ${member.name}`}
          hideLabel
          options={grantableRoles(actorRole)}
          defaultValue={member.role}
          className="w-32"
        />
        <SubmitButton variant="outline" aria-label={`Save role for ${member.name}`}>
          Save
        </SubmitButton>
      </div>
      <FormError className="max-w-64" />
    </ActionForm>
  );
}
