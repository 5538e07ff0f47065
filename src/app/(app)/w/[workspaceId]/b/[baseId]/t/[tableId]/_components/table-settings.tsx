import { Settings } from "lucide-react";
import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { deleteTableAction, renameTableAction } from "../actions";
import { type TableRef, TableRefInputs } from "./table-ref";

/** Rename and delete, behind a disclosure (no JavaScript needed, keyboard-operable). */
export function TableSettings({ tableRef, name }: { tableRef: TableRef; name: string }) {
  return (
    <details className="group relative">
      <summary className={cn(buttonVariants({ variant: "outline", size: "sm" }), "cursor-pointer list-none [&::-webkit-details-marker]:hidden")}>
        <Settings aria-hidden />
        Table settings
      </summary>
      <div className="mt-2 grid w-full gap-4 rounded-lg border border-border bg-background p-4 shadow-md sm:absolute sm:right-0 sm:z-10 sm:w-80">
        <ActionForm action={renameTableAction} resetOnSuccess={false} aria-label="Rename table" className="grid gap-2">
          <TableRefInputs tableRef={tableRef} />
          <div className="flex items-end gap-2">
            <TextField name="name" label="Table name" defaultValue={name} required maxLength={100} autoComplete="off" className="flex-1" />
            <SubmitButton variant="outline">Rename</SubmitButton>
          </div>
          <FormError />
        </ActionForm>
        <ActionForm action={deleteTableAction} className="grid gap-2 border-t border-border pt-4">
          <TableRefInputs tableRef={tableRef} />
          <p className="text-sm text-muted-foreground">A deleted table goes to the base&apos;s trash, where an admin can restore it.</p>
          <SubmitButton variant="destructive" size="sm" className="justify-self-start">
            Delete table
          </SubmitButton>
          <FormError />
        </ActionForm>
      </div>
    </details>
  );
}
