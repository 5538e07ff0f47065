"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { ChevronDown, ChevronUp, Pencil } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DialogContent, Dialog } from "@/components/ui/dialog";
import { FieldValue } from "@/components/fields/field-value";
import { fieldTypeLabel } from "@/components/fields/field-type-catalog";
import { rowLabel } from "@/components/fields/row-label";
import { CellEditor } from "@/components/grid/cell-editor";
import { copyText, editorKind, type GridField, sameValue } from "@/components/grid/cell-values";
import type { Conflict } from "@/components/grid/conflict-dialog";
import type { CellChange, WriteFailure } from "@/components/grid/grid-view";
import type { CachedRow } from "@/components/grid/page-cache";
import { AvatarList } from "@/components/realtime/presence-avatars";
import { useTableRealtime } from "@/components/realtime/table-realtime";
import { useTRPCClient } from "@/trpc/react";
import { RecordHistory } from "./record-history";

type RecordDialogProps = {
  workspaceId: string;
  table: { id: string; name: string; primaryFieldId: string | null; fields: GridField[] };
  rowId: string;
  /** The row as the grid holds it (with its optimistic values), when it does. */
  row: CachedRow | undefined;
  canWrite: boolean;
  /** audit.read: the history is shown. */
  canReadHistory: boolean;
  /** The grid's compare-and-set write: the cells change at once and go back on a refusal, reported here. */
  write: (changes: CellChange[], options: { record?: boolean; onFailure: (failure: WriteFailure) => void }) => Promise<boolean>;
  /** The row read whole (hidden fields too), for the grid to hold. */
  onRowLoaded: (row: CachedRow) => void;
  /** The record above or below in the grid, when there is one. */
  onStep?: (by: -1 | 1) => void;
  canStep: { prev: boolean; next: boolean };
  onClose: () => void;
  /** Where focus goes once the dialog is gone (the grid's cell). */
  returnFocus: () => void;
};

type Problem = { kind: "conflict"; conflict: Conflict } | { kind: "error"; text: string };

const describe = (field: GridField | undefined, value: unknown) => {
  const text = field ? copyText(field, value) : "";
  return text === "" ? "(empty)" : text;
};

/**
 * A row expanded: every field the reader may see, each edited with the
 * grid's own editors and saved through the grid's write (so the cell
 * behind changes too, and undo knows it). A refused save is shown here:
 * a conflict with the other value, to keep or take. Below: a comments
 * placeholder and the row's history with revert.
 */
export function RecordDialog({ workspaceId, table, rowId, row, canWrite, canReadHistory, write, onRowLoaded, onStep, canStep, onClose, returnFocus }: RecordDialogProps) {
  const client = useTRPCClient();
  const [full, setFull] = useState<CachedRow | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const headingId = useId();
  // Who has this record open is shared by its id, and those who have it open too are shown.
  const { others, share } = useTableRealtime();
  useEffect(() => {
    share({ record: rowId });
    return () => share({ record: null });
  }, [share, rowId]);
  const alsoOpen = others.filter((person) => person.record === rowId);

  const reload = useCallback(async () => {
    try {
      const fresh = (await client.row.get.query({ tableId: table.id, rowId, fieldKey: "id" })) as CachedRow;
      setFull(fresh);
      setLoadError(null);
      onRowLoaded(fresh);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : "The record could not be read");
    }
  }, [client, table.id, rowId, onRowLoaded]);

  useEffect(() => {
    setFull(null);
    setEditing(null);
    setProblem(null);
    void reload();
  }, [reload]);

  // The grid's row first: it carries optimistic values and rollbacks. Fields it lacks (hidden in the view) come from the row read here.
  const valueOf = (field: GridField) => (row && field.id in row.fields ? row.fields[field.id] : full?.fields[field.id]) ?? null;
  const current = row ?? full;
  const title = current ? rowLabel({ id: rowId, fields: { ...full?.fields, ...row?.fields } }, table.primaryFieldId) : "Record";
  const byId = new Map(table.fields.map((f) => [f.id, f]));

  const report = (failure: WriteFailure) =>
    setProblem(failure.kind === "conflict" ? { kind: "conflict", conflict: failure.conflict } : { kind: "error", text: `Not saved (${failure.message}); the field shows its saved value again.` });

  const save = (field: GridField, value: unknown) => {
    setEditing(null);
    const shown = valueOf(field);
    if (sameValue(value, shown)) return;
    setProblem(null);
    // A row the grid no longer holds (filtered out, scrolled far away) is read again to show the saved value.
    void write([{ rowId, fieldId: field.id, value, expected: shown }], { onFailure: report }).then((ok) => {
      if (ok && !row) void reload();
    });
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={title}
        description={`A record of ${table.name}`}
        className="max-w-2xl"
        // Escape in a field's editor cancels that edit, not the whole record.
        onEscapeKeyDown={(event) => editing && event.preventDefault()}
        // Back to the record's cell, not to the gutter button that may have opened it (and is gone by then).
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          returnFocus();
        }}
      >
        <AvatarList people={alsoOpen} label="Also on this record" describe={() => "has this record open"} />
        {onStep ? (
          <nav aria-label="Records" className="-mt-2 flex gap-1">
            <Button type="button" variant="outline" size="sm" disabled={!canStep.prev} onClick={() => onStep(-1)}>
              <ChevronUp aria-hidden />
              Previous record
            </Button>
            <Button type="button" variant="outline" size="sm" disabled={!canStep.next} onClick={() => onStep(1)}>
              <ChevronDown aria-hidden />
              Next record
            </Button>
          </nav>
        ) : null}

        {loadError ? (
          <p role="alert" className="text-sm text-destructive">
            The record could not be read: {loadError}
          </p>
        ) : null}

        {problem?.kind === "error" ? (
          <div role="alert" className="flex items-start justify-between gap-3 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
            <span>{problem.text}</span>
            <button type="button" className="shrink-0 underline underline-offset-2" onClick={() => setProblem(null)}>
              Dismiss
            </button>
          </div>
        ) : null}
        {problem?.kind === "conflict" ? (
          <section role="alert" aria-label="Changed by someone else" className="grid gap-2 rounded-md border border-amber-500/50 bg-amber-500/10 p-3 text-sm">
            <h3 className="font-semibold">Someone else changed {problem.conflict.changes.length === 1 ? "this field" : "these fields"} first</h3>
            <ul className="grid gap-1">
              {problem.conflict.changes.map((change) => {
                const field = byId.get(change.fieldId);
                return (
                  <li key={change.fieldId}>
                    <span className="font-medium">{field?.name ?? "Field"}</span>: now <span className="font-mono">{describe(field, change.theirs)}</span>, yours{" "}
                    <span className="font-mono">{describe(field, change.value)}</span>
                  </li>
                );
              })}
            </ul>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="outline" size="sm" onClick={() => setProblem(null)}>
                Take theirs
              </Button>
              <Button
                type="button"
                size="sm"
                onClick={() => {
                  const { changes, record } = problem.conflict;
                  setProblem(null);
                  // Written over the value now there: that is what the server compares against.
                  void write(
                    changes.map(({ theirs, ...change }) => ({ ...change, expected: theirs })),
                    { record, onFailure: report },
                  );
                }}
              >
                Keep mine
              </Button>
            </div>
          </section>
        ) : null}

        <section aria-labelledby={`${headingId}-fields`} className="grid gap-1">
          <h3 id={`${headingId}-fields`} className="sr-only">
            Fields
          </h3>
          {current ? (
            <dl className="grid gap-3">
              {table.fields.map((field) => (
                <RecordField
                  key={field.id}
                  field={field}
                  value={valueOf(field)}
                  canWrite={canWrite}
                  editing={editing === field.id}
                  onEdit={() => setEditing(field.id)}
                  onCancel={() => setEditing(null)}
                  onSave={(value) => save(field, value)}
                />
              ))}
            </dl>
          ) : loadError ? null : (
            <p className="text-sm text-muted-foreground">Reading the record…</p>
          )}
        </section>

        <section aria-labelledby={`${headingId}-comments`} className="grid gap-1 border-t border-border pt-3">
          <h3 id={`${headingId}-comments`} className="text-sm font-semibold">
            Comments — coming soon
          </h3>
          <p className="text-sm text-muted-foreground">Comments on records are not available yet.</p>
        </section>

        <section aria-labelledby={`${headingId}-history`} className="grid gap-2 border-t border-border pt-3">
          <h3 id={`${headingId}-history`} className="text-sm font-semibold">
            History
          </h3>
          {canReadHistory ? (
            <RecordHistory
              workspaceId={workspaceId}
              tableId={table.id}
              rowId={rowId}
              version={current?.version}
              fields={table.fields}
              canRevert={canWrite}
              onReverted={reload}
            />
          ) : (
            <p className="text-sm text-muted-foreground">A record&apos;s history is shown to the workspace&apos;s admins and owners.</p>
          )}
        </section>
      </DialogContent>
    </Dialog>
  );
}

function RecordField({
  field,
  value,
  canWrite,
  editing,
  onEdit,
  onCancel,
  onSave,
}: {
  field: GridField;
  value: unknown;
  canWrite: boolean;
  editing: boolean;
  onEdit: () => void;
  onCancel: () => void;
  onSave: (value: unknown) => void;
}) {
  const kind = canWrite ? editorKind(field) : null;
  const labelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // An edit saved or cancelled hands focus back to the field it was in.
  useEffect(() => {
    if (wasEditing.current && !editing) button.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const empty = value === null || (Array.isArray(value) && value.length === 0) || value === "";
  return (
    <div className="grid gap-1 sm:grid-cols-[10rem_minmax(0,1fr)] sm:items-start sm:gap-3">
      <dt id={labelId} className="pt-1.5 text-sm font-medium break-words">
        {field.name}
        <span className="block text-xs font-normal text-muted-foreground">
          {fieldTypeLabel(field.type)}
          {kind === null ? (field.readOnly || !canWrite ? " · read-only" : " · computed") : null}
        </span>
      </dt>
      <dd className="min-w-0" style={{ "--row-height": "2.25rem" } as React.CSSProperties}>
        {kind === "checkbox" ? (
          <label className="flex h-9 items-center gap-2 text-sm">
            <Checkbox aria-labelledby={labelId} checked={value === true} onChange={(event) => onSave(event.target.checked)} />
            {value === true ? "Yes" : "No"}
          </label>
        ) : editing && kind ? (
          <CellEditor field={field} kind={kind} value={value} onCommit={(next) => onSave(next)} onCancel={onCancel} />
        ) : kind ? (
          <button
            ref={button}
            type="button"
            aria-labelledby={labelId}
            aria-describedby={`${labelId}-value`}
            onClick={onEdit}
            className="group flex min-h-9 w-full items-center justify-between gap-2 rounded-md border border-border px-2 py-1.5 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
          >
            <span id={`${labelId}-value`} className="min-w-0 break-words whitespace-pre-wrap">
              {empty ? <span className="text-muted-foreground">Empty</span> : <FieldValue field={field} value={value} />}
            </span>
            <Pencil aria-hidden className="size-3.5 shrink-0 text-muted-foreground opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100" />
          </button>
        ) : (
          <div aria-labelledby={labelId} className="min-h-9 px-2 py-1.5 text-sm break-words">
            {empty ? <span className="text-muted-foreground">Empty</span> : <FieldValue field={field} value={value} />}
          </div>
        )}
      </dd>
    </div>
  );
}
