"use client";

import { useDroppable } from "@dnd-kit/core";
import { cn } from "@/lib/utils";
import { AddRecord } from "./add-record";
import { dayLabel, dayNumber, monthOf, shortDayLabel, weekdayLabel } from "./calendar-days";
import { type CalendarEvent, eventsOnDay, layoutWeek } from "./calendar-events";
import { EventChip } from "./event-chip";

/** Bars a month day shows before counting the rest as "+N more". */
const VISIBLE_LANES = 3;

export const dayId = (day: string) => `day:${day}`;
export const dayFromId = (id: string | number) => (String(id).startsWith("day:") ? String(id).slice(4) : null);

/** What every day of either layout needs from the calendar. */
export type DayActions = {
  today: string | null;
  titleOf: (event: CalendarEvent) => string;
  timeOf: (event: CalendarEvent) => string | null;
  /** Events may be dragged. */
  draggable: boolean;
  activeChipId: string | null;
  /** Records may be added (with a title for this field, when it is named). */
  add: { titleFieldName: string | null; onAdd: (day: string, title: string) => Promise<boolean> } | null;
  addingDay: string | null;
  setAddingDay: (day: string | null) => void;
};

/** A day as a drop target, which opens its "add" form on a click in its empty space. */
function useDay(day: string, actions: DayActions) {
  const { setNodeRef, isOver } = useDroppable({ id: dayId(day) });
  const onClick = (event: React.MouseEvent) => {
    // Only the day's own background: a click on a chip or a button is theirs.
    if (actions.add && event.target === event.currentTarget) actions.setAddingDay(day);
  };
  const addButton = actions.add && (
    <AddRecord
      day={day}
      open={actions.addingDay === day}
      onOpenChange={(open) => actions.setAddingDay(open ? day : null)}
      titleFieldName={actions.add.titleFieldName}
      onAdd={(title) => actions.add!.onAdd(day, title)}
    />
  );
  return { setNodeRef, isOver, onClick, addButton };
}

function DayNumber({ day, today, className }: { day: string; today: string | null; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn("inline-flex size-6 items-center justify-center rounded-full text-xs tabular-nums", day === today && "bg-primary font-semibold text-primary-foreground", className)}
    >
      {dayNumber(day)}
    </span>
  );
}

type MonthGridProps = { month: string; weeks: string[][]; events: CalendarEvent[]; actions: DayActions; onShowWeek: (day: string) => void };

/**
 * The month: a row per week, a multi-day event as one bar across its days
 * (cut at the week's edges), days with more bars than fit saying how many
 * more, which opens that day's week.
 */
export function MonthGrid({ month, weeks, events, actions, onShowWeek }: MonthGridProps) {
  return (
    <div role="group" aria-label="Month" className="grid min-w-[36rem] rounded-md border">
      <div aria-hidden className="grid grid-cols-7 border-b bg-muted/40 text-xs font-medium text-muted-foreground">
        {weeks[0]!.map((day) => (
          <div key={day} className="px-2 py-1">
            {weekdayLabel(day)}
          </div>
        ))}
      </div>
      <div className="grid gap-px bg-border">
        {weeks.map((week) => {
          const segments = layoutWeek(week, events);
          return (
            <div key={week[0]} className="grid grid-cols-7 gap-px">
              {week.map((day, column) => {
                const starting = segments.filter((s) => s.column === column && s.lane < VISIBLE_LANES);
                const hidden = segments.filter((s) => s.lane >= VISIBLE_LANES && s.column <= column && column < s.column + s.span).length;
                return (
                  <MonthDay key={day} day={day} inMonth={monthOf(day) === month} hidden={hidden} actions={actions} onShowWeek={onShowWeek}>
                    {starting.map((segment) => {
                      const chipId = `${segment.event.row.id}@${week[0]}`;
                      return (
                        <EventChip
                          key={chipId}
                          chipId={chipId}
                          event={segment.event}
                          title={actions.titleOf(segment.event)}
                          time={actions.timeOf(segment.event)}
                          data={{ rowId: segment.event.row.id, firstDay: day, span: segment.span }}
                          draggable={actions.draggable}
                          dragging={actions.activeChipId === chipId}
                          continuesBefore={segment.continuesBefore}
                          continuesAfter={segment.continuesAfter}
                          // Placed over the following days of the week: the width of `span` cells and the 1px gaps between them.
                          className="absolute left-0.5 z-10"
                          style={{ top: `calc(2rem + ${segment.lane} * 1.5rem)`, width: `calc(${segment.span} * 100% + ${segment.span - 1}px - 0.25rem)` }}
                        />
                      );
                    })}
                  </MonthDay>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

type MonthDayProps = { day: string; inMonth: boolean; hidden: number; actions: DayActions; onShowWeek: (day: string) => void; children: React.ReactNode };

function MonthDay({ day, inMonth, hidden, actions, onShowWeek, children }: MonthDayProps) {
  const { setNodeRef, isOver, onClick, addButton } = useDay(day, actions);
  const label = dayLabel(day);
  return (
    <div
      ref={setNodeRef}
      role="group"
      aria-label={label}
      aria-current={day === actions.today ? "date" : undefined}
      data-day={day}
      onClick={onClick}
      className={cn("relative h-[7.5rem] bg-background p-1", !inMonth && "bg-muted/40 text-muted-foreground", isOver && "bg-primary/5 ring-2 ring-primary/40 ring-inset")}
    >
      <div className="pointer-events-none flex items-center justify-between">
        <DayNumber day={day} today={actions.today} />
        <span className="pointer-events-auto">{addButton}</span>
      </div>
      <ul aria-label={`Events on ${label}`}>{children}</ul>
      {hidden > 0 && (
        <button
          type="button"
          onClick={() => onShowWeek(day)}
          aria-label={`${hidden} more on ${label}: show the week`}
          className="absolute bottom-0.5 left-1 z-10 rounded px-1 text-xs text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          +{hidden} more
        </button>
      )}
    </div>
  );
}

type WeekListProps = { days: string[]; events: CalendarEvent[]; actions: DayActions };

/**
 * The week: a column per day on a wide screen, a list of days on a narrow
 * one; each day lists every event on it (a span on each of its days), none
 * left out.
 */
export function WeekList({ days, events, actions }: WeekListProps) {
  return (
    <div role="group" aria-label="Week" className="grid grid-cols-1 gap-px overflow-hidden rounded-md border bg-border sm:min-h-full sm:grid-cols-7">
      {days.map((day) => (
        <WeekDay key={day} day={day} events={eventsOnDay(day, events)} actions={actions} />
      ))}
    </div>
  );
}

function WeekDay({ day, events, actions }: { day: string; events: CalendarEvent[]; actions: DayActions }) {
  const { setNodeRef, isOver, onClick, addButton } = useDay(day, actions);
  const label = dayLabel(day);
  return (
    <section
      ref={setNodeRef}
      aria-label={label}
      aria-current={day === actions.today ? "date" : undefined}
      data-day={day}
      onClick={onClick}
      className={cn("flex min-h-16 flex-col gap-1 bg-background p-1.5", isOver && "bg-primary/5 ring-2 ring-primary/40 ring-inset")}
    >
      <div className="pointer-events-none flex items-center justify-between gap-1">
        <span className="flex items-center gap-1 text-xs font-medium">
          {weekdayLabel(day)}
          <DayNumber day={day} today={actions.today} />
          <span className="text-muted-foreground sm:hidden">{shortDayLabel(day).split(" ")[0]}</span>
        </span>
        <span className="pointer-events-auto">{addButton}</span>
      </div>
      <ul aria-label={`Events on ${label}`} className="pointer-events-none grid gap-1">
        {events.map((event) => {
          const chipId = `${event.row.id}@${day}`;
          return (
            <EventChip
              key={chipId}
              chipId={chipId}
              event={event}
              title={actions.titleOf(event)}
              time={actions.timeOf(event)}
              data={{ rowId: event.row.id, firstDay: day, span: 1 }}
              draggable={actions.draggable}
              dragging={actions.activeChipId === chipId}
              continuesBefore={event.start < day}
              continuesAfter={event.end > day}
              className="pointer-events-auto"
            />
          );
        })}
      </ul>
    </section>
  );
}
