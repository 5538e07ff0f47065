import Link from "next/link";
import { Database, Pencil } from "lucide-react";
import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { TextField } from "@/components/action-form/text-field";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { basePath } from "@/app/_lib/paths";
import { deleteBaseAction, renameBaseAction } from "../actions";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

type BaseCardProps = {
  base: { id: string; workspaceId: string; name: string; createdAt: Date };
  canAlter: boolean;
};

export function BaseCard({ base, canAlter }: BaseCardProps) {
  return (
    <article aria-label={base.name} className="flex h-full flex-col rounded-lg border border-border bg-background p-4 shadow-sm">
      <div className="flex items-start gap-3">
        <span aria-hidden className="flex size-10 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary">
          <Database className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <h3 className="truncate font-medium">
            <Link href={basePath(base.workspaceId, base.id)} className="rounded-sm hover:underline">
              {base.name}
            </Link>
          </h3>
          <p className="text-xs text-muted-foreground">
            Created <time dateTime={base.createdAt.toISOString()}>{dateFormat.format(base.createdAt)}</time>
          </p>
        </div>
      </div>
      {canAlter ? (
        // <details> needs no JavaScript and is keyboard-operable: the edit controls stay out of the way until asked for.
        <details className="group mt-3">
          <summary
            className={cn(
              buttonVariants({ variant: "ghost", size: "sm" }),
              "-ml-2 cursor-pointer list-none text-muted-foreground [&::-webkit-details-marker]:hidden",
            )}
          >
            <Pencil aria-hidden />
            Edit<span className="sr-only"> {base.name}</span>
          </summary>
          <div className="mt-2 grid gap-3 border-t border-border pt-3">
            <ActionForm action={renameBaseAction} resetOnSuccess={false} className="grid gap-2">
              <input type="hidden" name="workspaceId" value={base.workspaceId} />
              <input type="hidden" name="baseId" value={base.id} />
              <div className="flex items-end gap-2">
                <TextField
                  name="name"
                  label={`Rename ${base.name}`}
                  defaultValue={base.name}
                  required
                  maxLength={100}
                  autoComplete="off"
                  className="flex-1"
                />
                <SubmitButton variant="outline">Save</SubmitButton>
              </div>
              <FormError />
            </ActionForm>
            <ActionForm action={deleteBaseAction} className="grid gap-2">
              <input type="hidden" name="workspaceId" value={base.workspaceId} />
              <input type="hidden" name="baseId" value={base.id} />
              <SubmitButton variant="destructive" size="sm" className="justify-self-start">
                Delete base<span className="sr-only"> {base.name}</span>
              </SubmitButton>
              <FormError />
            </ActionForm>
          </div>
        </details>
      ) : null}
    </article>
  );
}
