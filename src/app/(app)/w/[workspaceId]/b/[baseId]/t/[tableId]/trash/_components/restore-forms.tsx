import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { type TableRef, TableRefInputs } from "../../_components/table-ref";
import { restoreFieldAction, restoreRowAction } from "../actions";

export function RestoreRowForm({ tableRef, rowId, label }: { tableRef: TableRef; rowId: string; label: string }) {
  return (
    <ActionForm action={restoreRowAction} className="grid justify-items-end gap-1.5">
      <TableRefInputs tableRef={tableRef} />
      <input type="hidden" name="rowId" value={rowId} />
      <SubmitButton variant="outline" size="sm">
        Restore<span className="sr-only"> {label}</span>
      </SubmitButton>
      <FormError className="max-w-48 text-left" />
    </ActionForm>
  );
}

export function RestoreFieldForm({ tableRef, field }: { tableRef: TableRef; field: { id: string; name: string } }) {
  return (
    <ActionForm action={restoreFieldAction} className="grid justify-items-end gap-1.5">
      <TableRefInputs tableRef={tableRef} />
      <input type="hidden" name="fieldId" value={field.id} />
      <SubmitButton variant="outline" size="sm">
        Restore<span className="sr-only"> field {field.name}</span>
      </SubmitButton>
      <FormError className="max-w-64 text-left" />
    </ActionForm>
  );
}
