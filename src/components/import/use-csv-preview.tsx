"use client";

import { useState } from "react";
import { type CsvPreview, previewCsv } from "@/lib/csv/preview-csv";

// The preview reads this much of the file: enough rows to guess types from or
// check values against, and to look at, without reading a large file into the page.
const previewBytes = 1024 * 1024;
const previewRows = 200;
const rowsShown = 20;

export type FilePreview = CsvPreview & { file: File };

/** The start of a chosen CSV file, read in the page as the server will read it all (previewCsv); or why it could not be. */
export function useCsvPreview() {
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  /** The file's preview, or null (the error is then set). */
  async function read(file: File): Promise<FilePreview | null> {
    setReadError(null);
    try {
      const text = await file.slice(0, previewBytes).text();
      const read = { ...previewCsv(text, { truncated: file.size > previewBytes, maxRows: previewRows }), file };
      setPreview(read);
      return read;
    } catch (error) {
      setPreview(null);
      setReadError(error instanceof Error ? error.message : "The file could not be read as CSV");
      return null;
    }
  }
  return { preview, readError, read, clear: () => setPreview(null) };
}

/** The first rows of the file, in the columns shown (each by its index in the file, under its heading). */
export function CsvPreviewTable({ preview, columns }: { preview: FilePreview; columns: Array<{ index: number; heading: React.ReactNode }> }) {
  return (
    <div className="max-h-80 min-w-0 overflow-auto rounded-md border border-border">
      <table className="w-full text-sm">
        <caption className="sr-only">Preview of {preview.file.name}</caption>
        <thead className="sticky top-0 bg-muted text-left">
          <tr>
            {columns.map((c) => (
              <th key={c.index} scope="col" className="whitespace-nowrap px-3 py-1.5 font-medium">
                {c.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {preview.rows.slice(0, rowsShown).map((row, r) => (
            <tr key={r}>
              {columns.map((c) => (
                <td key={c.index} className="max-w-60 truncate whitespace-nowrap px-3 py-1.5" title={row[c.index]}>
                  {row[c.index]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How much of the file the preview shows. */
export function PreviewExtent({ preview }: { preview: FilePreview }) {
  return (
    <p className="text-xs text-muted-foreground">
      {preview.rows.length === 0
        ? "The file has no rows under its header."
        : preview.complete && preview.rows.length <= rowsShown
          ? `${preview.rows.length === 1 ? "Its only row" : `All ${preview.rows.length} rows`} shown.`
          : `The first ${Math.min(rowsShown, preview.rows.length)} rows shown.`}
    </p>
  );
}
