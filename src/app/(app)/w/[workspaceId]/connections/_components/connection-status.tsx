import { cn } from "@/lib/utils";
import type { ConnectionSummary } from "@/components/connections/connection-types";

const labels: Record<ConnectionSummary["status"], string> = { ok: "Connected", error: "Failing", untested: "Not tested" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** The outcome of the connection's last use: its status, the error it ended with, and when. */
export function ConnectionStatus({ connection }: { connection: ConnectionSummary }) {
  return (
    <div className="grid gap-1 text-sm">
      <span
        className={cn(
          "inline-flex w-fit items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium",
          connection.status === "ok" && "border-green-700/30 bg-green-700/10 text-green-800",
          connection.status === "error" && "border-destructive/30 bg-destructive/10 text-destructive",
          connection.status === "untested" && "border-border bg-muted text-muted-foreground",
        )}
      >
        <span aria-hidden className="size-1.5 rounded-full bg-current" />
        {labels[connection.status]}
      </span>
      {connection.lastError ? <span className="break-words text-destructive">{connection.lastError}</span> : null}
      {connection.lastCheckedAt ? (
        <span className="text-xs text-muted-foreground">
          Checked <time dateTime={connection.lastCheckedAt}>{dateFormat.format(new Date(connection.lastCheckedAt))}</time>
        </span>
      ) : null}
    </div>
  );
}
