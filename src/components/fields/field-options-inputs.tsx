"use client";

import { useState } from "react";
import { useActionForm } from "@/components/action-form/action-form";
import { FieldError } from "@/components/action-form/field-error";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { FormulaFieldInfo } from "@/lib/formula";
import { fieldTypeLabel } from "./field-type-catalog";
import { FormulaEditor } from "./formula-editor";
import { editableOptionInputs, optionInputs } from "./field-options";

type Options = {
  precision?: number;
  symbol?: string;
  max?: number;
  timeZone?: string;
  format?: string;
  choices?: Array<{ name: string }>;
  multiple?: boolean;
};

const defaultPrecision: Record<string, number> = { currency: 2 };

type FieldSummary = { id: string; name: string; type: string };

/** What link, lookup, rollup and count options choose from. */
export type LinkSources = {
  /** The table the field is added to. */
  table: { id: string; name: string };
  /** Tables a link may point to: those of the table's base, itself included. */
  tables: ReadonlyArray<{ id: string; name: string }>;
  /** The table's link fields, each with the fields of the table it links to. */
  links: ReadonlyArray<FieldSummary & { fields: readonly FieldSummary[] }>;
};

// As the server allows: a link or a computed field cannot be looked up, sum
// and average need numbers, min and max numbers or dates.
const numericTypes = new Set(["number", "currency", "percent", "duration", "rating", "progress", "autonumber"]);
const orderedTypes = new Set([...numericTypes, "date", "datetime", "created_time", "last_modified_time"]);
const lookable = (type: string) => !["link", "lookup", "rollup", "count", "formula"].includes(type);

const rollupFunctions = [
  { fn: "sum", label: "Sum", fits: (type: string) => numericTypes.has(type) },
  { fn: "avg", label: "Average", fits: (type: string) => numericTypes.has(type) },
  { fn: "min", label: "Smallest (earliest)", fits: (type: string) => orderedTypes.has(type) },
  { fn: "max", label: "Largest (latest)", fits: (type: string) => orderedTypes.has(type) },
  { fn: "count", label: "Count of values", fits: () => true },
  { fn: "count_distinct", label: "Count of distinct values", fits: () => true },
  { fn: "concat", label: "Joined as text", fits: () => true },
] as const;

type FieldOptionsInputsProps = {
  type: string;
  options?: unknown;
  timeZones: readonly string[];
  /** Editing an existing field: only the options that may change once it exists. */
  editing?: boolean;
  linkSources?: LinkSources;
  /** The table's fields, which a formula refers to. */
  fields?: readonly FormulaFieldInfo[];
  /** The field being edited (a formula may not refer to itself). */
  fieldId?: string;
};

/**
 * The inputs for a type's options (precision, symbol, choices, a link's
 * table...), each with its error from the enclosing ActionForm. Prefilled
 * from `options` when editing a field; the defaults the server would apply
 * otherwise.
 */
export function FieldOptionsInputs({ type, options = {}, timeZones, editing = false, linkSources, fields = [], fieldId }: FieldOptionsInputsProps) {
  const { id: formId, state } = useActionForm();
  const o = (options ?? {}) as Options;
  const links = linkSources?.links ?? [];
  const [linkFieldId, setLinkFieldId] = useState(links[0]?.id ?? "");
  const targetFields = (links.find((l) => l.id === linkFieldId)?.fields ?? []).filter((f) => lookable(f.type));
  const [lookupFieldId, setLookupFieldId] = useState(targetFields[0]?.id ?? "");
  const lookedUp = targetFields.find((f) => f.id === lookupFieldId) ?? targetFields[0];
  const inputs = editing ? editableOptionInputs(type) : (optionInputs[type] ?? []);
  if (inputs.length === 0) return null;

  const row = (name: string, label: string, control: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode, hint?: string) => {
    const id = `${formId}-${name}`;
    const error = state.fieldErrors?.[name];
    const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
    return (
      <div key={name} className="grid content-start gap-1.5">
        <Label htmlFor={id}>{label}</Label>
        {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-muted-foreground">
            {hint}
          </p>
        ) : null}
        <FieldError id={`${id}-error`} message={error} />
      </div>
    );
  };

  return (
    <>
      {inputs.map((input) => {
        switch (input) {
          case "precision":
            return row(
              "precision",
              "Decimal places",
              (props) => (
                <Input {...props} name="precision" type="number" min={0} max={8} step={1} defaultValue={o.precision ?? defaultPrecision[type] ?? 0} />
              ),
              type === "percent" ? "Of the percentage: 1 shows 12.5%" : undefined,
            );
          case "symbol":
            return row("symbol", "Currency symbol", (props) => (
              <Input {...props} name="symbol" maxLength={8} autoComplete="off" defaultValue={o.symbol ?? "$"} />
            ));
          case "max":
            return row("max", "Highest rating", (props) => (
              <Input {...props} name="max" type="number" min={1} max={10} step={1} defaultValue={o.max ?? 5} />
            ));
          case "format":
            return row("format", "Shown as", (props) => (
              <Select {...props} name="format" defaultValue={o.format ?? "h:mm"}>
                <option value="h:mm">h:mm</option>
                <option value="h:mm:ss">h:mm:ss</option>
                <option value="h:mm:ss.s">h:mm:ss.s</option>
              </Select>
            ));
          case "timeZone": {
            const current = o.timeZone ?? "UTC";
            // A zone saved elsewhere that this list lacks is still offered, so saving does not change it.
            const zones = timeZones.includes(current) ? timeZones : [current, ...timeZones];
            return row("timeZone", "Time zone", (props) => (
              <Select {...props} name="timeZone" defaultValue={current}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </Select>
            ), type === "datetime" ? "Times are shown and typed in this zone" : undefined);
          }
          case "choices":
            return row(
              "choices",
              "Choices",
              (props) => (
                <Textarea {...props} name="choices" rows={4} defaultValue={(o.choices ?? []).map((c) => c.name).join("\n")} />
              ),
              "One per line",
            );
          case "multiple": {
            const id = `${formId}-multiple`;
            const defaultChecked = o.multiple ?? type === "link";
            return (
              <div key="multiple" className="flex items-center gap-2">
                <Checkbox id={id} name="multiple" value="true" defaultChecked={defaultChecked} />
                <Label htmlFor={id}>{type === "link" ? "Allow several linked records" : "Allow several people"}</Label>
              </div>
            );
          }
          case "linkedTableId": {
            const tables = linkSources?.tables ?? [];
            const others = tables.filter((t) => t.id !== linkSources?.table.id);
            return row("linkedTableId", "Linked table", (props) => (
              <Select {...props} name="linkedTableId" required defaultValue={(others[0] ?? tables[0])?.id}>
                {tables.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.id === linkSources?.table.id ? `${t.name} (this table)` : t.name}
                  </option>
                ))}
              </Select>
            ));
          }
          case "inverseName":
            return row(
              "inverseName",
              "Name of the reverse field",
              (props) => <Input {...props} name="inverseName" maxLength={100} autoComplete="off" placeholder={linkSources?.table.name} />,
              "The link shows on both tables; this names it on the other one",
            );
          case "linkFieldId":
            return row(
              "linkFieldId",
              "Link field",
              (props) => (
                <Select
                  {...props}
                  name="linkFieldId"
                  required
                  value={linkFieldId}
                  onChange={(event) => {
                    setLinkFieldId(event.target.value);
                    setLookupFieldId("");
                  }}
                >
                  {links.map((link) => (
                    <option key={link.id} value={link.id}>
                      {link.name}
                    </option>
                  ))}
                </Select>
              ),
              links.length === 0 ? "Add a link to another table first" : "The linked records to read",
            );
          case "lookupFieldId":
            return row(
              "lookupFieldId",
              type === "rollup" ? "Field to summarise" : "Field to show",
              (props) => (
                <Select {...props} name="lookupFieldId" required value={lookedUp?.id ?? ""} onChange={(event) => setLookupFieldId(event.target.value)}>
                  {targetFields.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name} ({fieldTypeLabel(f.type)})
                    </option>
                  ))}
                </Select>
              ),
              "Of the linked table",
            );
          case "fn": {
            const fits = rollupFunctions.filter((r) => !lookedUp || r.fits(lookedUp.type));
            return row("fn", "Summary", (props) => (
              // Keyed by the field: the first function that fits it is chosen again.
              <Select key={lookedUp?.id} {...props} name="fn" required defaultValue={fits[0]?.fn}>
                {fits.map((r) => (
                  <option key={r.fn} value={r.fn}>
                    {r.label}
                  </option>
                ))}
              </Select>
            ));
          }
          case "formula":
            return row("formula", "Formula", (props) => (
              <FormulaEditor {...props} name="formula" defaultValue={(o as { formula?: string }).formula ?? ""} fields={fields} selfId={fieldId} />
            ));
        }
      })}
    </>
  );
}
