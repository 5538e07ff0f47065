import { CircleAlert } from "lucide-react";
import { FieldError } from "@/components/action-form/field-error";
import { cn } from "@/lib/utils";
import { clientError } from "@/trpc/client-error";
import { explainFailure } from "./failure-message";

/**
 * A failed connection or query: the plain sentence and what to check, then
 * the database's own message (adapters strip any password from it).
 */
export function FailureNotice({ reason, message, className }: { reason: unknown; message: string; className?: string }) {
  const { title, hint } = explainFailure(reason);
  return (
    <div role="alert" className={cn("grid gap-1 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm", className)}>
      <p className="flex items-start gap-1.5 font-medium text-destructive">
        <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        {title}
      </p>
      <p>{hint}</p>
      <p className="break-words text-muted-foreground">{message}</p>
    </div>
  );
}

/** A failed call: a connector's failure in plain words (its `reason`), anything else as the API said it. */
export function CallFailure({ error, what }: { error: unknown; what: string }) {
  const { message, details } = clientError(error);
  const reason = (details as { reason?: unknown } | undefined)?.reason;
  if (reason !== undefined) return <FailureNotice reason={reason} message={message} />;
  return (
    <div role="alert">
      <FieldError message={`${what}: ${message}`} />
    </div>
  );
}
