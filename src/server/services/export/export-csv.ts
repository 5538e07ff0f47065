import "server-only";
import { stringify } from "csv-stringify/sync";
import { valueAsText } from "@/lib/fields/value-text";
import type { Db } from "../../db";
import { type PlanRequest, queryRows, selectedPlanColumns } from "../../query/execute";

const pageSize = 1000;

/**
 * The rows a plan selects, as CSV, produced a page at a time as the client
 * reads (keyset pages, so memory stays flat however large the table). Goes
 * through the query plan, so the reader's field and row rules apply and a
 * filtered, sorted grid exports as shown.
 */
export function exportCsv(db: Db, request: Omit<PlanRequest, "fieldKey">): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const columns = selectedPlanColumns(request);
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A BOM, so spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${stringify([columns.map((c) => c.name)])}`));
        return;
      }
      const page = await queryRows(db, { ...request, plan: { ...request.plan, limit: pageSize, cursor }, fieldKey: "id" });
      if (page.rows.length > 0) {
        const lines = page.rows.map((row) => columns.map((c) => valueAsText(row.fields[c.id])));
        controller.enqueue(encoder.encode(stringify(lines)));
      }
      if (!page.nextCursor) controller.close();
      cursor = page.nextCursor ?? undefined;
    },
  });
}
