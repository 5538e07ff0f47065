"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { fieldTypeLabel } from "@/components/fields/field-type-catalog";
import { Button } from "@/components/ui/button";

type MenuField = { id: string; name: string; type: string };
type FieldsMenuProps = {
  /** The view's fields in its order, the primary first. */
  fields: readonly MenuField[];
  primaryFieldId: string | null;
  hidden: readonly string[];
  onHiddenChange: (hidden: string[]) => void;
  onMove: (fieldId: string, by: -1 | 1) => void;
};

/** Which fields the view shows, and in what order; the primary field is always shown first. */
export function FieldsMenu({ fields, primaryFieldId, hidden, onHiddenChange, onMove }: FieldsMenuProps) {
  const hiddenSet = new Set(hidden);
  const others = fields.filter((f) => f.id !== primaryFieldId);
  return (
    <div className="grid gap-2">
      <div className="flex gap-1">
        <Button type="button" variant="ghost" size="sm" onClick={() => onHiddenChange(others.map((f) => f.id))}>
          Hide all
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={() => onHiddenChange([])}>
          Show all
        </Button>
      </div>
      <ul className="grid gap-0.5">
        {others.map((field, index) => (
          <li key={field.id} className="flex items-center gap-2 rounded px-1 hover:bg-muted/60">
            <label className="flex min-w-0 flex-1 items-center gap-2 py-1 text-sm">
              <input
                type="checkbox"
                checked={!hiddenSet.has(field.id)}
                onChange={(e) => onHiddenChange(e.target.checked ? hidden.filter((id) => id !== field.id) : [...hidden, field.id])}
              />
              <span className="truncate">{field.name}</span>
              <span className="sr-only">, {fieldTypeLabel(field.type)}</span>
            </label>
            <Button type="button" variant="ghost" size="icon" className="size-7" disabled={index === 0} aria-label={`Move ${field.name} left`} onClick={() => onMove(field.id, -1)}>
              <ArrowUp aria-hidden />
            </Button>
            <Button type="button" variant="ghost" size="icon" className="size-7" disabled={index === others.length - 1} aria-label={`Move ${field.name} right`} onClick={() => onMove(field.id, 1)}>
              <ArrowDown aria-hidden />
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
