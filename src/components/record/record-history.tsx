"use client";

import { formatDistanceToNow } from "date-fns";
import { useCallback, useEffect, useState } from "react";
import { Undo2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useEditorEnv } from "@/components/fields/editor-env";
import { copyText, type GridField } from "@/components/grid/cell-values";
import { useTRPCClient } from "@/trpc/react";
import { clientError } from "@/trpc/client-error";

type Entry = { id: string; at: Date; userId: string | null; action: string; before: unknown; after: unknown };
type Loaded = { status: "loading" } | { status: "ready"; entries: Entry[] } | { status: "failed"; error: string };
type Outcome = { entryId: string; kind: "done" | "error"; text: string };

const actionWords: Record<string, string> = { "row.create": "created the record", "row.update": "changed", "row.delete": "deleted the record" };

/** Why a revert was refused, in words: the server's own message says what changed since. */
function refusal(error: unknown): string {
  const { code, message } = clientError(error);
  return code === "FORBIDDEN" ? "You may not revert this change." : message;
}

const shown = (field: GridField | undefined, value: unknown) => {
  const text = field ? copyText(field, value) : "";
  return text === "" ? "(empty)" : text;
};

/**
 * A record's history from the audit log, newest first: who changed which
 * fields from what to what, and when, each change with a Revert. Reverting
 * is itself a change; `version` moving on (an edit, a revert) reads the
 * history again.
 */
export function RecordHistory({
  workspaceId,
  tableId,
  rowId,
  version,
  fields,
  canRevert,
  onReverted,
}: {
  workspaceId: string;
  tableId: string;
  rowId: string;
  version: number | undefined;
  fields: readonly GridField[];
  canRevert: boolean;
  onReverted: () => Promise<void>;
}) {
  const client = useTRPCClient();
  const env = useEditorEnv();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [reverting, setReverting] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const byId = new Map(fields.map((f) => [f.id, f]));

  const load = useCallback(async () => {
    try {
      const { entries } = await client.audit.list.query({ workspaceId, resourceType: "row", resourceId: `${tableId}:${rowId}`, limit: 50 });
      setLoaded({ status: "ready", entries });
    } catch (error) {
      setLoaded({ status: "failed", error: error instanceof Error ? error.message : "The history could not be read" });
    }
  }, [client, workspaceId, tableId, rowId]);

  useEffect(() => {
    void load();
  }, [load, version]);

  useEffect(() => {
    env.members().then(
      (members) => setNames(new Map(members.map((m) => [m.id, m.name]))),
      // Without the members, entries name people as "Someone"; the history itself still shows.
      () => undefined,
    );
  }, [env]);

  async function revert(entry: Entry) {
    setReverting(entry.id);
    setOutcome(null);
    try {
      await client.audit.revert.mutate({ auditEntryId: entry.id });
      await onReverted();
      await load();
      setOutcome({ entryId: entry.id, kind: "done", text: "Reverted." });
    } catch (error) {
      setOutcome({ entryId: entry.id, kind: "error", text: refusal(error) });
    } finally {
      setReverting(null);
    }
  }

  if (loaded.status === "loading") return <p className="text-sm text-muted-foreground">Reading the history…</p>;
  if (loaded.status === "failed") return <p role="alert" className="text-sm text-destructive">The history could not be read: {loaded.error}</p>;
  if (loaded.entries.length === 0) return <p className="text-sm text-muted-foreground">No changes recorded yet.</p>;

  return (
    <ol aria-label="Changes, newest first" className="grid gap-2">
      {loaded.entries.map((entry) => {
        const who = entry.userId ? (names.get(entry.userId) ?? "A former member") : "An API token";
        const at = new Date(entry.at);
        const changed = entry.action === "row.update" ? Object.keys((entry.after ?? {}) as object) : [];
        const before = (entry.before ?? {}) as Record<string, unknown>;
        const after = (entry.after ?? {}) as Record<string, unknown>;
        return (
          <li key={entry.id} aria-label={`${who} ${actionWords[entry.action] ?? entry.action}`} className="grid gap-1 rounded-md border border-border p-2 text-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span>
                <span className="font-medium">{who}</span> {actionWords[entry.action] ?? entry.action}
              </span>
              <time dateTime={at.toISOString()} title={at.toLocaleString()} className="text-xs text-muted-foreground">
                {formatDistanceToNow(at, { addSuffix: true })}
              </time>
            </div>
            {changed.length > 0 ? (
              <ul className="grid gap-0.5">
                {changed.map((fieldId) => {
                  const field = byId.get(fieldId);
                  return (
                    <li key={fieldId} className="break-words">
                      <span className="text-muted-foreground">{field?.name ?? "A field you cannot see"}:</span> <del className="text-muted-foreground">{shown(field, before[fieldId])}</del>{" "}
                      → <ins className="no-underline">{shown(field, after[fieldId])}</ins>
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {canRevert && entry.action === "row.update" ? (
              <div className="flex flex-wrap items-center gap-2">
                <Button type="button" variant="outline" size="sm" disabled={reverting !== null} onClick={() => void revert(entry)}>
                  <Undo2 aria-hidden />
                  {reverting === entry.id ? "Reverting…" : "Revert"}
                  <span className="sr-only"> this change</span>
                </Button>
                {outcome?.entryId === entry.id ? (
                  <span role={outcome.kind === "error" ? "alert" : "status"} className={outcome.kind === "error" ? "text-destructive" : "text-muted-foreground"}>
                    {outcome.text}
                  </span>
                ) : null}
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
