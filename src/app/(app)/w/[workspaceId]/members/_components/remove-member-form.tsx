import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { removeMemberAction } from "../actions";

type RemoveMemberFormProps = {
  workspaceId: string;
  member: { userId: string; name: string };
  /** The signed-in user's own row: the button reads "Leave workspace". */
  self: boolean;
};

export function RemoveMemberForm({ workspaceId, member, self }: RemoveMemberFormProps) {
  return (
    <ActionForm action={removeMemberAction} className="grid justify-items-end gap-1.5">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="userId" value={member.userId} />
      <SubmitButton variant="ghost" size="sm" className="text-destructive hover:bg-destructive/10 hover:text-destructive">
        {self ? (
          "Leave workspace"
        ) : (
          <>
            Remove<span className="sr-only"> {member.name}</span>
          </>
        )}
      </SubmitButton>
      <FormError className="max-w-64 text-left" />
    </ActionForm>
  );
}
