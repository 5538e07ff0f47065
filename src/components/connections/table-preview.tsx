"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useId, useState } from "react";
import { FieldError } from "@/components/action-form/field-error";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { opLabels, valueShape } from "@/components/views/filter-tree";
import type { FilterOp } from "@/lib/fields/field-type";
import type { FilterCondition } from "@/lib/query/plan";
import { useTRPC } from "@/trpc/react";
import type { ExternalColumn } from "./connection-types";
import { CallFailure } from "./failure-notice";
import { cellText, previewCondition, previewField, previewOperators } from "./preview-filter";

const previewLimit = 50;

type Sort = { field: string; dir: "asc" | "desc" };

/** The next sort when a column's header is clicked: ascending, descending, then none. */
function nextSort(sort: Sort | null, field: string): Sort | null {
  if (sort?.field !== field) return { field, dir: "asc" };
  return sort.dir === "asc" ? { field, dir: "desc" } : null;
}

/**
 * The first rows of an external table through `connection.query`, under
 * the server's row cap and query time limit, sorted by a clicked header and
 * filtered by one condition.
 */
export function TablePreview({ connectionId, table, columns }: { connectionId: string; table: string; columns: ExternalColumn[] }) {
  const trpc = useTRPC();
  const [sort, setSort] = useState<Sort | null>(null);
  const [filter, setFilter] = useState<FilterCondition | null>(null);
  const rows = useQuery({
    ...trpc.connection.query.queryOptions({
      connectionId,
      table,
      limit: previewLimit,
      ...(sort ? { sort: [sort] } : {}),
      ...(filter ? { filter } : {}),
    }),
    retry: false,
    // The previous rows stay while a new sort or filter loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });

  const page = rows.isError ? undefined : rows.data;
  const status = rows.isFetching
    ? "Loading rows…"
    : rows.isError
      ? "The rows could not be loaded."
      : page
        ? page.rows.length === 0
          ? filter
            ? "No rows match the filter."
            : "The table is empty."
          : page.nextCursor
            ? `Showing the first ${page.rows.length} rows.`
            : `Showing all ${page.rows.length} ${page.rows.length === 1 ? "row" : "rows"}.`
        : "";

  return (
    <section aria-labelledby="preview-heading" className="grid gap-3">
      <h3 id="preview-heading" className="text-base font-semibold">
        Data preview
      </h3>
      <FilterRow key={table} columns={columns} onApply={setFilter} />
      <p role="status" className="text-sm text-muted-foreground">
        {status}
      </p>
      {rows.isError ? <CallFailure error={rows.error} what="The preview could not be loaded" /> : null}
      {page && page.rows.length > 0 ? (
        <div className="relative max-h-[32rem] overflow-auto rounded-lg border border-border" aria-busy={rows.isFetching || undefined}>
          <table className="w-full text-sm">
            <caption className="sr-only">
              Rows of {table}
              {sort ? `, sorted by ${sort.field} ${sort.dir === "asc" ? "ascending" : "descending"}` : ""}
            </caption>
            <thead className="sticky top-0 bg-muted text-left text-xs text-muted-foreground">
              <tr>
                {columns.map((column) => {
                  const dir = sort?.field === column.name ? sort.dir : null;
                  const Icon = dir === "asc" ? ArrowUp : dir === "desc" ? ArrowDown : ArrowUpDown;
                  return (
                    <th key={column.name} scope="col" aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"} className="p-0 font-medium">
                      <button
                        type="button"
                        onClick={() => setSort((s) => nextSort(s, column.name))}
                        className="flex w-full items-center gap-1 whitespace-nowrap px-3 py-2 text-left hover:text-foreground focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring"
                      >
                        {column.name}
                        <Icon aria-hidden className={dir ? "size-3.5 text-foreground" : "size-3.5 opacity-40"} />
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {page.rows.map((row, index) => (
                // Rows of a table without a primary key have no identity of their own: the position is the key.
                <tr key={index}>
                  {columns.map((column) => {
                    const text = cellText(row[column.name]);
                    return (
                      <td key={column.name} className="max-w-72 truncate px-3 py-1.5" title={text ?? undefined}>
                        {text ?? <span className="text-muted-foreground">—</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** "column / operator / value", applied on submit; the value input follows the column's type. */
function FilterRow({ columns, onApply }: { columns: ExternalColumn[]; onApply: (filter: FilterCondition | null) => void }) {
  const id = useId();
  const [fieldName, setFieldName] = useState(columns[0]?.name ?? "");
  const field = previewField(columns.find((c) => c.name === fieldName) ?? columns[0] ?? { name: "", type: "text" });
  const operators = previewOperators(field);
  const [chosenOp, setOp] = useState<FilterOp | null>(null);
  const op = chosenOp && operators.includes(chosenOp) ? chosenOp : (operators[0] ?? "is_not_empty");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const shape = valueShape(field, op);

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const condition = previewCondition(field, op, value);
    setError(condition ? null : shape === "number" ? "Enter a number." : "Enter a value.");
    if (condition) onApply(condition);
  }

  return (
    <form onSubmit={apply} aria-label="Filter rows" className="grid gap-2">
      <div className="grid gap-2 sm:grid-cols-[minmax(0,12rem)_minmax(0,10rem)_minmax(0,1fr)_auto_auto] sm:items-end">
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-field`}>Column</Label>
          <Select id={`${id}-field`} value={field.id} onChange={(e) => setFieldName(e.target.value)}>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-op`}>Operator</Label>
          <Select id={`${id}-op`} value={op} onChange={(e) => setOp(e.target.value as FilterOp)}>
            {operators.map((o) => (
              <option key={o} value={o}>
                {opLabels[o]}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-value`}>Value</Label>
          {shape === "boolean" ? (
            <Select id={`${id}-value`} value={value === "false" ? "false" : "true"} onChange={(e) => setValue(e.target.value)}>
              <option value="true">true</option>
              <option value="false">false</option>
            </Select>
          ) : (
            <Input
              id={`${id}-value`}
              type={shape === "number" ? "number" : shape === "date" ? "date" : "text"}
              step={shape === "number" ? "any" : undefined}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              disabled={shape === "none"}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          )}
        </div>
        <Button type="submit" variant="secondary">
          Apply filter
        </Button>
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            setValue("");
            setError(null);
            onApply(null);
          }}
        >
          Clear
        </Button>
      </div>
      <FieldError id={`${id}-error`} message={error ?? undefined} />
    </form>
  );
}
