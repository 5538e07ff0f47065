"use client";

import { ChevronDown, ChevronRight, Maximize2, Paperclip } from "lucide-react";
import { memo } from "react";
import { FieldValue } from "@/components/fields/field-value";
import type { Collaborator } from "@/components/realtime/table-realtime";
import { cn } from "@/lib/utils";
import { copyText, type GridField } from "./cell-values";
import type { CellPos } from "./grid-keys";
import type { GroupSummary } from "./group-layout";
import type { CachedRow } from "./page-cache";

/** Row heights by the view's setting, as Airtable offers them. */
export const rowHeights = { short: 33, medium: 56, tall: 88, extra_tall: 128 } as const;
export type RowHeight = keyof typeof rowHeights;
/** The row number column on the left (where a row is expanded). */
export const GUTTER_WIDTH = 64;

export type CellHandlers = {
  mouseDown: (event: React.MouseEvent, pos: CellPos) => void;
  mouseEnter: (pos: CellPos) => void;
  doubleClick: () => void;
  /** Opens the row as a record. */
  expand: (index: number) => void;
};

type GridRowProps = {
  index: number;
  top: number;
  height: number;
  row: CachedRow | undefined;
  columns: GridField[];
  layout: Array<{ start: number; size: number }>;
  writable: boolean[];
  /** The range of non-frozen columns on screen (indexes into columns after the first). */
  firstCol: number;
  lastCol: number;
  width: number;
  primaryWidth: number;
  /** The active cell's column when it is in this row, else -1. */
  activeCol: number;
  /** The gutter offers to expand the row (not while a cell is being edited). */
  canExpand: boolean;
  /** The selected range's columns when it covers this row, else -1. */
  rangeLeft: number;
  rangeRight: number;
  focused: boolean;
  /** Marked where it occurs in text cells. */
  search: string;
  idPrefix: string;
  handlers: CellHandlers;
  /** Others' selected cells in this row, by field id. */
  collaborators: ReadonlyMap<string, Collaborator> | undefined;
};

type GroupHeaderRowProps = {
  group: GroupSummary;
  field: GridField;
  summed: GridField[];
  columns: GridField[];
  layout: Array<{ start: number; size: number }>;
  firstCol: number;
  lastCol: number;
  top: number;
  height: number;
  width: number;
  /** The gutter and the frozen primary column: where the group's name and count go. */
  labelWidth: number;
  collapsed: boolean;
  onToggle: () => void;
};

/** A group's header line: open or close it, its value and count, and sums under the number columns on screen. */
export function GroupHeaderRow({ group, field, summed, columns, layout, firstCol, lastCol, top, height, width, labelWidth, collapsed, onToggle }: GroupHeaderRowProps) {
  const label = group.key === null || group.key === "" ? "(empty)" : copyText(field, group.key);
  const sums = [];
  for (let i = firstCol; i <= lastCol && i < layout.length; i++) {
    const column = columns[i + 1]!;
    const sum = summed.includes(column) ? group.values[column.id] : undefined;
    if (sum === undefined || sum === null) continue;
    sums.push(
      <div key={column.id} role="gridcell" className="absolute top-0 flex h-full items-center justify-end gap-1 px-2 text-xs tabular-nums" style={{ left: layout[i]!.start, width: layout[i]!.size }}>
        <span className="text-muted-foreground">Sum</span>
        <FieldValue field={column} value={sum} />
      </div>,
    );
  }
  return (
    <div role="row" className="absolute top-0 left-0 flex border-b border-border bg-muted/70" style={{ height, width, transform: `translateY(${top}px)` }}>
      <div role="gridcell" className="sticky left-0 z-10 flex h-full items-center gap-2 bg-muted px-2 text-sm" style={{ width: labelWidth }}>
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={!collapsed}
          aria-label={`${collapsed ? "Expand" : "Collapse"} group ${label}`}
          className="rounded p-0.5 text-muted-foreground hover:bg-background focus-visible:outline-2 focus-visible:outline-ring"
        >
          {collapsed ? <ChevronRight aria-hidden className="size-4" /> : <ChevronDown aria-hidden className="size-4" />}
        </button>
        <span className="shrink-0 text-xs text-muted-foreground">{field.name}</span>
        <span className="min-w-0 truncate font-medium">{label}</span>
        <span className="ml-auto shrink-0 rounded-full bg-background px-1.5 text-xs text-muted-foreground tabular-nums">
          {group.count.toLocaleString("en")} {group.count === 1 ? "row" : "rows"}
        </span>
      </div>
      {sums}
    </div>
  );
}

// Memoised: scrolling re-renders only the rows that come into view, not the ones already shown.
export const GridRow = memo(function GridRow(props: GridRowProps) {
  const { index, top, height, layout, firstCol, lastCol, width, primaryWidth } = props;
  const cells = [renderGridCell(props, 0, { width: primaryWidth, left: GUTTER_WIDTH, flexShrink: 0 }, true)];
  for (let i = firstCol; i <= lastCol && i < layout.length; i++) {
    const at = layout[i]!;
    cells.push(renderGridCell(props, i + 1, { position: "absolute", top: 0, left: at.start, width: at.size }, false));
  }
  return (
    <div role="row" aria-rowindex={index + 2} className="group/row absolute top-0 left-0 flex" style={{ height, width, transform: `translateY(${top}px)` }}>
      {/* Hidden from assistive technology, which opens the record with Shift+Space; the button is for the mouse and touch. */}
      <div
        aria-hidden
        className="sticky left-0 z-10 flex h-full shrink-0 items-center justify-between gap-1 border-r border-b border-border bg-muted px-1 text-xs text-muted-foreground tabular-nums"
        style={{ width: GUTTER_WIDTH }}
      >
        {props.row && props.canExpand ? (
          <button
            type="button"
            tabIndex={-1}
            title="Expand record (Shift+Space)"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => props.handlers.expand(index)}
            className={cn(
              "rounded p-1 opacity-0 group-hover/row:opacity-100 hover:bg-background hover:text-foreground",
              props.activeCol >= 0 && props.focused && "opacity-100",
            )}
          >
            <Maximize2 aria-hidden className="size-3.5" />
          </button>
        ) : (
          <span />
        )}
        {(index + 1).toLocaleString("en")}
      </div>
      {cells}
    </div>
  );
});

const cellBase = "flex h-full overflow-hidden border-r border-b border-border px-2 text-sm";
// Short rows show one line, centred; taller ones wrap their text from the top.
const oneLine = " items-center whitespace-nowrap";
const wrapped = " items-start py-1.5 whitespace-normal break-words [&_.truncate]:whitespace-normal";
// Opaque: frozen cells cover the columns scrolling under them.
const selectedBackground = " bg-[color-mix(in_oklab,var(--color-primary)_12%,var(--color-background))]";

function renderGridCell(props: GridRowProps, col: number, style: React.CSSProperties, frozen: boolean) {
  const { index, row, columns, writable, activeCol, rangeLeft, rangeRight, focused, search, idPrefix, handlers } = props;
  const field = columns[col]!;
  const active = activeCol === col;
  const selected = rangeLeft >= 0 && col >= rangeLeft && col <= rangeRight;
  // Plain strings, not cn(): this runs for every cell on screen at every scroll step.
  let className = cellBase + (props.height > rowHeights.short ? wrapped : oneLine) + (frozen ? " sticky z-10" : "") + (selected ? selectedBackground : " bg-background");
  if (active) className += focused ? " outline-2 -outline-offset-2 outline-ring" : " outline-2 -outline-offset-2 outline-ring/40";
  // Another person's selection, in their colour; one's own outline wins where both are.
  const other = props.collaborators?.get(field.id);
  // Being edited by them: a thicker, dashed outline (told apart without colour) and "editing" in the name shown.
  if (other && !active) {
    className += other.editing ? " outline-3 outline-dashed -outline-offset-3" : " outline-2 -outline-offset-2";
    style = { ...style, outlineColor: other.color };
  }
  const otherLabel = other ? (other.editing ? `${other.name} (editing)` : other.name) : undefined;
  return (
    <div
      key={field.id}
      id={`${idPrefix}-r${index}-c${col}`}
      role="gridcell"
      aria-colindex={col + 1}
      aria-selected={active || selected}
      aria-readonly={writable[col] ? undefined : true}
      onMouseDown={(event) => handlers.mouseDown(event, { row: index, col })}
      onMouseEnter={() => handlers.mouseEnter({ row: index, col })}
      onDoubleClick={handlers.doubleClick}
      style={style}
      className={className}
      title={otherLabel}
      aria-description={otherLabel}
      data-selected-by={other?.name}
      data-edited-by={other?.editing ? other.name : undefined}
    >
      {row ? <CellDisplay field={field} value={row.fields[field.id] ?? null} search={search} /> : null}
    </div>
  );
}

/** `text` with each case-insensitive occurrence of `term` marked. */
function Highlighted({ text, term }: { text: string; term: string }) {
  if (term === "") return text;
  const lower = text.toLowerCase();
  const needle = term.toLowerCase();
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    parts.push(text.slice(from, at), <mark key={at} className="rounded-sm bg-yellow-200 text-foreground dark:bg-yellow-700">{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return parts;
}

/** A cell's value, one line: the fields' own display, with links and files as plain text (a cell is not a tab stop); search hits marked in text. */
export function CellDisplay({ field, value, search }: { field: GridField; value: unknown; search: string }) {
  switch (field.type) {
    case "text":
    case "phone":
    case "url":
    case "email":
      return (
        <span className="truncate">
          <Highlighted text={typeof value === "string" ? value : ""} term={search} />
        </span>
      );
    case "attachment":
      return Array.isArray(value) && value.length > 0 ? (
        <span className="flex min-w-0 items-center gap-1 truncate">
          <Paperclip aria-hidden className="size-3.5 shrink-0" />
          <span className="truncate">{value.map((file: { name?: string }) => file.name ?? "").join(", ")}</span>
        </span>
      ) : null;
    case "long_text":
      return (
        <span className="truncate">
          <Highlighted text={typeof value === "string" ? value.replace(/\s*\n\s*/g, " ⏎ ") : ""} term={search} />
        </span>
      );
  }
  return <FieldValue field={field} value={value} className="min-w-0 truncate" />;
}

