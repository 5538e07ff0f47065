import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { deleteRowAction } from "../actions";
import { type TableRef, TableRefInputs } from "./table-ref";

export function DeleteRowForm({ tableRef, rowId, label }: { tableRef: TableRef; rowId: string; label: string }) {
  return (
    <ActionForm action={deleteRowAction} className="grid justify-items-end gap-1.5">
      <TableRefInputs tableRef={tableRef} />
      <input type="hidden" name="rowId" value={rowId} />
      <SubmitButton variant="ghost" size="sm" className="text-destructive hover:bg-destructive/10 hover:text-destructive">
        Delete<span className="sr-only"> {label}</span>
      </SubmitButton>
      <FormError className="max-w-48 text-left" />
    </ActionForm>
  );
}
