"use client";

import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { LoaderCircle, Upload } from "lucide-react";
import { FieldError } from "@/components/action-form/field-error";
import { CsvFileDropZone } from "@/components/import/csv-file-drop-zone";
import { ImportFailure, ImportStatus, useCsvImport } from "@/components/import/use-csv-import";
import { CsvPreviewTable, PreviewExtent, useCsvPreview } from "@/components/import/use-csv-preview";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import {
  canBePrimary,
  type ColumnChoice,
  columnsSpec,
  effectiveChoices,
  type ImportableFieldType,
  importableFieldTypes,
  nameProblems,
} from "@/lib/csv/import-columns";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { tablePath } from "@/app/_lib/paths";

// "Sales 2026.csv" names its table "Sales 2026".
const nameFromFile = (fileName: string) => fileName.replace(/\.(csv|tsv|txt)$/i, "").trim().slice(0, 100);

const label = (type: ImportableFieldType) => fieldTypeDefinition(type)?.label ?? type;
const isImportable = (type: string): type is ImportableFieldType => (importableFieldTypes as readonly string[]).includes(type);

/**
 * A new table from a CSV file, in the way of Airtable's import: the file's
 * start is read in the browser with the server's own parsing and type
 * inference, shown as a preview whose columns can be renamed, retyped or
 * skipped; then the whole file is uploaded (as the raw body, which a server
 * action could only buffer) with those choices, and the result reported.
 */
export function CsvImportWizard({ workspaceId, baseId }: { workspaceId: string; baseId: string }) {
  const router = useRouter();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const { phase, sending, send, reset } = useCsvImport();
  const { preview, readError, read, clear } = useCsvPreview();
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [name, setName] = useState("");
  // The table name follows the chosen file until someone types one.
  const nameTyped = useRef(false);
  const effective = effectiveChoices(choices);
  const problems = nameProblems(effective);

  async function readPreview(file: File) {
    const preview = await read(file);
    if (!preview) return;
    setChoices(
      preview.columns.map((header, i) => {
        const inferredType = preview.inferred[i]!;
        return { header, inferredType, name: header, type: isImportable(inferredType) ? inferredType : "text" };
      }),
    );
    if (!nameTyped.current) setName(nameFromFile(file.name));
    reset();
  }

  function choose(index: number, change: Partial<ColumnChoice>) {
    setChoices((current) => current.map((c, i) => (i === index ? { ...c, ...change } : c)));
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!preview || sending || problems.size > 0) return;
    const form = event.currentTarget;
    const spec = columnsSpec(effective);
    const query = new URLSearchParams({ baseId, name: name.trim() || nameFromFile(preview.file.name) });
    if (spec.length > 0) query.set("columns", JSON.stringify(spec));
    // On failure everything chosen stays as it was, to try again.
    if (!(await send(`/api/v1/tables/import?${query}`, preview.file))) return;
    form.reset();
    clear();
    setChoices([]);
    setName("");
    nameTyped.current = false;
    router.refresh();
  }

  const primary = effective.findIndex((c) => c.type !== "skip");
  const shown = effective.flatMap((c, i) => (c.type === "skip" ? [] : [{ ...c, index: i }]));

  return (
    <div className="grid gap-4">
      <form onSubmit={submit} aria-label="Import CSV" aria-busy={sending || undefined} className="grid min-w-0 gap-4">
        <CsvFileDropZone
          id={`${id}-file`}
          inputRef={fileInput}
          disabled={sending}
          onFile={readPreview}
          hint="The first line names the fields; their types are guessed from the values, and you can change them before importing."
        />
        {readError ? (
          <div role="alert">
            <FieldError message={readError} />
          </div>
        ) : null}

        {preview ? (
          <>
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-name`}>Table name</Label>
              <Input
                id={`${id}-name`}
                name="name"
                value={name}
                onChange={(event) => {
                  nameTyped.current = true;
                  setName(event.target.value);
                }}
                maxLength={100}
                autoComplete="off"
                placeholder="The file's name"
                disabled={sending}
              />
            </div>

            <div className="grid min-w-0 gap-1.5">
              <div className="overflow-x-auto rounded-md border border-border">
                <table className="w-full text-sm">
                  <caption className="border-b border-border px-3 py-2 text-left font-medium">Columns</caption>
                  <thead className="bg-muted text-left">
                    <tr>
                      <th scope="col" className="px-3 py-1.5 font-medium">
                        In the file
                      </th>
                      <th scope="col" className="px-3 py-1.5 font-medium">
                        Field name
                      </th>
                      <th scope="col" className="px-3 py-1.5 font-medium">
                        Type
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-border">
                    {effective.map((c, i) => {
                      const problem = problems.get(i);
                      const skipped = c.type === "skip";
                      return (
                        <tr key={c.header} className={skipped ? "text-muted-foreground" : undefined}>
                          <th scope="row" className="max-w-40 truncate px-3 py-1.5 text-left font-normal" title={c.header}>
                            {c.header}
                          </th>
                          <td className="px-3 py-1.5 align-top">
                            <Input
                              aria-label={`Field name for ${c.header}`}
                              value={c.name}
                              maxLength={100}
                              autoComplete="off"
                              disabled={sending || skipped}
                              aria-invalid={problem ? true : undefined}
                              aria-describedby={problem ? `${id}-name-${i}-error` : undefined}
                              onChange={(event) => choose(i, { name: event.target.value })}
                              className="min-w-32"
                            />
                            <FieldError id={`${id}-name-${i}-error`} message={problem} className="mt-1" />
                          </td>
                          <td className="px-3 py-1.5 align-top">
                            <Select
                              aria-label={`Type of ${c.header}`}
                              aria-describedby={i === primary ? `${id}-primary-hint` : undefined}
                              value={c.type}
                              disabled={sending}
                              onChange={(event) => choose(i, { type: event.target.value as ColumnChoice["type"] })}
                              className="min-w-40"
                            >
                              {importableFieldTypes
                                .filter((type) => i !== primary || canBePrimary(type))
                                .map((type) => (
                                  <option key={type} value={type}>
                                    {label(type)}
                                    {type === c.inferredType ? " (guessed)" : ""}
                                  </option>
                                ))}
                              <option value="skip">Skip this column</option>
                            </Select>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <p id={`${id}-primary-hint`} className="text-xs text-muted-foreground">
                The first field names the rows, so it can be text, a number or a date. Types are guessed from{" "}
                {preview.complete ? "every row" : "the first rows"}; the whole file is checked when importing, and a value that does not fit the type
                you chose leaves its cell empty.
              </p>
            </div>

            {shown.length > 0 ? (
              <CsvPreviewTable
                preview={preview}
                columns={shown.map((c) => ({
                  index: c.index,
                  heading: (
                    <>
                      {c.name.trim() || c.header} <span className="font-normal text-muted-foreground">{label(c.type as ImportableFieldType)}</span>
                    </>
                  ),
                }))}
              />
            ) : null}
            <PreviewExtent preview={preview} />

            <Button type="submit" disabled={sending || shown.length === 0 || problems.size > 0} className="justify-self-start">
              {sending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Upload aria-hidden />}
              Import
            </Button>
          </>
        ) : null}
        <ImportFailure phase={phase} />
      </form>
      <ImportStatus phase={phase} tableHref={(tableId) => tablePath(workspaceId, baseId, tableId)} />
    </div>
  );
}
