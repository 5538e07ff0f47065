import "server-only";
import { stringify } from "csv-stringify/sync";
import type { Db } from "../../db";
import { readRowsPage } from "../rows/row-codec";
import type { TableMeta } from "../tables/table-meta";

const pageSize = 1000;

/** A cell as a spreadsheet shows it; importing the file reads it back to the same value. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(cellText).join(", ");
  if (typeof value === "object") return String((value as { name?: unknown }).name ?? JSON.stringify(value));
  return String(value);
}

/**
 * The table's live rows as CSV, produced a page at a time as the client
 * reads (keyset pages, so memory stays flat however large the table).
 */
export function exportCsv(db: Db, table: TableMeta): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A BOM, so spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${stringify([table.fields.map((f) => f.name)])}`));
        return;
      }
      const page = await readRowsPage(db, table, { limit: pageSize, afterId, fieldKey: "id" });
      if (page.rows.length > 0) {
        const lines = page.rows.map((row) => table.fields.map((f) => cellText(row.fields[f.id])));
        controller.enqueue(encoder.encode(stringify(lines)));
        afterId = page.rows.at(-1)!.id;
      }
      if (!page.hasMore) controller.close();
    },
  });
}
