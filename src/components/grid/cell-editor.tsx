"use client";

import { useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Check, Plus } from "lucide-react";
import { AttachmentEditor } from "@/components/fields/attachment-editor";
import { isAttachment } from "@/components/fields/attachments";
import { type Named, useEditorEnv } from "@/components/fields/editor-env";
import { RatingEditor } from "@/components/fields/rating-editor";
import { RecordPicker } from "@/components/fields/record-picker";
import { cn } from "@/lib/utils";
import { type EditorKind, editText, type GridField, valueFromCellText } from "./cell-values";
import type { Direction } from "./grid-keys";
import { handlePickerBlur, handlePickerKey, type PickerControls } from "@/components/fields/picker-keys";

export type CellEditorProps = {
  field: GridField;
  kind: EditorKind;
  value: unknown;
  /** A typed character that replaces the value; undefined when opened with Enter. */
  initial?: string;
  /** Saves a value, then moves the active cell (null: stays). */
  onCommit: (value: unknown, move: Direction | null) => void;
  onCancel: () => void;
  /** Tab moves left with Shift. */
  onTab?: (back: boolean) => void;
};

/**
 * The editor a cell opens, by its field's type (the grid and the record
 * dialog use the same ones). Keys it handles never reach the grid. A
 * checkbox has none: the grid toggles it.
 */
export function CellEditor(props: CellEditorProps) {
  switch (props.kind) {
    case "select":
      return <ChoiceEditor {...props} multiple={false} />;
    case "multiselect":
      return <ChoiceEditor {...props} multiple />;
    case "rating":
      return (
        <RatingEditor
          label={props.field.name}
          value={props.value}
          max={(props.field.options as { max?: number } | undefined)?.max ?? 5}
          initial={props.initial}
          onCommit={props.onCommit}
          onCancel={props.onCancel}
        />
      );
    case "user":
      return <UserEditor {...props} />;
    case "link":
      return <LinkEditor {...props} />;
    case "attachment":
      return (
        <AttachmentEditor
          label={props.field.name}
          value={Array.isArray(props.value) ? props.value.filter(isAttachment) : []}
          onCommit={(files) => props.onCommit(files.length > 0 ? files : null, null)}
          onCancel={props.onCancel}
        />
      );
    default:
      return <TextEditor {...props} />;
  }
}

const namedIn = (value: unknown): Named[] =>
  Array.isArray(value)
    ? value.flatMap((item: { id?: unknown; name?: unknown }) => (typeof item?.id === "string" ? [{ id: item.id, name: typeof item.name === "string" && item.name !== "" ? item.name : item.id }] : []))
    : [];

const pickerBox = "w-72 max-w-[80vw]";

function UserEditor({ field, value, initial, onCommit, onCancel }: CellEditorProps) {
  const env = useEditorEnv();
  const multiple = (field.options as { multiple?: boolean } | undefined)?.multiple === true;
  const search = async (query: string) => {
    const needle = query.trim().toLowerCase();
    return (await env.members()).filter((m) => m.name.toLowerCase().includes(needle));
  };
  return (
    <RecordPicker
      className={pickerBox}
      label={field.name}
      value={namedIn(value)}
      multiple={multiple}
      initial={initial}
      search={search}
      noun="member"
      onCommit={(picked, move) => onCommit(picked.length > 0 ? picked : null, move)}
      onCancel={onCancel}
    />
  );
}

function LinkEditor({ field, value, initial, onCommit, onCancel }: CellEditorProps) {
  const env = useEditorEnv();
  const options = field.options as { tableId?: string; multiple?: boolean } | undefined;
  const linked = options?.tableId ?? "";
  return (
    <RecordPicker
      className={pickerBox}
      label={field.name}
      value={namedIn(value)}
      // Links are multiple unless the field says otherwise (the type's default).
      multiple={options?.multiple !== false}
      initial={initial}
      search={(query) => env.searchRows(linked, query)}
      noun="record"
      onCommit={(picked, move) => onCommit(picked, move)}
      onCancel={onCancel}
    />
  );
}

const editorBox = "rounded-sm border-2 border-primary bg-background shadow-lg";

function TextEditor({ field, kind, value, initial, onCommit, onCancel }: CellEditorProps) {
  const [text, setText] = useState(() => initial ?? editText(field, value));
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const errorId = useId();
  const done = useRef(false);

  // Before the next key arrives: typing on after the key that opened the editor lands in it.
  useLayoutEffect(() => {
    const input = ref.current;
    if (!input) return;
    input.focus();
    // The caret after the text, as when typing into a spreadsheet cell.
    input.setSelectionRange?.(input.value.length, input.value.length);
  }, []);

  function commit(move: Direction | null): boolean {
    const parsed = valueFromCellText(field, text, true);
    if (!parsed.ok) {
      // What was typed stays in the editor with the reason; nothing is lost.
      setError(parsed.error);
      ref.current?.focus();
      return false;
    }
    done.current = true;
    onCommit(parsed.value, move);
    return true;
  }

  function onKeyDown(event: React.KeyboardEvent) {
    event.stopPropagation();
    if (event.key === "Escape") {
      event.preventDefault();
      done.current = true;
      onCancel();
    } else if (event.key === "Enter" && !(kind === "textarea" && (event.shiftKey || event.altKey))) {
      event.preventDefault();
      commit(event.shiftKey ? "up" : "down");
    } else if (event.key === "Tab") {
      event.preventDefault();
      commit(event.shiftKey ? "left" : "right");
    }
  }

  const common = {
    ref,
    value: text,
    "aria-label": field.name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setText(event.target.value);
      setError(null);
    },
    onKeyDown,
    // Clicking elsewhere saves, as in a spreadsheet; a value that cannot be saved keeps the editor open.
    onBlur: (event: React.FocusEvent) => {
      if (done.current || event.currentTarget.parentElement?.contains(event.relatedTarget as Node | null)) return;
      commit(null);
    },
    className: "w-full bg-transparent px-2 outline-none",
  };

  return (
    <div className={cn(editorBox, "flex min-h-full flex-col")}>
      {kind === "textarea" ? (
        <textarea {...common} rows={4} className={cn(common.className, "resize-none py-1.5")} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={kind === "number" ? "decimal" : undefined}
          placeholder={kind === "date" ? "YYYY-MM-DD" : kind === "datetime" ? "YYYY-MM-DD HH:mm" : undefined}
          className={cn(common.className, "h-[calc(var(--row-height)-4px)]")}
        />
      )}
      {kind === "date" || kind === "datetime" ? (
        <label className="flex items-center gap-2 border-t border-border px-2 py-1 text-xs text-muted-foreground">
          Pick
          <input
            type={kind === "date" ? "date" : "datetime-local"}
            className="min-w-0 flex-1 bg-transparent text-foreground"
            value={kind === "date" ? (/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : "") : text.replace(" ", "T")}
            onKeyDown={(event) => {
              event.stopPropagation();
              if (event.key === "Escape") onCancel();
              if (event.key === "Enter") commit("down");
            }}
            onChange={(event) => {
              setText(kind === "date" ? event.target.value : event.target.value.replace("T", " "));
              setError(null);
            }}
            onBlur={common.onBlur}
          />
        </label>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="border-t border-destructive/40 bg-destructive/10 px-2 py-1 text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Choice = { name: string; color?: string };

function ChoiceEditor({ field, value, initial, onCommit, onCancel, multiple }: CellEditorProps & { multiple: boolean }) {
  const { createChoice } = useEditorEnv();
  // Choices created here: the field's options reach the grid again only when the page is read anew.
  const [created, setCreated] = useState<string[]>([]);
  const choices = useMemo(
    () => [...((field.options as { choices?: Choice[] } | undefined)?.choices ?? []).map((c) => c.name), ...created].filter((name, i, all) => all.indexOf(name) === i),
    [field.options, created],
  );
  const [filter, setFilter] = useState(initial ?? "");
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>(() =>
    multiple ? (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []) : typeof value === "string" ? [value] : [],
  );
  const shown = choices.filter((name) => name.toLowerCase().includes(filter.trim().toLowerCase()));
  const [highlight, setHighlight] = useState(() => Math.max(0, multiple || initial ? 0 : shown.indexOf(picked[0] ?? "")));
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  const typed = filter.trim();
  // A name no choice has (case aside) may become one, for those who may alter the table.
  const offerCreate = createChoice !== undefined && typed !== "" && !choices.some((name) => name.toLowerCase() === typed.toLowerCase());
  const createIndex = offerCreate ? shown.length : -1;
  const lastIndex = shown.length - (offerCreate ? 0 : 1);
  const onCreate = highlight >= shown.length && offerCreate;
  const active = onCreate ? undefined : shown[Math.min(highlight, shown.length - 1)];

  useLayoutEffect(() => inputRef.current?.focus(), []);

  async function create() {
    if (!createChoice || creating) return;
    const name = typed;
    setCreating(true);
    setCreateError(null);
    try {
      await createChoice(field, name);
    } catch (error) {
      // What was typed stays, with the reason.
      setCreateError(`The choice could not be created: ${error instanceof Error ? error.message : "try again"}`);
      setCreating(false);
      inputRef.current?.focus();
      return;
    }
    setCreating(false);
    setCreated((list) => [...list, name]);
    if (!multiple) return finish(name, "down");
    setPicked((list) => [...list, name]);
    setFilter("");
    setHighlight(0);
    inputRef.current?.focus();
  }

  const finish = (next: unknown, move: Direction | null) => {
    done.current = true;
    onCommit(next, move);
  };
  const toggle = (name: string) => setPicked((list) => (list.includes(name) ? list.filter((n) => n !== name) : [...list, name]));

  const controls: PickerControls = {
    multiple,
    lastIndex,
    setHighlight,
    canToggle: multiple && filter === "" && active !== undefined,
    toggleActive: () => active && toggle(active),
    save: (move) => finish(multiple ? picked : (picked[0] ?? null), move),
    cancel: () => {
      done.current = true;
      onCancel();
    },
  };

  function onKeyDown(event: React.KeyboardEvent) {
    if (handlePickerKey(event, controls)) return;
    switch (event.key) {
      case "Enter":
        event.preventDefault();
        if (onCreate) {
          void create();
          return;
        }
        if (!multiple) {
          // Enter picks the highlighted choice; with nothing matching the filter, it empties the cell only if the filter is empty.
          if (active) finish(active, "down");
          else if (filter.trim() === "") finish(null, "down");
          return;
        }
        if (filter !== "" && active) {
          toggle(active);
          setFilter("");
          setHighlight(0);
          return;
        }
        finish(picked, "down");
    }
  }

  return (
    <div
      className={cn(editorBox, "w-64 max-w-[80vw]")}
      onBlur={(event) => handlePickerBlur(event, done.current, controls)}
    >
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label={field.name}
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={onCreate ? `${listId}-create` : active ? `${listId}-${choices.indexOf(active)}` : undefined}
        aria-invalid={createError ? true : undefined}
        aria-autocomplete="list"
        value={filter}
        placeholder={multiple ? "Find a choice (Space or Enter picks)" : "Find a choice"}
        onChange={(event) => {
          setFilter(event.target.value);
          setHighlight(0);
          setCreateError(null);
        }}
        onKeyDown={onKeyDown}
        className="h-8 w-full border-b border-border bg-transparent px-2 text-sm outline-none"
      />
      <ul id={listId} role="listbox" aria-label={`Choices of ${field.name}`} aria-multiselectable={multiple || undefined} className="max-h-56 overflow-auto py-1">
        {shown.map((name) => {
          const selected = picked.includes(name);
          return (
            <li
              key={name}
              id={`${listId}-${choices.indexOf(name)}`}
              role="option"
              aria-selected={selected}
              className={cn("flex cursor-pointer items-center gap-2 px-2 py-1 text-sm", name === active && "bg-accent text-accent-foreground")}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => (multiple ? toggle(name) : finish(name, null))}
            >
              <Check aria-hidden className={cn("size-3.5 shrink-0", selected ? "opacity-100" : "opacity-0")} />
              <span className="truncate rounded-full bg-primary/10 px-2 py-0.5 text-xs font-medium text-primary">{name}</span>
            </li>
          );
        })}
        {offerCreate ? (
          <li
            id={`${listId}-create`}
            role="option"
            aria-selected={false}
            aria-disabled={creating || undefined}
            className={cn("flex cursor-pointer items-center gap-2 px-2 py-1 text-sm", createIndex === highlight && "bg-accent text-accent-foreground")}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => void create()}
          >
            <Plus aria-hidden className="size-3.5 shrink-0" />
            <span className="truncate">{creating ? `Creating “${typed}”…` : `Create choice “${typed}”`}</span>
          </li>
        ) : null}
        {shown.length === 0 && !offerCreate ? <li className="px-2 py-1 text-sm text-muted-foreground">No choice matches.</li> : null}
      </ul>
      {createError ? (
        <p role="alert" className="border-t border-destructive/40 bg-destructive/10 px-2 py-1 text-xs text-destructive">
          {createError}
        </p>
      ) : null}
      <div className="flex justify-between gap-2 border-t border-border px-2 py-1">
        <button
          type="button"
          className="text-xs text-muted-foreground hover:text-foreground"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => finish(multiple ? [] : null, null)}
        >
          Clear
        </button>
        {multiple ? (
          <button type="button" className="text-xs font-medium text-primary" onMouseDown={(event) => event.preventDefault()} onClick={() => finish(picked, null)}>
            Done
          </button>
        ) : null}
      </div>
    </div>
  );
}
