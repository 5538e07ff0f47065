import Link from "next/link";
import { FieldValue, type LinkHref } from "@/components/fields/field-value";
import { fieldTypeLabel } from "@/components/fields/field-type-catalog";
import type { FieldLike } from "@/components/fields/form-values";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { rowLabel } from "@/components/fields/row-label";

type Row = { id: string; fields: Record<string, unknown> };

type RowsTableProps = {
  caption: string;
  fields: FieldLike[];
  primaryFieldId: string | null;
  rows: Row[];
  /** Rendered in a last column, per row (edit and delete, restore): none means no such column. */
  actions?: (row: Row, label: string) => React.ReactNode;
  /** Extra columns after the fields (e.g. when a row was deleted). */
  extra?: { header: string; cell: (row: Row) => React.ReactNode };
  empty: React.ReactNode;
  /** Where a linked row's name leads; without it, linked rows show as plain names. */
  linkHref?: LinkHref;
};

/** Rows as a plain table: a column per field (name and type), the primary field as each row's header. */
export function RowsTable({ caption, fields, primaryFieldId, rows, actions, extra, empty, linkHref }: RowsTableProps) {
  const columns = fields.length + (extra ? 1 : 0) + (actions ? 1 : 0);
  return (
    <div className="relative overflow-x-auto rounded-lg border border-border">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted text-left">
          <tr>
            {fields.map((field) => (
              <th key={field.id} scope="col" className="min-w-32 whitespace-nowrap px-3 py-2 align-bottom font-medium">
                <span className="block">{field.name}</span>
                <span className="block text-xs font-normal text-muted-foreground">{fieldTypeLabel(field.type)}</span>
              </th>
            ))}
            {extra ? (
              <th scope="col" className="whitespace-nowrap px-3 py-2 align-bottom font-medium">
                {extra.header}
              </th>
            ) : null}
            {actions ? (
              <th scope="col" className="px-3 py-2 text-right">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {rows.length === 0 ? (
            // The headers stay: they show the fields a first row will have.
            <tr>
              <td colSpan={columns} className="px-3 py-8 text-center text-muted-foreground">
                {empty}
              </td>
            </tr>
          ) : null}
          {rows.map((row) => {
            const label = rowLabel(row, primaryFieldId);
            return (
              <tr key={row.id} id={`row-${row.id}`} className="align-top">
                {fields.map((field) => {
                  const Cell = field.id === primaryFieldId ? "th" : "td";
                  return (
                    <Cell
                      key={field.id}
                      scope={field.id === primaryFieldId ? "row" : undefined}
                      className={cn("max-w-72 px-3 py-2.5 text-left", field.id === primaryFieldId ? "font-medium" : "font-normal")}
                    >
                      <FieldValue field={field} value={row.fields[field.id]} linkHref={linkHref} />
                    </Cell>
                  );
                })}
                {extra ? <td className="whitespace-nowrap px-3 py-2.5 text-muted-foreground">{extra.cell(row)}</td> : null}
                {actions ? (
                  <td className="px-3 py-1.5">
                    <div className="flex items-start justify-end gap-1">{actions(row, label)}</div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function EditRowLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className={buttonVariants({ variant: "ghost", size: "sm" })}>
      Edit<span className="sr-only"> {label}</span>
    </Link>
  );
}
