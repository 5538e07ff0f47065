"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { copyText, type GridField } from "./cell-values";
import type { CellChange } from "./grid-view";

/** Cells someone else changed first: what each person wrote. */
export type Conflict = { changes: Array<CellChange & { theirs: unknown }>; record: boolean };

const shown = (field: GridField | undefined, value: unknown) => {
  const text = field ? copyText(field, value) : String(value ?? "");
  return text === "" ? "(empty)" : text;
};

/**
 * A write refused because the cells changed meanwhile. The grid already
 * shows the other value; "Keep mine" writes this person's again over it
 * (compared against the value now there), "Take theirs" leaves it.
 */
export function ConflictDialog({
  conflict,
  fields,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: Conflict;
  fields: GridField[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const titleId = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const byId = new Map(fields.map((f) => [f.id, f]));
  const differing = conflict.changes.filter((c) => shown(byId.get(c.fieldId), c.theirs) !== shown(byId.get(c.fieldId), c.expected));
  const listed = (differing.length ? differing : conflict.changes).slice(0, 8);

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/30 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="grid w-full max-w-lg gap-4 rounded-lg border border-border bg-background p-5 shadow-xl"
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onTakeTheirs();
          }
        }}
      >
        <h2 id={titleId} className="text-base font-semibold">
          Someone else changed {listed.length === 1 ? "this cell" : "these cells"} first
        </h2>
        <ul className="grid gap-2 text-sm">
          {listed.map((change) => {
            const field = byId.get(change.fieldId);
            return (
              <li key={`${change.rowId}:${change.fieldId}`} className="grid gap-1 rounded-md border border-border p-2">
                <span className="font-medium">{field?.name ?? "Field"}</span>
                <span>
                  Now: <span className="font-mono">{shown(field, change.theirs)}</span>
                </span>
                <span>
                  Yours: <span className="font-mono">{shown(field, change.value)}</span>
                </span>
              </li>
            );
          })}
          {conflict.changes.length > listed.length ? <li className="text-muted-foreground">and {conflict.changes.length - listed.length} more</li> : null}
        </ul>
        <p className="text-sm text-muted-foreground">Nothing of yours was saved yet. Keep your value to write it over theirs, or take theirs.</p>
        <div className="flex justify-end gap-2">
          <Button ref={first} type="button" variant="outline" onClick={onTakeTheirs}>
            Take theirs
          </Button>
          <Button type="button" onClick={onKeepMine}>
            Keep mine
          </Button>
        </div>
      </div>
    </div>
  );
}
