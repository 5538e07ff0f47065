"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import type { FilterOp } from "@/lib/fields/field-type";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  addCondition,
  addGroup,
  canNest,
  choicesOf,
  type Conjunction,
  type EditableCondition,
  type EditableGroup,
  type FilterField,
  opLabels,
  operatorsFor,
  removeNode,
  setConjunction,
  updateCondition,
  valueShape,
} from "./filter-tree";

type FilterBuilderProps = {
  root: EditableGroup;
  fields: readonly FilterField[];
  onChange: (root: EditableGroup) => void;
};

/**
 * Nested AND/OR groups of conditions, as in Airtable: the first line of a
 * group reads "Where", the next one chooses the group's conjunction and the
 * rest repeat it. Each condition offers the operators of its field's type.
 */
export function FilterBuilder({ root, fields, onChange }: FilterBuilderProps) {
  const filterable = fields.filter((f) => operatorsFor(f).length > 0);
  if (filterable.length === 0) return <p className="text-sm text-muted-foreground">No field of this view can be filtered.</p>;
  return (
    <div className="grid gap-2">
      {root.children.length === 0 ? <p className="text-sm text-muted-foreground">No filter: every row of the view is shown.</p> : null}
      <GroupBody group={root} root={root} fields={filterable} onChange={onChange} />
    </div>
  );
}

type GroupProps = { group: EditableGroup; root: EditableGroup; fields: readonly FilterField[]; onChange: (root: EditableGroup) => void };

function GroupBody({ group, root, fields, onChange }: GroupProps) {
  const first = fields[0]!;
  return (
    <>
      <ul className="grid gap-2">
        {group.children.map((child, index) => (
          <li key={child.id} className="flex flex-wrap items-start gap-2">
            <Lead group={group} index={index} onConjunction={(c) => onChange(setConjunction(root, group.id, c))} />
            {child.kind === "condition" ? (
              <ConditionRow condition={child} fields={fields} onChange={(patch) => onChange(updateCondition(root, child.id, patch, fields))} onRemove={() => onChange(removeNode(root, child.id))} />
            ) : (
              <div role="group" aria-label={`Condition group (${child.conjunction === "and" ? "all" : "any"} of)`} className="grid min-w-0 flex-1 gap-2 rounded-md border border-border bg-muted/40 p-2">
                <GroupBody group={child} root={root} fields={fields} onChange={onChange} />
                <div>
                  <Button type="button" variant="ghost" size="sm" onClick={() => onChange(removeNode(root, child.id))}>
                    <Trash2 aria-hidden /> Remove group
                  </Button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-1">
        <Button type="button" variant="ghost" size="sm" onClick={() => onChange(addCondition(root, group.id, first))}>
          <Plus aria-hidden /> Add condition
        </Button>
        {canNest(root, group.id) ? (
          <Button type="button" variant="ghost" size="sm" onClick={() => onChange(addGroup(root, group.id, first))}>
            <Plus aria-hidden /> Add condition group
          </Button>
        ) : null}
      </div>
    </>
  );
}

/** "Where", the conjunction chooser, or the conjunction repeated. */
function Lead({ group, index, onConjunction }: { group: EditableGroup; index: number; onConjunction: (c: Conjunction) => void }) {
  const className = "w-20 shrink-0";
  if (index === 0) return <span className={`${className} py-2 text-sm text-muted-foreground`}>Where</span>;
  if (index === 1) {
    return (
      <Select aria-label="Combine conditions with" value={group.conjunction} onChange={(e) => onConjunction(e.target.value as Conjunction)} className={className}>
        <option value="and">and</option>
        <option value="or">or</option>
      </Select>
    );
  }
  return <span className={`${className} py-2 text-sm text-muted-foreground`}>{group.conjunction}</span>;
}

type ConditionRowProps = {
  condition: EditableCondition;
  fields: readonly FilterField[];
  onChange: (patch: Partial<Pick<EditableCondition, "field" | "op" | "value">>) => void;
  onRemove: () => void;
};

function ConditionRow({ condition, fields, onChange, onRemove }: ConditionRowProps) {
  const field = fields.find((f) => f.id === condition.field);
  const ops = field ? operatorsFor(field) : [];
  return (
    <div role="group" aria-label="Condition" className="flex min-w-0 flex-1 flex-wrap items-start gap-2">
      <Select aria-label="Field" value={condition.field} onChange={(e) => onChange({ field: e.target.value })} className="w-40">
        {field ? null : <option value={condition.field}>(a field not in this view)</option>}
        {fields.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </Select>
      <Select aria-label="Operator" value={condition.op} onChange={(e) => onChange({ op: e.target.value as FilterOp })} className="w-40">
        {ops.map((op) => (
          <option key={op} value={op}>
            {opLabels[op]}
          </option>
        ))}
      </Select>
      <ValueInput field={field} op={condition.op} value={condition.value} onChange={(value) => onChange({ value })} />
      <Button type="button" variant="ghost" size="icon" aria-label="Remove condition" onClick={onRemove}>
        <Trash2 aria-hidden />
      </Button>
    </div>
  );
}

type ValueInputProps = { field: FilterField | undefined; op: FilterOp; value: unknown; onChange: (value: unknown) => void };

const numberOrBlank = (text: string): number | "" => (text.trim() === "" || !Number.isFinite(Number(text)) ? "" : Number(text));
const asText = (value: unknown) => (value === undefined || value === null ? "" : String(value));

function ValueInput({ field, op, value, onChange }: ValueInputProps) {
  const id = useId();
  const shape = valueShape(field, op);
  const base = field?.type === "date" || field?.type === "datetime" || field?.type === "created_time" || field?.type === "last_modified_time" ? "date" : "number";
  switch (shape) {
    case "none":
      return null;
    case "text":
      return <Input aria-label="Value" value={asText(value)} onChange={(e) => onChange(e.target.value)} className="w-44" />;
    case "number":
      return <Input aria-label="Value" type="number" inputMode="decimal" defaultValue={asText(value)} onChange={(e) => onChange(numberOrBlank(e.target.value))} className="w-32" />;
    case "date":
      return <Input aria-label="Value" type="date" value={asText(value)} onChange={(e) => onChange(e.target.value)} className="w-44" />;
    case "boolean":
      return (
        <Select aria-label="Value" value={value === false ? "false" : "true"} onChange={(e) => onChange(e.target.value === "true")} className="w-32">
          <option value="true">checked</option>
          <option value="false">unchecked</option>
        </Select>
      );
    case "choice":
      return (
        <Select aria-label="Value" value={asText(value)} onChange={(e) => onChange(e.target.value)} className="w-40">
          <option value="">Choose…</option>
          {choicesOf(field!).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      );
    case "choices": {
      const picked = new Set(Array.isArray(value) ? (value as string[]) : []);
      return (
        <fieldset className="flex max-w-64 flex-wrap gap-x-3 gap-y-1 py-1.5">
          <legend className="sr-only">Values</legend>
          {choicesOf(field!).map((name) => (
            <label key={name} className="flex items-center gap-1 text-sm">
              <input
                type="checkbox"
                checked={picked.has(name)}
                onChange={(e) => onChange(e.target.checked ? [...picked, name] : [...picked].filter((n) => n !== name))}
              />
              {name}
            </label>
          ))}
        </fieldset>
      );
    }
    case "range": {
      const [lo, hi] = Array.isArray(value) ? (value as unknown[]) : ["", ""];
      const read = (text: string) => (base === "date" ? text : numberOrBlank(text));
      return (
        <span className="flex items-center gap-1">
          <Input aria-label="From" type={base} defaultValue={asText(lo)} onChange={(e) => onChange([read(e.target.value), hi])} className="w-36" />
          <span className="text-sm text-muted-foreground">and</span>
          <Input aria-label="To" type={base} defaultValue={asText(hi)} onChange={(e) => onChange([lo, read(e.target.value)])} className="w-36" />
        </span>
      );
    }
    case "within": {
      const within = (value ?? {}) as { past_days?: number; next_days?: number };
      const direction = within.next_days !== undefined ? "next_days" : "past_days";
      const days = within[direction] ?? 7;
      return (
        <span className="flex items-center gap-1">
          <Select aria-label="Direction" value={direction} onChange={(e) => onChange({ [e.target.value]: days })} className="w-32">
            <option value="past_days">the past</option>
            <option value="next_days">the next</option>
          </Select>
          <Input
            id={id}
            aria-label="Days"
            type="number"
            min={0}
            defaultValue={days}
            onChange={(e) => onChange({ [direction]: e.target.value === "" ? "" : Math.max(0, Math.trunc(Number(e.target.value))) })}
            className="w-20"
          />
          <label htmlFor={id} className="text-sm text-muted-foreground">
            days
          </label>
        </span>
      );
    }
  }
}
