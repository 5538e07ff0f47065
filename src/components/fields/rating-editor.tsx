"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { Star } from "lucide-react";
import { cn } from "@/lib/utils";
import type { PickerMove } from "./picker-keys";

type RatingEditorProps = {
  label: string;
  value: unknown;
  max: number;
  /** A typed digit the rating starts at. */
  initial?: string;
  onCommit: (value: number | null, move: PickerMove | null) => void;
  onCancel: () => void;
};

const clampTo = (n: number, max: number) => Math.max(0, Math.min(max, n));

/**
 * Stars to click, or keys: arrows change the rating by one, a digit sets it,
 * Delete empties it, Enter saves, Escape cancels. No stars saves as empty.
 */
export function RatingEditor({ label, value, max, initial, onCommit, onCancel }: RatingEditorProps) {
  const typed = initial !== undefined && /^\d$/.test(initial) ? clampTo(Number(initial), max) : undefined;
  const [rating, setRating] = useState(() => typed ?? (typeof value === "number" ? clampTo(value, max) : 0));
  const ref = useRef<HTMLDivElement>(null);
  const done = useRef(false);

  useLayoutEffect(() => ref.current?.focus(), []);

  const finish = (n: number, move: PickerMove | null) => {
    done.current = true;
    onCommit(n === 0 ? null : n, move);
  };

  function onKeyDown(event: React.KeyboardEvent) {
    event.stopPropagation();
    const key = event.key;
    if (key === "Escape") {
      done.current = true;
      onCancel();
    } else if (key === "Enter") finish(rating, event.shiftKey ? "up" : "down");
    else if (key === "Tab") finish(rating, event.shiftKey ? "left" : "right");
    else if (key === "ArrowRight" || key === "ArrowUp") setRating((r) => clampTo(r + 1, max));
    else if (key === "ArrowLeft" || key === "ArrowDown") setRating((r) => clampTo(r - 1, max));
    else if (key === "Home" || key === "Delete" || key === "Backspace") setRating(0);
    else if (key === "End") setRating(max);
    else if (/^\d$/.test(key)) setRating(clampTo(Number(key), max));
    else return;
    event.preventDefault();
  }

  return (
    <div
      ref={ref}
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={rating}
      aria-valuetext={rating === 0 ? "No rating" : `${rating} of ${max}`}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (done.current || event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        finish(rating, null);
      }}
      className="flex h-[calc(var(--row-height,2rem)-4px)] items-center gap-0.5 rounded-sm border-2 border-primary bg-background px-2 shadow-lg outline-none"
    >
      {Array.from({ length: max }, (_, i) => (
        <button
          key={i}
          type="button"
          tabIndex={-1}
          aria-label={`${i + 1} of ${max}`}
          onMouseDown={(event) => event.preventDefault()}
          // Clicking the star that is the rating takes it away, as in Airtable.
          onClick={() => finish(rating === i + 1 ? 0 : i + 1, null)}
          className="p-0.5"
        >
          <Star aria-hidden className={cn("size-4", i < rating ? "fill-amber-400 text-amber-400" : "text-muted-foreground/50")} />
        </button>
      ))}
    </div>
  );
}
