import "server-only";
import { z } from "zod";
import { AppError, notFound } from "../../errors";
import { createRows } from "../../services/rows/create-rows";
import { deleteRows } from "../../services/rows/delete-rows";
import { readRowsById, readRowsPage, rowIdPattern } from "../../services/rows/row-codec";
import { updateRows } from "../../services/rows/update-rows";
import { loadTable } from "../../services/tables/table-meta";
import { idInput } from "../inputs";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const fieldKey = z.enum(["name", "id"]).optional();
const rowId = z.string().max(32);
const cellValues = z.record(z.string(), z.unknown());
const tableRef = z.object({ tableId: idInput, fieldKey });

// Cursors are opaque to clients: the last row id, base64url-encoded.
const encodeCursor = (id: string) => Buffer.from(id).toString("base64url");
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString();
  if (!rowIdPattern.test(id)) throw new AppError("BAD_REQUEST", "Invalid cursor");
  return id;
}

export const rowRouter = createTRPCRouter({
  list: workspaceProcedure("table.read")
    .input(tableRef.extend({ limit: z.coerce.number().int().min(1).max(1000).default(100), cursor: z.string().max(64).optional() }))
    .query(async ({ ctx, input }) => {
      const table = await loadTable(ctx.db, input.tableId);
      const afterId = input.cursor ? decodeCursor(input.cursor) : undefined;
      const page = await readRowsPage(ctx.db, table, { limit: input.limit, afterId, fieldKey: input.fieldKey });
      return { rows: page.rows, nextCursor: page.hasMore ? encodeCursor(page.rows.at(-1)!.id) : null };
    }),

  get: workspaceProcedure("table.read")
    .input(tableRef.extend({ rowId }))
    .query(async ({ ctx, input }) => {
      const table = await loadTable(ctx.db, input.tableId);
      const [row] = await readRowsById(ctx.db, table, [input.rowId], { fieldKey: input.fieldKey });
      if (!row) throw notFound("Row");
      return row;
    }),

  create: workspaceProcedure("row.write")
    .input(tableRef.extend({ rows: z.array(z.object({ fields: cellValues.optional() })).min(1).max(1000) }))
    .mutation(async ({ ctx, input }) => ({
      rows: await createRows(ctx.db, { table: await loadTable(ctx.db, input.tableId), rows: input.rows, actor: ctx.auditActor, fieldKey: input.fieldKey }),
    })),

  update: workspaceProcedure("row.write")
    .input(
      tableRef.extend({
        rows: z.array(z.object({ id: rowId, fields: cellValues.optional(), expected: cellValues.optional() })).min(1).max(1000),
      }),
    )
    .mutation(async ({ ctx, input }) => ({
      rows: await updateRows(ctx.db, { table: await loadTable(ctx.db, input.tableId), rows: input.rows, actor: ctx.auditActor, fieldKey: input.fieldKey }),
    })),

  delete: workspaceProcedure("row.write")
    .input(z.object({ tableId: idInput, ids: z.array(rowId).min(1).max(1000) }))
    .mutation(async ({ ctx, input }) =>
      deleteRows(ctx.db, { table: await loadTable(ctx.db, input.tableId), ids: input.ids, actor: ctx.auditActor }),
    ),
});
