import Papa from "papaparse";
import type { FieldType } from "../fields/field-type";
import { delimiterOf } from "./delimiter-of";
import { ColumnProfile, fieldNamesFromHeader } from "./infer-field-types";

export type CsvPreview = {
  delimiter: string;
  /** The columns' names as the importer derives them from the header row (the `header` of the `columns` parameter). */
  columns: string[];
  /** The types inferred from the rows read. */
  inferred: FieldType[];
  /** The first records after the header, each cut or padded to the columns. */
  rows: string[][];
  /** Whether the rows are the whole file (else the types are guesses from its start). */
  complete: boolean;
};

/**
 * Reads the start of a CSV file as the server will read all of it: the same
 * delimiter, header names and type inference, so the wizard shows what an
 * untouched import would do. `truncated` says the text is a leading slice
 * of the file: its last record may be cut, so it is dropped.
 */
export function previewCsv(text: string, { truncated, maxRows }: { truncated: boolean; maxRows: number }): CsvPreview {
  const delimiter = delimiterOf(text);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimiter, skipEmptyLines: false, preview: maxRows + 1 });
  // Papaparse stopped at maxRows records, or the text stops short of the file's end (cutting its last record).
  const cut = parsed.meta.truncated || truncated;
  const data = truncated && !parsed.meta.truncated ? parsed.data.slice(0, -1) : parsed.data;
  // As on the server: a blank line is no record, and a record with broken quoting is not imported.
  const broken = new Set(parsed.errors.filter((e) => e.type === "Quotes").map((e) => e.row));
  const records = data.filter((values, i) => !broken.has(i) && !(values.length === 1 && values[0]!.trim() === ""));
  const [header, ...body] = records;
  if (!header) throw new Error("The file is empty: it needs a header row naming the columns");
  const columns = fieldNamesFromHeader(header);
  const rows = body.filter((values) => values.length <= columns.length);
  const profiles = columns.map(() => new ColumnProfile());
  for (const values of rows) values.forEach((value, i) => profiles[i]!.add(value));
  return {
    delimiter,
    columns,
    inferred: profiles.map((p) => p.result().type),
    rows: rows.map((values) => columns.map((_, i) => values[i] ?? "")),
    complete: !cut,
  };
}
