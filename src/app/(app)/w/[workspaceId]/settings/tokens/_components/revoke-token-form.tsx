import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { revokeTokenAction } from "../actions";

export function RevokeTokenForm({ workspaceId, token }: { workspaceId: string; token: { id: string; name: string } }) {
  return (
    <ActionForm action={revokeTokenAction} className="grid justify-items-end gap-1.5">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="tokenId" value={token.id} />
      <SubmitButton variant="ghost" size="sm" className="text-destructive hover:bg-destructive/10 hover:text-destructive">
        Revoke<span className="sr-only"> {token.name}</span>
      </SubmitButton>
      <FormError className="max-w-64 text-left" />
    </ActionForm>
  );
}
