"use client";

import { Plus, Trash2 } from "lucide-react";
import type { SortSpec } from "@/lib/query/plan";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

type SortField = { id: string; name: string; type: string };
type SortBuilderProps = { sort: SortSpec; fields: readonly SortField[]; onChange: (sort: SortSpec) => void };

/** The most sort keys a view keeps (the plan's limit). */
const maxSorts = 20;
const numeric = new Set(["number", "currency", "percent", "rating", "progress", "duration", "autonumber", "count", "rollup"]);
const dated = new Set(["date", "datetime", "created_time", "last_modified_time"]);

/** How a direction reads for a field's type, as Airtable words it. */
function directionLabels(type: string | undefined): [string, string] {
  if (type && numeric.has(type)) return ["1 → 9", "9 → 1"];
  if (type && dated.has(type)) return ["Oldest first", "Newest first"];
  if (type === "boolean") return ["Unchecked first", "Checked first"];
  return ["A → Z", "Z → A"];
}

/** Sort keys in order of precedence; each field once. */
export function SortBuilder({ sort, fields, onChange }: SortBuilderProps) {
  const used = new Set(sort.map((s) => s.field));
  const unused = fields.filter((f) => !used.has(f.id));
  const replace = (index: number, next: SortSpec[number]) => onChange(sort.map((s, i) => (i === index ? next : s)));
  return (
    <div className="grid gap-2">
      {sort.length === 0 ? <p className="text-sm text-muted-foreground">Rows are in the order they were added.</p> : null}
      <ol className="grid gap-2">
        {sort.map((key, index) => {
          const field = fields.find((f) => f.id === key.field);
          const [asc, desc] = directionLabels(field?.type);
          return (
            <li key={key.field} className="flex flex-wrap items-center gap-2">
              <span className="w-16 text-sm text-muted-foreground">{index === 0 ? "Sort by" : "then by"}</span>
              <Select aria-label={`Sort field ${index + 1}`} value={key.field} onChange={(e) => replace(index, { ...key, field: e.target.value })} className="w-44">
                {field ? null : <option value={key.field}>(a field not in this view)</option>}
                {fields
                  .filter((f) => f.id === key.field || !used.has(f.id))
                  .map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
              </Select>
              <Select aria-label={`Direction ${index + 1}`} value={key.dir} onChange={(e) => replace(index, { ...key, dir: e.target.value as "asc" | "desc" })} className="w-36">
                <option value="asc">{asc}</option>
                <option value="desc">{desc}</option>
              </Select>
              <Button type="button" variant="ghost" size="icon" aria-label={`Remove sort by ${field?.name ?? "a field"}`} onClick={() => onChange(sort.filter((_, i) => i !== index))}>
                <Trash2 aria-hidden />
              </Button>
            </li>
          );
        })}
      </ol>
      {unused.length > 0 && sort.length < maxSorts ? (
        <div>
          <Button type="button" variant="ghost" size="sm" onClick={() => onChange([...sort, { field: unused[0]!.id, dir: "asc" }])}>
            <Plus aria-hidden /> Add sort
          </Button>
        </div>
      ) : null}
    </div>
  );
}
