"use client";

import {
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  TouchSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { recordTitle } from "@/components/fields/row-label";
import { useTableRefresh } from "@/components/realtime/use-table-refresh";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import {
  dayLabel,
  daysBetween,
  isDayKey,
  isMonthKey,
  monthLabel,
  monthOf,
  monthWeeks,
  shiftDay,
  shiftMonth,
  todayKey,
  weekDays,
  weekLabel,
  weekOf,
} from "./calendar-days";
import { type CalendarEvent, type CalendarField, type CalendarRow, eventOf, timeOf } from "./calendar-events";
import { type DayActions, dayFromId, MonthGrid, WeekList } from "./calendar-grids";
import { ChipBody, type ChipData } from "./event-chip";
import { moveEvent, valueOnDay } from "./move-event";
import { clientError } from "@/trpc/client-error";

/** Rows a page of view.data brings, and the pages a visible range reads at most (the rest are counted as not shown). */
const PAGE_SIZE = 500;
const MAX_PAGES = 6;

export type CalendarTable = { id: string; name: string; primaryFieldId: string | null; fields: CalendarField[] };
export type CalendarViewConfig = {
  id: string;
  name: string;
  hiddenFields: string[];
  config: Record<string, unknown> & { dateFieldId?: string; endDateFieldId?: string };
};

type CalendarViewProps = { table: CalendarTable; view: CalendarViewConfig; canWrite: boolean };

type Notice = { kind: "info" | "error"; text: string };
type Range = { mode: "month"; month: string } | { mode: "week"; monday: string };
type RangeRows = { rows: CalendarRow[]; complete: boolean };

// "Today" is the browser's: the server renders no range until it is known, so the two never disagree.
const noSubscription = () => () => {};
const useToday = () => useSyncExternalStore(noSubscription, todayKey, () => null);

/**
 * The visible range, kept in the URL (`?month=2026-03` or `?week=2026-03-02`)
 * so it survives a reload and Back returns to the previous one. The history
 * API, not the router: moving a month must not re-render the page on the server.
 */
function useRange(today: string | null): [Range | null, (range: Range) => void] {
  const params = useSearchParams();
  const week = params.get("week");
  const month = params.get("month");
  const range: Range | null = isDayKey(week)
    ? { mode: "week", monday: weekOf(week) }
    : isMonthKey(month)
      ? { mode: "month", month }
      : today
        ? { mode: "month", month: monthOf(today) }
        : null;
  const show = useCallback((next: Range) => {
    const search = new URLSearchParams(window.location.search);
    search.delete("week");
    search.delete("month");
    search.set(next.mode, next.mode === "month" ? next.month : next.monday);
    window.history.pushState(null, "", `?${search}`);
  }, []);
  return [range, show];
}

/** The month of a week: the one holding its Thursday, as ISO weeks belong to years. */
function asMonth(range: Range): Range {
  return range.mode === "month" ? range : { mode: "month", month: monthOf(shiftDay(range.monday, 3)) };
}

/** The week of a month: today's when today is in it, else its first. */
function asWeek(range: Range, today: string | null): Range {
  if (range.mode === "week") return range;
  return { mode: "week", monday: weekOf(today && monthOf(today) === range.month ? today : `${range.month}-01`) };
}

/** Where a mouse or touch picked the chip up (keyboard pick-ups have no point). */
function pointOf(event: Event): { x: number } | null {
  if ("touches" in event) {
    const touch = (event as TouchEvent).touches[0];
    return touch ? { x: touch.clientX } : null;
  }
  return "clientX" in event ? { x: (event as MouseEvent).clientX } : null;
}

/**
 * The day under the pointer; for the keyboard, which has no pointer, the day
 * under the chip's top-left corner, where the coordinate getter below puts it.
 */
const dayCollision: CollisionDetection = (args) => {
  if (args.pointerCoordinates) return pointerWithin(args);
  const x = args.collisionRect.left + 1;
  const y = args.collisionRect.top + 1;
  const container = args.droppableContainers.find((c) => {
    const rect = args.droppableRects.get(c.id);
    return rect && rect.left <= x && x <= rect.left + rect.width && rect.top <= y && y <= rect.top + rect.height;
  });
  return container ? [{ id: container.id, data: { droppableContainer: container, value: 0 } }] : [];
};

/**
 * Keyboard dragging: Left and Right move a picked-up event a day, Up and Down
 * a week in the month (a day in the week, whose days may stack on a phone).
 * Days outside the visible range are no target: the event stays.
 */
function dayKeyboardCoordinates(verticalStep: number): KeyboardCoordinateGetter {
  return (event, { context }) => {
    const steps: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: verticalStep, ArrowUp: -verticalStep };
    const step = steps[event.code];
    if (step === undefined) return undefined;
    event.preventDefault();
    const from = (context.over && dayFromId(context.over.id)) ?? (context.active?.data.current as ChipData | undefined)?.firstDay;
    if (!from) return undefined;
    const rect = context.droppableRects.get(`day:${shiftDay(from, step)}`);
    return rect ? { x: rect.left + 4, y: rect.top + 4 } : undefined;
  };
}

/**
 * A calendar over a view: a month grid or a week, events on their date (or
 * across date..end date), moved by dragging with mouse, touch or keyboard (a
 * compare-and-set write of both ends, so a span keeps its length, rolled back
 * if refused), and records added on a day.
 */
export function CalendarView({ table, view, canWrite }: CalendarViewProps) {
  const dateField = table.fields.find((f) => f.id === view.config.dateFieldId);
  const endField = view.config.endDateFieldId ? table.fields.find((f) => f.id === view.config.endDateFieldId) : undefined;
  if (!dateField) {
    return <p className="text-sm text-muted-foreground">This calendar view has no date field; choose one in the view&apos;s settings.</p>;
  }
  // The view's answer leaves hidden fields out (published views too), so a hidden date would put every event nowhere.
  const hidden = [dateField, endField].filter((f) => f && view.hiddenFields.includes(f.id));
  if (hidden.length > 0) {
    return (
      <p className="text-sm text-muted-foreground">
        This calendar view hides {hidden.map((f) => f!.name).join(" and ")}, which places its events; show {hidden.length > 1 ? "them" : "it"} in the view&apos;s settings.
      </p>
    );
  }
  return <Calendar table={table} view={view} canWrite={canWrite} dateField={dateField} endField={endField} />;
}

type CalendarProps = CalendarViewProps & { dateField: CalendarField; endField?: CalendarField };

function Calendar({ table, view, canWrite, dateField, endField }: CalendarProps) {
  const today = useToday();
  const [range, show] = useRange(today);
  if (!range) return <p className="text-sm text-muted-foreground">Loading the calendar…</p>;
  return <CalendarRange table={table} view={view} canWrite={canWrite} dateField={dateField} endField={endField} range={range} today={today} show={show} />;
}

type CalendarRangeProps = CalendarProps & { range: Range; today: string | null; show: (range: Range) => void };

function CalendarRange({ table, view, canWrite, dateField, endField, range, today, show }: CalendarRangeProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [addingDay, setAddingDay] = useState<string | null>(null);
  const [activeChipId, setActiveChipId] = useState<string | null>(null);
  /** The picked-up event and the day it was held by: the drop moves it by the days from there to the target. */
  const grab = useRef<{ rowId: string; day: string } | null>(null);

  const weeks = useMemo(() => (range.mode === "month" ? monthWeeks(range.month) : [weekDays(range.monday)]), [range]);
  const from = weeks[0]![0]!;
  const to = weeks.at(-1)![6]!;

  const input = { viewId: view.id, from, to, fieldKey: "id" as const, limit: PAGE_SIZE };
  // Under view.data's key, so whatever refreshes a view's data refreshes the calendar too.
  const queryKey = useMemo(() => [...trpc.view.data.pathKey(), { calendar: { viewId: view.id, from, to } }], [trpc, view.id, from, to]);
  const query = useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<RangeRows> => {
      const rows: CalendarRow[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = (await client.view.data.query({ ...input, cursor }, { signal })) as { rows: CalendarRow[]; nextCursor: string | null };
        rows.push(...answer.rows);
        if (!answer.nextCursor) return { rows, complete: true };
        cursor = answer.nextCursor;
      }
      return { rows, complete: false };
    },
  });

  const primary = table.fields.find((f) => f.id === table.primaryFieldId) ?? null;
  // A title is asked for when the primary field is free text that can be written (not the date itself).
  const titleField = primary && (primary.type === "text" || primary.type === "long_text") && !primary.readOnly ? primary : null;
  const canAdd = canWrite && !dateField.readOnly;
  const draggable = canAdd && !endField?.readOnly;

  const events = useMemo(
    () => (query.data?.rows ?? []).map((row) => eventOf(row, dateField, endField)).filter((e): e is CalendarEvent => e !== null),
    [query.data, dateField, endField],
  );
  const titleOf = useCallback((event: CalendarEvent) => recordTitle(event.row, primary?.id ?? null), [primary]);
  const timeOfEvent = useCallback((event: CalendarEvent) => timeOf(dateField, event.row.fields[dateField.id]), [dateField]);

  const sensors = useSensors(
    // A few pixels before a mouse drag starts, and a press for touch, so clicks stay clicks and a swipe still scrolls.
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: dayKeyboardCoordinates(range.mode === "month" ? 7 : 1) }),
  );

  const refetch = useCallback(() => queryClient.invalidateQueries({ queryKey }), [queryClient, queryKey]);
  // Others' changes read in as they come, except over a move of one's own on its way (it would show the event back where it was).
  const moving = useRef(0);
  useTableRefresh(refetch, () => moving.current > 0);
  const patchRow = useCallback(
    (rowId: string, fields: Record<string, unknown>) =>
      queryClient.setQueryData<RangeRows>(queryKey, (old) => old && { ...old, rows: old.rows.map((r) => (r.id === rowId ? { ...r, fields: { ...r.fields, ...fields } } : r)) }),
    [queryClient, queryKey],
  );

  const moveBy = useCallback(
    async (event: CalendarEvent, days: number) => {
      const { fields, expected } = moveEvent(event, days, dateField, endField);
      const title = titleOf(event);
      const newStart = shiftDay(event.start, days);
      await queryClient.cancelQueries({ queryKey });
      patchRow(event.row.id, fields);
      setNotice(null);
      moving.current += 1;
      try {
        await client.row.update.mutate({ tableId: table.id, fieldKey: "id", rows: [{ id: event.row.id, fields, expected }] });
        setNotice({ kind: "info", text: `Moved ${title} to ${dayLabel(newStart)}.` });
      } catch (error) {
        const { code, message } = clientError(error);
        patchRow(event.row.id, expected);
        setNotice(
          code === "CONFLICT"
            ? { kind: "error", text: `Someone else changed ${title} first, so it was not moved; the calendar now shows their change.` }
            : { kind: "error", text: `${title} was not moved (${message}); it is back on ${dayLabel(event.start)}.` },
        );
      } finally {
        moving.current -= 1;
      }
      void refetch();
    },
    [client, dateField, endField, patchRow, queryClient, queryKey, refetch, table.id, titleOf],
  );

  const addOn = useCallback(
    async (day: string, title: string) => {
      const fields: Record<string, unknown> = { [dateField.id]: valueOnDay(dateField, day) };
      if (titleField && title) fields[titleField.id] = title;
      setNotice(null);
      try {
        await client.row.create.mutate({ tableId: table.id, fieldKey: "id", rows: [{ fields }] });
      } catch (error) {
        setNotice({ kind: "error", text: `The record was not added (${clientError(error).message}).` });
        return false;
      }
      setNotice({ kind: "info", text: `Added ${title || "a record"} on ${dayLabel(day)}.` });
      await refetch();
      return true;
    },
    [client, dateField, refetch, table.id, titleField],
  );

  const eventOfChip = (id: string | number | undefined) => {
    const rowId = id === undefined ? undefined : String(id).split("@")[0];
    return events.find((e) => e.row.id === rowId);
  };

  const onDragStart = ({ active, activatorEvent }: DragStartEvent) => {
    setActiveChipId(String(active.id));
    const data = active.data.current as ChipData;
    const rect = active.rect.current.initial;
    const point = pointOf(activatorEvent);
    // A bar over several days is held by one of them: dropping moves that day onto the target.
    const held = point && rect && data.span > 1 ? Math.min(data.span - 1, Math.max(0, Math.floor(((point.x - rect.left) / rect.width) * data.span))) : 0;
    grab.current = { rowId: data.rowId, day: shiftDay(data.firstDay, held) };
  };
  const onDragEnd = ({ over }: DragEndEvent) => {
    const held = grab.current;
    grab.current = null;
    setActiveChipId(null);
    const target = over ? dayFromId(over.id) : null;
    if (!held || !target) return;
    const days = daysBetween(held.day, target);
    const event = events.find((e) => e.row.id === held.rowId);
    if (event && days !== 0) void moveBy(event, days);
  };

  const describe = (id: string | number) => {
    const event = eventOfChip(id);
    return event ? titleOf(event) : "the event";
  };
  const describeDay = (id: string | number) => {
    const day = dayFromId(id);
    return day ? dayLabel(day) : "no day";
  };
  const accessibility = {
    screenReaderInstructions: {
      draggable:
        range.mode === "month"
          ? "To move an event, press Space or Enter. Left and Right arrows move it a day, Up and Down a week; Space or Enter drops it, Escape cancels."
          : "To move an event, press Space or Enter. The arrow keys move it a day; Space or Enter drops it, Escape cancels.",
    },
    announcements: {
      onDragStart: ({ active }: { active: { id: string | number } }) => `Picked up ${describe(active.id)}.`,
      onDragOver: ({ active, over }: { active: { id: string | number }; over: { id: string | number } | null }) =>
        over ? `${describe(active.id)} is over ${describeDay(over.id)}.` : `${describe(active.id)} is over no day.`,
      onDragEnd: ({ active, over }: { active: { id: string | number }; over: { id: string | number } | null }) =>
        over ? `${describe(active.id)} dropped on ${describeDay(over.id)}.` : `${describe(active.id)} dropped outside the calendar; it stays where it was.`,
      onDragCancel: ({ active }: { active: { id: string | number } }) => `Moving ${describe(active.id)} was cancelled.`,
    },
  };

  const actions: DayActions = {
    today,
    titleOf,
    timeOf: timeOfEvent,
    draggable,
    activeChipId,
    add: canAdd ? { titleFieldName: titleField?.name ?? null, onAdd: addOn } : null,
    addingDay,
    setAddingDay,
  };

  const step = (by: number) =>
    show(range.mode === "month" ? { mode: "month", month: shiftMonth(range.month, by) } : { mode: "week", monday: shiftDay(range.monday, 7 * by) });
  const unit = range.mode === "month" ? "month" : "week";
  const activeEvent = activeChipId ? eventOfChip(activeChipId) : undefined;

  return (
    <div className="grid min-h-0 grid-rows-[auto_auto_minmax(0,1fr)] gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={!today}
          onClick={() => today && show(range.mode === "month" ? { mode: "month", month: monthOf(today) } : { mode: "week", monday: weekOf(today) })}
        >
          Today
        </Button>
        <Button variant="ghost" size="icon" aria-label={`Previous ${unit}`} onClick={() => step(-1)}>
          <ChevronLeft aria-hidden />
        </Button>
        <Button variant="ghost" size="icon" aria-label={`Next ${unit}`} onClick={() => step(1)}>
          <ChevronRight aria-hidden />
        </Button>
        <h2 aria-live="polite" className="text-lg font-semibold">
          {range.mode === "month" ? monthLabel(range.month) : weekLabel(range.monday)}
        </h2>
        <div role="group" aria-label="Calendar layout" className="ml-auto flex gap-1">
          <Button variant={range.mode === "month" ? "secondary" : "ghost"} size="sm" aria-pressed={range.mode === "month"} onClick={() => show(asMonth(range))}>
            Month
          </Button>
          <Button variant={range.mode === "week" ? "secondary" : "ghost"} size="sm" aria-pressed={range.mode === "week"} onClick={() => show(asWeek(range, today))}>
            Week
          </Button>
        </div>
      </div>
      <div aria-live="polite" className="min-h-5 text-sm">
        {query.isError ? (
          <p role="alert" className="text-destructive">
            Events could not be loaded: {clientError(query.error).message}.{" "}
            <button type="button" onClick={() => void query.refetch()} className="underline underline-offset-4">
              Try again
            </button>
          </p>
        ) : query.isPending ? (
          <p className="text-muted-foreground">Loading events…</p>
        ) : notice ? (
          <p role={notice.kind === "error" ? "alert" : "status"} className={notice.kind === "error" ? "text-destructive" : "text-muted-foreground"}>
            {notice.text}
          </p>
        ) : !query.data.complete ? (
          <p className="text-muted-foreground">
            Showing the first {(PAGE_SIZE * MAX_PAGES).toLocaleString("en")} events of this {unit}; filter the view to see the others.
          </p>
        ) : null}
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={dayCollision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          grab.current = null;
          setActiveChipId(null);
        }}
        accessibility={accessibility}
      >
        <div className="min-h-0 overflow-auto">
          {range.mode === "month" ? (
            <MonthGrid month={range.month} weeks={weeks} events={events} actions={actions} onShowWeek={(day) => show({ mode: "week", monday: weekOf(day) })} />
          ) : (
            <WeekList days={weeks[0]!} events={events} actions={actions} />
          )}
        </div>
        <DragOverlay>{activeEvent ? <ChipBody title={titleOf(activeEvent)} time={timeOfEvent(activeEvent)} className="cursor-grabbing bg-background shadow-lg" /> : null}</DragOverlay>
      </DndContext>
    </div>
  );
}
