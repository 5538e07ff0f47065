import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { restoreTableAction } from "../actions";

type RestoreTableFormProps = { workspaceId: string; baseId: string; table: { id: string; name: string } };

export function RestoreTableForm({ workspaceId, baseId, table }: RestoreTableFormProps) {
  return (
    <ActionForm action={restoreTableAction} className="grid justify-items-end gap-1.5">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="baseId" value={baseId} />
      <input type="hidden" name="tableId" value={table.id} />
      <SubmitButton variant="outline" size="sm">
        Restore<span className="sr-only"> {table.name}</span>
      </SubmitButton>
      <FormError className="max-w-64 text-left" />
    </ActionForm>
  );
}
