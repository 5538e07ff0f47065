"use client";

import { useId, useMemo, useRef, useState } from "react";
import { LoaderCircle, TriangleAlert, Upload } from "lucide-react";
import { FieldError } from "@/components/action-form/field-error";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { type AppendTarget, autoMapping, doubleMapped, fillableTargets, mappingSpec, type Misfits, misfitsOf } from "@/lib/csv/import-mapping";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import type { FieldType } from "@/lib/fields/field-type";
import { CsvFileDropZone } from "./csv-file-drop-zone";
import type { ImportResult } from "./import-summary";
import { ImportFailure, ImportStatus, useCsvImport } from "./use-csv-import";
import { CsvPreviewTable, PreviewExtent, useCsvPreview } from "./use-csv-preview";

const typeLabel = (type: string) => fieldTypeDefinition(type as FieldType)?.label ?? type;
const values = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "value" : "values"}`;

/**
 * Appends a CSV file's rows to an existing table, in the way of Airtable's
 * "add to this table": the file's start is read in the page and shown with
 * each column mapped to a field of the table (matched by name, case and
 * spaces aside) or skipped, and each mapped column checked with the field
 * type's own validation, so values that will not fit are reported per column
 * before anything is sent. On import such cells are left empty and listed;
 * the rest is written, in one transaction.
 */
export function CsvAppendWizard({
  tableId,
  fields,
  label,
  onImported,
}: {
  tableId: string;
  fields: readonly AppendTarget[];
  label: string;
  onImported?: (result: ImportResult) => void;
}) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const { phase, sending, send, reset } = useCsvImport();
  const { preview, readError, read, clear } = useCsvPreview();
  const targets = useMemo(() => fillableTargets(fields), [fields]);
  /** Per column of the file, the id of the field it fills, or null: skipped. */
  const [mapping, setMapping] = useState<Array<string | null>>([]);
  const doubles = doubleMapped(mapping);
  const mapped = mapping.flatMap((field, index) => (field ? [{ index, field: targets.find((t) => t.id === field)! }] : []));

  // Per column, the values of the rows read that its field would refuse.
  const misfits = useMemo(() => {
    const byColumn = new Map<number, Misfits>();
    if (!preview) return byColumn;
    mapping.forEach((fieldId, index) => {
      const field = fieldId ? targets.find((t) => t.id === fieldId) : undefined;
      if (field) byColumn.set(index, misfitsOf(field, preview.rows.map((row) => row[index]!)));
    });
    return byColumn;
  }, [preview, mapping, targets]);

  async function readPreview(file: File) {
    const preview = await read(file);
    if (!preview) return;
    setMapping(autoMapping(preview.columns, targets));
    reset();
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!preview || sending || mapped.length === 0 || doubles.size > 0) return;
    const form = event.currentTarget;
    const query = new URLSearchParams({ columns: JSON.stringify(mappingSpec(preview.columns, mapping)) });
    // On failure the mapping stays as it was, to try again.
    const result = await send(`/api/v1/tables/${encodeURIComponent(tableId)}/import?${query}`, preview.file);
    if (!result) return;
    form.reset();
    clear();
    setMapping([]);
    onImported?.(result);
  }

  const checkedRows = preview ? (preview.complete ? "the file" : `the first ${preview.rows.length.toLocaleString("en")} rows`) : "";

  return (
    <div className="grid gap-4">
      <form onSubmit={submit} aria-label={label} aria-busy={sending || undefined} className="grid min-w-0 gap-4">
        <CsvFileDropZone
          id={`${id}-file`}
          inputRef={fileInput}
          disabled={sending}
          onFile={readPreview}
          hint="Its rows are added after the rows already here; you choose which field each column fills."
        />
        {readError ? (
          <div role="alert">
            <FieldError message={readError} />
          </div>
        ) : null}

        {preview ? (
          <>
            <div className="overflow-x-auto rounded-md border border-border">
              <table className="w-full text-sm">
                <caption className="border-b border-border px-3 py-2 text-left font-medium">Columns</caption>
                <thead className="bg-muted text-left">
                  <tr>
                    <th scope="col" className="px-3 py-1.5 font-medium">
                      In the file
                    </th>
                    <th scope="col" className="px-3 py-1.5 font-medium">
                      Fills the field
                    </th>
                    <th scope="col" className="px-3 py-1.5 font-medium">
                      Check
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-border">
                  {preview.columns.map((header, i) => {
                    const field = targets.find((t) => t.id === mapping[i]);
                    const misfit = misfits.get(i);
                    const problem = doubles.has(i) ? `Another column already fills “${field?.name}”` : undefined;
                    return (
                      <tr key={header} className={field ? undefined : "text-muted-foreground"}>
                        <th scope="row" className="max-w-40 truncate px-3 py-1.5 text-left font-normal" title={header}>
                          {header}
                        </th>
                        <td className="px-3 py-1.5 align-top">
                          <Select
                            aria-label={`Field for ${header}`}
                            value={mapping[i] ?? ""}
                            disabled={sending}
                            aria-invalid={problem ? true : undefined}
                            aria-describedby={problem ? `${id}-column-${i}-error` : undefined}
                            onChange={(event) => {
                              const chosen = event.target.value || null;
                              setMapping((current) => current.map((f, j) => (j === i ? chosen : f)));
                            }}
                            className="min-w-44"
                          >
                            <option value="">Skip this column</option>
                            {targets.map((t) => (
                              <option key={t.id} value={t.id}>
                                {t.name} ({typeLabel(t.type)})
                              </option>
                            ))}
                          </Select>
                          <FieldError id={`${id}-column-${i}-error`} message={problem} className="mt-1" />
                        </td>
                        <td className="px-3 py-1.5 align-top">
                          {!field ? (
                            "Not imported"
                          ) : misfit && misfit.count > 0 ? (
                            <span className="flex items-start gap-1.5 text-amber-700 dark:text-amber-400">
                              <TriangleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0" />
                              <span>
                                {values(misfit.count)} of {checkedRows} will not fit {typeLabel(field.type)} and will be left empty (e.g. “
                                {misfit.example!.value}”: {misfit.example!.error})
                              </span>
                            </span>
                          ) : (
                            `Every value of ${checkedRows} fits`
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {mapped.length === 0 ? (
              <p role="alert" className="text-sm text-destructive">
                No column fills a field of this table: choose a field for at least one column.
              </p>
            ) : (
              <CsvPreviewTable
                preview={preview}
                columns={mapped.map(({ index, field }) => ({
                  index,
                  heading: (
                    <>
                      {field.name} <span className="font-normal text-muted-foreground">from {preview.columns[index]}</span>
                    </>
                  ),
                }))}
              />
            )}
            <PreviewExtent preview={preview} />
            <Button type="submit" disabled={sending || mapped.length === 0 || doubles.size > 0} className="justify-self-start">
              {sending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Upload aria-hidden />}
              Import
            </Button>
          </>
        ) : null}
        <ImportFailure phase={phase} />
      </form>
      <ImportStatus phase={phase} />
    </div>
  );
}
