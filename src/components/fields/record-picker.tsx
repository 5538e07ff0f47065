"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { Check, LoaderCircle, X } from "lucide-react";
import { cn } from "@/lib/utils";
import type { Named } from "./editor-env";
import { handlePickerBlur, handlePickerKey, type PickerControls, type PickerMove } from "./picker-keys";


export type RecordPickerProps = {
  /** The field's name: the combobox's label. */
  label: string;
  value: readonly Named[];
  multiple: boolean;
  /** A typed character the search starts with. */
  initial?: string;
  /** What may be picked for a search text; "" lists the first ones. */
  search: (query: string) => Promise<Named[]>;
  /** What is picked, in words: "member", "record". */
  noun: string;
  onCommit: (picked: Named[], move: PickerMove | null) => void;
  onCancel: () => void;
  className?: string;
};

/** `query`: what the items were found for (the text may have changed since). */
type Results = { status: "loading" } | { status: "ready"; items: Named[]; query: string } | { status: "failed"; error: string };

// Long enough to let a word be typed, short enough to feel immediate.
const SEARCH_DELAY_MS = 150;

/**
 * A combobox picking members or rows: what is picked shown as removable
 * chips, a search below listing what matches. Single: Enter picks and saves.
 * Multiple: Enter (or Space with no search) adds or removes the highlighted
 * one, Enter with no search saves, Backspace with no search removes the
 * last. Escape cancels, Tab saves and moves on.
 */
export function RecordPicker({ label, value, multiple, initial, search, noun, onCommit, onCancel, className }: RecordPickerProps) {
  const [query, setQuery] = useState(initial ?? "");
  const [picked, setPicked] = useState<Named[]>(() => [...value]);
  const [results, setResults] = useState<Results>({ status: "loading" });
  const [highlight, setHighlight] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  /** Enter pressed while a search was on its way: it picks once the answer is in. */
  const enterQueued = useRef<"down" | null>(null);
  const listId = useId();
  const searchRef = useRef(search);
  searchRef.current = search;

  useLayoutEffect(() => inputRef.current?.focus(), []);

  useEffect(() => {
    let stale = false;
    setResults((r) => (r.status === "ready" ? r : { status: "loading" }));
    const timer = setTimeout(() => {
      searchRef.current(query).then(
        (items) => {
          if (stale) return;
          setResults({ status: "ready", items, query });
          // Single: the current pick highlighted, so Enter keeps it.
          const at = multiple || query !== "" ? 0 : items.findIndex((item) => item.id === picked[0]?.id);
          setHighlight(Math.max(0, at));
        },
        (error: unknown) => !stale && setResults({ status: "failed", error: error instanceof Error ? error.message : "The search failed" }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // `picked` only places the first highlight; a new pick does not search again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, multiple]);

  const items = results.status === "ready" ? results.items : [];
  const fresh = results.status === "ready" && results.query === query;
  const active = items[Math.min(highlight, items.length - 1)];
  const isPicked = (item: Named) => picked.some((p) => p.id === item.id);

  const finish = (next: Named[], move: PickerMove | null) => {
    done.current = true;
    onCommit(next, move);
  };
  const toggle = (item: Named) => setPicked((list) => (list.some((p) => p.id === item.id) ? list.filter((p) => p.id !== item.id) : [...list, item]));
  const choose = (item: Named) => {
    if (!multiple) return finish([item], null);
    toggle(item);
    setQuery("");
    inputRef.current?.focus();
  };

  const pickActive = () => {
    if (!active) return;
    if (multiple) choose(active);
    else finish([active], "down");
  };
  useEffect(() => {
    if (enterQueued.current === null || !fresh) return;
    enterQueued.current = null;
    pickActive();
  });

  const cancel = () => {
    done.current = true;
    onCancel();
  };
  const controls: PickerControls = {
    multiple,
    lastIndex: items.length - 1,
    setHighlight,
    canToggle: multiple && query === "" && active !== undefined,
    toggleActive: () => active && toggle(active),
    save: (move) => finish(picked, move),
    cancel,
  };

  function onKeyDown(event: React.KeyboardEvent) {
    if (handlePickerKey(event, controls)) return;
    switch (event.key) {
      case "Backspace":
        if (multiple && query === "" && picked.length > 0) {
          event.preventDefault();
          setPicked((list) => list.slice(0, -1));
        }
        return;
      case "Enter":
        event.preventDefault();
        if (multiple && query === "") return finish(picked, "down");
        if (!multiple && !active && query === "") return finish([], "down");
        // While a search is on its way, Enter waits for its answer rather than picking from the one before.
        if (fresh) pickActive();
        else enterQueued.current = "down";
    }
  }

  return (
    <div
      className={cn("rounded-sm border-2 border-primary bg-background shadow-lg", className)}
      onBlur={(event) => handlePickerBlur(event, done.current, controls)}
    >
      {picked.length > 0 ? (
        <ul aria-label={`Picked for ${label}`} className="flex flex-wrap gap-1 border-b border-border p-1.5">
          {picked.map((item) => (
            <li key={item.id} className="flex max-w-full items-center gap-0.5 rounded-full bg-primary/10 py-0.5 pr-0.5 pl-2 text-xs font-medium text-primary">
              <span className="truncate">{item.name}</span>
              <button
                type="button"
                aria-label={`Remove ${item.name}`}
                className="rounded-full p-0.5 hover:bg-primary/20 focus-visible:outline-2 focus-visible:outline-ring"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => (multiple ? toggle(item) : finish([], null))}
              >
                <X aria-hidden className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={active ? `${listId}-${active.id}` : undefined}
        aria-autocomplete="list"
        aria-busy={results.status === "loading" || undefined}
        value={query}
        placeholder={`Find a ${noun}`}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        className="h-8 w-full border-b border-border bg-transparent px-2 text-sm outline-none"
      />
      <ul id={listId} role="listbox" aria-label={`${label}: ${noun}s`} aria-multiselectable={multiple || undefined} className="max-h-56 overflow-auto py-1">
        {items.map((item) => (
          <li
            key={item.id}
            id={`${listId}-${item.id}`}
            role="option"
            aria-selected={isPicked(item)}
            className={cn("flex cursor-pointer items-center gap-2 px-2 py-1 text-sm", item === active && "bg-accent text-accent-foreground")}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(item)}
          >
            <Check aria-hidden className={cn("size-3.5 shrink-0", isPicked(item) ? "opacity-100" : "opacity-0")} />
            <span className="truncate">{item.name}</span>
          </li>
        ))}
      </ul>
      <div role="status" className="px-2 text-xs text-muted-foreground empty:hidden">
        {results.status === "loading" ? (
          <span className="flex items-center gap-1 py-1">
            <LoaderCircle aria-hidden className="size-3 animate-spin" />
            Searching…
          </span>
        ) : results.status === "failed" ? (
          <span className="block py-1 text-destructive">{results.error}</span>
        ) : items.length === 0 ? (
          <span className="block py-1">No {noun} matches.</span>
        ) : null}
      </div>
      <div className="flex justify-between gap-2 border-t border-border px-2 py-1">
        <button
          type="button"
          className="text-xs text-muted-foreground hover:text-foreground"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => finish([], null)}
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
