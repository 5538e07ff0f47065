"use client";

import {
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, Plus } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { stepBetweenDroppables } from "@/components/dnd/step-between-droppables";
import { FieldValue } from "@/components/fields/field-value";
import { recordTitle } from "@/components/fields/row-label";
import { type Collaborator, useTableRealtime } from "@/components/realtime/table-realtime";
import { useTableRefresh } from "@/components/realtime/use-table-refresh";
import { cn } from "@/lib/utils";
import { type CardRow, type Drop, dropOf, isStack, type Stack, type StackKey, stackId } from "./kanban-drop";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { clientError } from "@/trpc/client-error";

/** Cards a stack shows at most (the rest are counted, not shown). */
const PER_STACK = 100;
/** Fields a card shows besides its primary field. */
const CARD_FIELDS = 3;

export type KanbanField = { id: string; name: string; type: string; options: unknown; readOnly?: boolean };
export type KanbanTable = { id: string; name: string; primaryFieldId: string | null; fields: KanbanField[] };
export type KanbanViewConfig = {
  id: string;
  name: string;
  hiddenFields: string[];
  config: Record<string, unknown> & { stackFieldId?: string; fieldOrder?: string[] };
};

/**
 * Whether cards can be placed by hand within a stack: "manual" (the view has
 * no sort and the caller may change the view), "sorted" (cards follow the
 * view's sort), "external" (a mounted table keeps no order of its own),
 * "read-only" (the caller may not change the view).
 */
export type KanbanOrder = "manual" | "sorted" | "external" | "read-only";

type KanbanViewProps = { table: KanbanTable; view: KanbanViewConfig; canWrite: boolean; order: KanbanOrder };

type Stacks = { groups: Stack[] };
type Notice = { kind: "info" | "error"; text: string };

const stackName = (key: StackKey) => (key === null ? "No value" : typeof key === "string" ? key : (key.name ?? "Unknown person"));

// Left and Right move a picked-up card onto the previous or next stack; Up and Down move it among the cards
// of the stack it is over (dnd-kit's sortable steps).
const stackSteps = stepBetweenDroppables("x", (stack) => ({ x: stack.left + 8, y: stack.top + 48 }), isStack);
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) =>
  event.code === "ArrowLeft" || event.code === "ArrowRight" ? stackSteps(event, args) : sortableKeyboardCoordinates(event, args);

/** The cell value that puts a card in the stack. */
function valueFor(field: KanbanField, key: StackKey): unknown {
  if (key === null) return null;
  if (field.type === "user") return typeof key === "string" ? [key] : [{ id: key.id }];
  return key;
}

/** The fields a card shows after its primary one: the view's order, hidden ones and the stack field left out. */
function cardFieldsOf(table: KanbanTable, view: KanbanViewConfig, stackFieldId: string): KanbanField[] {
  const hidden = new Set(view.hiddenFields);
  const order = view.config.fieldOrder ?? [];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length + table.fields.findIndex((f) => f.id === id));
  return table.fields
    .filter((f) => f.id !== table.primaryFieldId && f.id !== stackFieldId && !hidden.has(f.id))
    .sort((a, b) => rank(a.id) - rank(b.id))
    .slice(0, CARD_FIELDS);
}

/**
 * A kanban board over a view: a stack per choice of the stack field (plus the
 * cards without one), cards dragged by mouse, touch or keyboard between
 * stacks (a compare-and-set write of the stack field) and to a place within
 * a stack (the view's manual order, kept for everyone, while the view has no
 * sort; sorted, cards follow the sort and a drag only changes the stack),
 * cards added to a stack, stacks collapsed. Others on the table are shown on
 * the card they have selected.
 */
export function KanbanView({ table, view, canWrite, order }: KanbanViewProps) {
  const stackFieldId = view.config.stackFieldId;
  const stackField = table.fields.find((f) => f.id === stackFieldId);
  if (!stackFieldId || !stackField) {
    return <p className="text-sm text-muted-foreground">This kanban view has no stack field; choose one in the view&apos;s settings.</p>;
  }
  return <Board table={table} view={view} canWrite={canWrite} order={order} stackField={stackField} />;
}

const orderNotes: Record<Exclude<KanbanOrder, "manual">, (stack: string) => string> = {
  sorted: (stack) => `Sorted: cards follow the view's sort. Dragging a card changes its ${stack}; remove the sort to order cards by hand.`,
  external: (stack) => `Cards of an external table follow its order; dragging a card changes its ${stack}.`,
  "read-only": () => "Cards follow the order the view's editors gave them.",
};

function Board({ table, view, canWrite, order, stackField }: KanbanViewProps & { stackField: KanbanField }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const options = trpc.view.data.queryOptions({ viewId: view.id, groups: true, limit: PER_STACK, fieldKey: "id" });
  const query = useQuery({ ...options, select: (data) => data as unknown as Stacks });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overStack, setOverStack] = useState<string | null>(null);
  const { others, share } = useTableRealtime();
  const manual = order === "manual";

  const primary = table.fields.find((f) => f.id === table.primaryFieldId) ?? null;
  const cardFields = useMemo(() => cardFieldsOf(table, view, stackField.id), [table, view, stackField.id]);
  const writable = canWrite && !stackField.readOnly;
  const stacks = query.data?.groups ?? [];

  const sensors = useSensors(
    // A few pixels before a drag starts, so a click on a card stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );

  const refetch = useCallback(() => queryClient.invalidateQueries({ queryKey: options.queryKey }), [queryClient, options.queryKey]);

  // Changes by others arrive as events; while a move of one's own is on its way the board waits for it (a
  // read in between would show the card back where it was) and reads once it is done.
  const moving = useRef(0);
  useTableRefresh(refetch, () => moving.current > 0);

  // Who has which card selected (or open): by row id, as presence carries it.
  const selectedBy = useMemo(() => {
    const byRow = new Map<string, Collaborator[]>();
    for (const person of others) {
      for (const rowId of new Set([person.card, person.record])) {
        if (rowId) byRow.set(rowId, [...(byRow.get(rowId) ?? []), person]);
      }
    }
    return byRow;
  }, [others]);
  useEffect(() => () => share({ card: null }), [share]);

  /** The card at its new place in the cached answer (the optimistic move; a refusal puts the old answer back). */
  const placeInCache = useCallback(
    (rowId: string, drop: Drop, value: unknown) => {
      queryClient.setQueryData(options.queryKey, (old: unknown) => {
        const data = old as Stacks | undefined;
        const card = data?.groups.flatMap((g) => g.rows).find((r) => r.id === rowId);
        if (!data || !card) return old as never;
        const moved = { ...card, fields: { ...card.fields, [stackField.id]: value } };
        const [fromId, toId] = [stackId(drop.from.key), stackId(drop.to.key)];
        const groups = data.groups.map((g) => {
          const id = stackId(g.key);
          if (id !== fromId && id !== toId) return g;
          const rows = g.rows.filter((r) => r.id !== rowId);
          if (id === toId) rows.splice(drop.index, 0, moved);
          const count = g.count + (fromId === toId ? 0 : id === toId ? 1 : -1);
          return { ...g, count, rows };
        });
        return { ...data, groups } as never;
      });
    },
    [queryClient, options.queryKey, stackField.id],
  );

  const moveCard = useCallback(
    async (rowId: string, drop: Drop) => {
      const { from, to } = drop;
      const card = from.rows.find((r) => r.id === rowId);
      if (!card) return;
      const changesStack = from !== to;
      const expected = stackField.id in card.fields ? card.fields[stackField.id] : valueFor(stackField, from.key);
      const value = changesStack ? valueFor(stackField, to.key) : expected;
      await queryClient.cancelQueries({ queryKey: options.queryKey });
      const before = queryClient.getQueryData(options.queryKey);
      // Sorted, the card's place in its new stack is the sort's to say: it shows first until the board is read again.
      placeInCache(rowId, manual ? drop : { ...drop, index: 0 }, value);
      setNotice(null);
      moving.current += 1;
      try {
        if (changesStack) {
          await client.row.update.mutate({ tableId: table.id, fieldKey: "id", rows: [{ id: rowId, fields: { [stackField.id]: value }, expected: { [stackField.id]: expected ?? null } }] });
        }
        if (manual) await client.view.moveRow.mutate({ viewId: view.id, rowId, after: drop.after });
        const where = manual ? `${drop.index + 1} of ${to.rows.length + (changesStack ? 1 : 0)} in ${stackName(to.key)}` : stackName(to.key);
        setNotice({ kind: "info", text: `Moved to ${where}.` });
      } catch (error) {
        const { code, message } = clientError(error);
        queryClient.setQueryData(options.queryKey, before);
        if (code === "CONFLICT") {
          setNotice({ kind: "error", text: "Someone else changed this card first; the board now shows their change." });
        } else {
          setNotice({ kind: "error", text: `Not moved (${message}). The card is back where it was.` });
        }
      } finally {
        moving.current -= 1;
      }
      void refetch();
    },
    [client, manual, placeInCache, options.queryKey, queryClient, refetch, stackField, table.id, view.id],
  );

  const addCard = useCallback(
    async (stack: Stack) => {
      setNotice(null);
      try {
        await client.row.create.mutate({ tableId: table.id, fieldKey: "id", rows: [{ fields: stack.key === null ? {} : { [stackField.id]: valueFor(stackField, stack.key) } }] });
        setNotice({ kind: "info", text: `Card added to ${stackName(stack.key)}.` });
      } catch (error) {
        setNotice({ kind: "error", text: `Card not added (${clientError(error).message}).` });
      }
      await refetch();
    },
    [client, refetch, stackField, table.id],
  );

  /** The stack a drop target is, or holds the card that is. */
  const stackOfTarget = (id: string | number | undefined) => {
    if (id === undefined || isStack(id)) return id === undefined ? null : String(id);
    const stack = stacks.find((s) => s.rows.some((r) => r.id === id));
    return stack ? stackId(stack.key) : null;
  };
  const onDragStart = (event: DragStartEvent) => setActiveId(String(event.active.id));
  const onDragOver = (event: DragOverEvent) => setOverStack(stackOfTarget(event.over?.id));
  const onDragEnd = (event: DragEndEvent) => {
    setActiveId(null);
    setOverStack(null);
    if (!event.over) return;
    const dropped = event.active.rect.current.translated;
    const below = dropped ? dropped.top + dropped.height / 2 > event.over.rect.top + event.over.rect.height / 2 : false;
    const drop = dropOf(stacks, String(event.active.id), String(event.over.id), below);
    if (!drop) return;
    if (drop.from === drop.to && !manual) {
      setNotice({ kind: "info", text: order === "read-only" ? orderNotes["read-only"](stackField.name) : "This view is sorted: cards follow its sort, so the card stays in its place." });
      return;
    }
    void moveCard(String(event.active.id), drop);
  };
  const onDragCancel = () => {
    setActiveId(null);
    setOverStack(null);
  };

  const activeCard = activeId ? stacks.flatMap((s) => s.rows).find((r) => r.id === activeId) : undefined;
  const titleOf = (row: CardRow) => recordTitle(row, primary?.id ?? null);

  const accessibility = {
    screenReaderInstructions: {
      draggable: "To pick up a card, press Space or Enter. Use the arrow keys to move it to another stack, Space or Enter to drop it there, Escape to cancel.",
    },
    announcements: {
      onDragStart: ({ active }: { active: { id: string | number } }) => `Picked up ${describe(active.id)}.`,
      onDragOver: ({ active, over }: { active: { id: string | number }; over: { id: string | number } | null }) =>
        over ? `${describe(active.id)} is over ${describeTarget(over.id)}.` : `${describe(active.id)} is over no stack.`,
      onDragEnd: ({ active, over }: { active: { id: string | number }; over: { id: string | number } | null }) =>
        over ? `${describe(active.id)} dropped at ${describeTarget(over.id)}.` : `${describe(active.id)} dropped outside any stack.`,
      onDragCancel: ({ active }: { active: { id: string | number } }) => `Moving ${describe(active.id)} was cancelled.`,
    },
  };
  function describe(id: string | number) {
    const row = stacks.flatMap((s) => s.rows).find((r) => r.id === id);
    return row ? `card ${titleOf(row)}` : "the card";
  }
  function describeStack(id: string | number | null) {
    const stack = stacks.find((s) => stackId(s.key) === id);
    return stack ? `stack ${stackName(stack.key)}` : "a stack";
  }
  /** A stack, or a card's place: "card B in stack Todo". */
  function describeTarget(id: string | number) {
    return isStack(id) ? describeStack(id) : `${describe(id)} in ${describeStack(stackOfTarget(id))}`;
  }

  if (query.isPending) return <p className="text-sm text-muted-foreground">Loading cards…</p>;
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-destructive">
        Cards could not be loaded: {clientError(query.error).message}
      </p>
    );
  }

  return (
    <div className="grid min-h-0 grid-rows-[auto_minmax(0,1fr)] gap-2">
      <div aria-live="polite" className="min-h-5 text-sm">
        {notice && (
          <p role={notice.kind === "error" ? "alert" : "status"} className={notice.kind === "error" ? "text-destructive" : "text-muted-foreground"}>
            {notice.text}
          </p>
        )}
        {!manual && writable && <p className="text-xs text-muted-foreground">{orderNotes[order](stackField.name)}</p>}
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
        accessibility={accessibility}
      >
        <div role="list" aria-label={`${view.name} stacks`} className="flex min-h-0 gap-3 overflow-x-auto pb-2">
          {stacks.map((stack) => {
            const id = stackId(stack.key);
            return (
              <StackColumn
                key={id}
                id={id}
                stack={stack}
                highlighted={overStack === id}
                collapsed={collapsed.has(id)}
                onToggle={() =>
                  setCollapsed((old) => {
                    const next = new Set(old);
                    if (next.has(id)) next.delete(id);
                    else next.add(id);
                    return next;
                  })
                }
                onAdd={writable ? () => addCard(stack) : undefined}
              >
                <SortableContext id={id} items={stack.rows.map((r) => r.id)} strategy={verticalListSortingStrategy}>
                  {stack.rows.map((row) => (
                    <Card
                      key={row.id}
                      row={row}
                      title={titleOf(row)}
                      fields={cardFields}
                      draggable={writable}
                      dragging={activeId === row.id}
                      selectedBy={selectedBy.get(row.id)}
                      onSelect={(selected) => share({ card: selected ? row.id : null })}
                    />
                  ))}
                </SortableContext>
              </StackColumn>
            );
          })}
        </div>
        <DragOverlay>{activeCard ? <CardBody title={titleOf(activeCard)} row={activeCard} fields={cardFields} className="shadow-lg" /> : null}</DragOverlay>
      </DndContext>
    </div>
  );
}

type StackColumnProps = {
  id: string;
  stack: Stack;
  /** A card is being dragged over it (or over one of its cards). */
  highlighted: boolean;
  collapsed: boolean;
  onToggle: () => void;
  onAdd?: () => Promise<void>;
  children: React.ReactNode;
};

function StackColumn({ id, stack, highlighted, collapsed, onToggle, onAdd, children }: StackColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id });
  const [adding, setAdding] = useState(false);
  const name = stackName(stack.key);
  const headingId = `${id}-heading`;
  const shown = stack.rows.length;
  return (
    <section
      ref={setNodeRef}
      role="listitem"
      aria-labelledby={headingId}
      data-stack={name}
      className={cn(
        "flex min-h-0 shrink-0 flex-col rounded-lg border bg-muted/40",
        collapsed ? "w-12" : "w-72",
        (isOver || highlighted) && "border-primary ring-2 ring-primary/30",
      )}
    >
      <header className={cn("flex items-center gap-1 p-2", collapsed && "flex-col")}>
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={!collapsed}
          aria-label={collapsed ? `Expand ${name}` : `Collapse ${name}`}
          className="rounded p-0.5 text-muted-foreground hover:bg-accent"
        >
          {collapsed ? <ChevronRight aria-hidden className="size-4" /> : <ChevronDown aria-hidden className="size-4" />}
        </button>
        <h2 id={headingId} className={cn("truncate text-sm font-medium", collapsed && "[writing-mode:vertical-rl]")}>
          {name}
        </h2>
        <span aria-label={`${stack.count} ${stack.count === 1 ? "card" : "cards"}`} className="rounded-full bg-background px-1.5 text-xs text-muted-foreground tabular-nums">
          {stack.count}
        </span>
      </header>
      {!collapsed && (
        <>
          <ul aria-label={`${name} cards`} className="flex min-h-12 flex-1 flex-col gap-2 overflow-y-auto px-2 pb-2">
            {children}
          </ul>
          {stack.count > shown && <p className="px-3 pb-1 text-xs text-muted-foreground">{stack.count - shown} more not shown</p>}
          {onAdd && (
            <button
              type="button"
              disabled={adding}
              onClick={async () => {
                setAdding(true);
                try {
                  await onAdd();
                } finally {
                  setAdding(false);
                }
              }}
              aria-label={`Add card to ${name}`}
              className="m-2 mt-0 inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm text-muted-foreground hover:bg-accent disabled:opacity-50"
            >
              <Plus aria-hidden className="size-4" /> Add card
            </button>
          )}
        </>
      )}
    </section>
  );
}

type CardProps = {
  row: CardRow;
  title: string;
  fields: KanbanField[];
  draggable: boolean;
  dragging: boolean;
  /** Others who have this card selected or open. */
  selectedBy: Collaborator[] | undefined;
  /** The card got (true) or lost (false) this person's focus: shared as their selected card. */
  onSelect: (selected: boolean) => void;
};

function Card({ row, title, fields, draggable, dragging, selectedBy, onSelect }: CardProps) {
  const { attributes, listeners, setNodeRef, transform, transition } = useSortable({ id: row.id, disabled: !draggable });
  const [first] = selectedBy ?? [];
  const names = selectedBy?.map((p) => p.name).join(", ");
  return (
    // The list item stays a list item; the card inside it is what is picked up (a button to assistive technology).
    <li data-row-id={row.id} className="relative list-none">
      <div
        ref={setNodeRef}
        // Not draggable (a viewer), the card can still be focused: that is how one selects it for the others to see.
        {...(draggable ? { ...attributes, ...listeners, "aria-label": title } : { role: "group", tabIndex: 0, "aria-label": title })}
        onFocus={() => onSelect(true)}
        onBlur={() => onSelect(false)}
        title={names ? `Selected by ${names}` : undefined}
        data-selected-by={names}
        style={{
          transform: transform ? `translate3d(${Math.round(transform.x)}px, ${Math.round(transform.y)}px, 0)` : undefined,
          transition,
          ...(first && { outline: `2px solid ${first.color}`, outlineOffset: 1 }),
        }}
        className={cn(
          "rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
          draggable && "cursor-grab touch-none",
          dragging && "opacity-40",
        )}
      >
        <CardBody row={row} title={title} fields={fields} />
      </div>
      {first && (
        // Their name on the card itself, not only on hover: it is how one sees who is there.
        <span className="pointer-events-none absolute -top-2 right-2 max-w-[60%] truncate rounded px-1 text-[10px] leading-4 font-medium text-white" style={{ backgroundColor: first.color }}>
          <span className="sr-only">Selected by </span>
          {names}
        </span>
      )}
    </li>
  );
}

function CardBody({ row, title, fields, className }: { row: CardRow; title: string; fields: KanbanField[]; className?: string }) {
  return (
    <div className={cn("grid gap-1 rounded-md border bg-background p-2 text-sm", className)}>
      <p className="truncate font-medium">{title}</p>
      {fields.length > 0 && (
        <dl className="grid gap-0.5">
          {fields.map((field) => (
            <div key={field.id} className="flex min-w-0 gap-2 text-xs">
              <dt className="shrink-0 text-muted-foreground">{field.name}</dt>
              <dd className="min-w-0 truncate">
                <FieldValue field={field as never} value={row.fields[field.id]} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
