"use client";

import { useActionForm } from "@/components/action-form/action-form";
import { FieldError } from "@/components/action-form/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { optionInputs } from "./field-options";

type Options = { precision?: number; symbol?: string; max?: number; timeZone?: string; format?: string; choices?: Array<{ name: string }> };

const defaultPrecision: Record<string, number> = { currency: 2 };

/**
 * The inputs for a type's options (precision, symbol, choices...), each with
 * its error from the enclosing ActionForm. Prefilled from `options` when
 * editing a field; the defaults the server would apply otherwise.
 */
export function FieldOptionsInputs({ type, options = {}, timeZones }: { type: string; options?: unknown; timeZones: readonly string[] }) {
  const { id: formId, state } = useActionForm();
  const o = (options ?? {}) as Options;
  const inputs = optionInputs[type] ?? [];
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
        }
      })}
    </>
  );
}
