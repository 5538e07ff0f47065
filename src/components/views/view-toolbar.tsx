"use client";

import { ArrowDownUp, Download, EyeOff, Group, ListFilter, Search } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/utils";
import { FieldsMenu } from "./fields-menu";
import { FilterBuilder } from "./filter-builder";
import { countComplete, type EditableGroup, type FilterField, fromFilter, toFilter } from "./filter-tree";
import { SortBuilder } from "./sort-builder";
import type { SaveState, ViewSettings } from "./use-view-settings";

type ToolbarField = FilterField & { readOnly?: boolean };

/** Field types whose groups come back from the aggregates in the order the rows are sorted in. */
const groupableTypes = new Set(["text", "email", "url", "phone", "single_select", "number", "currency", "percent", "rating", "progress", "duration", "boolean", "date"]);

type ViewToolbarProps = {
  /** Every field of the table the reader may see, in the view's order, the primary first. */
  fields: readonly ToolbarField[];
  primaryFieldId: string | null;
  settings: ViewSettings;
  onChange: (patch: Partial<ViewSettings>) => void;
  saveState: SaveState;
  /** Absent: no search box (views that do not search yet). */
  search?: string;
  onSearch?: (search: string) => void;
  /** Whether rows may be grouped here (the grid groups; the timeline has its own control). */
  canGroup?: boolean;
  /** The CSV export of the rows as the view shows them. */
  exportHref: string;
  /** Controls only some view types have (a grid's row height, its fields dialog). */
  children?: React.ReactNode;
};

/** Filter, sort, group, hidden fields, search and export above a view, Airtable's toolbar. */
export function ViewToolbar({ fields, primaryFieldId, settings, onChange, saveState, search = "", onSearch, canGroup = false, exportHref, children }: ViewToolbarProps) {
  // The builder keeps conditions still being written; the view gets only the complete ones.
  const [tree, setTree] = useState<EditableGroup>(() => fromFilter(settings.filter));
  const filtering = countComplete(tree, fields);
  const hiddenCount = settings.hiddenFields.filter((id) => fields.some((f) => f.id === id)).length;
  const groupField = fields.find((f) => f.id === settings.groupBy[0]);
  const groupSelectId = useId();

  const onTree = (next: EditableGroup) => {
    setTree(next);
    const filter = toFilter(next, fields);
    if (JSON.stringify(filter) !== JSON.stringify(settings.filter)) onChange({ filter });
  };

  const moveField = (fieldId: string, by: -1 | 1) => {
    const order = fields.filter((f) => f.id !== primaryFieldId).map((f) => f.id);
    const at = order.indexOf(fieldId);
    const to = at + by;
    if (at < 0 || to < 0 || to >= order.length) return;
    [order[at], order[to]] = [order[to]!, order[at]!];
    onChange({ config: { fieldOrder: order } });
  };

  return (
    <div role="toolbar" aria-label="View settings" className="flex flex-wrap items-center gap-1">
      <Popover>
        <PopoverTrigger asChild>
          <Button variant="ghost" size="sm" className={cn(filtering > 0 && "bg-primary/10 text-primary")}>
            <ListFilter aria-hidden /> {filtering > 0 ? `Filtered by ${filtering} ${filtering === 1 ? "condition" : "conditions"}` : "Filter"}
          </Button>
        </PopoverTrigger>
        <PopoverContent aria-label="Filter rows" className="w-[min(44rem,calc(100vw-1rem))]">
          <FilterBuilder root={tree} fields={fields} onChange={onTree} />
        </PopoverContent>
      </Popover>
      <Popover>
        <PopoverTrigger asChild>
          <Button variant="ghost" size="sm" className={cn(settings.sort.length > 0 && "bg-primary/10 text-primary")}>
            <ArrowDownUp aria-hidden /> {settings.sort.length > 0 ? `Sorted by ${settings.sort.length} ${settings.sort.length === 1 ? "field" : "fields"}` : "Sort"}
          </Button>
        </PopoverTrigger>
        <PopoverContent aria-label="Sort rows" className="w-[min(34rem,calc(100vw-1rem))]">
          <SortBuilder sort={settings.sort} fields={fields} onChange={(sort) => onChange({ sort })} />
        </PopoverContent>
      </Popover>
      {canGroup ? (
        <Popover>
          <PopoverTrigger asChild>
            <Button variant="ghost" size="sm" className={cn(groupField && "bg-primary/10 text-primary")}>
              <Group aria-hidden /> {groupField ? `Grouped by ${groupField.name}` : "Group"}
            </Button>
          </PopoverTrigger>
          <PopoverContent aria-label="Group rows" className="w-72">
            <div className="grid gap-1.5">
              <Label htmlFor={groupSelectId}>Group by</Label>
              <Select id={groupSelectId} value={groupField?.id ?? ""} onChange={(e) => onChange({ groupBy: e.target.value ? [e.target.value] : [] })}>
                <option value="">No grouping</option>
                {fields
                  .filter((f) => groupableTypes.has(f.type))
                  .map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
              </Select>
              <p className="text-xs text-muted-foreground">Groups follow the field&apos;s order (a select&apos;s choices, A → Z, 1 → 9); empty values last.</p>
            </div>
          </PopoverContent>
        </Popover>
      ) : null}
      <Popover>
        <PopoverTrigger asChild>
          <Button variant="ghost" size="sm" className={cn(hiddenCount > 0 && "bg-primary/10 text-primary")}>
            <EyeOff aria-hidden /> {hiddenCount > 0 ? `${hiddenCount} hidden ${hiddenCount === 1 ? "field" : "fields"}` : "Hide fields"}
          </Button>
        </PopoverTrigger>
        <PopoverContent aria-label="Fields shown" className="w-72">
          <FieldsMenu fields={fields} primaryFieldId={primaryFieldId} hidden={settings.hiddenFields} onHiddenChange={(hiddenFields) => onChange({ hiddenFields })} onMove={moveField} />
        </PopoverContent>
      </Popover>
      {onSearch ? <SearchBox value={search} onChange={onSearch} /> : null}
      <Button asChild variant="ghost" size="sm">
        <a href={exportHref} download>
          <Download aria-hidden /> Export CSV
        </a>
      </Button>
      {children}
      <SaveStatus state={saveState} />
    </div>
  );
}

/** Searches as one types, once typing pauses. */
function SearchBox({ value, onChange }: { value: string; onChange: (search: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), 250);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="relative">
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2 size-4 -translate-y-1/2 text-muted-foreground" />
      <Input
        type="search"
        aria-label="Search rows"
        placeholder="Search"
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onChange(text);
        }}
        className="h-8 w-44 pl-7"
      />
    </div>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === "saving"
      ? "Saving view…"
      : state.kind === "saved"
        ? "View saved"
        : state.kind === "local"
          ? "Changes apply to you only: you cannot change this view"
          : state.kind === "error"
            ? `The view was not saved: ${state.message}`
            : "";
  return (
    <p role={state.kind === "error" ? "alert" : "status"} className={cn("ml-auto text-xs", state.kind === "error" ? "text-destructive" : "text-muted-foreground")}>
      {text}
    </p>
  );
}
