"use client";

import { useDraggable, useDroppable } from "@dnd-kit/core";
import { ChevronDown } from "lucide-react";
import { fieldTypeLabel } from "@/components/fields/field-type-catalog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";
import type { GridField } from "./cell-values";

/** What a column's header menu asks of the view. */
export type ColumnAction = { kind: "sort"; dir: "asc" | "desc" } | { kind: "hide" } | { kind: "edit" };

type HeaderCellProps = {
  field: GridField;
  col: number;
  width: number;
  left?: number;
  sticky?: number;
  onResize: (event: React.PointerEvent, field: GridField) => void;
  /** Absent: no menu. */
  onAction?: (fieldId: string, action: ColumnAction) => void;
  canEditFields: boolean;
  /** The frozen primary column is neither moved nor hidden. */
  movable: boolean;
};

export function HeaderCell({ field, col, width, left, sticky, onResize, onAction, canEditFields, movable }: HeaderCellProps) {
  const drag = useDraggable({ id: `column:${field.id}`, data: { fieldId: field.id }, disabled: !movable || !onAction });
  const drop = useDroppable({ id: `column:${field.id}`, data: { fieldId: field.id }, disabled: !movable });
  const setRefs = (node: HTMLDivElement | null) => {
    drag.setNodeRef(node);
    drop.setNodeRef(node);
  };
  const sortWords = field.type === "boolean" ? ["Unchecked first", "Checked first"] : /number|currency|percent|rating|progress|duration|autonumber|count/.test(field.type) ? ["1 → 9", "9 → 1"] : /date|time/.test(field.type) ? ["Oldest first", "Newest first"] : ["A → Z", "Z → A"];
  return (
    <div
      ref={setRefs}
      role="columnheader"
      aria-colindex={col + 1}
      {...drag.listeners}
      className={cn(
        "group flex h-full items-center gap-1 border-r border-b border-border bg-muted px-2 text-left text-xs font-medium text-foreground",
        sticky !== undefined ? "sticky z-30 shrink-0" : "absolute top-0",
        movable && onAction && "cursor-grab",
        drag.isDragging && "opacity-50",
        drop.isOver && !drag.isDragging && "shadow-[inset_3px_0_0_var(--color-primary)]",
      )}
      style={sticky !== undefined ? { left: sticky, width } : { left, width }}
    >
      <span className="min-w-0 flex-1 truncate">{field.name}</span>
      <span className="sr-only">, {fieldTypeLabel(field.type)}</span>
      {onAction ? (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <button
              type="button"
              aria-label={`${field.name} column menu`}
              // The header is the drag handle; the menu button is not.
              onPointerDown={(event) => event.stopPropagation()}
              className="rounded p-0.5 text-muted-foreground opacity-60 hover:bg-background hover:opacity-100 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-ring"
            >
              <ChevronDown aria-hidden className="size-3.5" />
            </button>
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            <DropdownMenuItem onSelect={() => onAction(field.id, { kind: "sort", dir: "asc" })}>Sort {sortWords[0]}</DropdownMenuItem>
            <DropdownMenuItem onSelect={() => onAction(field.id, { kind: "sort", dir: "desc" })}>Sort {sortWords[1]}</DropdownMenuItem>
            {movable ? <DropdownMenuItem onSelect={() => onAction(field.id, { kind: "hide" })}>Hide field</DropdownMenuItem> : null}
            {canEditFields ? (
              <>
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={() => onAction(field.id, { kind: "edit" })}>Edit fields…</DropdownMenuItem>
              </>
            ) : null}
          </DropdownMenuContent>
        </DropdownMenu>
      ) : null}
      <span
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${field.name}`}
        onPointerDown={(event) => onResize(event, field)}
        className="absolute top-0 right-0 h-full w-1.5 cursor-col-resize touch-none hover:bg-primary/40"
      />
    </div>
  );
}

