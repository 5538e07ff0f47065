"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils";
import { barGeometry, daysOfDrag, describeSpan, moveSpan, resizeSpan, type Span, type Zoom } from "./timeline-scale";

/** What a change does to a bar: both ends, or one of them. */
export type BarEdit = "move" | "start" | "end";

/** How long the keyboard waits after the last arrow before it saves, so a run of presses is one write. */
const KEY_SAVE_DELAY_MS = 700;
/** Narrower bars have no edges to drag (they would leave nothing to grab the middle by). */
const MIN_RESIZABLE_WIDTH = 28;

export const BAR_INSTRUCTIONS =
  "Arrow Left and Right move it by a day; Shift with an arrow moves its end. It saves when you pause, press Enter or leave it; Escape cancels. With a pointer, drag it to move it or drag an edge to change its start or end.";

type Drag = { pointerId: number; edit: BarEdit; originX: number; days: number };

type TimelineBarProps = {
  title: string;
  span: Span;
  range: Span;
  zoom: Zoom;
  /** Null for a viewer: the bar shows but does not move. */
  onChange: ((next: Span, edit: BarEdit) => void) | null;
  onPreview: (text: string) => void;
  saving: boolean;
  instructionsId: string;
};

/**
 * One row's bar. Dragging is hand-written with pointer events and pointer
 * capture rather than dnd-kit: a bar moves along its own track and only its
 * width or offset changes, so there is no drop target to find, and capture
 * keeps the drag going when the pointer leaves the bar (mouse, pen and touch
 * alike). While a pointer or the keyboard adjusts it, the bar shows a draft
 * that is saved once, when the gesture ends.
 */
export function TimelineBar({ title, span, range, zoom, onChange, onPreview, saving, instructionsId }: TimelineBarProps) {
  const [draft, setDraft] = useState<Span | null>(null);
  const drag = useRef<Drag | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingEdit = useRef<BarEdit>("move");
  const shown = draft ?? span;
  const place = barGeometry(shown, range, zoom);
  const editable = onChange !== null && !saving;

  useEffect(() => () => clearTimeout(saveTimer.current), []);

  if (!place) return null;
  const label = `${title}, ${describeSpan(shown)}`;

  const save = (next: Span | null, edit: BarEdit) => {
    clearTimeout(saveTimer.current);
    setDraft(null);
    if (next && onChange && (next.start !== span.start || next.end !== span.end)) onChange(next, edit);
  };

  const spanFor = (edit: BarEdit, days: number) => (edit === "move" ? moveSpan(span, days) : resizeSpan(span, edit, days));

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (!editable || (event.pointerType === "mouse" && event.button !== 0)) return;
    const edge = (event.target as HTMLElement).closest<HTMLElement>("[data-edge]")?.dataset.edge;
    const edit: BarEdit = edge === "start" || edge === "end" ? edge : "move";
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointerId: event.pointerId, edit, originX: event.clientX, days: 0 };
  };

  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const days = daysOfDrag(event.clientX - current.originX, zoom);
    if (days === current.days) return;
    current.days = days;
    setDraft(spanFor(current.edit, days));
  };

  const endDrag = (event: React.PointerEvent<HTMLDivElement>, keep: boolean) => {
    const current = drag.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drag.current = null;
    save(keep ? spanFor(current.edit, current.days) : null, current.edit);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (!editable) return;
    if (event.key === "Enter" && draft) {
      event.preventDefault();
      save(draft, pendingEdit.current);
      return;
    }
    if (event.key === "Escape" && draft) {
      event.preventDefault();
      save(null, pendingEdit.current);
      onPreview(`${title}: change cancelled, ${describeSpan(span)}.`);
      return;
    }
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const base = draft ?? span;
    const edit: BarEdit = event.shiftKey ? "end" : "move";
    const next = edit === "end" ? resizeSpan(base, "end", step) : moveSpan(base, step);
    // A run mixing moves and end changes saves as a move: both ends may have changed.
    pendingEdit.current = draft && pendingEdit.current !== edit ? "move" : edit;
    setDraft(next);
    onPreview(`${title}: ${describeSpan(next)}.`);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => save(next, pendingEdit.current), KEY_SAVE_DELAY_MS);
  };

  const style = { left: place.left, width: place.width };
  // Too narrow for two edges and a middle (a day by the month): such a bar only moves, and Shift+arrows or a closer zoom resize it.
  const resizable = place.width >= MIN_RESIZABLE_WIDTH;
  const barClass = "absolute top-1.5 bottom-1.5 flex items-center overflow-hidden rounded-md border border-primary/40 bg-primary/15 text-xs font-medium text-foreground";

  if (onChange === null) {
    return (
      <div role="img" aria-label={label} title={label} data-bar className={barClass} style={style}>
        <span aria-hidden className="truncate px-2">
          {title}
        </span>
      </div>
    );
  }

  return (
    <div
      role="button"
      tabIndex={0}
      aria-roledescription="timeline bar"
      aria-label={label}
      aria-describedby={instructionsId}
      aria-busy={saving || undefined}
      title={`${label}. ${BAR_INSTRUCTIONS}`}
      data-bar
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={(event) => endDrag(event, true)}
      onPointerCancel={(event) => endDrag(event, false)}
      onLostPointerCapture={(event) => endDrag(event, false)}
      onKeyDown={onKeyDown}
      onBlur={() => draft && save(draft, pendingEdit.current)}
      className={cn(
        barClass,
        // The bar takes touches itself (no scrolling the timeline from it), so a finger can drag it.
        "cursor-grab touch-none select-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring active:cursor-grabbing",
        draft && "bg-primary/30 shadow-md",
        saving && "opacity-60",
      )}
      style={style}
    >
      {resizable && <span data-edge="start" aria-hidden className="absolute inset-y-0 left-0 w-2 cursor-ew-resize hover:bg-primary/30 pointer-coarse:w-4" />}
      <span aria-hidden className="truncate px-3">
        {title}
      </span>
      {resizable && <span data-edge="end" aria-hidden className="absolute inset-y-0 right-0 w-2 cursor-ew-resize hover:bg-primary/30 pointer-coarse:w-4" />}
    </div>
  );
}
