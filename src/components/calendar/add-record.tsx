"use client";

import { Plus } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { dayLabel } from "./calendar-days";

type AddRecordProps = {
  day: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Asks for a title when the primary field takes one (else the record is added with its date only). */
  titleFieldName: string | null;
  /** Creates the record; false when it failed (the form stays open with what was typed). */
  onAdd: (title: string) => Promise<boolean>;
};

/**
 * The day's "Add" button and the small form it opens (a click on the day's
 * empty space opens it too). What was typed survives a failed write and a
 * stray click outside; only Cancel or Escape discard it.
 */
export function AddRecord({ day, open, onOpenChange, titleFieldName, onAdd }: AddRecordProps) {
  const [title, setTitle] = useState("");
  const [saving, setSaving] = useState(false);
  const inputId = useId();
  const label = dayLabel(day);

  const close = () => {
    setTitle("");
    onOpenChange(false);
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      if (await onAdd(title.trim())) close();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popover open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <PopoverTrigger asChild>
        <button
          type="button"
          aria-label={`Add record on ${label}`}
          className="rounded p-0.5 text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <Plus aria-hidden className="size-3.5" />
        </button>
      </PopoverTrigger>
      <PopoverContent
        aria-label={`New record on ${label}`}
        onInteractOutside={(event) => {
          if (title.trim() !== "") event.preventDefault();
        }}
        className="w-72"
      >
        <form onSubmit={submit} className="grid gap-2">
          <p className="text-sm font-medium">New record on {label}</p>
          {titleFieldName && (
            <div className="grid gap-1">
              <label htmlFor={inputId} className="text-xs text-muted-foreground">
                {titleFieldName}
              </label>
              <Input id={inputId} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
            </div>
          )}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" size="sm" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={saving} autoFocus={!titleFieldName}>
              {saving ? "Adding…" : "Add record"}
            </Button>
          </div>
        </form>
      </PopoverContent>
    </Popover>
  );
}
