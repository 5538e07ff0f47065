import "server-only";
import { stringify } from "csv-stringify/sync";
import { valueAsText } from "@/lib/fields/value-text";
import type { Db } from "../../db";
import { readRowsPage } from "../rows/row-codec";
import type { TableMeta } from "../tables/table-meta";

const pageSize = 1000;

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
        const lines = page.rows.map((row) => table.fields.map((f) => valueAsText(row.fields[f.id])));
        controller.enqueue(encoder.encode(stringify(lines)));
        afterId = page.rows.at(-1)!.id;
      }
      if (!page.hasMore) controller.close();
    },
  });
}
