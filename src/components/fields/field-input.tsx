"use client";

import { useActionForm } from "@/components/action-form/action-form";
import { FieldError } from "@/components/action-form/field-error";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { AttachmentInput } from "./attachment-input";
import { isAttachment } from "./attachments";
import { type FieldChoices, type FieldLike, fieldInputName, formEditor } from "./form-values";

type Options = {
  symbol?: string;
  max?: number;
  timeZone?: string;
  format?: string;
  choices?: Array<{ name: string }>;
  multiple?: boolean;
};

type Named = { id: string; name: string };

// Records the value holds that the list offered lacks (a member who left, a
// linked row past the first ones listed) are offered too, so saving keeps them.
function withCurrent(offered: readonly Named[], value: unknown, unnamed: (id: string) => string): Named[] {
  const list = [...offered];
  for (const item of Array.isArray(value) ? value : []) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== "string" || list.some((o) => o.id === id)) continue;
    const name = (item as { name?: unknown }).name;
    list.push({ id, name: typeof name === "string" && name !== "" ? name : unnamed(id) });
  }
  return list;
}

function describe(field: FieldLike): string | undefined {
  const options = (field.options ?? {}) as Options;
  switch (field.type) {
    case "currency":
      return `Amount in ${options.symbol ?? "$"}`;
    case "percent":
      return "In percent: 25 means 25%";
    case "duration":
      return `As ${options.format ?? "h:mm"}, or a number of seconds`;
    case "rating":
      return `0 to ${options.max ?? 5}`;
    case "progress":
      return "0 to 100 percent";
    case "datetime":
      return `Time zone: ${options.timeZone ?? "UTC"}`;
    case "link":
      return options.multiple === false ? undefined : "Hold Ctrl (or ⌘) to choose several";
    default:
      return undefined;
  }
}

type FieldInputProps = {
  field: FieldLike;
  /** What the input starts with, as the editor's strings (see form-values). */
  defaultValue?: string[];
  /** The value itself, as read: the names of its users, files and linked rows. */
  value?: unknown;
  /** What user and link fields offer, and the workspace files are uploaded to. */
  choices?: FieldChoices;
  /** Help text shown under the label (a form question's). */
  help?: string | null;
  /** Marked as required; the server checks it, so an empty answer still reaches it and comes back with the field's error. */
  required?: boolean;
  className?: string;
};

function LabelText({ name, required }: { name: string; required?: boolean }) {
  return (
    <>
      {name}
      {required ? (
        <>
          <span aria-hidden className="text-destructive">
            {" "}
            *
          </span>
          <span className="sr-only"> (required)</span>
        </>
      ) : null}
    </>
  );
}

/**
 * The input a field's type calls for, labelled with the field's name, its
 * error from the enclosing ActionForm right below it.
 */
export function FieldInput({ field, defaultValue = [], value, choices, help, required, className }: FieldInputProps) {
  const { id: formId, state } = useActionForm();
  const editor = formEditor(field.type);
  if (!editor) return null;
  const name = fieldInputName(field.id);
  const id = `${formId}-${name}`;
  const error = state.fieldErrors?.[name];
  const description = describe(field);
  const describedBy =
    [help ? `${id}-help` : null, description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const options = (field.options ?? {}) as Options;
  const first = defaultValue[0] ?? "";
  const aria = { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy } as const;
  const label = <LabelText name={field.name} required={required} />;
  const helpText = help ? (
    <p id={`${id}-help`} className="whitespace-pre-line text-sm text-muted-foreground">
      {help}
    </p>
  ) : null;

  const footer = (
    <>
      {description ? (
        <p id={`${id}-description`} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </>
  );

  if (editor.kind === "checkboxes") {
    const choices = options.choices ?? [];
    return (
      <fieldset className={cn("grid gap-1.5", className)} {...aria}>
        <legend className="mb-1.5 text-sm font-medium leading-none">{label}</legend>
        {helpText}
        {choices.length === 0 ? <p className="text-sm text-muted-foreground">No choices yet</p> : null}
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {choices.map((choice, i) => (
            <label key={choice.name} htmlFor={`${id}-${i}`} className="flex items-center gap-2 text-sm">
              <Checkbox id={`${id}-${i}`} name={name} value={choice.name} defaultChecked={defaultValue.includes(choice.name)} />
              {choice.name}
            </label>
          ))}
        </div>
        {footer}
      </fieldset>
    );
  }

  if (editor.kind === "users" && options.multiple) {
    const members = withCurrent(choices?.members ?? [], value, () => "Former member");
    return (
      <fieldset className={cn("grid gap-1.5", className)} {...aria}>
        <legend className="mb-1.5 text-sm font-medium leading-none">{label}</legend>
        {helpText}
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {members.map((member, i) => (
            <label key={member.id} htmlFor={`${id}-${i}`} className="flex items-center gap-2 text-sm">
              <Checkbox id={`${id}-${i}`} name={name} value={member.id} defaultChecked={defaultValue.includes(member.id)} />
              {member.name}
            </label>
          ))}
        </div>
        {footer}
      </fieldset>
    );
  }

  if (editor.kind === "checkbox") {
    return (
      <div className={cn("grid content-start gap-1.5", className)}>
        {/* Keeps the box level with the inputs beside it, whose labels sit above them. */}
        <span aria-hidden className="hidden h-3.5 sm:block" />
        <div className="flex h-9 items-center gap-2">
          <Checkbox id={id} name={name} value="true" defaultChecked={defaultValue.includes("true")} {...aria} />
          <Label htmlFor={id}>{label}</Label>
        </div>
        {helpText}
        {footer}
      </div>
    );
  }

  let control: React.ReactNode;
  switch (editor.kind) {
    case "textarea":
      control = <Textarea id={id} name={name} defaultValue={first} rows={3} {...aria} />;
      break;
    case "select":
      control = (
        <Select id={id} name={name} defaultValue={first} {...aria}>
          <option value="">—</option>
          {(options.choices ?? []).map((choice) => (
            <option key={choice.name} value={choice.name}>
              {choice.name}
            </option>
          ))}
        </Select>
      );
      break;
    case "users":
      control = (
        <Select id={id} name={name} defaultValue={first} {...aria}>
          <option value="">—</option>
          {withCurrent(choices?.members ?? [], value, () => "Former member").map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </Select>
      );
      break;
    case "links": {
      const rows = withCurrent(choices?.linkedRows[field.id] ?? [], value, (rowId) => `Row ${rowId}`);
      control =
        options.multiple === false ? (
          <Select id={id} name={name} defaultValue={first} {...aria}>
            <option value="">—</option>
            {rows.map((row) => (
              <option key={row.id} value={row.id}>
                {row.name}
              </option>
            ))}
          </Select>
        ) : (
          // A native multiple select: no script needed, and every screen reader knows it.
          <select
            id={id}
            name={name}
            multiple
            defaultValue={defaultValue}
            size={Math.min(8, Math.max(3, rows.length))}
            className="w-full rounded-md border border-border bg-background px-1 py-1 text-base shadow-sm focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring aria-invalid:border-destructive sm:text-sm [&>option]:rounded-sm [&>option]:px-2 [&>option]:py-0.5"
            {...aria}
          >
            {rows.map((row) => (
              <option key={row.id} value={row.id}>
                {row.name}
              </option>
            ))}
          </select>
        );
      break;
    }
    case "attachments":
      control = choices ? (
        <AttachmentInput
          id={id}
          name={name}
          workspaceId={choices.workspaceId}
          attached={Array.isArray(value) ? value.filter(isAttachment) : []}
          {...aria}
        />
      ) : null;
      break;
    case "number": {
      const bounded = field.type === "rating" || field.type === "progress";
      control = (
        <Input
          id={id}
          name={name}
          type="number"
          inputMode="decimal"
          step={bounded ? 1 : "any"}
          min={bounded ? 0 : undefined}
          max={bounded ? (field.type === "rating" ? (options.max ?? 5) : 100) : undefined}
          defaultValue={first}
          {...aria}
        />
      );
      break;
    }
    case "datetime":
      // Seconds appear only for a value that has them: a step of 60 would refuse such a value.
      control = (
        <Input id={id} name={name} type="datetime-local" step={first.length > 16 ? 1 : 60} defaultValue={first} {...aria} />
      );
      break;
    case "duration":
      control = <Input id={id} name={name} inputMode="numeric" placeholder={options.format ?? "h:mm"} autoComplete="off" defaultValue={first} {...aria} />;
      break;
    default:
      control = (
        <Input
          id={id}
          name={name}
          type={editor.kind}
          autoComplete="off"
          defaultValue={first}
          maxLength={field.type === "text" ? 100_000 : undefined}
          {...aria}
        />
      );
  }

  return (
    <div className={cn("grid content-start gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {helpText}
      {control}
      {footer}
    </div>
  );
}
