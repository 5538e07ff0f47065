"use client";

import { useDraggable } from "@dnd-kit/core";
import { cn } from "@/lib/utils";
import { shortDayLabel } from "./calendar-days";
import type { CalendarEvent } from "./calendar-events";

/** What a picked-up chip tells the calendar: whose row, and the first of the days it covers (`span` of them). */
export type ChipData = { rowId: string; firstDay: string; span: number };

/** How the event is named to a screen reader: its title and its days (and time). */
export function eventLabel(event: CalendarEvent, title: string, time: string | null): string {
  const days = event.start === event.end ? shortDayLabel(event.start) : `${shortDayLabel(event.start)} to ${shortDayLabel(event.end)}`;
  return `${title}, ${days}${time ? ` at ${time}` : ""}`;
}

type EventChipProps = {
  /** Unique per chip: one event shows as several chips (a bar per week, a chip per day of a week). */
  chipId: string;
  event: CalendarEvent;
  title: string;
  time: string | null;
  data: ChipData;
  draggable: boolean;
  dragging: boolean;
  continuesBefore?: boolean;
  continuesAfter?: boolean;
  className?: string;
  style?: React.CSSProperties;
};

/** An event on the calendar: dragged by mouse, touch or keyboard when the person may move it. */
export function EventChip({ chipId, event, title, time, data, draggable, dragging, continuesBefore, continuesAfter, className, style }: EventChipProps) {
  const { attributes, listeners, setNodeRef } = useDraggable({ id: chipId, data, disabled: !draggable });
  const label = eventLabel(event, title, time);
  return (
    // The list item stays a list item (it is what is laid out); the chip inside it is what is picked up.
    <li
      {...(draggable ? {} : { "aria-label": label })}
      data-row-id={event.row.id}
      style={style}
      className={cn("list-none", dragging && "opacity-40", className)}
    >
      <div
        ref={setNodeRef}
        {...(draggable ? { ...attributes, ...listeners, "aria-label": label } : {})}
        className={cn("rounded-md", draggable && "cursor-grab focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none")}
      >
        <ChipBody title={title} time={time} continuesBefore={continuesBefore} continuesAfter={continuesAfter} />
      </div>
    </li>
  );
}

export function ChipBody({ title, time, continuesBefore, continuesAfter, className }: { title: string; time: string | null; continuesBefore?: boolean; continuesAfter?: boolean; className?: string }) {
  return (
    <div
      className={cn(
        "flex h-5 min-w-0 items-center gap-1 rounded-md border border-primary/30 bg-primary/10 px-1.5 text-xs text-foreground",
        continuesBefore && "rounded-l-none border-l-0",
        continuesAfter && "rounded-r-none border-r-0",
        className,
      )}
    >
      {time && <span className="shrink-0 text-muted-foreground tabular-nums">{time}</span>}
      <span className="truncate font-medium">{title}</span>
    </div>
  );
}
