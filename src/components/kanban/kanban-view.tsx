"use client";

import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, Plus } from "lucide-react";
import { useCallback, useMemo, useState } from "react";
import { stepBetweenDroppables } from "@/components/dnd/step-between-droppables";
import { FieldValue } from "@/components/fields/field-value";
import { recordTitle } from "@/components/fields/row-label";
import { cn } from "@/lib/utils";
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

type KanbanViewProps = { table: KanbanTable; view: KanbanViewConfig; canWrite: boolean };

type CardRow = { id: string; version?: number; fields: Record<string, unknown> };
/** A stack's key: a choice's name, a person `{ id, name }`, or null for the cards without a value. */
type StackKey = string | { id: string; name: string | null } | null;
type Stack = { key: StackKey; count: number; rows: CardRow[] };
type Stacks = { groups: Stack[] };
type Notice = { kind: "info" | "error"; text: string };

const stackId = (key: StackKey) => (key === null ? "stack:none" : typeof key === "string" ? `stack:${key}` : `stack:user:${key.id}`);
const stackName = (key: StackKey) => (key === null ? "No value" : typeof key === "string" ? key : (key.name ?? "Unknown person"));

// Left and Right move a picked-up card onto the previous or next stack (stacks are the only drop targets:
// cards keep the view's order, so there is no place within a stack to move to).
const stackKeyboardCoordinates = stepBetweenDroppables("x", (stack) => ({ x: stack.left + 8, y: stack.top + 48 }));

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
 * cards without one), cards dragged between stacks by mouse, touch or
 * keyboard (a compare-and-set write of the stack field), cards added to a
 * stack, stacks collapsed. Within a stack cards keep the view's sort order:
 * the board stores no order of its own, so dropping a card puts it in its
 * stack, not at a place in it.
 */
export function KanbanView({ table, view, canWrite }: KanbanViewProps) {
  const stackFieldId = view.config.stackFieldId;
  const stackField = table.fields.find((f) => f.id === stackFieldId);
  if (!stackFieldId || !stackField) {
    return <p className="text-sm text-muted-foreground">This kanban view has no stack field; choose one in the view&apos;s settings.</p>;
  }
  return <Board table={table} view={view} canWrite={canWrite} stackField={stackField} />;
}

function Board({ table, view, canWrite, stackField }: KanbanViewProps & { stackField: KanbanField }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const options = trpc.view.data.queryOptions({ viewId: view.id, groups: true, limit: PER_STACK, fieldKey: "id" });
  const query = useQuery({ ...options, select: (data) => data as unknown as Stacks });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [activeId, setActiveId] = useState<string | null>(null);

  const primary = table.fields.find((f) => f.id === table.primaryFieldId) ?? null;
  const cardFields = useMemo(() => cardFieldsOf(table, view, stackField.id), [table, view, stackField.id]);
  const writable = canWrite && !stackField.readOnly;
  const stacks = query.data?.groups ?? [];

  const sensors = useSensors(
    // A few pixels before a drag starts, so a click on a card stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: stackKeyboardCoordinates }),
  );

  const refetch = useCallback(() => queryClient.invalidateQueries({ queryKey: options.queryKey }), [queryClient, options.queryKey]);

  /** Moves a card between stacks in the cached answer (the optimistic move, and its undoing). */
  const moveInCache = useCallback(
    (rowId: string, from: string, to: string, value: unknown) => {
      queryClient.setQueryData(options.queryKey, (old: unknown) => {
        const data = old as Stacks | undefined;
        if (!data) return old as never;
        const card = data.groups.find((g) => stackId(g.key) === from)?.rows.find((r) => r.id === rowId);
        if (!card) return old as never;
        const moved = { ...card, fields: { ...card.fields, [stackField.id]: value } };
        const groups = data.groups.map((g) => {
          const id = stackId(g.key);
          if (id === from) return { ...g, count: g.count - 1, rows: g.rows.filter((r) => r.id !== rowId) };
          if (id === to) return { ...g, count: g.count + 1, rows: [moved, ...g.rows] };
          return g;
        });
        return { ...data, groups } as never;
      });
    },
    [queryClient, options.queryKey, stackField.id],
  );

  const moveCard = useCallback(
    async (rowId: string, from: Stack, to: Stack) => {
      const card = from.rows.find((r) => r.id === rowId);
      if (!card) return;
      const expected = stackField.id in card.fields ? card.fields[stackField.id] : valueFor(stackField, from.key);
      const value = valueFor(stackField, to.key);
      const fromId = stackId(from.key);
      const toId = stackId(to.key);
      await queryClient.cancelQueries({ queryKey: options.queryKey });
      moveInCache(rowId, fromId, toId, value);
      setNotice(null);
      try {
        await client.row.update.mutate({ tableId: table.id, fieldKey: "id", rows: [{ id: rowId, fields: { [stackField.id]: value }, expected: { [stackField.id]: expected ?? null } }] });
        setNotice({ kind: "info", text: `Moved to ${stackName(to.key)}.` });
      } catch (error) {
        const { code, message } = clientError(error);
        moveInCache(rowId, toId, fromId, expected);
        if (code === "CONFLICT") {
          setNotice({ kind: "error", text: "Someone else changed this card first; the board now shows their change." });
        } else {
          setNotice({ kind: "error", text: `Not moved (${message}). The card is back in ${stackName(from.key)}.` });
        }
      }
      void refetch();
    },
    [client, moveInCache, options.queryKey, queryClient, refetch, stackField, table.id],
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

  const onDragStart = (event: DragStartEvent) => setActiveId(String(event.active.id));
  const onDragEnd = (event: DragEndEvent) => {
    setActiveId(null);
    const fromId = event.active.data.current?.stackId as string | undefined;
    const toId = event.over ? String(event.over.id) : undefined;
    if (!fromId || !toId || fromId === toId) return;
    const from = stacks.find((s) => stackId(s.key) === fromId);
    const to = stacks.find((s) => stackId(s.key) === toId);
    if (from && to) void moveCard(String(event.active.id), from, to);
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
        over ? `${describe(active.id)} is over ${describeStack(over.id)}.` : `${describe(active.id)} is over no stack.`,
      onDragEnd: ({ active, over }: { active: { id: string | number }; over: { id: string | number } | null }) =>
        over ? `${describe(active.id)} dropped in ${describeStack(over.id)}.` : `${describe(active.id)} dropped outside any stack.`,
      onDragCancel: ({ active }: { active: { id: string | number } }) => `Moving ${describe(active.id)} was cancelled.`,
    },
  };
  function describe(id: string | number) {
    const row = stacks.flatMap((s) => s.rows).find((r) => r.id === id);
    return row ? `card ${titleOf(row)}` : "the card";
  }
  function describeStack(id: string | number) {
    const stack = stacks.find((s) => stackId(s.key) === id);
    return stack ? `stack ${stackName(stack.key)}` : "a stack";
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
      </div>
      <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setActiveId(null)} accessibility={accessibility}>
        <div role="list" aria-label={`${view.name} stacks`} className="flex min-h-0 gap-3 overflow-x-auto pb-2">
          {stacks.map((stack) => {
            const id = stackId(stack.key);
            return (
              <StackColumn
                key={id}
                id={id}
                stack={stack}
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
                {stack.rows.map((row) => (
                  <Card key={row.id} row={row} stackId={id} title={titleOf(row)} fields={cardFields} draggable={writable} dragging={activeId === row.id} />
                ))}
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
  collapsed: boolean;
  onToggle: () => void;
  onAdd?: () => Promise<void>;
  children: React.ReactNode;
};

function StackColumn({ id, stack, collapsed, onToggle, onAdd, children }: StackColumnProps) {
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
        isOver && "border-primary ring-2 ring-primary/30",
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

type CardProps = { row: CardRow; stackId: string; title: string; fields: KanbanField[]; draggable: boolean; dragging: boolean };

function Card({ row, stackId: from, title, fields, draggable, dragging }: CardProps) {
  const { attributes, listeners, setNodeRef } = useDraggable({ id: row.id, data: { stackId: from }, disabled: !draggable });
  return (
    // The list item stays a list item; the card inside it is what is picked up (a button to assistive technology).
    <li data-row-id={row.id} className="list-none">
      <div
        ref={setNodeRef}
        {...(draggable ? { ...attributes, ...listeners, "aria-label": title } : {})}
        className={cn(draggable && "cursor-grab touch-none rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none", dragging && "opacity-40")}
      >
        <CardBody row={row} title={title} fields={fields} />
      </div>
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
