import Link from "next/link";
import { Check, Paperclip } from "lucide-react";
import { cn } from "@/lib/utils";
import { isAttachment } from "./attachments";
import type { FieldLike } from "./form-values";
import { formatCurrency, formatDate, formatDateTime, formatDuration, formatNumber, formatPercent } from "./format-value";

type Options = { precision?: number; symbol?: string; max?: number; timeZone?: string; tableId?: string };

/** Where a linked row is shown: a page of the table it belongs to, or nowhere (plain names). */
export type LinkHref = (tableId: string, rowId: string) => string | undefined;

const summaryFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 4 });
const linkClass = "text-primary underline-offset-4 hover:underline";

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

function Chip({ children }: { children: React.ReactNode }) {
  return (
    <span className="inline-flex max-w-full items-center truncate rounded-full bg-primary/10 px-2 py-0.5 text-xs font-medium text-primary">
      {children}
    </span>
  );
}

type FieldValueProps = { field: Pick<FieldLike, "type" | "options">; value: unknown; className?: string; linkHref?: LinkHref };

/** A cell's value for reading, by the field's type. Empty values render nothing. */
export function FieldValue({ field, value, className, linkHref }: FieldValueProps) {
  const options = (field.options ?? {}) as Options;
  if (field.type === "boolean") {
    return value === true ? (
      <span className={className}>
        <Check aria-hidden className="size-4 text-primary" />
        <span className="sr-only">Yes</span>
      </span>
    ) : (
      <span className="sr-only">No</span>
    );
  }
  if (isEmpty(value)) return null;

  switch (field.type) {
    case "number":
    case "currency":
    case "percent":
    case "duration":
    case "autonumber":
    case "count":
      if (typeof value !== "number") break;
      return (
        <span className={cn("tabular-nums", className)}>
          {field.type === "currency"
            ? formatCurrency(value, options)
            : field.type === "percent"
              ? formatPercent(value, options)
              : field.type === "duration"
                ? formatDuration(value, options)
                : formatNumber(value, options)}
        </span>
      );
    case "rating": {
      if (typeof value !== "number") break;
      const max = options.max ?? 5;
      return (
        <span className={className}>
          <span aria-hidden className="tracking-tight text-amber-500">
            {"★".repeat(value)}
            <span className="text-border">{"★".repeat(Math.max(0, max - value))}</span>
          </span>
          <span className="sr-only">
            {value} of {max}
          </span>
        </span>
      );
    }
    case "progress":
      if (typeof value !== "number") break;
      return (
        <span className={cn("flex items-center gap-2", className)}>
          <span aria-hidden className="h-1.5 w-16 overflow-hidden rounded-full bg-muted">
            <span className="block h-full bg-primary" style={{ width: `${Math.min(100, Math.max(0, value))}%` }} />
          </span>
          <span className="tabular-nums">{value}%</span>
        </span>
      );
    case "date":
      if (typeof value !== "string") break;
      return (
        <time dateTime={value} className={className}>
          {formatDate(value)}
        </time>
      );
    case "datetime":
    case "created_time":
    case "last_modified_time":
      if (typeof value !== "string") break;
      return (
        <time dateTime={value} className={className}>
          {formatDateTime(value, field.type === "datetime" ? options.timeZone : "UTC")}
        </time>
      );
    case "single_select":
      return <Chip>{String(value)}</Chip>;
    case "multi_select":
      if (!Array.isArray(value)) break;
      return (
        <span className={cn("flex flex-wrap gap-1", className)}>
          {value.map((name) => (
            <Chip key={String(name)}>{String(name)}</Chip>
          ))}
        </span>
      );
    case "rollup":
      if (typeof value !== "number") break;
      return <span className={cn("tabular-nums", className)}>{summaryFormat.format(value)}</span>;
    case "user":
      if (!Array.isArray(value)) break;
      return (
        <span className={cn("flex flex-wrap gap-1", className)}>
          {value.map((user: { id?: string; name?: string }, i) => (
            <Chip key={user.id ?? i}>{user.name ?? ""}</Chip>
          ))}
        </span>
      );
    case "attachment":
      if (!Array.isArray(value)) break;
      return (
        <ul className={cn("flex flex-wrap items-center gap-1.5", className)}>
          {value.filter(isAttachment).map((file) => (
            <li key={file.id} className="max-w-full">
              {file.type.startsWith("image/") ? (
                <a href={file.url} target="_blank" rel="noopener" className="block rounded-md focus-visible:outline-2 focus-visible:outline-ring">
                  {/* A plain img: the files API serves it, in the viewer's session; nothing for an image optimizer to do. */}
                  <img src={file.url} alt={file.name} loading="lazy" className="size-10 rounded-md border border-border object-cover" />
                </a>
              ) : (
                <a href={file.url} className={cn("inline-flex max-w-full items-center gap-1", linkClass)}>
                  <Paperclip aria-hidden className="size-3.5 shrink-0" />
                  <span className="truncate">{file.name}</span>
                </a>
              )}
            </li>
          ))}
        </ul>
      );
    case "link": {
      if (!Array.isArray(value)) break;
      const tableId = options.tableId;
      return (
        <span className={cn("flex flex-wrap gap-x-2 gap-y-1", className)}>
          {value.map((row: { id: string; name: string | null }, i) => {
            const label = row.name ?? `Row ${row.id}`;
            const href = tableId ? linkHref?.(tableId, row.id) : undefined;
            return (
              <span key={row.id}>
                {href ? (
                  <Link href={href} className={linkClass}>
                    {label}
                  </Link>
                ) : (
                  label
                )}
                {i < value.length - 1 ? <span aria-hidden>,</span> : null}
              </span>
            );
          })}
        </span>
      );
    }
    case "created_by":
    case "last_modified_by":
      return <span className={className}>{(value as { name?: string }).name ?? ""}</span>;
    case "long_text":
      return <span className={cn("line-clamp-3 whitespace-pre-line", className)}>{String(value)}</span>;
    case "url":
      if (typeof value !== "string" || !/^https?:\/\//i.test(value)) break;
      return (
        <a href={value} target="_blank" rel="noopener noreferrer nofollow" className={cn(linkClass, className)}>
          {value}
        </a>
      );
    case "email":
      return (
        <a href={`mailto:${String(value)}`} className={cn(linkClass, className)}>
          {String(value)}
        </a>
      );
  }
  return <span className={className}>{asText(value)}</span>;
}

// Types without a display of their own (lookups, a rollup's concatenation): records by name, lists joined.
function asText(value: unknown): string {
  if (Array.isArray(value)) return value.map(asText).join(", ");
  if (typeof value === "object" && value !== null) {
    const name = (value as { name?: unknown }).name;
    return typeof name === "string" ? name : JSON.stringify(value);
  }
  return String(value);
}
